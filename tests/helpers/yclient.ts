import WebSocket from 'ws'
import * as authProtocol from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/**
 * A real y-websocket client, as any other tool would connect. `room` is a workshop id or a
 * private room name; `params` may add `participant` and `secret`; `polyfill` is the WebSocket
 * class it opens its sockets with (`ws`'s, or a subclass of it).
 */
export const connectClient = (
  syncUrl: string,
  room: string,
  token: string,
  params: Record<string, string> = {},
  polyfill: typeof WebSocket = WebSocket,
): TestClient => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    params: { token, ...params },
    WebSocketPolyfill: polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export const synced = (client: TestClient): Promise<void> =>
  client.provider.synced
    ? Promise.resolve()
    : new Promise((resolve) => {
        const onSync = (isSynced: boolean) => {
          if (!isSynced) return
          client.provider.off('sync', onSync)
          resolve()
        }
        client.provider.on('sync', onSync)
      })

/**
 * Polls until `check` holds (or throws with `what` after `timeoutMs`). A check that throws
 * counts as not yet: a client may receive relayed edits before its initial sync, so a document
 * can be partly there for a moment (a participant listed before the seeded canvas is).
 */
export const waitFor = async (
  what: string,
  check: () => boolean,
  timeoutMs = 5000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let failure: unknown = null
    try {
      if (check()) return
    } catch (error) {
      failure = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`, failure ? { cause: failure } : undefined)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The refusal codes the server sends `client` (y-protocols' permission-denied messages). */
export const refusalsOf = (client: TestClient): string[] => {
  const reasons: string[] = []
  client.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) =>
    authProtocol.readAuthMessage(decoder, client.doc, (_doc, reason) => reasons.push(reason))
  return reasons
}
