import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { Top } from '../../shared/schema/shape.ts'
import { CONTENT_DELETED, CONTENT_TYPE, ContentReader } from './updateContent.ts'
import {
  docTop,
  gcRange,
  type Id,
  type ParentRef,
  type StructInfo,
  StructPlaces,
} from './updatePlaces.ts'
import { UPDATE_BOUNDS, type UpdateBounds, UpdateRefused } from './updateRefused.ts'

/**
 * A Yjs update (v1) read before it is applied, without recursion: lib0's decoder reads nested
 * values recursively, and so do Yjs's garbage collection of nested types, `toJSON` and every
 * export. The stacks of the main thread, the compaction worker and each browser differ, so
 * an update nested a few thousand deep is accepted by one and overflows another: a workshop
 * stored with it can no longer be loaded. This scan refuses such updates before any byte of
 * them is applied, stored or relayed. The format is Yjs's `writeStructs`/`writeDeleteSet`
 * (yjs/src/utils/encoding.js), read here; each item's content is read by updateContent.ts,
 * and where the structs sit is found by updatePlaces.ts.
 */

export { UPDATE_BOUNDS, type UpdateBounds, UpdateRefused }

/** What the scan found in an acceptable update. */
export interface ScannedUpdate {
  /** Clients whose structs go beyond what the document already holds. */
  newClients: Set<number>
  /**
   * The most structs applying it can add to the document: its structs, and two per deleted
   * range (a deletion inside a text splits it in three). Deleting every other character of a
   * long text costs few bytes and a great many structs, which every later load pays for.
   */
  pieces: number
  /**
   * Where in the document it writes and deletes (see shared/schema/shape.ts): the root and
   * top-level key of each struct it brings and of each live struct it deletes, once each.
   */
  tops: Top[]
}

/**
 * Highest clock a client may reach. Honest clocks count what one device typed; a clock near
 * 2^53 is no longer a safe integer, and Yjs fails on lengths that reach it.
 */
const MAX_CLOCK = 2 ** 32

/** Content the scan found out of bounds, as bytes of the update (for `repairUpdate`). */
interface BadContent {
  /** Offset of the struct's info byte. */
  info: number
  /** The content's bytes: [start, end). */
  start: number
  end: number
  /** The struct's length in clock units, kept by the replacement. */
  length: number
}

const BITS5 = 31
const HAS_ORIGIN = 0x80
const HAS_RIGHT_ORIGIN = 0x40
const HAS_PARENT_SUB = 0x20
const GC_REF = 0
const SKIP_REF = 10

class Scan {
  private readonly decoder: decoding.Decoder
  private readonly content: ContentReader
  readonly bad: BadContent[] = []
  private readonly structs = new Map<number, StructInfo[]>()
  /** Per client: the first clock the update does not cover, starting from the document's. */
  private readonly covered = new Map<number, number>()
  readonly newClients = new Set<number>()
  private readonly dependencies: Id[] = []
  /** Structs read (GC ranges included). */
  structCount = 0
  /** Deleted ranges that will change the document, two structs each (see ScannedUpdate). */
  pieces = 0
  /** Those deleted ranges, whose tops `tops` reports. */
  private readonly liveDeletions: Array<Id & { length: number }> = []

  constructor(
    update: Uint8Array,
    private readonly doc: Y.Doc,
    private readonly bounds: UpdateBounds,
    /** Repair mode: content out of bounds is collected, not refused; structure is not checked. */
    private readonly collect: boolean,
  ) {
    this.decoder = decoding.createDecoder(update)
    this.content = new ContentReader(this.decoder, update.length, bounds, collect)
  }

  /** Reads the structs and the delete set; throws for content out of bounds (but in repair). */
  read(): void {
    const d = this.decoder
    const clientCount = decoding.readVarUint(d)
    for (let i = 0; i < clientCount; i++) {
      const structCount = decoding.readVarUint(d)
      const client = decoding.readVarUint(d)
      let clock = decoding.readVarUint(d)
      const known = Y.getState(this.doc.store, client)
      let covered = this.covered.get(client) ?? known
      const list = this.structs.get(client) ?? []
      this.structs.set(client, list)
      for (let s = 0; s < structCount; s++) {
        const start = d.pos
        const info = decoding.readUint8(d)
        const ref = info & BITS5
        if (ref === GC_REF || ref === SKIP_REF) {
          const length = decoding.readVarUint(d)
          if (length === 0) this.empty(client, clock)
          if (ref === GC_REF) {
            covered = this.cover(client, covered, clock, length)
            list.push(gcRange(clock, length))
            this.structCount++
          }
          clock += length
          continue
        }
        const struct = this.readItem(info, start, client, clock)
        if (struct.length === 0) this.empty(client, clock)
        list.push(struct)
        this.structCount++
        covered = this.cover(client, covered, clock, struct.length)
        clock += struct.length
      }
      this.covered.set(client, covered)
      if (covered > known) this.newClients.add(client)
    }
    this.readDeleteSet()
  }

