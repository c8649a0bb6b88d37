import type * as Y from 'yjs'
import { isBox } from '../canvas/kinds/index.ts'
import { type PlacementItem, placeNewItem } from '../canvas/placement.ts'
import { type BoxKind, GRID } from './itemSchemas.ts'
import { readCanvasContent } from './readCanvas.ts'

/**
 * How low a box may start that someone adds into a full frame, growing it (the write policy's
 * `growsToHold`): where the board, the outline and the phone put it (shared/canvas/placement.ts),
 * which for a full frame is the first free row below what it holds, past whatever lies just
 * under the frame (another frame, a note).
 */

/**
 * The lowest top a new box of `box`'s kind and size may have in the frame `frameId` of the
 * canvas `canvasId`, judged on the canvas as it was before: the frame `oldH` high, without the
 * items `leftOut` (what the same transaction adds). The lower of where placement puts it and
 * a gap below the frame's old bottom (a screen a moment behind saw the frame full while a note
 * had just gone); null when the frame is not on the canvas.
 */
export const lowestGrowthTop = (
  doc: Y.Doc,
  canvasId: string,
  frameId: string,
  oldH: number,
  box: { kind: BoxKind; w: number; h: number },
  leftOut: ReadonlySet<string | null>,
): number | null => {
  const items: PlacementItem[] = []
  let frameTop: number | null = null
  for (const item of readCanvasContent(doc, canvasId).items) {
    if (leftOut.has(item.id)) continue
    if (item.id === frameId && isBox(item)) {
      frameTop = item.y
      items.push({ ...item, h: oldH })
    } else items.push(item)
  }
  if (frameTop === null) return null
  const place = placeNewItem({
    items,
    view: { x: 0, y: frameTop, w: box.w, h: box.h },
    kind: box.kind,
    size: { w: box.w, h: box.h },
    frameId,
  })
  const belowOld = frameTop + oldH + GRID
  return place.frameId === frameId ? Math.max(place.y, belowOld) : belowOld
}
