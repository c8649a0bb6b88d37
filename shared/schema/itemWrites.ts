import * as Y from 'yjs'
import { boxKind, CONNECTOR_KIND } from '../canvas/kinds/index.ts'
import type { PartnerGroup } from '../groups.ts'
import { newId } from './ids.ts'
import {
  type ItemMaps,
  isFrame,
  itemMap,
  itemMaps,
  itemsOf,
  mapIsBox,
  mapIsConnector,
  num,
  topZ,
} from './itemMaps.ts'
import {
  type Arrow,
  boxFieldValues,
  colour,
  coord,
  GRID,
  kindSchemas,
  MIN_SIZE,
  type NewBox,
  size,
} from './itemSchemas.ts'
import { refreshFrame, withFrameMembers } from './membership.ts'
import { PROMPT, SEED_TEXT, SEEDED_FIELDS } from './seedText.ts'
import { replaceText } from './text.ts'

/**
 * Writing canvas items (see canvasItems.ts): each mutator validates what it is given, throws
 * before writing anything invalid, and writes in one transaction under the caller's origin.
 * A box that moves or changes size then belongs to the frame it lies in (membership.ts).
 */

/**
 * Adds a box of a registered kind: in front of the others (a `back` kind behind the others);
 * returns its id.
 */
export const addBox = (doc: Y.Doc, canvasId: string, input: NewBox, origin: unknown): string => {
  const box = kindSchemas().newBox.parse(input)
  const kind = boxKind(box.kind)
  const items = itemsOf(doc, canvasId)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, box.text ?? '')
    map.set('id', id)
    map.set('kind', box.kind)
    map.set('x', box.x)
    map.set('y', box.y)
    map.set('w', box.w ?? kind.defaultSize.w)
    map.set('h', box.h ?? kind.defaultSize.h)
    map.set('z', kind.layer === 'back' ? -topZ(items) - 1 : topZ(items) + 1)
    map.set('text', text)
    map.set('colour', box.colour ?? null)
    map.set('group', box.group ?? null)
    // Every kind's fields, null but its own: the entry keeps one shape whatever its kind.
    for (const [name, value] of Object.entries(boxFieldValues(box, true))) map.set(name, value)
    const named = box.frame && !items.has(box.frame) ? box.frame : null
    map.set('frame', named)
    map.set('cluster', null)
    map.set('createdBy', box.createdBy ?? '')
    map.set('createdAt', Date.now())
    if (box.seedText) map.set(SEED_TEXT, box.seedText)
    if (box.prompt) map.set(PROMPT, true)
    items.set(id, map)
    if (named === null) refreshFrame(items, map)
  }, origin)
  return id
}

/** Links two boxes with a connector (arrow at `to` by default); returns its id. */
export const connect = (
  doc: Y.Doc,
  canvasId: string,
  input: { from: string; to: string; arrow?: Arrow; text?: string; createdBy?: string },
  origin: unknown,
): string => {
  const items = itemsOf(doc, canvasId)
  for (const end of [input.from, input.to]) {
    const map = itemMap(items, end)
    if (!map || !mapIsBox(map)) throw new Error(`cannot connect: ${end} is not a box`)
  }
  if (input.from === input.to) throw new Error('cannot connect an item to itself')
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, input.text ?? '')
    map.set('id', id)
    map.set('kind', CONNECTOR_KIND)
    map.set('from', input.from)
    map.set('to', input.to)
    map.set('arrow', input.arrow ?? 'end')
    map.set('z', topZ(items) + 1)
    map.set('text', text)
    map.set('createdBy', input.createdBy ?? '')
    map.set('createdAt', Date.now())
    items.set(id, map)
  }, origin)
  return id
}

/**
 * Moves boxes by (dx, dy). A frame carries the items in it; the moved items then belong to
 * whichever frame they were dropped in. One transaction: one small update per move.
 */
export const moveItems = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  delta: { dx: number; dy: number },
  origin: unknown,
): void => {
  const items = itemsOf(doc, canvasId)
  const moving = withFrameMembers(items, ids)
  doc.transact(() => {
    for (const map of itemMaps(items, [...moving])) {
      if (!mapIsBox(map)) continue
      map.set('x', coord.parse(num(map, 'x') + delta.dx))
      map.set('y', coord.parse(num(map, 'y') + delta.dy))
    }
    for (const map of itemMaps(items, ids)) refreshFrame(items, map)
  }, origin)
}

/** Sets a box's position and size; a resized frame takes in or lets go of the items it covers. */
export const resizeItem = (
  doc: Y.Doc,
  canvasId: string,
  id: string,
  rect: { x: number; y: number; w: number; h: number },
  origin: unknown,
): void => {
  const items = itemsOf(doc, canvasId)
  const map = itemMap(items, id)
  if (!map || !mapIsBox(map)) return
  const next = {
    x: coord.parse(rect.x),
    y: coord.parse(rect.y),
    w: size.parse(Math.max(MIN_SIZE, rect.w)),
    h: size.parse(Math.max(MIN_SIZE, rect.h)),
  }
  doc.transact(() => {
    map.set('x', next.x)
    map.set('y', next.y)
    map.set('w', next.w)
    map.set('h', next.h)
    if (isFrame(map)) {
      for (const other of items.values()) if (other instanceof Y.Map) refreshFrame(items, other)
    } else refreshFrame(items, map)
  }, origin)
}

