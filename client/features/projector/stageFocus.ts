import type { BoxItem } from '../../../shared/schema/index.ts'

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
  if (box.id === frame.id || box.kind === 'frame') return false
  if (box.frame === frame.id) return true
  const x = box.x + box.w / 2
  const y = box.y + box.h / 2
  return x >= frame.x && x <= frame.x + frame.w && y >= frame.y && y <= frame.y + frame.h
}

/**
 * What the projector's stage frames on a canvas, in canvas coordinates: the spotlit item; else
 * what is in the frame the facilitator put on the stage, with its title (the frame itself while
 * it is empty);
 * else what people wrote (notes, texts, shapes), or the frames while there is nothing else.
 * Fitting what was written rather than the frames around it is what keeps the text large:
 * a frame is made to hold many notes, and an empty part of it tells the room nothing.
 */
export const stageFocus = (
  boxes: readonly BoxItem[],
  frameId: string | null,
  spotlightId: string | null,
): Rect | null => {
  const spotlit = spotlightId ? boxes.find((box) => box.id === spotlightId) : undefined
  if (spotlit) return bounds([spotlit])
  const frame = frameId
    ? boxes.find((box) => box.id === frameId && box.kind === 'frame')
    : undefined
  if (frame) {
    const inside = boxes.filter((box) => inFrame(box, frame))
    if (inside.length === 0) return bounds([frame])
    // From the frame's top-left corner, where its title is: the room reads which part it is.
    const corner = { ...frame, w: 1, h: 1 }
    return bounds([corner, ...inside])
  }
  const written = boxes.filter((box) => box.kind !== 'frame')
  if (written.length > 0) return bounds(written)
  return boxes.length > 0 ? bounds(boxes) : null
}
