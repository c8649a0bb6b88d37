import * as Y from 'yjs'
import { boxKind, isBoxKind } from '../canvas/kinds/index.ts'
import { clusterProblem, GRID, ITEM_TEXT_MAX, itemProblem } from './canvasItems.ts'
import type { LayerRights } from './canvasRights.ts'
import { placedTop } from './frameGrowth.ts'
import { type Refusal, refusal, type Writer } from './rights.ts'
import { SEEDED_FIELDS } from './seedText.ts'
import {
  entryChange,
  mapOf,
  pathOf,
  rawField,
  type SharedType,
  textTooLong,
} from './transactionChanges.ts'

/**
 * The write policy's rules for canvases (policy.ts applies them to the shared canvases and to
 * each private document's): who may add, remove and change an item or a cluster, on a layer
 * whose rights `canvasRights` gives (shared/schema/canvasRights.ts).
 */

/** Fields of a canvas item that say who made it: set at creation, never changed by a client. */
const AUTHORSHIP_FIELDS = new Set(['id', 'kind', 'createdBy', 'createdAt', 'group'])
/** Fields of a canvas item that place it: anyone may change them when the phase allows moving. */
const PLACEMENT_FIELDS = new Set(['x', 'y', 'z', 'frame', 'cluster'])

/**
 * What the role, the lock or the running phase refuses of a change at `path` ([root, canvasId,
 * …]) on a layer of a canvas: moving (placement fields), or writing (anything else), if either.
 */
const layerRefuses = (layer: LayerRights, path: readonly string[]): Refusal | null => {
  const placement = path[2] === 'items' && PLACEMENT_FIELDS.has(path[4] ?? '')
  const code = placement ? layer.refusal.move : layer.refusal.write
  return code === null ? null : refusal(code, path[1])
}

/**
 * Why `writer` may not add or remove the canvas item held by `items[key]` (a canvas's items,
 * shared or private), or null. A new item is a valid item credited to whoever writes it, in
 * their partner group, of a kind the layer takes (a private document, what is written
 * privately); only its author removes an item (a connector goes with either end): a
 * frame's items let go of it by their own `frame` changing, judged as the moves they are.
 * The facilitator too credits new items to themself: authorship is the server's alone.
 */
const itemEntryRefuses = (
  transaction: Y.Transaction,
  items: SharedType,
  key: string,
  writer: Writer,
  layer: LayerRights,
  groupOf: (participantId: string) => string | null,
): Refusal | null => {
  const { added, removed } = entryChange(transaction, items, key)
  const oldItem = mapOf(removed)
  if (
    oldItem &&
    !layer.remove({ kind: rawField(oldItem, 'kind'), createdBy: rawField(oldItem, 'createdBy') })
  ) {
    return refusal('item.notYours', key)
  }
  const newItem = mapOf(added)
  if (added && !newItem) return refusal('item.invalid', key)
  if (!newItem) return null
  for (const field of SEEDED_FIELDS) if (newItem.has(field)) return refusal('invalid', field)
  if (newItem.get('createdBy') !== (writer.participantId ?? '')) {
    return refusal('item.author', 'a new item credited to someone else')
  }
  const group = newItem.get('group') ?? null
  if (
    group !== null &&
    (writer.participantId === null || group !== groupOf(writer.participantId))
  ) {
    return refusal('item.author', "a new item in another group than its author's")
  }
  const problem = itemProblem(key, newItem)
  if (problem !== null) return refusal('item.invalid', problem)
  if (itemTextTooLong(transaction, newItem)) return refusal('text.tooLong', key)
  const kind = newItem.get('kind')
  return layer.takes(kind) ? null : refusal('kind.private', String(kind))
}

/** A finite number `map` holds at `key`, or null. */
const numberAt = (map: Y.Map<unknown>, key: string): number | null => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The place and size of the box `map` is, and whether its kind holds items; null if no box. */
const boxArea = (map: Y.Map<unknown>) => {
  const kind = map.get('kind')
  const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((key) => numberAt(map, key))
  if (!isBoxKind(kind) || x == null || y == null || w == null || h == null) return null
  return { x, y, w, h, holdsItems: boxKind(kind).holdsItems }
}

/**
 * Whether `transaction` changed the height of `frame` only to make room for a box its writer
 * adds with it, as the board and the outline grow a full frame (shared/canvas/placement.ts,
 * `addPlacedBox`), whoever may resize the frame: a kind that holds items, whose `h` alone
 * changed, growing; a new box of `writer`'s, inside the frame's width and not inside its old
 * area, starting no lower than placement puts the next box of a full frame (`placedTop`);
 * below that box, at most a gap and one grid row more.
 */
