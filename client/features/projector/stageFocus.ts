import { boxKind } from '../../../shared/canvas/kinds/index.ts'
import type { BoxItem } from '../../../shared/schema/index.ts'

/** A frame, or another kind that holds items (the registry says which). */
const holds = (box: BoxItem) => boxKind(box.kind).holdsItems

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

const bounds = (boxes: readonly BoxItem[]): Rect => {
  const left = Math.min(...boxes.map((box) => box.x))
  const top = Math.min(...boxes.map((box) => box.y))
  const right = Math.max(...boxes.map((box) => box.x + box.w))
  const bottom = Math.max(...boxes.map((box) => box.y + box.h))
  return { x: left, y: top, w: right - left, h: bottom - top }
}

/** In the frame: placed there, or with its centre inside it (dragged in by hand). */
const inFrame = (box: BoxItem, frame: BoxItem) => {
  if (box.id === frame.id || holds(box)) return false
  if (box.frame === frame.id) return true
  const x = box.x + box.w / 2
  const y = box.y + box.h / 2
  return x >= frame.x && x <= frame.x + frame.w && y >= frame.y && y <= frame.y + frame.h
}

/**
 * What the frame `frameId` holds (notes, texts, shapes; not the frames inside it), in reading
 * order: top to bottom, then left to right, as the board places new notes in it. Null when
 * there is no such frame.
 */
export const frameContent = (boxes: readonly BoxItem[], frameId: string): BoxItem[] | null => {
  const frame = boxes.find((box) => box.id === frameId && holds(box))
  if (!frame) return null
  return boxes.filter((box) => inFrame(box, frame)).sort((a, b) => a.y - b.y || a.x - b.x)
}

const spotlit = (boxes: readonly BoxItem[], spotlightId: string | null): Rect | null => {
  const found = spotlightId ? boxes.find((box) => box.id === spotlightId) : undefined
  return found ? bounds([found]) : null
}

/** Note text on the stage: at least 24 px on a 1080p screen, the same share of any other. */
export const READABLE = 24 / 1080
/** The board's note text at zoom 1 (canvas.css, `.canvas-item`). */
const NOTE_TEXT_PX = 15
/** Room left around what the board fits, in screen pixels. */
const MARGIN = 24
/**
 * The most a fitted view enlarges the board on a 1080p screen, the same share of any other's
 * height (a 4K screen is no larger on the wall): one note does not fill the wall.
 */
const MOST = 2.5 / 1080

/**
 * The board's zoom that fits `rect` in a board of `size` on a screen `screen` pixels high
 * (before the facilitator's size).
 */
export const fitScale = (rect: Rect, size: { w: number; h: number }, screen: number): number =>
  Math.min(
    MOST * screen,
    (size.w - 2 * MARGIN) / Math.max(rect.w, 1),
    (size.h - 2 * MARGIN) / Math.max(rect.h, 1),
  )

/**
 * What the projector's board frames on a canvas, in canvas coordinates: the spotlit item, else
 * the whole canvas, so that no frame is cut at the stage's edges (the room sees every part and
 * where the notes are; a frame is read on its own, `readableFrame`).
 */
export const boardFocus = (boxes: readonly BoxItem[], spotlightId: string | null): Rect | null =>
  spotlit(boxes, spotlightId) ?? (boxes.length > 0 ? bounds(boxes) : null)

/** What the board shows: the part it fits, and the items drawn (null: all of them). */
export interface BoardView {
  rect: Rect | null
  only: string[] | null
}

/**
 * The frame the facilitator put on the stage, on the board, where its note text is readable
 * (READABLE on a screen `screen` pixels high, at the facilitator's size `zoom`, on a board of
 * `size`): the whole frame with what it holds, else only what it holds (from its title's
 * corner), nothing else drawn, so that no frame is cut at the stage's edges. Null when neither
 * is readable: the stage reads the frame's notes reflowed instead (ProjectorNotes).
 */
export const readableFrame = (
  boxes: readonly BoxItem[],
  frameId: string,
  size: { w: number; h: number },
  screen: number,
  zoom: number,
): BoardView | null => {
  const frame = boxes.find((box) => box.id === frameId && holds(box))
  const inside = frameContent(boxes, frameId) ?? []
  if (!frame || size.w <= 0 || size.h <= 0) return null
  const ids = inside.map((box) => box.id)
  const views: BoardView[] = [{ rect: bounds([frame]), only: [frame.id, ...ids] }]
  if (inside.length > 0) views.push({ rect: stageFocus(boxes, frameId, null), only: ids })
  return views.find(({ rect }) => readableAt(rect, size, screen, zoom)) ?? null
}

/** Whether note text stays READABLE when the board fits `rect` (see `readableFrame`). */
export const readableAt = (
  rect: Rect | null,
  size: { w: number; h: number },
  screen: number,
  zoom: number,
): boolean =>
  !!rect &&
  size.w > 0 &&
  size.h > 0 &&
  fitScale(rect, size, screen) * zoom * NOTE_TEXT_PX >= READABLE * screen

/** What people wrote on a canvas (not its frames), in reading order: top to bottom, left to right. */
export const writtenContent = (boxes: readonly BoxItem[]): BoxItem[] =>
  boxes.filter((box) => !holds(box)).sort((a, b) => a.y - b.y || a.x - b.x)

/**
 * What the phone's board opens on (tests/client/phone.test.tsx): the spotlit item; else what is
 * in the step's frame, with its title (the frame itself while it is empty); else what people
 * wrote (notes, texts, shapes), or the frames while there is nothing else. Fitting what was
 * written rather than the frames around it keeps the text large on a small screen.
 */
export const stageFocus = (
  boxes: readonly BoxItem[],
  frameId: string | null,
  spotlightId: string | null,
): Rect | null => {
  const item = spotlit(boxes, spotlightId)
  if (item) return item
  const frame = frameId ? boxes.find((box) => box.id === frameId && holds(box)) : undefined
  if (frame) {
    const inside = frameContent(boxes, frame.id) ?? []
    if (inside.length === 0) return bounds([frame])
    // From the frame's top-left corner, where its title is: one reads which part it is.
    const corner = { ...frame, w: 1, h: 1 }
    return bounds([corner, ...inside])
  }
  const written = boxes.filter((box) => !holds(box))
  if (written.length > 0) return bounds(written)
  return boxes.length > 0 ? bounds(boxes) : null
}
