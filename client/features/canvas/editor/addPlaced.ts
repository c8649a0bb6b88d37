import type * as Y from 'yjs'
import type { Placement } from '../../../../shared/canvas/placement.ts'
import { addBox, growFrame, type NewBox } from '../../../../shared/schema/index.ts'

/** A new box where `placeNewItem` put it. */
export interface PlacedBox {
  place: Placement
  /** The box, but for where it goes. */
  box: Omit<NewBox, 'x' | 'y' | 'frame'>
}

/**
 * Adds a box at its placement, for the board and the outline alike: a full frame grows first
 * (`place.growFrame`, its height only: anyone who adds the box may write it), so the box lands
 * inside it. A private document holds no frame: the box names the one it was put into, and
 * the reveal puts it there. One transaction, so one undo step. Returns its id.
 */
export const addPlacedBox = (
  doc: Y.Doc,
  canvasId: string,
  { place, box }: PlacedBox,
  origin: unknown,
): string => {
  let id = ''
  doc.transact(() => {
    if (place.frameId && place.growFrame) {
      growFrame(doc, canvasId, place.frameId, place.growFrame.h, origin)
    }
    id = addBox(doc, canvasId, { ...box, x: place.x, y: place.y, frame: place.frameId }, origin)
  }, origin)
  return id
}
