import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { filterAwarenessUpdate } from '../../shared/awarenessUpdate.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import type { Storage } from '../storage/Storage.ts'
import type { Connection } from './Connection.ts'
import { ProtocolError } from './errors.ts'
import type { CommitSource, GroupCommit } from './GroupCommit.ts'
import { awarenessMessage, syncStep1, syncStep2 } from './messages.ts'
import { Outbox, type StoredUpdate } from './Outbox.ts'
import type { RoomKind } from './roomKinds.ts'

/**
 * The entries of an awareness update that can change `awareness`: a newer clock, or a removal
 * at the same clock. Most entries a busy room receives from stock y-websocket clients are
 * stale echoes of what it sent them.
 */
const freshAwareness = (
  awareness: awarenessProtocol.Awareness,
  update: Uint8Array,
): Uint8Array | null =>
  filterAwarenessUpdate(update, ({ clientId, clock, removal }) => {
    const known = awareness.meta.get(clientId)?.clock ?? 0
    return clock > known || (clock === known && removal && awareness.states.has(clientId))
  })

/**
 * Shortest time between two compactions of a loaded room. Compacting costs about the size of
 * the whole document, and while a room is loaded its log only matters if the server crashes:
 * a busy room (400 updates a second) is compacted every 30 s rather than every COMPACT_EVERY
 * updates, and always when it unloads.
 */
export const COMPACT_INTERVAL_MS = 30_000
/**
 * A loaded room whose log reaches this many times COMPACT_EVERY is compacted even within the
 * interval, so that the replay after a crash stays short (20,000 updates by default).
 */
export const COMPACT_LOG_CAP = 20

/** The state vector of an empty document: what a device that never opened the workshop sends. */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

export interface RoomOptions {
  /** Start a background compaction after this many appended updates. */
  compactEvery: number
  /** Updates that would make the document larger than this are refused. */
  maxRoomBytes: number
  kind: RoomKind
  /** Makes the room's updates durable, with other rooms' in the same transaction. */
  commit: GroupCommit
  /** For a private room: the workshop's document, whose flow decides what is allowed. */
  workshopDoc?: () => Y.Doc
  /** Called after each batch is durable (it is relayed with the next send), with its senders. */
  onStored?: (room: Room, senders: readonly Connection[]) => void
}

/**
 * One loaded workshop document and the connections editing it.
 *
 * Write path: an update is applied to the doc, queued, appended to storage with every other
 * update any room received in the same event-loop turn (one transaction, so one fsync: see
 * GroupCommit), and only then relayed to the other connections and acknowledged to its sender
 * with a SyncStep1 carrying the server's state vector. Replies that reveal document content
 * (SyncStep2) also wait for the queue to be durable, so nobody ever receives an update the
 * server could still lose.
 *
 * Relays, acknowledgements and awareness go out paced, one write per connection: see Outbox.
 */
export class Room implements CommitSource {
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()

  /** Applied, not yet durable. */
  private pending: StoredUpdate[] = []
  /** Taken by the group commit, durable once it reports back. */
  private committing: { batch: StoredUpdate[]; stateVector: Uint8Array } | null = null
  private onDurable: Array<() => void> = []
  private readonly outbox: Outbox
  private appendedSinceCompaction = 0
  /** Bytes the document takes (its encoded state at load, plus what was stored since). */
  private size = 0
  private compacting = false
  private lastCompaction = Number.NEGATIVE_INFINITY
  private failed = false
  /**
   * The last SyncStep2 sent and the state vector it answered, while the document is unchanged.
   * When a workshop starts, dozens of new devices join at once with the same (empty) state
   * vector: they share one encoding of the document (~50 ms for 1 MB) instead of one each.
   */
  private lastReply: { stateVector: Uint8Array; message: Uint8Array } | null = null

