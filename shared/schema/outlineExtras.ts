import type * as Y from 'yjs'
import { boxKind, isBox } from '../canvas/kinds/index.ts'
import type { PartnerGroup } from '../groups.ts'
import { requireCanvas } from './canvases.ts'
import { addBox, GRID, moveItemToFrame, readCanvasContent } from './canvasItems.ts'

/**
 * Adds a note from a list view (the canvas outline), where there is no pointer position:
 * inside `frameId` (below what is already in it), or with `frameId` null below everything on
 * the canvas, so that it lands in no frame. One transaction, so one undo step. Returns its id.
 */
export const addNoteInFrame = (
  doc: Y.Doc,
  canvasId: string,
  input: {
    frameId: string | null
    text: string
    group: PartnerGroup | null
    createdBy: string
    /** The frame may grow to hold the note (its author's to decide; see moveItemToFrame). */
    growFrame?: boolean
  },
  origin: unknown,
): string => {
  requireCanvas(doc, canvasId)
  const { items } = readCanvasContent(doc, canvasId)
  // Checked before writing: a transaction is not rolled back when it throws half-way.
  if (
    input.frameId !== null &&
    !items.some((item) => item.id === input.frameId && isBox(item) && boxKind(item.kind).holdsItems)
  ) {
    throw new Error(`${input.frameId} is not a frame`)
  }
  let bottom = 0
  let left: number | null = null
  for (const item of items) {
    if (!isBox(item)) continue
    bottom = Math.max(bottom, item.y + item.h)
    left = left === null ? item.x : Math.min(left, item.x)
  }
  let id = ''
  doc.transact(() => {
    id = addBox(
      doc,
      canvasId,
      {
        kind: 'note',
        x: left ?? 0,
        y: bottom + 2 * GRID,
        text: input.text,
        group: input.group,
        createdBy: input.createdBy,
      },
      origin,
    )
    if (input.frameId !== null) {
      moveItemToFrame(doc, canvasId, id, input.frameId, origin, { grow: input.growFrame ?? true })
    }
  }, origin)
  return id
}
