import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PRESENCE_FIELD, type PresenceUser } from '../../shared/presence.ts'
import { CloseCode, SYNC_PATH, type SyncCredentials } from '../../shared/protocol.ts'
import { openProvider } from './provider.ts'
import type { SaveTracker } from './SaveTracker.ts'

/** Check the token after this many failed connection attempts in a row (and every so many after). */
const ACCESS_CHECK_EVERY = 3

/**
 * What the server says of this page's access: all good, the link's token no longer works
 * (rotated), or the identity it presents names nobody any more (the person was forgotten).
 */
export type Access = 'ok' | 'revoked' | 'forgotten'

/** What a page gives every connection to a room: the workshop's, or a private one. */
export interface RoomOptions {
  /** Keep a copy of the document in IndexedDB so offline changes survive a reload. */
  persist?: boolean
  /** The server refused a change of this device's; its local copy is gone (see openProvider). */
  onRefused?: (reason: string) => void
  /** The server reverted a change of this device's and said why (see ProviderOptions). */
  onDenied?: (reason: string) => void
  /** For tests: another WebSocket implementation, or an explicit server URL. */
  WebSocketPolyfill?: typeof WebSocket
  serverUrl?: string
}

export interface ConnectionOptions extends RoomOptions {
  workshopId: string
  token: string
  /** Who this browser is, published in awareness (presence is never stored in the document). */
  user: PresenceUser
  /**
   * The identity the server issued at join (participant and facilitator links): sent with the
   * connection so the server knows who edits. Absent for observers.
   */
  participant?: { participantId: string; secret: string } | null
  /**
   * Asked after repeated failed connection attempts, and when the server closes the
   * connection with 4401. A revoked token or a forgotten identity is refused at the upgrade
   * (HTTP 401), which the browser reports as a plain failure and y-websocket would retry
   * forever: this lets the page find out and stop with a clear message.
   */
  checkAccess?: () => Promise<Access>
  /** The server no longer knows this person (`checkAccess` said `forgotten`): the page stops. */
  onForgotten?: () => void
}

/** One open room: its document, its sync provider and save status. */
export interface RoomConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  tracker: SaveTracker
  /** Resolves once the IndexedDB copy (if any) is loaded into `doc`. */
  whenLocalLoaded: Promise<void>
  destroy: () => void
}

/** One open workshop: the document, its sync provider, presence and save status. */
export interface WorkshopConnection extends RoomConnection {
  awareness: Awareness
  setUser: (user: PresenceUser) => void
}

/** `ws://host/sync` or `wss://host/sync`, on the page's own origin. */
export const syncUrl = (loc: Pick<Location, 'protocol' | 'host'> = window.location): string =>
  `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${SYNC_PATH}`

/**
 * The credentials of a sync connection: the role token, and the participant's identity if any.
 * They go as subprotocols, never in the URL (see `credentialProtocols`).
 */
export const syncCredentials = (
  token: string,
  participant?: { participantId: string; secret: string } | null,
): SyncCredentials =>
  participant
    ? { token, participant: participant.participantId, secret: participant.secret }
    : { token }

/** Name of the IndexedDB database that keeps a workshop's document on this device. */
export const localDocName = (workshopId: string): string => `fabrique:${workshopId}`

/**
 * Opens `room` as `credentials`: a new document, its copy in the IndexedDB database
 * `localName` (unless `persist` is false, or the browser has none) and its provider.
 */
export const openRoom = (
  options: RoomOptions,
  room: string,
  localName: string,
  credentials: SyncCredentials,
): RoomConnection => {
  const doc = new Y.Doc()
  const persistence =
    options.persist !== false && typeof indexedDB !== 'undefined'
      ? new IndexeddbPersistence(localName, doc)
      : null
  const opened = openProvider({
    url: options.serverUrl ?? syncUrl(),
    room,
    doc,
    credentials,
    persistence,
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    ...(options.onDenied ? { onDenied: options.onDenied } : {}),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  })
  const whenLocalLoaded = persistence
    ? persistence.whenSynced.then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve()
  return {
    doc,
    provider: opened.provider,
    tracker: opened.tracker,
    whenLocalLoaded,
    destroy: () => {
      opened.destroy()
      void persistence?.destroy()
      doc.destroy()
    },
  }
}

export const openWorkshopConnection = (options: ConnectionOptions): WorkshopConnection => {
  const opened = openRoom(
    options,
    options.workshopId,
    localDocName(options.workshopId),
    syncCredentials(options.token, options.participant),
  )
  const { provider, tracker } = opened
  const awareness = provider.awareness
  const setUser = (user: PresenceUser) => awareness.setLocalStateField(PRESENCE_FIELD, user)
  setUser(options.user)

  let failures = 0
  let checking = false
  const onStatus = (event: { status: string }) => {
    if (event.status === 'connected') failures = 0
  }
  const check = () => {
    if (!options.checkAccess || checking) return
    checking = true
    options
      .checkAccess()
      .then((access) => {
        if (access === 'ok') return
        provider.disconnect()
        if (access === 'revoked') tracker.markClosed(CloseCode.unauthorized)
        else options.onForgotten?.()
      })
      .catch(() => {
        // unknown (the server may be down): keep retrying
      })
      .finally(() => {
        checking = false
      })
  }
  const onConnectionClose = () => {
    failures++
    if (failures % ACCESS_CHECK_EVERY === 0) check()
  }
  // 4401: the link was replaced, or this person forgotten; which one decides what to show.
  const onClosed = (event: { code: number }) => {
    if (event.code === CloseCode.unauthorized) check()
  }
  provider.on('status', onStatus)
  provider.on('connection-close', onConnectionClose)
  provider.on('closed', onClosed)

  return {
    ...opened,
    awareness,
    setUser,
    destroy: () => {
      provider.off('status', onStatus)
      provider.off('connection-close', onConnectionClose)
      provider.off('closed', onClosed)
      opened.destroy()
    },
  }
}
