import type { Rect } from '../../../shared/canvas/placement.ts'

/** A note's text is 15 px at 100 %: below this scale it gets too small to read on a phone. */
export const READABLE_ZOOM = 0.85
/** One note does not fill the screen. */
const MOST_ZOOM = 2
/** Room left around what is shown, in screen pixels. */
const MARGIN = 12

/** The scale that fits `rect` whole in `size`, with the margin around it. */
const fitScale = (rect: Rect, size: { w: number; h: number }) =>
  Math.min((size.w - 2 * MARGIN) / Math.max(rect.w, 1), (size.h - 2 * MARGIN) / Math.max(rect.h, 1))

/** The view of `rect` in `size` pixels: whole when it fits at a readable scale, else from its top-left. */
const viewIn = (rect: Rect, size: { w: number; h: number }) => {
  const zoom = Math.min(MOST_ZOOM, Math.max(READABLE_ZOOM, fitScale(rect, size)))
  const along = (start: number, length: number, screen: number) => {
    const shown = screen / zoom
    return length + (2 * MARGIN) / zoom <= shown
      ? start + length / 2
      : start - MARGIN / zoom + shown / 2
  }
  return { x: along(rect.x, rect.w, size.w), y: along(rect.y, rect.h, size.h), zoom }
}

/**
 * The parts of a board of `size` left free beside `covered` (what lies over it, in board
 * pixels): right of it, below, left of it, above; none too small to show a note in.
 */
const freeParts = (size: { w: number; h: number }, covered: Rect): Rect[] => {
  const right = covered.x + covered.w
  const bottom = covered.y + covered.h
  return [
    { x: right, y: 0, w: size.w - right, h: size.h },
    { x: 0, y: bottom, w: size.w, h: size.h - bottom },
    { x: 0, y: 0, w: covered.x, h: size.h },
    { x: 0, y: 0, w: size.w, h: covered.y },
  ].filter((part) => part.w >= 160 + 2 * MARGIN && part.h >= 160 + 2 * MARGIN)
}

/**
 * The largest part of a board of `size` left free beside `covered` (all of it when nothing
 * covers it, or what is left is too small): where the board puts a new note.
 */
export const freeArea = (size: { w: number; h: number }, covered: Rect | null): Rect => {
  const parts = covered ? freeParts(size, covered) : []
  return parts.reduce<Rect>(
    (best, part) => (part.w * part.h > best.w * best.h ? part : best),
    parts[0] ?? { x: 0, y: 0, ...size },
  )
}

/**
 * The view (the canvas point at the board's centre and the scale) that shows `rect` on a board
 * of `size` pixels with readable text: the whole of it when it fits at a readable scale, else
 * from its top-left corner (where a frame's title is), at that scale. With `covered` (what lies
 * over the board, as the desktop's step card does its top-left), in the free part beside it
 * that shows `rect` largest (the widest of them when it is shown as large in several).
 */
export const readableView = (
  rect: Rect,
  size: { w: number; h: number },
  covered: Rect | null = null,
): { x: number; y: number; zoom: number } => {
  const parts = covered ? freeParts(size, covered) : []
  const score = (part: Rect) => Math.min(MOST_ZOOM, fitScale(rect, part))
  const part = parts.reduce<Rect | null>(
    (best, next) =>
      !best ||
      score(next) > score(best) ||
      (score(next) === score(best) && next.w * next.h > best.w * best.h)
        ? next
        : best,
    null,
  )
  if (!part) return viewIn(rect, size)
  // Shown in the part, then the board's centre, as far from the part's as it lies on screen.
  const view = viewIn(rect, part)
  return {
    x: view.x + (size.w / 2 - (part.x + part.w / 2)) / view.zoom,
    y: view.y + (size.h / 2 - (part.y + part.h / 2)) / view.zoom,
    zoom: view.zoom,
  }
}
