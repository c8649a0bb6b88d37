import { diffArrays } from 'diff'
import * as Y from 'yjs'

/**
 * Makes live shared types hold what other types (of another document, e.g. an old version)
 * hold, by editing them where they differ: every type present on both sides stays the same
 * instance, so an editor or observer bound to it (Tiptap on a fragment, a textarea on a note's
 * text, a board on a canvas) follows the change and its next edits land where everyone sees
 * them. Only where the kind of type differs, or the key is new, is a type created (a copy).
 * What is equal is not written again: bringing a type to an equal one changes nothing.
 */

// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types its shared types with YEvent<any>
type SharedType = Y.AbstractType<any>

/** What Y.Array and Y.XmlFragment have in common: a list of children. */
interface List {
  toArray(): unknown[]
  insert(index: number, content: unknown[]): void
  delete(index: number, length: number): void
}

/**
 * Edits longer than this between two lists (or two texts) are not searched for: the part that
 * differs (after the common start and end) is replaced whole. Texts and lists of a workshop
 * are far smaller; a larger difference would cost the server (size × this) steps.
 */
const MAX_EDIT_LENGTH = 1000

/** A value as plain data, with the kind of every type, for comparing two of them. */
const comparable = (value: unknown): unknown => {
  if (value instanceof Y.XmlElement) {
    return [
      'element',
      value.nodeName,
      comparable(value.getAttributes()),
      value.toArray().map(comparable),
    ]
  }
  if (value instanceof Y.XmlFragment) return ['fragment', value.toArray().map(comparable)]
  if (value instanceof Y.XmlText) return ['xmlText', comparable(value.toDelta())]
  if (value instanceof Y.Text) return ['text', comparable(value.toDelta())]
  if (value instanceof Y.Array) return ['array', value.toArray().map(comparable)]
  if (value instanceof Y.Map) {
    const keys = [...value.keys()].sort()
    return ['map', keys.map((key) => [key, comparable(value.get(key))])]
  }
  if (value instanceof Uint8Array) return ['bytes', [...value]]
  if (Array.isArray(value)) return ['list', value.map(comparable)]
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return [
      'record',
      Object.keys(record)
        .sort()
        .map((key) => [key, comparable(record[key])]),
    ]
  }
  return [typeof value, String(value)]
}

const fingerprint = (value: unknown): string => JSON.stringify(comparable(value))

/** Whether `live` is a type of the same kind as `target`, which can be brought to it in place. */
const sameKind = (live: unknown, target: SharedType): live is SharedType =>
  live instanceof Y.AbstractType &&
  live.constructor === target.constructor &&
  (!(target instanceof Y.XmlElement) || (live as Y.XmlElement).nodeName === target.nodeName)

/** A value to write into the live document: a type is copied (it belongs to another document). */
const copyOf = (value: unknown): unknown =>
  value instanceof Y.AbstractType ? value.clone() : value

/** A run of `same` kept entries, or `remove` live entries replaced by `insert` target ones. */
type Hunk = { same: number } | { remove: number; insert: number }

/** How to turn `live` into `target` (compared by their keys): what is kept, what changes. */
const align = (live: readonly string[], target: readonly string[]): Hunk[] => {
  const max = Math.min(live.length, target.length)
  let start = 0
  while (start < max && live[start] === target[start]) start++
  let end = 0
  while (end < max - start && live[live.length - 1 - end] === target[target.length - 1 - end]) {
    end++
  }
  const liveMiddle = live.slice(start, live.length - end)
  const targetMiddle = target.slice(start, target.length - end)
  const parts = diffArrays(liveMiddle, targetMiddle, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { removed: true, added: false, count: liveMiddle.length },
    { removed: false, added: true, count: targetMiddle.length },
  ]
  const hunks: Hunk[] = start > 0 ? [{ same: start }] : []
  for (const part of parts) {
    if (!part.added && !part.removed) {
      hunks.push({ same: part.count })
      continue
    }
    let last = hunks.at(-1)
    if (!last || 'same' in last) {
      last = { remove: 0, insert: 0 }
      hunks.push(last)
    }
    if (part.removed) last.remove += part.count
    else last.insert += part.count
  }
  if (end > 0) hunks.push({ same: end })
  return hunks
}

/**
 * Brings a list's children to `target`'s: kept children are left alone; where they differ, a
 * live child and a target child of the same kind are paired and brought together in place,
 * the others removed or inserted (copied).
 */
const bringListTo = (live: List, target: List): void => {
  const liveChildren = live.toArray()
  const targetChildren = target.toArray()
  let index = 0
  let liveAt = 0
  let targetAt = 0
  for (const hunk of align(liveChildren.map(fingerprint), targetChildren.map(fingerprint))) {
    if ('same' in hunk) {
      index += hunk.same
      liveAt += hunk.same
      targetAt += hunk.same
      continue
    }
    const paired = Math.min(hunk.remove, hunk.insert)
    for (let k = 0; k < paired; k++) {
      const child = liveChildren[liveAt + k]
      const wanted = targetChildren[targetAt + k]
      if (wanted instanceof Y.AbstractType && sameKind(child, wanted)) bringTypeTo(child, wanted)
      else {
        live.delete(index, 1)
        live.insert(index, [copyOf(wanted)])
      }
      index++
    }
    if (hunk.remove > paired) live.delete(index, hunk.remove - paired)
    const inserted = targetChildren.slice(targetAt + paired, targetAt + hunk.insert)
    if (inserted.length > 0) live.insert(index, inserted.map(copyOf))
    index += inserted.length
    liveAt += hunk.remove
    targetAt += hunk.insert
  }
}

