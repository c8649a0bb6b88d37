import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import { parseRoomName } from '../../shared/rooms.ts'
import { REFUSALS, type Refusal, refusal } from '../../shared/schema/rights.ts'
import { shapeRefuses } from '../../shared/schema/shape.ts'
import type { ClientOwner, RoomUpdates, Storage } from '../storage/Storage.ts'
import { Connection } from './Connection.ts'
import { ProtocolError } from './errors.ts'
import type { CommitSource, GroupCommit } from './GroupCommit.ts'
import { permissionDenied, syncStep1, syncStep2 } from './messages.ts'
import { Outbox, type StoredUpdate } from './Outbox.ts'
import { originOf, Revised, senderOf } from './origins.ts'
import { Presence, type PresenceLimits } from './Presence.ts'
import type { RoomKind } from './roomKinds.ts'
import { scanUpdate, UpdateRefused } from './updateScan.ts'

/*
 * Over 500 lines on purpose: one room's protocol (decode a frame, judge the update against the
 * write policy, store it, make it durable, relay it) is one ordered path, and the order is the
 * guarantee (nothing is relayed before it is durable). The helpers it calls live beside it:
 * policy (shared/schema/policy.ts), scanning (updateScan.ts), storage (GroupCommit.ts).
 */

/** Clients a SyncStep1's state vector may name (a document has far fewer). */
const MAX_STATE_VECTOR_CLIENTS = 100_000

/** One frame, decoded: what `Room.receive` acts on. */
type Frame =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'ignored' }

