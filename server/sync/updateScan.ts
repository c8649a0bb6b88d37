import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { Top } from '../../shared/schema/shape.ts'
import { jsonDepthExceeds } from './jsonDepth.ts'

/**
 * A Yjs update (v1) read before it is applied, without recursion: lib0's decoder reads nested
 * values recursively, and so do Yjs's garbage collection of nested types, `toJSON` and every
 * export. The stacks of the main thread, the compaction worker and each browser differ, so
 * an update nested a few thousand deep is accepted by one and overflows another: a workshop
 * stored with it can no longer be loaded. This scan refuses such updates before any byte of
 * them is applied, stored or relayed. The format is Yjs's `writeStructs`/`writeDeleteSet`
 * (yjs/src/utils/encoding.js and the `write` of each content type).
 *
 * Over 500 lines on purpose: it mirrors Yjs's decoder one content type after another, and
 * reads best beside it in one file.
 */

export interface UpdateBounds {
  /** Nesting of JSON and `any` values, and of shared types inside shared types. */
  maxDepth: number
  /** Bytes of one string or binary value. */
  maxValueBytes: number
  /** Bytes of a map key, a root name, a format key or an XML node name. */
  maxKeyBytes: number
}

export const UPDATE_BOUNDS: UpdateBounds = {
  maxDepth: 64,
  maxValueBytes: 4 * 1024 * 1024,
  maxKeyBytes: 256,
}

/** An update the server will not apply; `message` says why, for the log and the close reason. */
export class UpdateRefused extends Error {
  override name = 'UpdateRefused'

  constructor(
    message: string,
    /** Refused only because it depends on content the document lacks (Yjs would keep it pending). */
    readonly pending = false,
  ) {
    super(message)
  }
}

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
const CONTENT_DELETED = 1
const CONTENT_TYPE = 7
const CONTENT_DOC = 9
const GC_REF = 0
const SKIP_REF = 10
/** Yjs type refs whose content also carries a name (`YXmlElement`, `YXmlHook`). */
const NAMED_TYPE_REFS = new Set([3, 5])

interface Id {
  client: number
  clock: number
}

/** Where an item's parent comes from. */
type ParentRef = { root: true; name: string } | { root: false; id: Id } | null

interface StructInfo {
  clock: number
  length: number
  origin: Id | null
  rightOrigin: Id | null
  /** `null`: the parent is the origin's (or right origin's) parent. */
  parent: ParentRef
  isType: boolean
  /** A garbage-collected range: nothing is in it. */
  gc: boolean
  /** The map key it is written under (its own, when it carries its parent). */
  key: string | null
  /** Memo of the depth of the type holding this struct (0: none; -1: not yet known). */
  containerDepth: number
  /** Memo of where it sits (null: nowhere, it becomes garbage; undefined: not yet known). */
  top: Top | null | undefined
  /** Memo of its slot (see `Slot`; null: nowhere; undefined: not yet known). */
  slot: Slot | null | undefined
}

/**
 * Where an item sits at its own level: the type holding it (a root's name or a type's id,
 * as text) and its map key (null: in the type's list).
 */
interface Slot {
  container: string
  key: string | null
}

const sameSlot = (a: Slot, b: Slot) => a.container === b.container && a.key === b.key

const gcRange = (clock: number, length: number): StructInfo => ({
  clock,
  length,
  origin: null,
  rightOrigin: null,
  parent: null,
  isType: false,
  gc: true,
  key: null,
  containerDepth: 0,
  top: null,
  slot: null,
})

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Depth of a type already in the document: a root is 1. */
const docTypeDepth = (type: Y.AbstractType<unknown>): number => {
  let depth = 1
  let item = type._item
  while (item) {
    depth++
    const parent = item.parent
    item = parent instanceof Y.AbstractType ? parent._item : null
  }
  return depth
}