const growsToHold = (transaction: Y.Transaction, frame: SharedType, writer: Writer) => {
  const area = frame instanceof Y.Map ? boxArea(frame) : null
  const changed = transaction.changed.get(frame)
  if (!area?.holdsItems || changed?.size !== 1 || !changed.has('h')) return false
  const before = entryChange(transaction, frame, 'h').removed?.content.getContent()[0]
  if (typeof before !== 'number' || area.h <= before) return false
  const items = frame._item?.parent
  if (!(items instanceof Y.AbstractType)) return false
  const written = transaction.changed.get(items) ?? new Set<string | null>()
  for (const key of written) {
    const box = key === null ? null : mapOf(entryChange(transaction, items, key).added)
    const rect = box && boxArea(box)
    if (!rect || rect.holdsItems || box?.get('createdBy') !== (writer.participantId ?? '')) continue
    const bottom = rect.y + rect.h
    const within = rect.x >= area.x && rect.x + rect.w <= area.x + area.w && rect.y >= area.y
    if (!within || bottom <= area.y + before || area.y + area.h > bottom + 2 * GRID) continue
    // Its top at most a gap below the old bottom (the next row of a full frame, or what a
    // screen a moment behind took for it), or where placement puts it, past what lies under
    // the frame.
    if (rect.y <= area.y + before + GRID) return true
    const [, canvasId = '', , frameId = ''] = pathOf(frame)
    const size = { kind: String(box?.get('kind')), w: rect.w, h: rect.h }
    const placed = placedTop(transaction.doc, canvasId, frameId, before, size, written)
    if (placed !== null && rect.y <= placed) return true
  }
  return false
}

/** Whether `transaction` left the text of the canvas item `item` longer than `ITEM_TEXT_MAX`. */
const itemTextTooLong = (transaction: Y.Transaction, item: Y.Map<unknown>): boolean =>
  textTooLong(transaction, item.get('text'), ITEM_TEXT_MAX)

/**
 * Why `writer` may not change the field `field` of the existing canvas item `item` (keyed
 * `key`; `type`, the type that changed), or null. Placement is anyone's (when the phase
 * allows moving); content is its author's, but for a frame grown to hold one's new box
 * (`growsToHold`); authorship is nobody's; a text is at most `ITEM_TEXT_MAX` long. When the
 * field itself was set, not edited inside (a text), what is set must leave a valid item, or
 * the item would vanish from every screen.
 */
const itemFieldRefuses = (
  transaction: Y.Transaction,
  type: SharedType,
  item: Y.Map<unknown>,
  key: string,
  field: string,
  writer: Writer,
  layer: LayerRights,
): Refusal | null => {
  const direct = Object.is(item, type)
  if (SEEDED_FIELDS.has(field)) return refusal('invalid', field)
  if (AUTHORSHIP_FIELDS.has(field)) return refusal('item.author', `its ${field} changed`)
  if (
    !PLACEMENT_FIELDS.has(field) &&
    !layer.edit(item.get('createdBy')) &&
    !(field === 'h' && direct && growsToHold(transaction, type, writer))
  ) {
    return refusal('item.notYours', field)
  }
  if (field === 'text' && itemTextTooLong(transaction, item)) return refusal('text.tooLong', key)
  const problem = direct ? itemProblem(key, item) : null
  return problem === null ? null : refusal('item.invalid', problem)
}

/** The live entry `path[3]` of the part `path[2]` (items, clusters) of canvas `path[1]`. */
const entryAt = (doc: Y.Doc, root: string, path: readonly string[]): unknown => {
  const canvas = doc.getMap<unknown>(root).get(path[1] ?? '')
  const part = canvas instanceof Y.Map ? canvas.get(path[2] ?? '') : null
  return part instanceof Y.Map ? part.get(path[3] ?? '') : undefined
}

/**
 * Why `writer` may not make the change at `path` ([root, canvasId, …, key]) inside the
 * canvases of a document (shared or private), or null. `type` is the type that changed;
 * `layer`, what `writer` may do on that layer of the canvas.
 */
export const canvasChangeRefuses = (
  transaction: Y.Transaction,
  type: SharedType,
  path: readonly string[],
  writer: Writer,
  layer: LayerRights,
  groupOf: (participantId: string) => string | null,
): Refusal | null => {
  const refused = layerRefuses(layer, path)
  if (refused) return refused
  if (path.length < 4) return null
  const key = path[3] ?? ''
  if (path[2] === 'clusters') {
    // Anyone the phase lets write names clusters; what is there must stay a cluster.
    const cluster = entryAt(transaction.doc, path[0] ?? '', path)
    const problem = cluster === undefined ? null : clusterProblem(key, cluster)
    return problem === null ? null : refusal('invalid', problem)
  }
  if (path[2] !== 'items') return null
  if (path.length === 4) return itemEntryRefuses(transaction, type, key, writer, layer, groupOf)
  const item = entryAt(transaction.doc, path[0] ?? '', path)
  return item instanceof Y.Map
    ? itemFieldRefuses(transaction, type, item, key, path[4] ?? '', writer, layer)
    : null
}
