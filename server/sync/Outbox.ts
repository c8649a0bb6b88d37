import * as Y from 'yjs'
import type { Connection } from './Connection.ts'
import { syncStep1, syncUpdate } from './messages.ts'
import { type Origin, senderOf } from './origins.ts'

/**
 * Shortest time between two sends of a room, per connection in it: a send costs about one
 * write per connection, so a large room is paced (200 people: at most every 10 ms) and a small
 * one hardly (30 people: 1.5 ms). After a quiet spell the next change goes out on the next
 * event-loop turn.
 */
const SEND_INTERVAL_PER_CONNECTION_MS = 0.05
/**
 * Shortest time between two awareness messages of a room. A stock y-websocket client echoes
 * each awareness message it receives back to the server (Fabrique's does not), so this also
 * bounds what 200 such clients send.
 */
export const AWARENESS_INTERVAL_MS = 40
/**
 * Shortest time between two acknowledgements (SyncStep1 with the stored state vector) of a
 * room. A y-websocket client answers each one with a SyncStep2 holding its whole delete set
 * (tens of KB in a long document session), so someone typing is acknowledged a few times a
 * second, not once per keystroke; "saved" shows at most this much later.
 */
export const ACK_INTERVAL_MS = 200

/** A stored update and the connection it came from (or the server's own origin). */
export interface StoredUpdate {
  update: Uint8Array
  origin: Origin
}

/**
 * What a room owes its connections, sent paced, each kind at its own pace: the updates made
 * durable (merged into one) with the acknowledgements owed to their senders, and the awareness
 * (presence, cursors) that changed, merged into one message. Whatever is due goes out in a
 * single write to each connection; awareness due at the same time as document updates goes in
 * the next turn, so that readers get the content first. A room of 200 people moving their
 * cursors thus costs each connection a few dozen writes a second, not one per change.
 */
export class Outbox {
  private updates: StoredUpdate[] = []
  /** Who is owed an acknowledgement, and the durable state vector it will carry. */
  private readonly owedAck = new Set<Connection>()
  private ackStateVector: Uint8Array | null = null
  private readonly changedAwareness = new Set<number>()
  /** When the next send is due, and how to call it off (to bring it forward). */
  private due = Number.POSITIVE_INFINITY
  private cancel: (() => void) | null = null
  /** The last send of document updates or acknowledgements (awareness has its own pace). */
  private lastSend = Number.NEGATIVE_INFINITY
  private lastAwareness = Number.NEGATIVE_INFINITY
  private lastAck = Number.NEGATIVE_INFINITY
  /** Awareness was due at the last send but left for the next one (see `send`). */
  private awarenessDeferred = false

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    /** The awareness message relaying the presence of these clients. */
    private readonly presenceMessage: (clients: readonly number[]) => Uint8Array,
    /** A fault while sending (it runs in a timer: nothing above it would catch it). */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** `batch` is durable, and the document's state vector with it is `stateVector`. */
  stored(batch: readonly StoredUpdate[], stateVector: Uint8Array): void {
    this.updates.push(...batch)
    this.ackStateVector = stateVector
    for (const { origin } of batch) {
      const sender = senderOf(origin)
      if (sender && this.connections.has(sender)) this.owedAck.add(sender)
    }
    this.schedule()
  }

  awarenessChanged(clients: Iterable<number>): void {
    for (const client of clients) this.changedAwareness.add(client)
    this.schedule()
  }

  /** `conn` left: it is owed nothing more. */
  forget(conn: Connection): void {
    this.owedAck.delete(conn)
  }

  close(): void {
    this.cancel?.()
  }

  private updatesDue(): number {
    return this.updates.length > 0
      ? this.lastSend + this.connections.size * SEND_INTERVAL_PER_CONNECTION_MS
      : Number.POSITIVE_INFINITY
  }

  private ackDue(): number {
    return this.owedAck.size > 0
      ? Math.max(
          this.lastSend + this.connections.size * SEND_INTERVAL_PER_CONNECTION_MS,
          this.lastAck + ACK_INTERVAL_MS,
        )
      : Number.POSITIVE_INFINITY
  }

  private awarenessDue(): number {
    return this.changedAwareness.size > 0
      ? this.lastAwareness + AWARENESS_INTERVAL_MS
      : Number.POSITIVE_INFINITY
  }

  private schedule(): void {
    const due = Math.min(this.updatesDue(), this.ackDue(), this.awarenessDue())
    if (due >= this.due) return
    this.cancel?.()
    this.due = due
    const wait = due - performance.now()
    if (wait <= 0) {
      const immediate = setImmediate(this.run)
      this.cancel = () => clearImmediate(immediate)
    } else {
      const timeout = setTimeout(this.run, wait)
      this.cancel = () => clearTimeout(timeout)
    }
  }

  private readonly run = (): void => {
    try {
      this.send()
    } catch (error) {
      this.onError(error)
    }
  }

  private send(): void {
    this.due = Number.POSITIVE_INFINITY
    this.cancel = null
    const now = performance.now()
    const sendUpdates = this.updatesDue() <= now
    const sendAck = this.ackDue() <= now && this.ackStateVector !== null
    // Content before presence: awareness due now waits for the next turn if document updates
    // go out in this one (their readers get them before parsing everyone's cursors), once.
    const awarenessDue = this.awarenessDue() <= now
    const sendAwareness = awarenessDue && (!sendUpdates || this.awarenessDeferred)
    this.awarenessDeferred = awarenessDue && !sendAwareness
    if (sendUpdates || sendAck) this.lastSend = now
    const batch = sendUpdates ? this.updates : []
    if (sendUpdates) this.updates = []
    let awareness: Uint8Array | null = null
    if (sendAwareness) {
      this.lastAwareness = now
      awareness = this.presenceMessage([...this.changedAwareness])
      this.changedAwareness.clear()
    }
    let ack: Uint8Array | null = null
    const acked = new Set<Connection>()
    if (sendAck && this.ackStateVector) {
      this.lastAck = now
      ack = syncStep1(this.ackStateVector)
      for (const conn of this.owedAck) acked.add(conn)
      this.owedAck.clear()
    }
    // What is not yet due waits for its own time.
    this.schedule()
    const update =
      batch.length === 0
        ? null
        : syncUpdate(
            batch.length === 1
              ? (batch[0] as StoredUpdate).update
              : Y.mergeUpdates(batch.map((entry) => entry.update)),
          )
    // Whoever sent the whole batch has all of it already; anyone else gets it merged (one
    // merge per send rather than one per sender: a sender's own part is a no-op for it).
    const onlySender = batch.every((entry) => entry.origin === batch[0]?.origin)
      ? batch[0]?.origin
      : undefined
    for (const conn of this.connections) {
      conn.send(conn === onlySender ? null : update, acked.has(conn) ? ack : null, awareness)
    }
  }
}
