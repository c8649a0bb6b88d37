import type * as Y from 'yjs'
import type { Placement } from '../../../../shared/canvas/placement.ts'
import { addBox, type NewBox, resizeItem } from '../../../../shared/schema/index.ts'

/** A new box where `placeNewItem` put it. */
export interface PlacedBox {
  place: Placement
  /** The frame it goes into (`place.frameId`) as it is now: it grows from there if it must. */
  frame: { id: string; x: number; y: number } | undefined
  /** The box, but for where it goes. */
  box: Omit<NewBox, 'x' | 'y'>
}

/**
 * Adds a box at its placement, for the board and the outline alike: a full frame grows first
 * (`place.growFrame`), so the box lands inside it. One transaction, so one undo step. Returns
 * its id.
 */
export const addPlacedBox = (
  doc: Y.Doc,
  canvasId: string,
  { place, frame, box }: PlacedBox,
  origin: unknown,
): string => {
  let id = ''
  doc.transact(() => {
    if (frame && place.growFrame) {
      resizeItem(doc, canvasId, frame.id, { x: frame.x, y: frame.y, ...place.growFrame }, origin)
    }
    id = addBox(doc, canvasId, { ...box, x: place.x, y: place.y }, origin)
  }, origin)
  return id
}
