import type { IndexeddbPersistence } from 'y-indexeddb'
import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  CloseCode,
  credentialProtocols,
  MessageType,
  type SyncCredentials,
} from '../../shared/protocol.ts'
import { SaveTracker } from './SaveTracker.ts'
import { watchWake } from './wake.ts'

export interface ProviderOptions {
  url: string
  room: string
  doc: Y.Doc
  /** The role token and the participant's identity (see syncCredentials). */
  credentials: SyncCredentials
  /** The copy of `doc` this device keeps, if any: dropped when the server refuses a change. */
  persistence?: IndexeddbPersistence | null
  /**
   * The server refused a change of this device's (close 4400) and its copy on this device is
   * gone: the page should start again from what the server holds (`reason` says what it was).
   */
  onRefused?: (reason: string) => void
  /**
   * The server reverted a change of this device's that its write policy does not allow, and
   * said why (y-protocols' permission-denied message): `reason` is a refusal code of
   * shared/schema/rights.ts, or whatever a different server sent. The socket stays open.
   */
  onDenied?: (reason: string) => void
  /** For tests: another WebSocket implementation. */
  WebSocketPolyfill?: typeof WebSocket
}

/**
 * Asleep this long (a phone's screen off, a laptop's lid closed), the socket may be dead without
 * knowing it, and y-websocket would notice only at its next watchdog tick: connect again at once.
 */
const RECONNECT_AFTER_SLEEP_MS = 30_000

/**
 * Makes `provider` send only its own awareness changes. The stock provider sends every change
 * its awareness applies, those it just received from the server too (see openProvider).
 */
export const sendOwnAwarenessOnly = (provider: WebsocketProvider): void => {
  const sendAll = provider._awarenessUpdateHandler
  provider.awareness.off('update', sendAll)
  // The provider's destroy() removes whatever this property holds.
  provider._awarenessUpdateHandler = (changes, origin) => {
    if (origin !== provider) sendAll(changes, origin)
  }
  provider.awareness.on('update', provider._awarenessUpdateHandler)
}

/**
 * Hands the server's permission-denied messages to `onDenied` instead of y-websocket's default
 * handler (a console warning nobody reads). Only messages from the socket count: another tab's
 * BroadcastChannel never relays the server's refusals, so none arrives that way.
 */
export const handlePermissionDenied = (
  provider: WebsocketProvider,
  onDenied: (reason: string) => void,
): void => {
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder, prov, fromSocket) => {
    authProtocol.readAuthMessage(decoder, prov.doc, (_doc, reason) => {
      if (fromSocket) onDenied(reason)
    })
  }
}

/** A room's y-websocket provider as every Fabrique connection opens it, with its save status. */
export interface OpenProvider {
  provider: WebsocketProvider
  tracker: SaveTracker
  destroy: () => void
}

/**
 * Opens `room` with y-websocket's `WebsocketProvider`, changed in these ways:
 * - it sends only this browser's own awareness changes. The stock provider sends every change
 *   its awareness applies, those it just received from the server too: each person echoes
 *   everyone's cursor moves back, so in a room of 200 the server reads 200 copies of each
 *   move, and every phone uploads as much presence as it downloads;
 * - when the browser says it is offline, the socket is dropped at once (the status says
 *   "offline" now, not after a timeout), and y-websocket retries with backoff until the
 *   network is back;
 * - when the server refuses a change (4400: outside the bounds, or not a valid update), the
 *   copy kept on this device is deleted before `onRefused` is called, so the refused change
 *   is never sent again at the next connection;
 * - when the server reverts a change its write policy does not allow, it says why (a
 *   permission-denied message): `onDenied` gets the reason, rather than the console;
 * - back from a long sleep, it connects again at once (and so catches up on what it missed),
 *   unless the server closed it for good.
 */
export const openProvider = (options: ProviderOptions): OpenProvider => {
  const provider = new WebsocketProvider(options.url, options.room, options.doc, {
    protocols: credentialProtocols(options.credentials),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  })
  sendOwnAwarenessOnly(provider)
  handlePermissionDenied(provider, (reason) => options.onDenied?.(reason))
  const tracker = new SaveTracker(provider)
  const onBrowserOffline = () => {
    if (provider.wsconnected || provider.wsconnecting) {
      provider.disconnect()
      provider.connect()
    }
  }
  window.addEventListener('offline', onBrowserOffline)
  const stopWatchingWake = watchWake(RECONNECT_AFTER_SLEEP_MS, () => {
    if (!provider.shouldConnect) return
    provider.disconnect()
    provider.connect()
  })
  const onClosed = (event: { code: number; reason: string }) => {
    if (event.code !== CloseCode.badMessage) return
    const cleared = options.persistence ? options.persistence.clearData() : Promise.resolve()
    void cleared.finally(() => options.onRefused?.(event.reason))
  }
  provider.on('closed', onClosed)
  return {
    provider,
    tracker,
    destroy: () => {
      provider.off('closed', onClosed)
      window.removeEventListener('offline', onBrowserOffline)
      stopWatchingWake()
      tracker.destroy()
      provider.destroy()
    },
  }
}
