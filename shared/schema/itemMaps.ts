import * as Y from 'yjs'
import { boxKind, CONNECTOR_KIND, isBoxKind } from '../canvas/kinds/index.ts'
import { requireCanvas } from './canvases.ts'
import { Z_LIMIT } from './itemSchemas.ts'

/**
 * The raw entries of a canvas (see canvasItems.ts), as the mutators read them before they
 * write: no validation, a missing or malformed value reads as absent (or 0).
 */

export type ItemMaps = Y.Map<Y.Map<unknown>>

export const itemsIn = (canvas: Y.Map<unknown>): ItemMaps => canvas.get('items') as ItemMaps
export const clustersIn = (canvas: Y.Map<unknown>): Y.Map<Y.Map<unknown>> =>
  canvas.get('clusters') as Y.Map<Y.Map<unknown>>

/** The items of a canvas (which must exist). */
export const itemsOf = (doc: Y.Doc, canvasId: string): ItemMaps =>
  itemsIn(requireCanvas(doc, canvasId))

/** The entry `id` of these items, if it is a map. */
export const itemMap = (items: ItemMaps, id: string): Y.Map<unknown> | null => {
  const map = items.get(id)
  return map instanceof Y.Map ? map : null
}

/** The entries of `ids` that are maps, in the order of `ids`. */
export const itemMaps = (items: ItemMaps, ids: readonly string[]): Y.Map<unknown>[] =>
  ids.map((id) => itemMap(items, id)).filter((map): map is Y.Map<unknown> => map !== null)

export const num = (map: Y.Map<unknown>, key: string): number => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * The highest `z` among these items (0 when there is none above it), but low enough that as
 * many more as there are items, stacked one above the other on it, stay within `Z_LIMIT`: an
 * item set at the limit ties with what comes after it rather than refuse it.
 */
export const topZ = (items: ItemMaps): number => {
  let top = 0
  for (const map of items.values()) {
    const value = map instanceof Y.Map ? map.get('z') : undefined
    if (typeof value === 'number' && Number.isFinite(value) && value > top) top = value
  }
  return Math.min(top, Z_LIMIT - items.size)
}

/** The kind of the box this entry is, or null (a connector, or malformed). */
const kindOf = (map: Y.Map<unknown>) => {
  const kind = map.get('kind')
  return isBoxKind(kind) ? boxKind(kind) : null
}
export const isFrame = (map: Y.Map<unknown>) => kindOf(map)?.holdsItems === true
export const mapIsBox = (map: Y.Map<unknown>) => kindOf(map) !== null
export const mapIsConnector = (map: Y.Map<unknown>) => map.get('kind') === CONNECTOR_KIND
