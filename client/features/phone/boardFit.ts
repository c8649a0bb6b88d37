import type { Rect } from '../../../shared/canvas/placement.ts'

/** A note's text is 15 px at 100 %: below this scale it gets too small to read on a phone. */
export const READABLE_ZOOM = 0.85
/** One note does not fill the screen. */
const MOST_ZOOM = 2
/** Room left around what is shown, in screen pixels. */
const MARGIN = 12

/**
 * The view (the canvas point at the board's centre and the scale) that shows `rect` on a board
 * of `size` pixels with readable text: the whole of it when it fits at a readable scale, else
 * from its top-left corner (where a frame's title is), at that scale.
 */
export const readableView = (
  rect: Rect,
  size: { w: number; h: number },
): { x: number; y: number; zoom: number } => {
  const fit = Math.min(
    (size.w - 2 * MARGIN) / Math.max(rect.w, 1),
    (size.h - 2 * MARGIN) / Math.max(rect.h, 1),
  )
  const zoom = Math.min(MOST_ZOOM, Math.max(READABLE_ZOOM, fit))
  const along = (start: number, length: number, screen: number) => {
    const shown = screen / zoom
    return length + (2 * MARGIN) / zoom <= shown
      ? start + length / 2
      : start - MARGIN / zoom + shown / 2
  }
  return { x: along(rect.x, rect.w, size.w), y: along(rect.y, rect.h, size.h), zoom }
}