  /**
   * After `read`, checks the structure: what it refers to is there, its shared types nest
   * within bounds, each item's neighbours are in one place. Returns where its structs sit.
   */
  check(): StructPlaces {
    for (const id of this.dependencies) {
      if (id.clock >= this.stateAfter(id.client)) {
        throw new UpdateRefused(
          `it refers to content the server does not have (client ${id.client}, clock ${id.clock})`,
          true,
        )
      }
    }
    const places = new StructPlaces(this.structs, this.doc, this.structCount)
    places.checkTypeDepths(this.bounds.maxDepth)
    places.checkNeighbours()
    return places
  }

  /** Where the update writes and deletes: see `ScannedUpdate.tops`. */
  tops(places: StructPlaces): Top[] {
    const seen = new Map<string, Top>()
    const add = (top: Top | null) => {
      if (top) seen.set(`${top.direct}\u0000${top.root}\u0000${top.key}`, top)
    }
    for (const [client, list] of this.structs) {
      // What the document holds already is applied as nothing (a device resending its whole
      // copy, as y-websocket does once its offline copy has loaded): it writes nowhere.
      const known = Y.getState(this.doc.store, client)
      for (const struct of list) {
        if (!struct.gc && struct.clock + struct.length > known) add(places.topOf(struct))
      }
    }
    // What it deletes of its own new structs is counted above; here, what the document has.
    for (const range of this.liveDeletions) {
      const structs = this.doc.store.clients.get(range.client)
      if (!structs || range.clock >= Y.getState(this.doc.store, range.client)) continue
      const end = range.clock + range.length
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i] as Y.Item | Y.GC
        if (struct.id.clock >= end) break
        if (struct instanceof Y.Item && !struct.deleted) add(docTop(struct))
      }
    }
    return [...seen.values()]
  }

  /**
   * A struct at `clock` must continue what is covered: after a gap, Yjs would keep it pending.
   * It may repeat what is covered, whole (Yjs skips it), but not start inside it and go on:
   * Yjs would integrate its tail beside the content it restates while keeping the parent the
   * struct names, linking one type's content into another's (a corrupt document, or a
   * TypeError in the middle of applying it). Yjs's own encoders never write such a struct.
   */
  private cover(client: number, covered: number, clock: number, length: number): number {
    if (clock + length > MAX_CLOCK) {
      throw new UpdateRefused(`client ${client}'s clock passes ${MAX_CLOCK}`)
    }
    if (this.collect) return Math.max(covered, clock + length)
    if (clock > covered) {
      throw new UpdateRefused(
        `it skips part of client ${client}'s history (clock ${clock}, the server has ${covered})`,
        true,
      )
    }
    if (clock < covered && clock + length > covered) {
      throw new UpdateRefused(
        `it restates part of client ${client}'s history and goes on (clock ${clock}, the server has ${covered})`,
      )
    }
    return Math.max(covered, clock + length)
  }

  /**
   * A struct or deleted range of length 0: Yjs never encodes one, and applies it with effects
   * no update can have (a map entry emptied without a clock of its own, which undoing cannot
   * find; a stored document that no longer loads).
   */
  private empty(client: number, clock: number): void {
    if (!this.collect) {
      throw new UpdateRefused(`an empty struct or deletion (client ${client}, clock ${clock})`)
    }
  }

  private stateAfter(client: number): number {
    return this.covered.get(client) ?? Y.getState(this.doc.store, client)
  }

  /**
   * Reads an id the item at `self` depends on. Yjs integrates a client's structs in clock
   * order and takes a reference to the same client's content as already there.
   */
  private readId(self: Id): Id {
    const client = decoding.readVarUint(this.decoder)
    const clock = decoding.readVarUint(this.decoder)
    if (client === self.client && clock >= self.clock) {
      throw new UpdateRefused(
        `an item that refers to itself or to later content (client ${client})`,
      )
    }
    const id = { client, clock }
    this.dependencies.push(id)
    return id
  }

  private readItem(info: number, start: number, client: number, clock: number): StructInfo {
    const d = this.decoder
    const self = { client, clock }
    const origin = info & HAS_ORIGIN ? this.readId(self) : null
    const rightOrigin = info & HAS_RIGHT_ORIGIN ? this.readId(self) : null
    let parent: ParentRef = null
    let key: string | null = null
    if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
      if (decoding.readVarUint(d) === 1) {
        parent = { root: true, name: this.content.readKey('a root name') }
      } else {
        parent = { root: false, id: this.readId(self) }
      }
      if (info & HAS_PARENT_SUB) key = this.content.readKey('a map key')
    }
    const contentStart = d.pos
    const { length, problem } = this.content.readContent(info & BITS5)
    if (problem !== null) {
      if (!this.collect) throw new UpdateRefused(problem)
      this.bad.push({ info: start, start: contentStart, end: d.pos, length })
    }
    return {
      clock,
      length,
      origin,
      rightOrigin,
      parent,
      isType: (info & BITS5) === CONTENT_TYPE && problem === null,
      gc: false,
      key,
      containerDepth: -1,
      top: undefined,
      slot: undefined,
    }
  }

  private readDeleteSet(): void {
    const d = this.decoder
    const clients = decoding.readVarUint(d)
    for (let i = 0; i < clients; i++) {
      const client = decoding.readVarUint(d)
      const ranges = decoding.readVarUint(d)
      const state = this.stateAfter(client)
      for (let r = 0; r < ranges; r++) {
        const clock = decoding.readVarUint(d)
        const length = decoding.readVarUint(d)
        if (length === 0) this.empty(client, clock)
        if (this.collect) continue
        if (clock + length > state) {
          throw new UpdateRefused(
            `it deletes content the server does not have (client ${client}, clock ${clock})`,
            true,
          )
        }
        if (this.deletesLiveContent(client, clock, length)) {
          this.pieces += 2
          this.liveDeletions.push({ client, clock, length })
        }
      }
    }
  }

  /**
   * Whether the range deletes content the document still shows (or that this update brings):
   * what a client's full delete set repeats of what is deleted already costs nothing.
   */
  private deletesLiveContent(client: number, clock: number, length: number): boolean {
    const known = Y.getState(this.doc.store, client)
    if (clock + length > known) return true
    const structs = this.doc.store.clients.get(client)
    if (!structs) return true
    for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
      const struct = structs[i] as Y.Item | Y.GC
      if (struct.id.clock >= clock + length) return false
      if (!struct.deleted) return true
    }
    return false
  }
}

