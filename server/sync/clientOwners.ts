import type { ClientOwner } from '../storage/Storage.ts'
import { ProtocolError } from './errors.ts'

/** The owner of the client ids the server writes under. */
export const SERVER_OWNER = 'server'
/**
 * The owner of client ids a room held before owners were recorded: nobody can prove they are
 * theirs, so nobody writes under them again (a device that still does gets 4400, and resyncs
 * under a new id).
 */
const UNKNOWN_OWNER = 'unknown'

/**
 * Who each Yjs client id of a room's document belongs to (a person, a link's role or the
 * server). Structs written under a victim's id at their next clock would make every later
 * edit of theirs ignored, so an id is bound to the first owner that brings content under it
 * or shows it in their presence, and refused to anyone else. New owners are stored with the
 * room's next commit (`takeNew`).
 */
export class ClientOwners {
  private readonly owners = new Map<number, string>()
  /** Owners claimed since the last commit. */
  private fresh: ClientOwner[] = []

  /**
   * The owners `stored` with the room; every other id of `clients` (the document's, as loaded)
   * was stored before owners were, and is nobody's (`UNKNOWN_OWNER`).
   */
  constructor(stored: readonly ClientOwner[], clients: Iterable<number>) {
    for (const { client, owner } of stored) this.owners.set(client, owner)
    for (const client of clients) {
      if (!this.owners.has(client)) this.owners.set(client, UNKNOWN_OWNER)
    }
  }

  /** Whose `client` is; undefined for an id the room never saw. */
  ownerOf(client: number): string | undefined {
    return this.owners.get(client)
  }

  /**
   * Binds the ids an update brings new content under to `owner`, or refuses the update
   * (`ProtocolError`, nothing bound) if one of them belongs to someone else.
   */
  claim(clients: Iterable<number>, owner: string): void {
    const claimed: number[] = []
    for (const client of clients) {
      const current = this.owners.get(client)
      if (current === undefined) claimed.push(client)
      else if (current !== owner) {
        throw new ProtocolError(
          `refused document update: Yjs client id ${client} belongs to someone else`,
        )
      }
    }
    for (const client of claimed) this.bind(client, owner)
  }

  /**
   * Binds `client` to `owner` unless someone owns it already: a client's presence shows its id
   * before it writes anything, and the server's own writes go under its id.
   */
  claimFree(client: number, owner: string): void {
    if (!this.owners.has(client)) this.bind(client, owner)
  }

  /** The owners claimed since the last call, to store with the room's commit. */
  takeNew(): ClientOwner[] {
    const fresh = this.fresh
    this.fresh = []
    return fresh
  }

  private bind(client: number, owner: string): void {
    this.owners.set(client, owner)
    this.fresh.push({ client, owner })
  }
}
