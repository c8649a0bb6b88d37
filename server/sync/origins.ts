import { MIGRATION_ORIGIN } from '../../shared/schema/migrations.ts'
import { Connection } from './Connection.ts'

/**
 * What is left of a connection's update once the write policy reverted what it refused (see
 * Room.applyChecked): stored and relayed in place of the update, and to its sender as well,
 * which has yet to learn of the revert.
 */
export class Revised {
  constructor(readonly sender: Connection) {}
}

/** The server's own work on a document, named for the logs. */
export class ServerAction {
  constructor(readonly name: string) {}
}

/** The server's actions, each one origin (compared by identity). */
export const SERVER_ACTIONS = {
  seed: new ServerAction('seed a new workshop'),
  import: new ServerAction('import an archive'),
  results: new ServerAction('publish vote results'),
  reveal: new ServerAction('reveal private notes'),
  forget: new ServerAction('forget a participant'),
  restore: new ServerAction('restore a version'),
  sessions: new ServerAction('plan, start or end a session'),
  boards: new ServerAction('keep or carry a session’s boards'),
} as const

/**
 * Every origin a transaction or an awareness change on the server can have: a connection's
 * update as sent, what the policy kept of one, the server's own action, a schema migration at
 * load (shared code names it with a string), y-protocols' presence expiry, or none.
 */
export type Origin =
  | Connection
  | Revised
  | ServerAction
  | typeof MIGRATION_ORIGIN
  | 'timeout'
  | null

/**
 * The origin Yjs or y-protocols hands back (typed `any` by them), checked. An origin none of
 * the server's code gives is a bug: it throws rather than pass for something it is not.
 */
export const originOf = (origin: unknown): Origin => {
  if (
    origin === null ||
    origin === undefined ||
    origin instanceof Connection ||
    origin instanceof Revised ||
    origin instanceof ServerAction
  ) {
    return origin ?? null
  }
  if (origin === MIGRATION_ORIGIN || origin === 'timeout') return origin
  throw new TypeError(`an origin the server does not give: ${String(origin).slice(0, 64)}`)
}

/** The connection a transaction or an awareness change came from, if it came from one. */
export const senderOf = (origin: Origin): Connection | null => {
  if (origin instanceof Connection) return origin
  return origin instanceof Revised ? origin.sender : null
}