/** Where a document's item sits: see `Top`. */
const docTop = (item: Y.Item): Top | null => {
  let current = item
  for (;;) {
    const parent = current.parent
    if (!(parent instanceof Y.AbstractType)) return null
    if (parent._item === null) {
      return {
        root: Y.findRootTypeKey(parent),
        key: current.parentSub ?? '#',
        direct: current === item,
      }
    }
    current = parent._item
  }
}

/** The slot of the document's item `id`, or null when it is none (garbage). */
const docSlot = (doc: Y.Doc, id: Id): Slot | null => {
  const item = Y.getItem(doc.store, Y.createID(id.client, id.clock))
  if (!(item instanceof Y.Item) || !(item.parent instanceof Y.AbstractType)) return null
  const holder = item.parent._item
  return {
    container: holder
      ? `${holder.id.client}:${holder.id.clock}`
      : `root:${Y.findRootTypeKey(item.parent)}`,
    key: item.parentSub,
  }
}

/** Where a climb from a struct towards its root stopped (see `Scan.climb`). */
type ClimbEnd =
  /** At a struct whose answer is known already. */
  | { at: 'known'; struct: StructInfo }
  /** `struct` sits directly in the root `name`. */
  | { at: 'root'; struct: StructInfo; name: string }
  /** Beside the document's item `id`. */
  | { at: 'docNeighbour'; id: Id }
  /** Inside the document's item `id` (a type). */
  | { at: 'docParent'; id: Id }
  /** Nowhere: it becomes garbage (a GC range, no neighbour, a parent that is no type). */
  | { at: 'nowhere' }

