import * as Y from 'yjs'
import { isBoxKind } from '../canvas/kinds/index.ts'
import { type PlacementItem, placeNewItem } from '../canvas/placement.ts'
import { canvasMap } from './canvases.ts'
import { itemsIn } from './itemMaps.ts'
import type { BoxKind } from './itemSchemas.ts'

/**
 * Where a box goes that someone adds into a full frame, growing it (the write policy's
 * `growsToHold` checks a growth against it): as the board, the outline and the phone put it
 * (shared/canvas/placement.ts), in the first free row below what the frame holds, which is
 * past whatever lies right under the frame (another frame, a note).
 */

/**
 * The top placement gives a new box of `box`'s kind and size in the frame `frameId` of the
 * canvas `canvasId`, judged on the canvas as it was before: the frame `oldH` high, without the
 * items `leftOut` (what the same transaction adds); null when it does not put it in that frame
 * (no such frame, or the box is wider than it).
 */
export const placedTop = (
  doc: Y.Doc,
  canvasId: string,
  frameId: string,
  oldH: number,
  box: { kind: BoxKind; w: number; h: number },
  leftOut: ReadonlySet<string | null>,
): number | null => {
  const canvas = canvasMap(doc, canvasId)
  if (!canvas) return null
  const items: PlacementItem[] = []
  let frameTop: number | null = null
  // The boxes as placement reads them, from the raw entries: parsing each item (as
  // readCanvasContent does) would cost a large canvas milliseconds at every growth.
  for (const [id, map] of itemsIn(canvas).entries()) {
    const placed = map instanceof Y.Map && !leftOut.has(id) ? placementBox(id, map) : null
    if (!placed) continue
    if (id === frameId) {
      frameTop = placed.y
      placed.h = oldH
    }
    items.push(placed)
  }
  if (frameTop === null) return null
  const place = placeNewItem({
    items,
    view: { x: 0, y: frameTop, w: box.w, h: box.h },
    kind: box.kind,
    size: { w: box.w, h: box.h },
    frameId,
  })
  return place.frameId === frameId ? place.y : null
}

/** A finite number, or null. */
const finite = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

/** The box the entry `id` is, as placement reads it, or null (a connector, or malformed). */
const placementBox = (id: string, map: Y.Map<unknown>) => {
  const kind = map.get('kind')
  if (!isBoxKind(kind)) return null
  const x = finite(map.get('x'))
  const y = finite(map.get('y'))
  const w = finite(map.get('w'))
  const h = finite(map.get('h'))
  if (x === null || y === null || w === null || h === null) return null
  const frame = map.get('frame')
  return { id, kind, x, y, w, h, frame: typeof frame === 'string' ? frame : null }
}
