import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { roomName } from '../../shared/rooms.ts'
import { PRIVATE_ROOT } from '../../shared/schema/private.ts'
import { openRoom, type RoomConnection, type RoomOptions, syncCredentials } from './connection.ts'

/** `persist`: private notes written offline survive a reload. */
export interface PrivateConnectionOptions extends RoomOptions {
  workshopId: string
  token: string
  participantId: string
  secret: string
}

/**
 * One participant's private document (room `<workshopId>/private/<participantId>`): their
 * notes during private writing and their ballots. Only they may open it (the facilitator's
 * link does not).
 */
export type PrivateConnection = RoomConnection

/** Name of the IndexedDB database that keeps a private document on this device. */
export const localPrivateDocName = (workshopId: string, participantId: string): string =>
  `fabrique:${workshopId}:private:${participantId}`

export const openPrivateConnection = (options: PrivateConnectionOptions): PrivateConnection =>
  openRoom(
    options,
    roomName({
      kind: 'private',
      workshopId: options.workshopId,
      participantId: options.participantId,
    }),
    localPrivateDocName(options.workshopId, options.participantId),
    syncCredentials(options.token, {
      participantId: options.participantId,
      secret: options.secret,
    }),
  )

/**
 * Whether the private document's content is known, so that creating a map in it (a canvas
 * counterpart, a ballot) cannot race with one the server already holds: after the first sync
 * with the server, or after loading a copy this device kept from an earlier sync.
 */
export const createPrivateReady = (connection: PrivateConnection | null): Accessor<boolean> => {
  if (!connection) return () => false
  const known = () =>
    connection.provider.synced ||
    connection.doc.getMap(PRIVATE_ROOT.meta).get('schemaVersion') !== undefined
  const [ready, setReady] = createSignal(connection.provider.synced)
  const check = () => {
    if (!ready() && known()) setReady(true)
  }
  const onSync = (synced: boolean) => {
    if (synced) setReady(true)
  }
  connection.provider.on('sync', onSync)
  void connection.whenLocalLoaded.then(check)
  onCleanup(() => connection.provider.off('sync', onSync))
  return ready
}
