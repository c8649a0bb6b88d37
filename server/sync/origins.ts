import { Connection } from './Connection.ts'

/**
 * What is left of a connection's update once the write policy reverted what it refused (see
 * Room.applyChecked): stored and relayed in place of the update, and to its sender as well,
 * which has yet to learn of the revert.
 */
export class Revised {
  constructor(readonly sender: Connection) {}
}

/**
 * The connection a transaction or an awareness change came from, if it came from one. Origins
 * are also the server's own actions (strings), y-protocols' `'timeout'` and `null`: never cast
 * an origin, ask this.
 */
export const senderOf = (origin: unknown): Connection | null => {
  if (origin instanceof Connection) return origin
  return origin instanceof Revised ? origin.sender : null
}
