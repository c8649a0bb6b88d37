/**
 * Wire protocol shared by the sync server and the client.
 *
 * Messages are the standard y-websocket ones (y-protocols sync + awareness), so any
 * `WebsocketProvider` can talk to the server. Close codes in the 4xxx range are ours and are
 * documented in README.md; y-websocket does not reconnect after a 44xx close.
 */

/** First varint of every frame: which y-protocols handler reads the rest. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** WebSocket close codes the server uses. */
export const CloseCode = {
  /** Server is shutting down; the client reconnects. */
  goingAway: 1001,
  /** Frame larger than the configured maximum (set by `ws` itself). */
  messageTooBig: 1009,
  /** A frame could not be decoded, or has an unknown message type. */
  badMessage: 4400,
  /** The token was revoked while connected. */
  unauthorized: 4401,
  /** The connection is not allowed to do what it tried. */
  forbidden: 4403,
  /** The room would grow past its size limit: the update was not applied. */
  roomFull: 4413,
  /** Too many messages per second from this connection. */
  rateLimited: 4429,
  /** The room could not be loaded or saved, or failed: it reloads from storage at the next join. */
  internalError: 4500,
  /** The client did not read what it was sent: its unsent bytes passed the budget. It reconnects. */
  tooSlow: 4508,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Path prefix of the sync endpoint: `/sync/<workshopId>?token=…`. */
export const SYNC_PATH = '/sync'
