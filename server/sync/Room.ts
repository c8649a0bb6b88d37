import type { Logger } from 'pino'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import { parseRoomName } from '../../shared/rooms.ts'
import { REFUSALS, type Refusal, refusal } from '../../shared/schema/rights.ts'
import { shapeRefuses } from '../../shared/schema/shape.ts'
import type { RoomUpdates, Storage } from '../storage/Storage.ts'
import { Connection } from './Connection.ts'
import { ClientOwners, SERVER_OWNER } from './clientOwners.ts'
import { Compaction } from './compaction.ts'
import { ProtocolError } from './errors.ts'
import type { CommitSource, GroupCommit } from './GroupCommit.ts'
import { decodeFrame, permissionDenied, syncStep1, syncStep2 } from './messages.ts'
import { Outbox, type StoredUpdate } from './Outbox.ts'
import { originOf, Revised, senderOf } from './origins.ts'
import { Presence, type PresenceLimits } from './Presence.ts'
import type { RoomKind } from './roomKinds.ts'
import { scanUpdate, UpdateRefused } from './updateScan.ts'

/*
 * One room's protocol (decode a frame, judge the update against the write policy, store it,
 * make it durable, relay it) is one ordered path, and the order is the guarantee (nothing is
 * relayed before it is durable): it is all here. The helpers it calls live beside it: frames
 * (messages.ts), scanning (updateScan.ts), policy (shared/schema/policy.ts), who owns each
 * client id (clientOwners.ts), storage (GroupCommit.ts) and compaction (compaction.ts).
 */

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
  /** Called at each change of the document, as it is applied (before it is durable). */
  onChange?: (room: Room) => void
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
  private readonly compaction: Compaction
  /** Bytes the document takes (its encoded state at load, plus what was stored since). */
  private size = 0
  /** The size last measured from the document itself (see `hasRoomFor`). */
  private measuredSize = 0
  private failed = false
  /**
   * The last SyncStep2 sent and the state vector it answered, while the document is unchanged.
   * When a workshop starts, dozens of new devices join at once with the same (empty) state
   * vector: they share one encoding of the document (~50 ms for 1 MB) instead of one each.
   */
  private lastReply: { stateVector: Uint8Array; message: Uint8Array } | null = null
  /** While a client's update is checked: its changes, held until the policy has judged them. */
  private holding: StoredUpdate[] | null = null

  private constructor(
    readonly id: string,
    /** Holds the stored state already: its 'update' events are changes to store. */
    readonly doc: Y.Doc,
    storage: Storage,
    readonly log: Logger,
    private readonly options: RoomOptions,
    /** Called once if the room cannot save or fails: the registry drops it. */
    private readonly onFailure: (room: Room) => void,
    /** Who each Yjs client id of the document belongs to. */
    private readonly owners: ClientOwners,
  ) {
    this.presence = new Presence(
      doc,
      options.workshopDoc?.() ?? doc,
      this.connections,
      options.presence,
      (clients) => this.outbox.awarenessChanged(clients),
      (error, where) => this.crash(error, where),
      (conn, client) => this.owners.claimFree(client, conn.owner),
      (client) => this.owners.ownerOf(client),
    )
    this.outbox = new Outbox(
      this.connections,
      (clients) => this.presence.message(clients),
      (error) => this.crash(error, 'sending'),
    )
    this.compaction = new Compaction(id, storage, log, options.compactEvery)
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
    const owners = new ClientOwners(stored.clients, doc.store.clients.keys())
    const room = new Room(id, doc, storage, log, options, onFailure, owners)
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
    room.compaction.appendedUpdates(stored.updates.length)
    log.info(
      { updates: stored.updates.length, ms: Math.round((performance.now() - started) * 100) / 100 },
      'room loaded',
    )
    room.compaction.runIfDue()
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
   * Whose a Yjs client id of this document is (a participant, a link's role, the server);
   * undefined for an id the room never saw.
   */
  ownerOf(client: number): string | undefined {
    return this.owners.ownerOf(client)
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
    this.owners.claim(scanned.newClients, conn.owner)
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
    this.options.onChange?.(this)
    // The revert of a checked update (the undo manager's transactions) is the server's doing.
    const origin = this.holding && given instanceof Y.UndoManager ? null : originOf(given)
    // The server's own writes (migrations, actions, reverts) go under its client id.
    if (!(origin instanceof Connection)) this.owners.claimFree(this.doc.clientID, SERVER_OWNER)
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
    const clients = this.owners.takeNew()
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
    this.compaction.appendedUpdates(batch.length)
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
    this.compaction.runIfDue()
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
}
