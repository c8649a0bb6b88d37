import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { roomName } from '../../shared/rooms.ts'
import { PRIVATE_ROOT } from '../../shared/schema/private.ts'
import { syncCredentials, syncUrl } from './connection.ts'
import { openProvider } from './provider.ts'
import type { SaveTracker } from './SaveTracker.ts'

export interface PrivateConnectionOptions {
  workshopId: string
  token: string
  participantId: string
  secret: string
  /** Keep a copy in IndexedDB so private notes written offline survive a reload. */
  persist?: boolean
  /** The server refused a change of this device's; its local copy is gone (see openProvider). */
  onRefused?: (reason: string) => void
  /** The server reverted a change of this device's and said why (see ProviderOptions). */
  onDenied?: (reason: string) => void
  /** For tests: another WebSocket implementation, or an explicit server URL. */
  WebSocketPolyfill?: typeof WebSocket
  serverUrl?: string
}

/**
 * One participant's private document (room `<workshopId>/private/<participantId>`): their
 * notes during private writing and their ballots. Only they may open it (the facilitator's
 * link does not).
 */
export interface PrivateConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  tracker: SaveTracker
  /** Resolves once the IndexedDB copy (if any) is loaded into `doc`. */
  whenLocalLoaded: Promise<void>
  destroy: () => void
}

/** Name of the IndexedDB database that keeps a private document on this device. */
export const localPrivateDocName = (workshopId: string, participantId: string): string =>
  `fabrique:${workshopId}:private:${participantId}`

export const openPrivateConnection = (options: PrivateConnectionOptions): PrivateConnection => {
  const doc = new Y.Doc()
  const persistence =
    options.persist !== false && typeof indexedDB !== 'undefined'
      ? new IndexeddbPersistence(
          localPrivateDocName(options.workshopId, options.participantId),
          doc,
        )
      : null
  const room = roomName({
    kind: 'private',
    workshopId: options.workshopId,
    participantId: options.participantId,
  })
  const opened = openProvider({
    url: options.serverUrl ?? syncUrl(),
    room,
    doc,
    credentials: syncCredentials(options.token, {
      participantId: options.participantId,
      secret: options.secret,
    }),
    persistence,
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    ...(options.onDenied ? { onDenied: options.onDenied } : {}),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  })
  const { provider, tracker } = opened

  const whenLocalLoaded = persistence
    ? persistence.whenSynced.then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve()

  return {
    doc,
    provider,
    tracker,
    whenLocalLoaded,
    destroy: () => {
      opened.destroy()
      void persistence?.destroy()
      doc.destroy()
    },
  }
}

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
