import { roomName } from '../../shared/rooms.ts'
import { openRoom, type RoomConnection, syncCredentials } from './connection.ts'

export interface SessionBoardsOptions {
  workshopId: string
  sessionId: string
  token: string
  /** The identity issued at join, if any: sent as on the lab's room (the server checks it). */
  participant: { participantId: string; secret: string } | null
  /** For tests: another WebSocket implementation, or an explicit server URL. */
  WebSocketPolyfill?: typeof WebSocket
  serverUrl?: string
}

/**
 * The boards of an ended session (room `<workshopId>/session/<sessionId>`, see
 * shared/schema/sessionBoards.ts), opened to read: with this person's own credentials, as the
 * lab's room is, no copy on the device (they are the server's, and nothing is written), and no
 * presence (nobody works there).
 */
export const openSessionBoards = (options: SessionBoardsOptions): RoomConnection => {
  const { workshopId, sessionId, token, participant, ...rest } = options
  const connection = openRoom(
    { ...rest, persist: false },
    roomName({ kind: 'session', workshopId, sessionId }),
    '',
    syncCredentials(token, participant),
  )
  connection.provider.awareness.setLocalState(null)
  return connection
}
