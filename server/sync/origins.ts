import { Connection } from './Connection.ts'

/**
 * The connection a transaction or an awareness change came from, if it came from one. Origins
 * are also the server's own actions (strings), y-protocols' `'timeout'` and `null`: never cast
 * an origin, ask this.
 */
export const senderOf = (origin: unknown): Connection | null =>
  origin instanceof Connection ? origin : null