/** Reads a frame's envelope; throws `ProtocolError` for one that is not a y-websocket message. */
const decodeFrame = (data: Uint8Array): Frame => {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // Decoded now: encoding a reply to a malformed vector would throw later, in a commit.
          if (Y.decodeStateVector(payload).size > MAX_STATE_VECTOR_CLIENTS) {
            throw new ProtocolError('a state vector naming too many clients')
          }
          return { type: 'syncStep1', stateVector: payload }
        }
        if (
          syncType === syncProtocol.messageYjsSyncStep2 ||
          syncType === syncProtocol.messageYjsUpdate
        )
          return {
            type: 'update',
            update: payload,
            step2: syncType === syncProtocol.messageYjsSyncStep2,
          }
        throw new ProtocolError(`unknown sync message type ${syncType}`)
      }
      case MessageType.awareness:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MessageType.queryAwareness:
        return { type: 'queryAwareness' }
      case MessageType.auth:
        // Permission messages only flow from server to client; a client's is meaningless.
        return { type: 'ignored' }
      default:
        throw new ProtocolError(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    // lib0 throws plain errors on truncated or malformed varints.
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`)
  }
}

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

/** A room whose stored content this server cannot read (stored before its bounds existed). */
export class RoomLoadError extends Error {
  override name = 'RoomLoadError'

  constructor(roomId: string, cause: unknown) {
    const workshopId = parseRoomName(roomId)?.workshopId ?? roomId
    super(
      `the stored content of ${roomId} cannot be read (${(cause as Error).message}); stop the server and run: npm run repair -- ${workshopId}`,
      { cause },
    )
  }
}

/** The owner of the client ids the server writes under (see `Room.claimClients`). */
const SERVER_OWNER = 'server'
/**
 * The owner of client ids a room held before owners were recorded: nobody can prove they are
 * theirs, so nobody writes under them again (a device that still does gets 4400, and resyncs
 * under a new id).
 */
const UNKNOWN_OWNER = 'unknown'

/** The state vector of an empty document: what a device that never opened the workshop sends. */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

export interface RoomOptions {
  /** Start a background compaction after this many appended updates. */
  compactEvery: number
  /** Updates that would make the document larger than this are refused. */
  maxRoomBytes: number
  presence: PresenceLimits
  /** Distinct Yjs client ids one connection may bring new content under. */
  maxClientIdsPerConnection: number
  /** Bytes of updates held for one connection until its first SyncStep2 (see Connection). */
  maxDeferredBytes: number
  kind: RoomKind
  /** Makes the room's updates durable, with other rooms' in the same transaction. */
  commit: GroupCommit
  /**
   * For a private room: the workshop's document, whose flow decides what is allowed and whose
   * participant records say who each person is (see Presence).
   */
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
  readonly presence: Presence
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
  /** The size last measured from the document itself (see `hasRoomFor`). */
  private measuredSize = 0
  private compacting = false
  private lastCompaction = Number.NEGATIVE_INFINITY
  private failed = false
  /**
   * The last SyncStep2 sent and the state vector it answered, while the document is unchanged.
   * When a workshop starts, dozens of new devices join at once with the same (empty) state
   * vector: they share one encoding of the document (~50 ms for 1 MB) instead of one each.
   */
  private lastReply: { stateVector: Uint8Array; message: Uint8Array } | null = null
  /** While a client's update is checked: its changes, held until the policy has judged them. */
  private holding: StoredUpdate[] | null = null
  /** Who each Yjs client id of the document belongs to (see `claimClients`). */
  private readonly owners = new Map<number, string>()
  /** Owners claimed since the last commit: stored with its updates. */
  private newOwners: ClientOwner[] = []

  private constructor(
    readonly id: string,
    /** Holds the stored state already: its 'update' events are changes to store. */
    readonly doc: Y.Doc,
    private readonly storage: Storage,
    readonly log: Logger,
    private readonly options: RoomOptions,
    /** Called once if the room cannot save or fails: the registry drops it. */
    private readonly onFailure: (room: Room) => void,
  ) {
    this.presence = new Presence(
      doc,
      options.workshopDoc?.() ?? doc,
      this.connections,
      options.presence,
      (clients) => this.outbox.awarenessChanged(clients),
      (error, where) => this.crash(error, where),
      (conn, client) => this.claimShownClient(conn, client),
    )
    this.outbox = new Outbox(
      this.connections,
      (clients) => this.presence.message(clients),
      (error) => this.crash(error, 'sending'),
    )
    this.doc.on('update', this.onDocUpdate)
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
    try {
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(doc, update)
      })
    } catch (error) {
      doc.destroy()
      throw new RoomLoadError(id, error)
    }
    const room = new Room(id, doc, storage, log, options, onFailure)
    for (const { client, owner } of stored.clients) room.owners.set(client, owner)
    for (const client of doc.store.clients.keys()) {
      if (!room.owners.has(client)) room.owners.set(client, UNKNOWN_OWNER)
    }
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
    // A SyncStep1 is also how a client learns what is saved: it carries only durable state.
    this.afterDurable(() => conn.send(syncStep1(Y.encodeStateVector(this.doc))))
    conn.send(this.presence.everyoneMessage())
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.outbox.forget(conn)
    this.presence.leave(conn)
  }

  /**
   * Handles one frame from `conn`. Throws `ProtocolError` for a frame it refuses (the caller
   * closes that connection); any other error is the room's own fault: see `crash`.
   */
  receive(conn: Connection, data: Uint8Array): void {
    const frame = decodeFrame(data)
    switch (frame.type) {
      case 'syncStep1':
        this.afterDurable(() => conn.sendReply(this.replyTo(frame.stateVector)))
        return
      case 'update':
        this.receiveUpdate(conn, frame.update, frame.step2)
        return
      case 'awareness':
        this.presence.receive(conn, frame.update)
        return
      case 'queryAwareness': {
        const everyone = this.presence.everyoneMessage()
        if (everyone) conn.send(everyone)
        return
      }
      case 'ignored':
        return
    }
  }

  /**
   * A fault of the room itself (a bug, or a library throwing where it should not): it is
   * logged, the room's connections are closed with 4500 and the registry drops it, so the
   * next join loads it again from storage. Other rooms never see it.
   */
  crash(error: unknown, where: string): void {
    if (this.failed) return
    this.log.error({ err: error, where }, 'room failed; closing its connections to reload it')
    this.fail('the workshop hit an error and will reload')
  }

  /** Resolves once every update applied so far is durable (immediately if none is queued). */
  whenDurable(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve))
  }

  /**
   * Whose a Yjs client id of this document is (a participant, a link's role, the server), as
   * `claimClients` recorded it; undefined for an id the room never saw.
   */
  ownerOf(client: number): string | undefined {
    return this.owners.get(client)
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
    this.presence.destroy()
    this.doc.destroy()
  }

  private receiveUpdate(conn: Connection, update: Uint8Array, step2: boolean): void {
    // An empty update (no struct, empty delete set): a client's SyncStep2 reply to an ack.
    if (update.length === 2 && update[0] === 0 && update[1] === 0) {
      if (step2) this.firstStep2(conn)
      return
    }
    if (step2) {
      // A y-websocket client answers each acknowledgement with a SyncStep2 holding no new
      // struct but its whole delete set. Only its first SyncStep2 (the answer to the
      // SyncStep1 sent at join) can bring something new, made while it was away; after
      // that, every deletion it made was sent as an update earlier on this same socket.
      const first = !conn.sentSyncStep2
      if (!first && update[0] === 0) return // no struct (the update's first varint: 0)
    }
    if (conn.readOnly) {
      conn.log.debug('ignored an update from a read-only connection')
      return
    }
    if (!this.hasRoomFor(update.byteLength)) {
      throw new ProtocolError(
        `the workshop is full (${this.options.maxRoomBytes} bytes); this change was not saved`,
        CloseCode.roomFull,
      )
    }
    let scanned: ReturnType<typeof scanUpdate>
    try {
      scanned = scanUpdate(update, this.doc)
    } catch (error) {
      if (!(error instanceof UpdateRefused)) throw error
      if (error.pending && !conn.sentSyncStep2 && !step2) {
        this.defer(conn, update)
        return
      }
      throw new ProtocolError(`refused document update: ${error.message}`)
    }
    for (const top of scanned.tops) {
      const refused = shapeRefuses(this.options.kind.shape, top)
      if (refused) throw new ProtocolError(`refused document update: ${refused}`)
    }
    if (!conn.allowsPieces(scanned.pieces)) {
      throw new ProtocolError(
        `too many changes at once (${scanned.pieces} pieces); this change was not saved`,
        CloseCode.rateLimited,
      )
    }
    conn.chargePieces(scanned.pieces)
    for (const client of scanned.newClients) conn.docClients.add(client)
    if (conn.docClients.size > this.options.maxClientIdsPerConnection) {
      throw new ProtocolError(
        `refused document update: more than ${this.options.maxClientIdsPerConnection} Yjs client ids on one connection`,
      )
    }
    this.claimClients(scanned.newClients, conn.owner)
    this.applyChecked(conn, update)
    if (step2) this.firstStep2(conn)
  }

  /**
   * Whether `bytes` more fit under MAX_ROOM_BYTES. The running count adds every stored
   * update, so overwriting a few keys again and again would fill a room whose document stays
   * small: near the cap, the document's real size (encoded, with garbage collected) is
   * measured and the count starts again from it, at most once per tenth of the cap added.
   */
  private hasRoomFor(bytes: number): boolean {
    const { maxRoomBytes } = this.options
    if (this.size + bytes <= maxRoomBytes) return true
    if (this.size < this.measuredSize + maxRoomBytes / 10) return false
    this.size = Y.encodeStateAsUpdate(this.doc).byteLength
    this.measuredSize = this.size
    return this.size + bytes <= maxRoomBytes
  }

  /**
   * Binds the Yjs client ids an update brings new content under to `owner` (a person, a
   * link's role or the server), or refuses it if one belongs to someone else: structs written
   * under a victim's id at their next clock would make every later edit of theirs ignored.
   * An id the document held at load with no owner recorded (stored before owners were) is
   * nobody's (`UNKNOWN_OWNER`). Owners are stored with the room's next commit.
   */
  private claimClients(clients: Iterable<number>, owner: string): void {
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

  /** Records `owner` as the owner of `client`, stored with the room's next commit. */
  private bind(client: number, owner: string): void {
    this.owners.set(client, owner)
    this.newOwners.push({ client, owner })
  }

  /**
   * A client's presence shows its Yjs client id (the same as its document's) before it writes
   * anything: the id is bound to the connection's owner then, or anyone who saw it could write
   * under it first and have the owner's first edits ignored. An id someone else owns stays
   * theirs.
   */
  private claimShownClient(conn: Connection, client: number): void {
    if (!this.owners.has(client)) this.bind(client, conn.owner)
  }

  /**
   * A y-websocket client sends its edits as soon as its socket opens, before its SyncStep2
   * brings what it wrote offline: an edit that builds on that offline content waits for it.
   */
  private defer(conn: Connection, update: Uint8Array): void {
    conn.deferredBytes += update.byteLength
    if (conn.deferredBytes > this.options.maxDeferredBytes) {
      throw new ProtocolError(
        'refused document update: it refers to content the server does not have',
      )
    }
    conn.deferred.push(update)
  }

  /** `conn` sent its first SyncStep2: the updates it sent before it can now be applied. */
  private firstStep2(conn: Connection): void {
    if (conn.sentSyncStep2) return
    conn.sentSyncStep2 = true
    const deferred = conn.deferred
    conn.deferred = []
    conn.deferredBytes = 0
    for (const update of deferred) this.receiveUpdate(conn, update, false)
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
   * Applies a client's update; if it changes what the connection may not (see
   * shared/schema/policy.ts), reverts that at once. Only the net effect is stored and relayed
   * (to the sender too): the refused items travel as deleted structure, and their content is
   * garbage-collected, so it reaches nobody and no disk. Reverting rather than dropping keeps
   * the sender's clock contiguous: a dropped update would stall every later one it sends.
   */
  private applyChecked(conn: Connection, update: Uint8Array): void {
    const judge = this.options.kind.policy.begin(this.doc, this.options.workshopDoc?.() ?? this.doc)
    const before = Y.encodeStateVector(this.doc)
    const undo = new Y.UndoManager(this.doc, { trackedOrigins: new Set([conn]), captureTimeout: 0 })
    const deleteSets: Array<Y.Transaction['deleteSet']> = []
    let violation = null as Refusal | null
    const check = (transaction: Y.Transaction) => {
      deleteSets.push(transaction.deleteSet)
      if (transaction.origin !== conn) return
      try {
        violation ??= judge(transaction, conn)
      } catch (error) {
        // Content the policy cannot read is content it does not allow; the room goes on.
        conn.log.warn({ err: error }, 'the write policy could not check a change')
        violation ??= refusal('unreadable')
      }
    }
    const held: StoredUpdate[] = []
    this.holding = held
    this.doc.on('afterTransaction', check)
    try {
      Y.applyUpdate(this.doc, update, conn)
      if (violation !== null) undo.undo()
    } finally {
      this.doc.off('afterTransaction', check)
      this.holding = null
      undo.destroy()
    }
    // The undo manager keeps what the update deleted (to restore it): let it be collected.
    this.collect(Y.mergeDeleteSets(deleteSets))
    if (violation === null) {
      this.hold(held)
      return
    }
    conn.log.warn(
      { refusal: violation.code, reason: REFUSALS[violation.code], detail: violation.detail },
      'reverted a change this connection may not make',
    )
    conn.send(permissionDenied(violation.code))
    this.hold([{ update: Y.encodeStateAsUpdate(this.doc, before), origin: new Revised(conn) }])
  }

  /**
   * Garbage-collects what `deleted` covers, as Yjs does at the end of a transaction for
   * items nobody keeps: clears the keep flags an undo manager set on them and their parents.
   */
  private collect(deleted: Y.Transaction['deleteSet']): void {
    if (deleted.clients.size === 0) return
    this.doc.transact((transaction) =>
      Y.iterateDeletedStructs(transaction, deleted, (struct) => {
        let item = struct instanceof Y.Item ? struct : null
        while (item?.keep) {
          item.keep = false
          item = (item.parent as Y.AbstractType<unknown>)._item
        }
      }),
    )
    Y.tryGc(deleted, this.doc.store, this.doc.gcFilter)
  }

  /** Queues updates to be stored and relayed. */
  private hold(updates: readonly StoredUpdate[]): void {
    if (this.failed || updates.length === 0) return
    this.pending.push(...updates)
    this.options.commit.request(this)
  }

  private readonly onDocUpdate = (update: Uint8Array, given: unknown): void => {
    this.lastReply = null
    // The revert of a checked update (the undo manager's transactions) is the server's doing.
    const origin = this.holding && given instanceof Y.UndoManager ? null : originOf(given)
    // The server's own writes (migrations, actions, reverts) go under its client id.
    if (!(origin instanceof Connection) && !this.owners.has(this.doc.clientID)) {
      this.claimClients([this.doc.clientID], SERVER_OWNER)
    }
    if (this.holding) this.holding.push({ update, origin })
    else this.hold([{ update, origin }])
  }

  private afterDurable(callback: () => void): void {
    if (this.durable || this.failed) callback()
    else this.onDurable.push(callback)
  }

  takePending(): Omit<RoomUpdates, 'roomId'> {
    const batch = this.pending
    this.pending = []
    const clients = this.newOwners
    this.newOwners = []
    // The doc now holds exactly what is being made durable (and what came before): once it
    // is, this state vector is what the senders are acknowledged with.
    this.committing = { batch, stateVector: Y.encodeStateVector(this.doc) }
    return { updates: batch.map((entry) => entry.update), clients }
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
      batch.flatMap((entry) => {
        const sender = senderOf(entry.origin)
        return sender && this.connections.has(sender) ? [sender] : []
      }),
    )
    if (this.pending.length > 0) return
    for (const callback of this.onDurable.splice(0)) callback()
    this.maybeCompact()
  }

  commitFailed(error: unknown): void {
    this.committing = null
    if (this.failed) return
    this.log.error(
      { err: error },
      'could not store updates; closing the room so clients resend them',
    )
    this.fail('storage failure')
  }

  private fail(reason: string): void {
    this.failed = true
    for (const conn of this.connections) conn.close(CloseCode.internalError, reason)
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
}