const readable = (error: unknown): UpdateRefused =>
  error instanceof UpdateRefused
    ? error
    : new UpdateRefused(`it is not a readable Yjs update (${(error as Error).message})`)

/**
 * Checks `update` against `doc` before it is applied. Throws `UpdateRefused` for an update
 * that is malformed, holds content past `bounds`, has a sub-document, or that Yjs would keep
 * pending (a gap in a client's history, or a reference to content the document lacks).
 */
export const scanUpdate = (
  update: Uint8Array,
  doc: Y.Doc,
  bounds: UpdateBounds = UPDATE_BOUNDS,
): ScannedUpdate => {
  const scan = new Scan(update, doc, bounds, false)
  try {
    scan.read()
    const places = scan.check()
    return {
      newClients: scan.newClients,
      pieces: scan.pieces + scan.structCount,
      tops: scan.tops(places),
    }
  } catch (error) {
    throw readable(error)
  }
}

/**
 * `update` with every content out of bounds replaced by deleted content of the same length:
 * every client's clocks stay as they were, so what refers to that content still applies.
 * For `npm run repair`; `doc` holds what came before `update`.
 */
export const repairUpdate = (
  update: Uint8Array,
  doc: Y.Doc,
  bounds: UpdateBounds = UPDATE_BOUNDS,
): { update: Uint8Array; replaced: number } => {
  const scan = new Scan(update, doc, bounds, true)
  try {
    scan.read()
  } catch (error) {
    throw readable(error)
  }
  if (scan.bad.length === 0) return { update, replaced: 0 }
  const encoder = encoding.createEncoder()
  let copied = 0
  for (const bad of scan.bad) {
    encoding.writeUint8Array(encoder, update.subarray(copied, bad.info))
    encoding.writeUint8(encoder, ((update[bad.info] as number) & ~BITS5) | CONTENT_DELETED)
    encoding.writeUint8Array(encoder, update.subarray(bad.info + 1, bad.start))
    encoding.writeVarUint(encoder, bad.length)
    copied = bad.end
  }
  encoding.writeUint8Array(encoder, update.subarray(copied))
  return { update: encoding.toUint8Array(encoder), replaced: scan.bad.length }
}