  private constructor(
    readonly id: string,
    /** Holds the stored state already: its 'update' events are changes to store. */
    readonly doc: Y.Doc,
    private readonly storage: Storage,
    readonly log: Logger,
    private readonly options: RoomOptions,
    /** Called once if the room cannot save: the registry drops it. */
    private readonly onFailure: (room: Room) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.outbox = new Outbox(this.connections, this.awareness)
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** Loads the stored state, runs schema migrations (stored like any update) and returns the room. */
  static async load(
    id: string,
    storage: Storage,
    log: Logger,
    options: RoomOptions,
    onFailure: (room: Room) => void,
  ): Promise<Room> {
    const started = performance.now()
    const stored = await storage.loadRoom(id)
    // Applied before the room listens to the document: with an 'update' listener, Yjs would
    // encode everything it applies once more, only for the room to ignore it.
    const doc = new Y.Doc()
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    const room = new Room(id, doc, storage, log, options, onFailure)
    // A snapshot alone is the whole document already encoded: a new device's first sync is
    // answered with it (a migration that changes the document drops it, like any change).
    if (stored.snapshot && stored.updates.length === 0) {
      room.lastReply = { stateVector: EMPTY_STATE_VECTOR, message: syncStep2(stored.snapshot) }
    }
    options.kind.migrate(room.doc)
    // What the room holds in storage, as counted while it runs (encoding the whole document
    // again to measure it would add half the load time).
    room.size = stored.updates.reduce(
      (bytes, update) => bytes + update.byteLength,
      stored.snapshot?.byteLength ?? 0,
    )
    room.appendedSinceCompaction = stored.updates.length
    log.info(
      { updates: stored.updates.length, ms: Math.round((performance.now() - started) * 100) / 100 },
      'room loaded',
    )
    room.maybeCompact()
    return room
  }

  join(conn: Connection): void {
    this.connections.add(conn)
    conn.send(syncStep1(Y.encodeStateVector(this.doc)))
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) conn.send(awarenessMessage(this.awareness, clients))
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.outbox.forget(conn)
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null)
    }
  }

  /** Handles one frame from `conn`. Throws `ProtocolError` for a frame it cannot accept. */
  receive(conn: Connection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        this.receiveSync(conn, decoder)
        return
      case MessageType.awareness:
        try {
          const fresh = freshAwareness(this.awareness, decoding.readVarUint8Array(decoder))
          if (fresh) awarenessProtocol.applyAwarenessUpdate(this.awareness, fresh, conn)
        } catch (error) {
          throw new ProtocolError(`invalid awareness update: ${(error as Error).message}`)
        }
        return
      case MessageType.queryAwareness:
        conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]))
        return
      case MessageType.auth:
        // Permission messages only flow from server to client; a client's is meaningless.
        return
      default:
        throw new ProtocolError(`unknown message type ${type}`)
    }
  }

  /** Resolves once every update applied so far is durable (immediately if none is queued). */
  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve))
  }

  get idle(): boolean {
    return this.connections.size === 0 && this.durable
  }

  private get durable(): boolean {
    return this.pending.length === 0 && this.committing === null
  }

  destroy(): void {
    this.outbox.close()
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private receiveSync(conn: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        this.afterDurable(() => conn.send(this.replyTo(stateVector)))
        return
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder)
        // An empty update (no struct, empty delete set): a client's SyncStep2 reply to an ack.
        if (update.length === 2 && update[0] === 0 && update[1] === 0) return
        if (syncType === syncProtocol.messageYjsSyncStep2) {
          // A y-websocket client answers each acknowledgement with a SyncStep2 holding no new
          // struct but its whole delete set. Only its first SyncStep2 (the answer to the
          // SyncStep1 sent at join) can bring something new, made while it was away; after
          // that, every deletion it made was sent as an update earlier on this same socket.
          const first = !conn.sentSyncStep2
          conn.sentSyncStep2 = true
          if (!first && update[0] === 0) return // no struct (the update's first varint: 0)
        }
        if (conn.readOnly) {
          conn.log.debug('ignored an update from a read-only connection')
          return
        }
        if (this.size + update.byteLength > this.options.maxRoomBytes) {
          throw new ProtocolError(
            `the workshop is full (${this.options.maxRoomBytes} bytes); this change was not saved`,
            CloseCode.roomFull,
          )
        }
        try {
          this.applyChecked(conn, update)
        } catch (error) {
          throw new ProtocolError(`invalid document update: ${(error as Error).message}`)
        }
        return
      }
      default:
        throw new ProtocolError(`unknown sync message type ${syncType}`)
    }
  }

  private replyTo(stateVector: Uint8Array): Uint8Array {
    if (this.lastReply && Buffer.compare(this.lastReply.stateVector, stateVector) === 0) {
      return this.lastReply.message
    }
    const message = syncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))
    this.lastReply = { stateVector, message }
    return message
  }

  /**
   * Applies a client's update; if it changes what the connection's role may not (see
   * shared/schema/policy.ts), reverts it at once. Both land in the same batch, so the refused
   * change is stored but never shown, and the sender's own copy is put back too.
   */
  private applyChecked(conn: Connection, update: Uint8Array): void {
    if (conn.role === 'facilitator') {
      Y.applyUpdate(this.doc, update, conn)
      return
    }
    const policy = this.options.kind.policy
    const judge = policy.begin(this.doc, this.options.workshopDoc?.() ?? this.doc)
    const undo = new Y.UndoManager(policy.guardedRoots(this.doc), {
      trackedOrigins: new Set([conn]),
      captureTimeout: 0,
    })
    let violation: string | null = null
    const check = (transaction: Y.Transaction) => {
      if (transaction.origin === conn) violation ??= judge(transaction, conn.role)
    }
    this.doc.on('afterTransaction', check)
    try {
      Y.applyUpdate(this.doc, update, conn)
    } finally {
      this.doc.off('afterTransaction', check)
    }
    if (violation !== null) {
      undo.undo()
      conn.log.warn({ violation }, 'reverted a change this role may not make')
    }
    undo.destroy()
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.lastReply = null
    if (this.failed) return
    this.pending.push({ update, origin })
    this.options.commit.request(this)
  }

  private afterDurable(callback: () => void): void {
    if (this.durable || this.failed) callback()
    else this.onDurable.push(callback)
  }

  takePending(): Uint8Array[] {
    const batch = this.pending
    this.pending = []
    // The doc now holds exactly what is being made durable (and what came before): once it
    // is, this state vector is what the senders are acknowledged with.
    this.committing = { batch, stateVector: Y.encodeStateVector(this.doc) }
    return batch.map((entry) => entry.update)
  }

  committed(): void {
    if (!this.committing) return
    const { batch, stateVector } = this.committing
    this.committing = null
    this.outbox.stored(batch, stateVector)
    this.appendedSinceCompaction += batch.length
    for (const entry of batch) this.size += entry.update.byteLength
    this.options.onStored?.(
      this,
      batch.flatMap((entry) =>
        this.connections.has(entry.origin as Connection) ? [entry.origin as Connection] : [],
      ),
    )
    if (this.pending.length > 0) return
    for (const callback of this.onDurable.splice(0)) callback()
    this.maybeCompact()
  }

  commitFailed(error: unknown): void {
    this.committing = null
    this.fail(error)
  }

  private fail(error: unknown): void {
    this.failed = true
    this.log.error(
      { err: error },
      'could not store updates; closing the room so clients resend them',
    )
    for (const conn of this.connections) conn.close(CloseCode.internalError, 'storage failure')
    this.onFailure(this)
    // Nothing more will be stored: release whoever waits (their sockets are closed).
    for (const callback of this.onDurable.splice(0)) callback()
  }

  private maybeCompact(): void {
    const { compactEvery } = this.options
    if (
      this.compacting ||
      this.appendedSinceCompaction < compactEvery ||
      (performance.now() < this.lastCompaction + COMPACT_INTERVAL_MS &&
        this.appendedSinceCompaction < compactEvery * COMPACT_LOG_CAP)
    ) {
      return
    }
    this.compacting = true
    this.lastCompaction = performance.now()
    const appended = this.appendedSinceCompaction
    this.storage
      .compact(this.id)
      .then(
        (result) => {
          this.appendedSinceCompaction -= appended
          this.log.info(result, 'room compacted')
        },
        (error: unknown) => this.log.error({ err: error }, 'compaction failed; updates are kept'),
      )
      .finally(() => {
        this.compacting = false
      })
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as Connection | null
    for (const client of [...change.added, ...change.updated]) conn?.awarenessClients.add(client)
    for (const client of change.removed) conn?.awarenessClients.delete(client)
    this.outbox.awarenessChanged([...change.added, ...change.updated, ...change.removed])
  }
}