/** One character (a whole code point, never half a surrogate pair) or embed of a text. */
interface Unit {
  insert: string | object
  key: string
  attributes: Record<string, unknown>
}

const unitsOf = (text: Y.Text): Unit[] =>
  (
    text.toDelta() as Array<{ insert: string | object; attributes?: Record<string, unknown> }>
  ).flatMap(({ insert, attributes = {} }): Unit[] =>
    typeof insert === 'string'
      ? Array.from(insert, (char) => ({ insert: char, key: char, attributes }))
      : [{ insert, key: `\u0000${fingerprint(insert)}`, attributes }],
  )

const lengthOf = (units: readonly Unit[]) =>
  units.reduce((sum, unit) => sum + (typeof unit.insert === 'string' ? unit.insert.length : 1), 0)

/** The formatting that turns `from` into `to`: changed attributes, and null for removed ones. */
const formatting = (from: Record<string, unknown>, to: Record<string, unknown>) => {
  const change: Record<string, unknown> = {}
  for (const key of Object.keys(from)) if (!(key in to)) change[key] = null
  for (const [key, value] of Object.entries(to)) {
    if (!(key in from) || fingerprint(from[key]) !== fingerprint(value)) change[key] = value
  }
  return change
}

/** Consecutive characters with the same attributes as one insertion; an embed alone. */
const insertions = (units: readonly Unit[]): Unit[] => {
  const out: Unit[] = []
  for (const unit of units) {
    const last = out.at(-1)
    if (
      last &&
      typeof last.insert === 'string' &&
      typeof unit.insert === 'string' &&
      fingerprint(last.attributes) === fingerprint(unit.attributes)
    ) {
      last.insert += unit.insert
    } else out.push({ ...unit })
  }
  return out
}

/**
 * Brings a text to `target`'s characters and formatting with the smallest edit found: kept
 * characters stay (with the carets anchored to them), and only their formatting is changed
 * where it differs.
 */
const bringTextTo = (live: Y.Text, target: Y.Text): void => {
  const liveUnits = unitsOf(live)
  const targetUnits = unitsOf(target)
  let index = 0
  let liveAt = 0
  let targetAt = 0
  /** Formatting changes of kept characters (positions as they end up: edits go left to right). */
  const formats: Array<{
    at: number
    length: number
    change: Record<string, unknown>
    key: string
  }> = []
  for (const hunk of align(
    liveUnits.map((unit) => unit.key),
    targetUnits.map((unit) => unit.key),
  )) {
    if ('same' in hunk) {
      for (let k = 0; k < hunk.same; k++) {
        const unit = liveUnits[liveAt + k] as Unit
        const change = formatting(unit.attributes, (targetUnits[targetAt + k] as Unit).attributes)
        const key = fingerprint(change)
        const length = lengthOf([unit])
        const last = formats.at(-1)
        if (last?.key === key && last.at + last.length === index) last.length += length
        else if (Object.keys(change).length > 0) formats.push({ at: index, length, change, key })
        index += length
      }
      liveAt += hunk.same
      targetAt += hunk.same
      continue
    }
    const removed = lengthOf(liveUnits.slice(liveAt, liveAt + hunk.remove))
    if (removed > 0) live.delete(index, removed)
    for (const run of insertions(targetUnits.slice(targetAt, targetAt + hunk.insert))) {
      // Attributes always given (even none): an insertion would take its neighbour's otherwise.
      if (typeof run.insert === 'string') live.insert(index, run.insert, { ...run.attributes })
      else live.insertEmbed(index, copyOf(run.insert) as object, { ...run.attributes })
      index += lengthOf([run])
    }
    liveAt += hunk.remove
    targetAt += hunk.insert
  }
  for (const { at, length, change } of formats) live.format(at, length, change)
}

/** Brings an element's attributes to `target`'s. */
const bringAttributesTo = (live: Y.XmlElement, target: Y.XmlElement): void => {
  const wanted = target.getAttributes() as Record<string, unknown>
  for (const key of Object.keys(live.getAttributes())) {
    if (!(key in wanted)) live.removeAttribute(key)
  }
  for (const [key, value] of Object.entries(wanted)) {
    if (fingerprint(live.getAttribute(key)) !== fingerprint(value)) {
      live.setAttribute(key, copyOf(value) as string)
    }
  }
}

/** Brings a live type to a target type of the same kind (see `sameKind`), in place. */
const bringTypeTo = (live: SharedType, target: SharedType): void => {
  if (target instanceof Y.Text) bringTextTo(live as Y.Text, target)
  else if (target instanceof Y.XmlElement) {
    bringAttributesTo(live as Y.XmlElement, target)
    bringListTo(live as unknown as List, target as unknown as List)
  } else if (target instanceof Y.XmlFragment || target instanceof Y.Array) {
    bringListTo(live as unknown as List, target as unknown as List)
  } else bringMapTo(live as Y.Map<unknown>, target as Y.Map<unknown>)
}

/**
 * Brings a live map to `target`'s entries: keys it lacks are deleted, values that differ
 * set, and nested types of the same kind brought to theirs in place. Call it in a transaction.
 */
export const bringMapTo = (live: Y.Map<unknown>, target: Y.Map<unknown>): void => {
  for (const key of [...live.keys()]) if (!target.has(key)) live.delete(key)
  for (const [key, value] of target.entries()) {
    const current = live.get(key)
    if (value instanceof Y.AbstractType) {
      if (sameKind(current, value)) bringTypeTo(current, value)
      else live.set(key, copyOf(value))
    } else if (!live.has(key) || fingerprint(current) !== fingerprint(value)) {
      live.set(key, value)
    }
  }
}