/** The Y.Text of an item (note text, frame name, label), for an editor to bind to. */
export const itemText = (doc: Y.Doc, canvasId: string, id: string): Y.Text | null => {
  const text = itemMap(itemsOf(doc, canvasId), id)?.get('text')
  return text instanceof Y.Text ? text : null
}

export const setItemText = (
  doc: Y.Doc,
  canvasId: string,
  id: string,
  value: string,
  origin: unknown,
) => {
  const text = itemText(doc, canvasId, id)
  if (!text) throw new Error(`no item ${id}`)
  doc.transact(() => replaceText(text, value), origin)
}

export const setItemColour = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  value: string | null,
  origin: unknown,
) => {
  const clean = colour.nullable().parse(value)
  const items = itemsOf(doc, canvasId)
  doc.transact(() => {
    for (const map of itemMaps(items, ids)) map.set('colour', clean)
  }, origin)
}

/**
 * A mutator of some items of a canvas: `edit` runs in one transaction under `origin`, on
 * the canvas's items (which must exist).
 */
const itemsEdit =
  (edit: (items: ItemMaps, ids: readonly string[]) => void) =>
  (doc: Y.Doc, canvasId: string, ids: readonly string[], origin: unknown): void => {
    const items = itemsOf(doc, canvasId)
    doc.transact(() => edit(items, ids), origin)
  }

/** Deletes items, the connectors attached to them, and frees the items of a deleted frame. */
export const deleteItems = itemsEdit((items, ids) => {
  const gone = new Set(ids)
  for (const [id, map] of items.entries()) {
    if (!(map instanceof Y.Map)) continue
    if (
      mapIsConnector(map) &&
      (gone.has(map.get('from') as string) || gone.has(map.get('to') as string))
    ) {
      gone.add(id)
    }
  }
  for (const map of items.values()) {
    if (
      map instanceof Y.Map &&
      !gone.has(map.get('id') as string) &&
      gone.has(map.get('frame') as string)
    ) {
      map.set('frame', null)
    }
  }
  for (const id of gone) items.delete(id)
})

/**
 * Copies items (and the connectors between them) offset by one grid step; returns the new ids.
 * The copies are `createdBy`'s, and, when `group` is given, in that partner group (a copy is
 * credited to whoever makes it: see shared/schema/rights.ts).
 */
export const duplicateItems = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  origin: unknown,
  createdBy = '',
  group?: PartnerGroup | null,
): string[] => {
  const items = itemsOf(doc, canvasId)
  const copies = new Map<string, string>()
  doc.transact(() => {
    let z = topZ(items)
    const boxes = itemMaps(items, ids).filter(mapIsBox)
    for (const source of boxes) copies.set(source.get('id') as string, newId())
    const connectors = [...items.values()].filter(
      (map) =>
        map instanceof Y.Map &&
        mapIsConnector(map) &&
        copies.has(map.get('from') as string) &&
        copies.has(map.get('to') as string),
    )
    for (const source of [...boxes, ...connectors]) {
      const id = copies.get(source.get('id') as string) ?? newId()
      const copy = new Y.Map<unknown>()
      for (const [key, value] of source.entries()) {
        // A copy is its maker's text, not the template's, and an idea (no client writes either).
        if (SEEDED_FIELDS.has(key)) continue
        if (value instanceof Y.Text) {
          const text = new Y.Text()
          text.insert(0, value.toString())
          copy.set(key, text)
        } else copy.set(key, value)
      }
      copy.set('id', id)
      copy.set('z', ++z)
      copy.set('createdBy', createdBy)
      copy.set('createdAt', Date.now())
      if (mapIsBox(source)) {
        copy.set('x', num(source, 'x') + GRID)
        copy.set('y', num(source, 'y') + GRID)
        if (group !== undefined) copy.set('group', group)
      } else {
        copy.set('from', copies.get(source.get('from') as string))
        copy.set('to', copies.get(source.get('to') as string))
      }
      items.set(id, copy)
      if (mapIsBox(copy)) refreshFrame(items, copy)
    }
  }, origin)
  return ids.flatMap((id) => copies.get(id) ?? [])
}

/** Puts items above everything else, keeping their order among themselves. */
export const bringToFront = itemsEdit((items, ids) => {
  const maps = itemMaps(items, ids).sort((a, b) => num(a, 'z') - num(b, 'z'))
  // Frames rise among frames only (they stay below notes, see readCanvasContent).
  let z = topZ(items)
  for (const map of maps) map.set('z', ++z)
})

/** Snaps position and size of boxes to the grid. */
export const alignToGrid = itemsEdit((items, ids) => {
  const snap = (value: number) => Math.round(value / GRID) * GRID
  for (const map of itemMaps(items, ids)) {
    if (!mapIsBox(map)) continue
    for (const key of ['x', 'y'] as const) map.set(key, snap(num(map, key)))
    for (const key of ['w', 'h'] as const) map.set(key, Math.max(GRID, snap(num(map, key))))
    refreshFrame(items, map)
  }
})
