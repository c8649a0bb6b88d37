import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import {
  type AwarenessEntry,
  encodeAwarenessEntry,
  filterAwarenessUpdate,
} from '../../shared/awarenessUpdate.ts'
import { isNamed, PRESENCE_FIELD, readExactPresence } from '../../shared/presence.ts'
import { readFlow, runningAllow } from '../../shared/schema/flow.ts'
import { getParticipant } from '../../shared/schema/participants.ts'
import { flowMap, participantsMap } from '../../shared/schema/roots.ts'
import { TokenBucket } from '../lib/TokenBucket.ts'
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
 * Refused presence claims a room logs: this many at once, then one every 5 s, each line saying
 * how many went unlogged before it (someone sending claims in a loop fills no disk).
 */
export const CLAIM_LOG_BURST = 10
const CLAIM_LOGS_PER_SECOND = 0.2

/** Why a presence state is not applied or relayed. */
interface Refusal {
  reason: string
  /**
   * Only the name or group differ from the participant's record: the browser sets its presence
   * a moment before it writes its record (at a rename), so the state waits for the record.
   */
  untilRecord: boolean
}

/**
 * The presence (awareness) of a room, bound to its connections. A connection sets and removes
 * only the one awareness client id it owns (a y-websocket client has one): entries for other
 * ids, which stock clients echo back, are dropped without being parsed. An id is bound for
 * good to the identity that first showed it (the room's client owners: a participant, else a
 * link's role), so nobody else takes it, not even after its socket dropped or its presence
 * expired. A reconnecting phone may reuse its client id while its half-open old socket still
 * holds it: the same person takes it over. Every state is checked (bytes, nesting, JSON, and that its `user` is who the
 * connection is: see `refusal`) before it is applied, so the room relays only states it has
 * validated. Presences expire on the server's own clock, not y-protocols' hard-coded 30 s.
 *
 * A state that shows someone else is dropped, never stamped over with the connection's
 * identity, and the socket stays open: the sender keeps its previous state and nobody sees the
 * claim. Stamping would have the server make up states (and an id, for a connection without
 * an identity) that the sender does not show itself; dropping costs an honest client nothing
 * as long as what it shows is checked at the right time, which is why a state waits for the
 * participant record it is ahead of (the browser writes presence and record at about the same
 * time) rather than being refused outright.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness
  /** Which connection owns each client id. */
  private readonly owners = new Map<number, Connection>()
  /** The awareness message listing everyone, shared by joins and queries until a change. */
  private everyone: Uint8Array | null = null
  private readonly expiry: NodeJS.Timeout
  /** Per connection, its latest state refused until its participant record says the same. */
  private readonly waiting = new Map<Connection, Uint8Array>()
  private readonly participants: Y.Map<unknown>
  private readonly claimLog = new TokenBucket(
    CLAIM_LOGS_PER_SECOND,
    CLAIM_LOG_BURST,
    performance.now(),
  )
  private unloggedClaims = 0
  /**
   * Whether the running phase is private writing or a vote (in the workshop's own room): then
   * what anyone but the facilitator does (cursor, the item they edit) is not relayed, only who
   * is here. See `relayed`.
   */
  private activityHidden = false
  private readonly flow: Y.Map<unknown> | null

  constructor(
    doc: Y.Doc,
    /** The workshop's document (a private room's is another room's): who is who. */
    private readonly workshopDoc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    private readonly limits: PresenceLimits,
    /** Called with the client ids whose presence changed (to relay them). */
    private readonly changed: (clients: number[]) => void,
    /** A fault inside the expiry timer: the room decides what to do. */
    private readonly crashed: (error: unknown, where: string) => void,
    /** Called when a connection takes an awareness client id (its document's client id). */
    private readonly bound: (conn: Connection, clientId: number) => void,
    /** Whose a client id is (clientOwners.ts: the first to show it or write under it). */
    private readonly ownerOf: (clientId: number) => string | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // y-protocols' own timer removes states with the origin 'timeout' every 3 s after 30 s;
    // ours runs on `timeoutMs`.
    clearInterval(this.awareness._checkInterval)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
    this.expiry = setInterval(this.expire, Math.max(50, Math.floor(limits.timeoutMs / 10)))
    this.expiry.unref()
    this.participants = participantsMap(workshopDoc)
    this.participants.observe(this.onParticipants)
    // A private room has one person in it: what they do is theirs to see on each device.
    this.flow = doc === workshopDoc ? flowMap(workshopDoc) : null
    this.flow?.observe(this.onFlow)
    this.onFlow()
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
    this.everyone ??= this.message([...this.awareness.getStates().keys()])
    return this.everyone
  }

  /** The awareness message relaying the presence of `clients` (see `relayed`). */
  message(clients: readonly number[]): Uint8Array {
    return awarenessMessage(this.awareness, clients, this.relayed())
  }

  /**
   * The states as they are relayed. During private writing or a vote, a participant's or
   * observer's state goes out as who they are alone: where their cursor is and which item they
   * edit would tell the others (and the projector) who writes which note, and which ideas
   * someone puts dots on. Each device keeps its own full state: its own state coming back at
   * the same clock is ignored.
   */
  private relayed(): Map<number, Record<string, unknown>> {
    const states = this.awareness.getStates()
    if (!this.activityHidden) return states
    const shown = new Map<number, Record<string, unknown>>()
    for (const [client, state] of states) {
      const everything = this.owners.get(client)?.role === 'facilitator'
      shown.set(client, everything ? state : { [PRESENCE_FIELD]: state[PRESENCE_FIELD] ?? null })
    }
    return shown
  }

  /**
   * Applies an awareness update from `conn`. Throws `ProtocolError` for one past the bounds;
   * entries it may not set, and states that show someone else, are dropped.
   */
  receive(conn: Connection, update: Uint8Array): void {
    const maxEntries = Math.max(this.limits.maxEntries, this.connections.size * 2)
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
    this.waiting.delete(conn)
    const client = conn.presenceClient
    if (client === null || this.owners.get(client) !== conn) return
    this.owners.delete(client)
    if (this.awareness.states.has(client)) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [client], null)
    }
  }

  destroy(): void {
    this.participants.unobserve(this.onParticipants)
    this.flow?.unobserve(this.onFlow)
    clearInterval(this.expiry)
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private accepts(conn: Connection, entry: AwarenessEntry): boolean {
    const owner = this.owners.get(entry.clientId)
    if (owner !== conn) {
      if (conn.presenceClient !== null && conn.presenceClient !== entry.clientId) return false
      // An id stays with the person (or link) that first showed it or wrote under it, whether
      // its connection is here, asleep or gone: anyone else would hide them under their id.
      const bound = this.ownerOf(entry.clientId)
      if (bound !== undefined && bound !== conn.owner) return false
      // Held by another connection of theirs: the same person takes it over (a half-open
      // socket); a link's other connection only once its presence expired or left.
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
    // A newer state (or its removal) supersedes the one waiting for a record.
    this.waiting.delete(conn)
    if (!entry.removal) {
      const refusal = this.refusal(conn, this.check(entry.state))
      if (refusal) {
        if (refusal.untilRecord) this.waiting.set(conn, encodeAwarenessEntry(entry))
        this.logRefusal(conn, refusal)
        return false
      }
    }
    if (owner !== conn) {
      if (owner) owner.presenceClient = null
      this.owners.set(entry.clientId, conn)
      conn.presenceClient = entry.clientId
      this.bound(conn, entry.clientId)
    }
    return true
  }

  /** The presence state, parsed; throws for one past the bounds or that is not a JSON object. */
  private check(state: Uint8Array): Record<string, unknown> {
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
    return parsed as Record<string, unknown>
  }

  /**
   * Why `state` shows someone `conn` is not, or null when it shows who it is (or nobody: no
   * `user`). Its `user` must be a valid presence with the connection's role. A connection that
   * proved a participant identity shows that id, with the name and group of its record, or
   * any while the record is not written yet (the browser sets its presence as its socket
   * opens, and writes its record once synced). A connection without one (an observer, a link
   * alone) shows an id of its own: not one recorded, nor one another connection proved. An
   * observer's shows no name nor group at all (`readExactPresence` refuses one that does).
   */
  private refusal(conn: Connection, state: Record<string, unknown>): Refusal | null {
    if (state[PRESENCE_FIELD] === undefined || state[PRESENCE_FIELD] === null) return null
    const user = readExactPresence(state)
    if (!user) return { reason: 'a user that is not a valid presence', untilRecord: false }
    if (user.role !== conn.role) {
      return {
        reason: `the role ${user.role} (the connection's: ${conn.role})`,
        untilRecord: false,
      }
    }
    if (conn.participantId === null) {
      return this.isSomeonesId(user.id)
        ? { reason: 'the id of a participant it did not prove to be', untilRecord: false }
        : null
    }
    if (user.id !== conn.participantId) {
      return { reason: 'the id of another participant', untilRecord: false }
    }
    // An unnamed presence is an observer's, which proves no participant identity.
    if (!isNamed(user)) return { reason: 'no name for a participant identity', untilRecord: false }
    const record = getParticipant(this.workshopDoc, user.id)
    return record && (record.name !== user.name || record.group !== user.group)
      ? { reason: 'a name or group its participant record does not have', untilRecord: true }
      : null
  }

  /** Whether `id` is a participant's: recorded in the workshop, or proved by a connection. */
  private isSomeonesId(id: string): boolean {
    if (this.participants.has(id)) return true
    for (const other of this.connections) if (other.participantId === id) return true
    return false
  }

  private logRefusal(conn: Connection, refusal: Refusal): void {
    if (!this.claimLog.take(1, performance.now())) {
      this.unloggedClaims++
      return
    }
    const fields = { reason: refusal.reason, unlogged: this.unloggedClaims }
    this.unloggedClaims = 0
    if (refusal.untilRecord) conn.log.debug(fields, 'presence waits for the participant record')
    else conn.log.warn(fields, 'presence not relayed: it shows someone the connection is not')
  }

  /** A participant record changed: a state waiting for it is checked again. */
  private readonly onParticipants = (event: Y.YMapEvent<unknown>): void => {
    try {
      const due = [...this.waiting].filter(
        ([conn]) => conn.participantId !== null && event.keysChanged.has(conn.participantId),
      )
      for (const [conn, update] of due) this.receive(conn, update)
    } catch (error) {
      this.crashed(error, 'presence waiting for a participant record')
    }
  }

  private readonly onFlow = (): void => {
    try {
      const allow = this.flow ? runningAllow(readFlow(this.workshopDoc)) : null
      const hidden = allow ? !allow.seeOthers || allow.vote : false
      if (hidden === this.activityHidden) return
      this.activityHidden = hidden
      this.everyone = null
    } catch (error) {
      this.crashed(error, 'presence: the running phase changed')
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