class Scan {
  private readonly decoder: decoding.Decoder
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
    private readonly update: Uint8Array,
    private readonly doc: Y.Doc,
    private readonly bounds: UpdateBounds,
    /** Repair mode: content out of bounds is collected, not refused; structure is not checked. */
    private readonly collect: boolean,
  ) {
    this.decoder = decoding.createDecoder(update)
  }

  run(): void {
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
    if (!this.collect) {
      for (const id of this.dependencies) {
        if (id.clock >= this.stateAfter(id.client)) {
          throw new UpdateRefused(
            `it refers to content the server does not have (client ${id.client}, clock ${id.clock})`,
            true,
          )
        }
      }
      this.checkTypeDepths()
      this.checkNeighbours()
    }
  }

  /** Where the update writes and deletes: see `ScannedUpdate.tops`. */
  tops(): Top[] {
    const seen = new Map<string, Top>()
    const add = (top: Top | null) => {
      if (top) seen.set(`${top.direct}\u0000${top.root}\u0000${top.key}`, top)
    }
    for (const [client, list] of this.structs) {
      // What the document holds already is applied as nothing (a device resending its whole
      // copy, as y-websocket does once its offline copy has loaded): it writes nowhere.
      const known = Y.getState(this.doc.store, client)
      for (const struct of list) {
        if (!struct.gc && struct.clock + struct.length > known) add(this.topOf(struct))
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

  /** Where `struct` sits (see `climb`); every struct on the way keeps its answer. */
  private topOf(struct: StructInfo): Top | null {
    const { path, levels, end } = this.climb(struct, (known) => known.top !== undefined)
    let base: Top | null = null
    if (end.at === 'known') base = end.struct.top ?? null
    else if (end.at === 'root') base = { root: end.name, key: end.struct.key ?? '#', direct: true }
    else if (end.at !== 'nowhere') base = this.docTopAt(end.id, end.at === 'docParent')
    for (const entry of path) {
      entry.struct.top = base && { ...base, direct: base.direct && entry.levels === levels }
    }
    return struct.top ?? null
  }

  /** Where the document's item `id` sits, or (`inside`) where what it holds sits. */
  private docTopAt(id: Id, inside: boolean): Top | null {
    const item = Y.getItem(this.doc.store, Y.createID(id.client, id.clock))
    const top = item instanceof Y.Item ? docTop(item) : null
    return top && inside ? { ...top, direct: false } : top
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

  private readKey(what: string): string {
    const bytes = decoding.readVarUint8Array(this.decoder)
    if (bytes.length > this.bounds.maxKeyBytes && !this.collect) {
      throw new UpdateRefused(
        `${what} of ${bytes.length} bytes (at most ${this.bounds.maxKeyBytes})`,
      )
    }
    return utf8.decode(bytes)
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
        parent = { root: true, name: this.readKey('a root name') }
      } else {
        parent = { root: false, id: this.readId(self) }
      }
      if (info & HAS_PARENT_SUB) key = this.readKey('a map key')
    }
    const contentStart = d.pos
    const { length, problem } = this.readContent(info & BITS5)
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

  /** Reads one item's content: its length in clock units, and what is out of bounds in it. */
  private readContent(ref: number): { length: number; problem: string | null } {
    const d = this.decoder
    const { maxValueBytes } = this.bounds
    switch (ref) {
      case CONTENT_DELETED:
        return { length: decoding.readVarUint(d), problem: null }
      case 2: {
        // ContentJSON: strings of JSON (older clients).
        const count = decoding.readVarUint(d)
        let problem: string | null = null
        for (let i = 0; i < count && (problem === null || this.collect); i++) {
          const found = this.jsonProblem(decoding.readVarUint8Array(d))
          problem ??= found
        }
        return { length: count, problem }
      }
      case 3: {
        const bytes = decoding.readVarUint8Array(d)
        return {
          length: 1,
          problem:
            bytes.length > maxValueBytes
              ? `a binary value of ${bytes.length} bytes (at most ${maxValueBytes})`
              : null,
        }
      }
      case 4: {
        const bytes = decoding.readVarUint8Array(d)
        if (bytes.length > maxValueBytes) {
          const problem = `a text of ${bytes.length} bytes (at most ${maxValueBytes})`
          // Refused at once, without decoding it (8 MB take 12 ms); repair keeps its length.
          if (!this.collect) throw new UpdateRefused(problem)
          return { length: utf8.decode(bytes).length, problem }
        }
        // The length is in UTF-16 code units, as Yjs counts a string.
        return { length: utf8.decode(bytes).length, problem: null }
      }
      case 5:
        // ContentEmbed: one JSON string.
        return { length: 1, problem: this.jsonProblem(decoding.readVarUint8Array(d)) }
      case 6: {
        // ContentFormat: a key and a JSON string.
        this.readKey('a format key')
        return { length: 1, problem: this.jsonProblem(decoding.readVarUint8Array(d)) }
      }
      case CONTENT_TYPE: {
        const typeRef = decoding.readVarUint(d)
        if (typeRef > 6) return { length: 1, problem: `an unknown shared type (${typeRef})` }
        if (NAMED_TYPE_REFS.has(typeRef)) this.readKey('an XML node name')
        return { length: 1, problem: null }
      }
      case 8: {
        const count = decoding.readVarUint(d)
        let problem: string | null = null
        for (let i = 0; i < count && (problem === null || this.collect); i++) {
          const found = this.skipAny()
          problem ??= found
        }
        return { length: count, problem }
      }
      case CONTENT_DOC:
        // Workshops have no sub-documents; one would load another document by its guid.
        utf8.decode(decoding.readVarUint8Array(d))
        return { length: 1, problem: this.skipAny() ?? 'a sub-document' }
      default:
        throw new UpdateRefused(`an unknown content type (${ref})`)
    }
  }

  /** Checks a JSON value as Yjs will parse it (`undefined` is how ContentJSON writes one). */
  private jsonProblem(bytes: Uint8Array): string | null {
    const { maxDepth, maxValueBytes } = this.bounds
    if (bytes.length > maxValueBytes)
      return `a value of ${bytes.length} bytes (at most ${maxValueBytes})`
    if (jsonDepthExceeds(bytes, maxDepth)) return `a value nested deeper than ${maxDepth}`
    const text = utf8.decode(bytes)
    if (text === 'undefined') return null
    try {
      JSON.parse(text)
    } catch {
      throw new UpdateRefused('a value that is not JSON')
    }
    return null
  }

  /**
   * Skips one lib0 `any` value (lib0/encoding.js `writeAny`) with a stack of counts instead of
   * recursion. Returns what is out of bounds in it, or null.
   */
  private skipAny(): string | null {
    const d = this.decoder
    const { maxDepth, maxValueBytes } = this.bounds
    /** For each open array or object: entries left to read, and whether entries have keys. */
    const open: Array<{ left: number; keyed: boolean }> = []
    let problem: string | null = null
    let first = true
    while (first || open.length > 0) {
      if (!first) {
        const top = open[open.length - 1] as { left: number; keyed: boolean }
        if (top.left === 0) {
          open.pop()
          continue
        }
        top.left--
        if (top.keyed) {
          const key = decoding.readVarUint8Array(d)
          if (key.length > maxValueBytes) problem ??= `a key of ${key.length} bytes`
          utf8.decode(key)
        }
      }
      first = false
      const type = decoding.readUint8(d)
      switch (type) {
        case 127: // undefined
        case 126: // null
        case 121: // false
        case 120: // true
          break
        case 125:
          decoding.readVarInt(d)
          break
        case 124:
          d.pos += 4
          break
        case 123:
        case 122:
          d.pos += 8
          break
        case 119:
        case 116: {
          const bytes = decoding.readVarUint8Array(d)
          if (bytes.length > maxValueBytes) {
            problem ??= `a value of ${bytes.length} bytes (at most ${maxValueBytes})`
          }
          if (type === 119) utf8.decode(bytes)
          break
        }
        case 118:
        case 117: {
          if (open.length >= maxDepth) {
            // Deeper than allowed: the rest cannot be skipped without reading it all, and
            // nothing after it in this update matters.
            if (!this.collect) return `a value nested deeper than ${maxDepth}`
            problem ??= `a value nested deeper than ${maxDepth}`
          }
          open.push({ left: decoding.readVarUint(d), keyed: type === 118 })
          break
        }
        default:
          throw new UpdateRefused(`an unknown value type (${type})`)
      }
      if (d.pos > this.update.length) throw new UpdateRefused('it is truncated')
    }
    return problem
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

  /** The update's struct that holds `id`, if any. */
  private local(id: Id): StructInfo | undefined {
    const list = this.structs.get(id.client)
    if (!list) return undefined
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid] as StructInfo
      if (id.clock < struct.clock) high = mid - 1
      else if (id.clock >= struct.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }

  /** Depth of the type that the document's item `id` is, 0 if it is none. */
  private docTypeDepthOf(id: Id): number {
    const item = Y.getItem(this.doc.store, Y.createID(id.client, id.clock))
    return item instanceof Y.Item && item.content instanceof Y.ContentType
      ? docTypeDepth(item.content.type)
      : 0
  }

  /** Depth of the type holding the document's item `id`, 0 if none. */
  private docContainerDepthOf(id: Id): number {
    const item = Y.getItem(this.doc.store, Y.createID(id.client, id.clock))
    return item instanceof Y.Item && item.parent instanceof Y.AbstractType
      ? docTypeDepth(item.parent)
      : 0
  }

  /** Depth of the type holding `struct` (0: none, it becomes garbage): see `climb`. */
  private containerDepth(struct: StructInfo): number {
    const { path, levels, end } = this.climb(struct, (known) => known.containerDepth >= 0)
    let base = 0
    if (end.at === 'known') base = end.struct.containerDepth
    else if (end.at === 'root') base = 1
    else if (end.at === 'docNeighbour') base = this.docContainerDepthOf(end.id)
    else if (end.at === 'docParent') base = this.docTypeDepthOf(end.id)
    for (const entry of path) {
      entry.struct.containerDepth = base === 0 ? 0 : base + levels - entry.levels
    }
    return struct.containerDepth
  }

  /**
   * Climbs from `struct` towards its root, with a loop: a struct without parent info sits
   * beside its origin (or right origin), one whose parent is one of the update's types sits one
   * level inside that type. Stops at a struct `known` already answers for, or where the
   * document or a root takes over. Returns the structs passed, each with the levels climbed
   * before reaching it, and the levels climbed in all.
   */
  private climb(
    struct: StructInfo,
    known: (struct: StructInfo) => boolean,
  ): { path: Array<{ struct: StructInfo; levels: number }>; levels: number; end: ClimbEnd } {
    const path: Array<{ struct: StructInfo; levels: number }> = []
    let levels = 0
    let current = struct
    for (;;) {
      if (known(current)) return { path, levels, end: { at: 'known', struct: current } }
      if (path.length > this.structCount) {
        throw new UpdateRefused('its items refer to one another in a cycle')
      }
      path.push({ struct: current, levels })
      const parent: ParentRef = current.parent
      let end: ClimbEnd | null = null
      if (current.gc) end = { at: 'nowhere' }
      else if (parent === null) {
        const neighbour = current.origin ?? current.rightOrigin
        const next = neighbour ? this.local(neighbour) : undefined
        if (next) {
          current = next
          continue
        }
        end = neighbour ? { at: 'docNeighbour', id: neighbour } : { at: 'nowhere' }
      } else if (parent.root) end = { at: 'root', struct: current, name: parent.name }
      else {
        const type = this.local(parent.id)
        if (!type) end = { at: 'docParent', id: parent.id }
        else if (!type.isType) end = { at: 'nowhere' }
        else {
          levels++
          current = type
          continue
        }
      }
      return { path, levels, end }
    }
  }

  /** The slot of the update's struct, or of the document's item, that holds `id`. */
  private slotOfId(id: Id): Slot | null {
    const struct = this.local(id)
    return struct ? this.slotOf(struct) : docSlot(this.doc, id)
  }

  /**
   * The slot of `struct`: a struct without parent info sits beside its origin (or right
   * origin), in the update or in the document; every struct passed keeps the answer.
   */
  private slotOf(struct: StructInfo): Slot | null {
    const passed: StructInfo[] = []
    let current = struct
    let slot: Slot | null = null
    for (;;) {
      if (current.slot !== undefined) {
        slot = current.slot
        break
      }
      if (passed.length > this.structCount) {
        throw new UpdateRefused('its items refer to one another in a cycle')
      }
      passed.push(current)
      const parent = current.parent
      if (current.gc) break
      if (parent !== null) {
        slot = {
          container: parent.root ? `root:${parent.name}` : `${parent.id.client}:${parent.id.clock}`,
          key: current.key,
        }
        break
      }
      const neighbour = current.origin ?? current.rightOrigin
      const next = neighbour ? this.local(neighbour) : undefined
      if (!next) {
        slot = neighbour ? docSlot(this.doc, neighbour) : null
        break
      }
      current = next
    }
    for (const entry of passed) entry.slot = slot
    return slot
  }

  /**
   * An item goes between its origin and its right origin: both must be in the same list (a
   * map entry has none on its right). Yjs would place an item whose neighbours are in two
   * places by whichever it reaches first, so the server and a document loaded from storage
   * could end up with different content.
   */
  private checkNeighbours(): void {
    for (const list of this.structs.values()) {
      for (const struct of list) {
        if (struct.gc || struct.rightOrigin === null) continue
        const right = this.slotOfId(struct.rightOrigin)
        if (right === null) continue
        if (right.key !== null) throw new UpdateRefused('a map entry with a right neighbour')
        const left = struct.origin ? this.slotOfId(struct.origin) : null
        if (left !== null && !sameSlot(left, right)) {
          throw new UpdateRefused('an item whose two neighbours are in different places')
        }
      }
    }
  }

  private checkTypeDepths(): void {
    for (const list of this.structs.values()) {
      for (const struct of list) {
        if (!struct.isType) continue
        if (this.containerDepth(struct) + 1 > this.bounds.maxDepth) {
          throw new UpdateRefused(`shared types nested deeper than ${this.bounds.maxDepth}`)
        }
      }
    }
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
    scan.run()
    return {
      newClients: scan.newClients,
      pieces: scan.pieces + scan.structCount,
      tops: scan.tops(),
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
    scan.run()
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
