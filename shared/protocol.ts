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

/**
 * The WebSocket subprotocol Fabrique's browsers ask for, and the server answers with. They
 * send their credentials as more subprotocols (`fabrique.token.<token>`,
 * `fabrique.participant.<id>`, `fabrique.secret.<secret>`), a request header, rather than in
 * the URL's query, which browsers keep in their history and proxies write to their access
 * logs. The query (`?token=`, the contract) works too; a credential sent both ways is taken
 * from the header.
 */
export const SYNC_PROTOCOL = 'fabrique'
export const SYNC_CREDENTIALS = ['token', 'participant', 'secret'] as const
type Credential = (typeof SYNC_CREDENTIALS)[number]
export type SyncCredentials = Partial<Record<Credential, string>>

const PREFIX = `${SYNC_PROTOCOL}.`

/**
 * A subprotocol is an HTTP token: percent-escapes are allowed in it, the parentheses and a few
 * other characters `encodeURIComponent` keeps are not.
 */
const asToken = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )

/** The subprotocols that carry `credentials`, ours first (the one the server answers with). */
export const credentialProtocols = (credentials: SyncCredentials): string[] => [
  SYNC_PROTOCOL,
  ...SYNC_CREDENTIALS.flatMap((key) => {
    const value = credentials[key]
    return value === undefined ? [] : [`${PREFIX}${key}.${asToken(value)}`]
  }),
]

/**
 * The credentials a `Sec-WebSocket-Protocol` header carries, read without trusting it: unknown
 * names and values that do not decode are left out.
 */
export const readCredentialProtocols = (header: string | undefined): Map<Credential, string> => {
  const found = new Map<Credential, string>()
  for (const offered of (header ?? '').split(',')) {
    const protocol = offered.trim()
    if (!protocol.startsWith(PREFIX)) continue
    const dot = protocol.indexOf('.', PREFIX.length)
    const key = protocol.slice(PREFIX.length, dot) as Credential
    if (dot < 0 || !SYNC_CREDENTIALS.includes(key)) continue
    try {
      found.set(key, decodeURIComponent(protocol.slice(dot + 1)))
    } catch {
      // a malformed escape: not a credential
    }
  }
  return found
}

/**
 * Which offered subprotocol the server answers with: ours, else the first that is not a
 * credential (a stock client's), else none. Never a credential: it would come back in the
 * response.
 */
export const chooseProtocol = (offered: ReadonlySet<string>): string | false => {
  if (offered.has(SYNC_PROTOCOL)) return SYNC_PROTOCOL
  for (const protocol of offered) if (!protocol.startsWith(PREFIX)) return protocol
  return false
}
