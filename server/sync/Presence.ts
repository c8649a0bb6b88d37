import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { type AwarenessEntry, filterAwarenessUpdate } from '../../shared/awarenessUpdate.ts'
import type { Connection } from './Connection.ts'
import { ProtocolError } from './errors.ts'
import { jsonDepthExceeds } from './jsonDepth.ts'
import { awarenessMessage } from './messages.ts'

export interface PresenceLimits {
  /**
   * Entries one awareness message may list. A stock y-websocket client echoes every entry it
   * receives, so a room's message may list each connection: the cap is at least twice the
   * room's connections.
   */
  maxEntries: number
  /** Bytes of one presence state (its JSON). */
  maxStateBytes: number
  /** Nesting of a presence state's arrays and objects. */
  maxStateDepth: number
  /** A presence not renewed for this long is removed (y-websocket renews every 15 s). */
  timeoutMs: number
}

export const PRESENCE_LIMITS: Omit<PresenceLimits, 'timeoutMs'> = {
  maxEntries: 1024,
  maxStateBytes: 4096,
  maxStateDepth: 8,
}

/**
 * Who may take over a client id another connection holds: the same person (their participant
 * identity, never just the shared link) reconnecting from a socket that is still half-open.
 */
const samePerson = (a: Connection, b: Connection): boolean =>
  a.workshopId === b.workshopId && a.participantId !== null && a.participantId === b.participantId

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The presence (awareness) of a room, bound to its connections. A connection sets and removes
 * only the one awareness client id it owns (a y-websocket client has one): entries for other
 * ids, which stock clients echo back, are dropped without being parsed. A reconnecting phone
 * may reuse its client id while its half-open old socket still holds it: the same person takes
 * it over. Every state is checked (bytes, nesting, JSON) before it is applied, so the room
 * relays only states it has validated. Presences expire on the server's own clock, not
 * y-protocols' hard-coded 30 s.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness
  /** Which connection owns each client id. */
  private readonly owners = new Map<number, Connection>()
  /** The awareness message listing everyone, shared by joins and queries until a change. */
  private everyone: Uint8Array | null = null
  private readonly expiry: NodeJS.Timeout

  constructor(
    doc: Y.Doc,
    private readonly limits: PresenceLimits,
    /** Called with the client ids whose presence changed (to relay them). */
    private readonly changed: (clients: number[]) => void,
    /** A fault inside the expiry timer: the room decides what to do. */
    private readonly crashed: (error: unknown, where: string) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // y-protocols' own timer removes states with the origin 'timeout' every 3 s after 30 s;
    // ours runs on `timeoutMs`.
    clearInterval(this.awareness._checkInterval)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
    this.expiry = setInterval(this.expire, Math.max(50, Math.floor(limits.timeoutMs / 10)))
    this.expiry.unref()
  }

  /** Bytes of presence the room holds (the JSON of every state). */
  get heldBytes(): number {
    let bytes = 0
    for (const state of this.awareness.getStates().values()) bytes += JSON.stringify(state).length
    return bytes
  }

  /** The message listing every presence, or null when nobody has one. */
  everyoneMessage(): Uint8Array | null {
    if (this.awareness.getStates().size === 0) return null
    this.everyone ??= awarenessMessage(this.awareness, [...this.awareness.getStates().keys()])
    return this.everyone
  }

  /** Applies an awareness update from `conn`. Throws `ProtocolError` for one it refuses. */
  receive(conn: Connection, update: Uint8Array, roomConnections: number): void {
    const maxEntries = Math.max(this.limits.maxEntries, roomConnections * 2)
    let fresh: Uint8Array | null
    try {
      fresh = filterAwarenessUpdate(update, (entry) => this.accepts(conn, entry), maxEntries)
    } catch (error) {
      if (error instanceof ProtocolError) throw error
      throw new ProtocolError(`invalid awareness update: ${(error as Error).message}`)
    }
    if (fresh) awarenessProtocol.applyAwarenessUpdate(this.awareness, fresh, conn)
  }

  /** `conn` left: its presence goes, unless the same person's new connection took it over. */
  leave(conn: Connection): void {
    const client = conn.presenceClient
    if (client === null || this.owners.get(client) !== conn) return
    this.owners.delete(client)
    if (this.awareness.states.has(client)) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [client], null)
    }
  }

  destroy(): void {
    clearInterval(this.expiry)
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private accepts(conn: Connection, entry: AwarenessEntry): boolean {
    const owner = this.owners.get(entry.clientId)
    if (owner !== conn) {
      if (conn.presenceClient !== null && conn.presenceClient !== entry.clientId) return false
      // Taken over by the same person, or free again once its presence expired or left.
      if (owner && !samePerson(owner, conn) && this.awareness.states.has(entry.clientId)) {
        return false
      }
      if (entry.removal) return false
    }
    const known = this.awareness.meta.get(entry.clientId)?.clock ?? 0
    const isFresh =
      entry.clock > known ||
      (entry.clock === known && entry.removal && this.awareness.states.has(entry.clientId))
    if (!isFresh) return false
    if (!entry.removal) this.check(entry.state)
    if (owner !== conn) {
      if (owner) owner.presenceClient = null
      this.owners.set(entry.clientId, conn)
      conn.presenceClient = entry.clientId
    }
    return true
  }

  /** Throws for a presence state the room will not hold or relay. */
  private check(state: Uint8Array): void {
    const { maxStateBytes, maxStateDepth } = this.limits
    if (state.length > maxStateBytes) {
      throw new ProtocolError(
        `presence of ${state.length} bytes (at most ${maxStateBytes}); it was not applied`,
      )
    }
    if (jsonDepthExceeds(state, maxStateDepth)) {
      throw new ProtocolError(`presence nested deeper than ${maxStateDepth}; it was not applied`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(utf8.decode(state))
    } catch {
      throw new ProtocolError('presence that is not JSON; it was not applied')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ProtocolError('presence that is not an object; it was not applied')
    }
  }

  private readonly onUpdate = (change: {
    added: number[]
    updated: number[]
    removed: number[]
  }): void => {
    this.everyone = null
    this.changed([...change.added, ...change.updated, ...change.removed])
  }

  private readonly expire = (): void => {
    try {
      const now = Date.now()
      const outdated: number[] = []
      for (const [client, meta] of this.awareness.meta) {
        if (now - meta.lastUpdated >= this.limits.timeoutMs && this.awareness.states.has(client)) {
          outdated.push(client)
        }
      }
      if (outdated.length > 0) {
        awarenessProtocol.removeAwarenessStates(this.awareness, outdated, null)
      }
    } catch (error) {
      this.crashed(error, 'presence expiry')
    }
  }
}
