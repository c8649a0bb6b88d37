import * as Y from 'yjs'
import type { Top } from '../../shared/schema/shape.ts'
import { UpdateRefused } from './updateRefused.ts'

/**
 * Where the structs of an update (see updateScan.ts) sit once applied: the type holding each
 * (how deep it is nested), its slot at its own level, and the root and top-level key it is
 * under. A struct without parent info sits beside its origin, in the update or in the
 * document: every answer is found by a loop, not by recursion, and remembered.
 */

export interface Id {
  client: number
  clock: number
}

/** Where an item's parent comes from. */
export type ParentRef = { root: true; name: string } | { root: false; id: Id } | null

export interface StructInfo {
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

export const gcRange = (clock: number, length: number): StructInfo => ({
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
export const docTop = (item: Y.Item): Top | null => {
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

/** The answers for one update's structs, read already (`structs`: per client, by clock). */
export class StructPlaces {
  constructor(
    private readonly structs: ReadonlyMap<number, readonly StructInfo[]>,
    private readonly doc: Y.Doc,
    /** Structs read (GC ranges included): a longer climb goes round in a cycle. */
    private readonly structCount: number,
  ) {}

  /** Where `struct` sits (see `climb`); every struct on the way keeps its answer. */
  topOf(struct: StructInfo): Top | null {
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
  checkNeighbours(): void {
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

  /** Refuses shared types nested deeper than `maxDepth`. */
  checkTypeDepths(maxDepth: number): void {
    for (const list of this.structs.values()) {
      for (const struct of list) {
        if (!struct.isType) continue
        if (this.containerDepth(struct) + 1 > maxDepth) {
          throw new UpdateRefused(`shared types nested deeper than ${maxDepth}`)
        }
      }
    }
  }
}
