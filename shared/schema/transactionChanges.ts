import * as Y from 'yjs'

/**
 * What a transaction did, read from Yjs's own records (its changed types, its before and after
 * state, the items of a map entry): the write policy (policy.ts) judges these.
 */

// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types its shared types with YEvent<any>
export type SharedType = Y.AbstractType<Y.YEvent<any>>

/** [root name, key, key, …] from the root down to `type` (`#` for a position in a list). */
export const pathOf = (type: SharedType): string[] => {
  const path: string[] = []
  let current = type
  while (current._item !== null) {
    path.unshift(current._item.parentSub ?? '#')
    current = current._item.parent as SharedType
  }
  path.unshift(Y.findRootTypeKey(current))
  return path
}

/** A map entry's latest item, live or deleted (a deleted Y.Map keeps its entries' content until collected). */
const entryItem = (map: { _map: Map<string, Y.Item> }, key: string): Y.Item | undefined =>
  map._map.get(key)

/** The value of `key` in `map`, even when `map` was deleted in this transaction. */
export const rawField = (map: { _map: Map<string, Y.Item> }, key: string): unknown =>
  entryItem(map, key)?.content.getContent()[0]

/** Whether `transaction` wrote `item` (rather than found it in the document). */
const writtenBy = (transaction: Y.Transaction, item: Y.Item): boolean =>
  item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)

/**
 * What a transaction did to a map entry: the item it added, and the item it removed. The
 * entry's items form a chain, latest last: the transaction's own items are at its end (it may
 * set a key several times, and delete what it set), and the first item before them is what
 * the entry held before.
 */
export const entryChange = (
  transaction: Y.Transaction,
  map: SharedType,
  key: string,
): { added: Y.Item | null; removed: Y.Item | null } => {
  const latest = entryItem(map, key) ?? null
  const isNew = (item: Y.Item) => writtenBy(transaction, item)
  const added = latest && !latest.deleted && isNew(latest) ? latest : null
  let previous = latest
  while (previous && isNew(previous)) previous = previous.left
  const removed = previous && Y.isDeleted(transaction.deleteSet, previous.id) ? previous : null
  return { added, removed }
}

export const mapOf = (item: Y.Item | null): Y.Map<unknown> | null =>
  item?.content instanceof Y.ContentType && item.content.type instanceof Y.Map
    ? item.content.type
    : null

/** What `Y.Map.set` writes: a value, binary data or a shared type (JSON from older clients). */
const MAP_VALUES = [Y.ContentAny, Y.ContentType, Y.ContentBinary, Y.ContentJSON]

/** What a transaction wrote as list content (not map entries), by the type it went into. */
interface ListWrites {
  /** Every type it wrote list content into. */
  into: ReadonlySet<unknown>
  /** The types it wrote list content into that is not characters (an embed, a value or a shared type, a format). */
  notCharacters: ReadonlySet<unknown>
  /** Every type that holds, at any depth, something it wrote (list content or a map entry). */
  under: ReadonlySet<unknown>
}

const listWritesOf = new WeakMap<Y.Transaction, ListWrites>()

/**
 * What `transaction` wrote as list content, found among the structs it brought (a keystroke
 * costs one struct, however long the text); what it wrote and deleted again is left out.
 */
export const listWrites = (transaction: Y.Transaction): ListWrites => {
  const known = listWritesOf.get(transaction)
  if (known) return known
  const into = new Set<unknown>()
  const notCharacters = new Set<unknown>()
  const under = new Set<unknown>()
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = transaction.doc.store.clients.get(client)
    if (after <= before || !structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      // Up to the root, or to a type already known: each type is visited once.
      for (
        let parent = struct.parent as SharedType | null;
        parent && !under.has(parent);
        parent = (parent._item?.parent ?? null) as SharedType | null
      ) {
        under.add(parent)
      }
      if (struct.parentSub !== null) continue
      into.add(struct.parent)
      if (!(struct.content instanceof Y.ContentString)) notCharacters.add(struct.parent)
    }
  }
  const writes = { into, notCharacters, under }
  listWritesOf.set(transaction, writes)
  return writes
}

/**
 * Whether `transaction` wrote characters into `text` and left it longer than `max`: a text
 * already longer (from before the limit) may still be shortened.
 */
export const textTooLong = (transaction: Y.Transaction, text: unknown, max: number): boolean =>
  text instanceof Y.Text && text.length > max && listWrites(transaction).into.has(text)

/**
 * Whether `transaction` wrote into the plain text `text` something other than characters: an
 * embed, a format or a keyed entry (an attribute). Every Y.Text of a workshop (a canvas
 * item's, a charter item's, a decision's, a plan question's) is read as its characters, so
 * nothing would show what these hold; documents' rich text is XML, not this.
 */
const notCharacters = (
  transaction: Y.Transaction,
  text: Y.Text,
  keys: ReadonlySet<string | null>,
): boolean => {
  for (const key of keys) if (key !== null) return true
  return listWrites(transaction).notCharacters.has(text)
}

/**
 * Content of a kind the type does not hold: list content in a map (nothing reads it, so it
 * would fill a workshop unseen), an entry that is a piece of text, a format or an embed, a
 * keyed entry in a list, or, in a plain text, anything but characters. Refused from every role.
 */
export const misplacedContent = (
  transaction: Y.Transaction,
  type: SharedType,
  keys: ReadonlySet<string | null>,
): boolean => {
  if (type instanceof Y.Text && !(type instanceof Y.XmlText)) {
    return notCharacters(transaction, type, keys)
  }
  if (type instanceof Y.Array) return keys.size > 0
  if (!(type instanceof Y.Map)) return false
  for (const key of keys) {
    if (key === null) return true
    const item = type._map.get(key)
    if (item && !item.deleted && !MAP_VALUES.some((kind) => item.content instanceof kind)) {
      return true
    }
  }
  return false
}
