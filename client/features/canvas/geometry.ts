/** Pure geometry of the board: rectangles, the camera, connector ends, reading order. */

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface Point {
  x: number
  y: number
}

/** Screen = world × scale + (x, y). */
export interface Camera {
  x: number
  y: number
  scale: number
}

export const MIN_SCALE = 0.05
export const MAX_SCALE = 4

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))

export const toWorld = (camera: Camera, screen: Point): Point => ({
  x: (screen.x - camera.x) / camera.scale,
  y: (screen.y - camera.y) / camera.scale,
})

export const toScreen = (camera: Camera, world: Point): Point => ({
  x: world.x * camera.scale + camera.x,
  y: world.y * camera.scale + camera.y,
})

/** The camera after zooming by `factor` so that the world point under `screen` stays put. */
export const zoomAround = (camera: Camera, screen: Point, factor: number): Camera => {
  const scale = clampScale(camera.scale * factor)
  const world = toWorld(camera, screen)
  return { scale, x: screen.x - world.x * scale, y: screen.y - world.y * scale }
}

/**
 * The camera as the board draws it: its offset in whole device pixels (`ratio` of them to a
 * CSS pixel), so that the world's layer lies on the screen's pixel grid. Moved by a fraction
 * of a pixel, every tile of it is resampled at every frame instead of copied (with
 * --disable-gpu, on the CPU).
 */
export const drawnCamera = (camera: Camera, ratio: number): Camera => ({
  x: Math.round(camera.x * ratio) / ratio,
  y: Math.round(camera.y * ratio) / ratio,
  scale: camera.scale,
})

/** The part of the world a `size` viewport shows. */
export const visibleWorld = (camera: Camera, size: { w: number; h: number }): Rect => ({
  x: -camera.x / camera.scale,
  y: -camera.y / camera.scale,
  w: size.w / camera.scale,
  h: size.h / camera.scale,
})

export const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** The part `a` and `b` share, if any. */
export const intersection = (a: Rect, b: Rect): Rect | null => {
  if (!intersects(a, b)) return null
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  return {
    x,
    y,
    w: Math.min(a.x + a.w, b.x + b.w) - x,
    h: Math.min(a.y + a.h, b.y + b.h) - y,
  }
}

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

/** The rectangle spanned by two corners, in any order. */
export const rectFrom = (a: Point, b: Point): Rect => ({
  x: Math.min(a.x, b.x),
  y: Math.min(a.y, b.y),
  w: Math.abs(a.x - b.x),
  h: Math.abs(a.y - b.y),
})

export const boundsOf = (rects: readonly Rect[]): Rect | null => {
  if (rects.length === 0) return null
  let x1 = Number.POSITIVE_INFINITY
  let y1 = Number.POSITIVE_INFINITY
  let x2 = Number.NEGATIVE_INFINITY
  let y2 = Number.NEGATIVE_INFINITY
  for (const r of rects) {
    x1 = Math.min(x1, r.x)
    y1 = Math.min(y1, r.y)
    x2 = Math.max(x2, r.x + r.w)
    y2 = Math.max(y2, r.y + r.h)
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 }
}

/**
 * The region to render: the visible world grown by an eighth of the viewport on every side,
 * snapped outward to a grid of tiles (a power of two in world units, an eighth to a quarter of
 * the view). It only changes when the viewport crosses a tile edge, so panning re-renders the
 * item list rarely, not every frame. Every element in it costs paint work in each frame the
 * world changes: at ~50 % it holds ~140 notes for the ~90 on screen (a quarter viewport and
 * quarter-view tiles held ~230).
 */
export const renderRegion = (visible: Rect): Rect => {
  const span = Math.max(visible.w, visible.h, 1)
  const tile = 2 ** Math.ceil(Math.log2(span / 8))
  const x1 = Math.floor((visible.x - visible.w / 8) / tile) * tile
  const y1 = Math.floor((visible.y - visible.h / 8) / tile) * tile
  const x2 = Math.ceil((visible.x + visible.w * 1.125) / tile) * tile
  const y2 = Math.ceil((visible.y + visible.h * 1.125) / tile) * tile
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 }
}

export const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h

/** A camera that shows `bounds` whole in a `size` viewport, with a margin, centred. */
export const fitCamera = (
  bounds: Rect | null,
  size: { w: number; h: number },
  margin = 40,
  maxScale = 1,
): Camera => {
  if (!bounds || size.w <= 0 || size.h <= 0) return { x: margin, y: margin, scale: 1 }
  const scale = clampScale(
    Math.min(
      maxScale,
      (size.w - 2 * margin) / Math.max(bounds.w, 1),
      (size.h - 2 * margin) / Math.max(bounds.h, 1),
    ),
  )
  return {
    scale,
    x: size.w / 2 - (bounds.x + bounds.w / 2) * scale,
    y: size.h / 2 - (bounds.y + bounds.h / 2) * scale,
  }
}

/** A camera that moves as little as possible so that `rect` is visible (centred if not). */
export const revealRect = (camera: Camera, size: { w: number; h: number }, rect: Rect): Camera => {
  const visible = visibleWorld(camera, size)
  if (contains(visible, rect)) return camera
  return {
    scale: camera.scale,
    x: size.w / 2 - (rect.x + rect.w / 2) * camera.scale,
    y: size.h / 2 - (rect.y + rect.h / 2) * camera.scale,
  }
}

const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 })

/** Where the segment from the centre of `r` toward `toward` leaves `r`. */
const edgePoint = (r: Rect, toward: Point): Point => {
  const c = centre(r)
  const dx = toward.x - c.x
  const dy = toward.y - c.y
  if (dx === 0 && dy === 0) return c
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : r.w / 2 / Math.abs(dx)
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : r.h / 2 / Math.abs(dy)
  const t = Math.min(tx, ty, 1)
  return { x: c.x + dx * t, y: c.y + dy * t }
}

/** The two ends of a connector between boxes `a` and `b`: on their edges, facing each other. */
export const connectorEnds = (a: Rect, b: Rect): { from: Point; to: Point } => ({
  from: edgePoint(a, centre(b)),
  to: edgePoint(b, centre(a)),
})

/** Items in reading order: by rows (top to bottom), then left to right. */
export const readingOrder = <T extends Rect & { id: string }>(items: readonly T[]): T[] =>
  [...items].sort(
    (a, b) => Math.round(a.y / 40) - Math.round(b.y / 40) || a.x - b.x || a.id.localeCompare(b.id),
  )

/**
 * Boxes in reading order, each frame followed by what it holds (in reading order), as the
 * outline lists them: Tab reads a frame's ideas together, not a row of frame titles first.
 */
export const framedReadingOrder = <T extends Rect & { id: string; frame: string | null }>(
  items: readonly T[],
): T[] => {
  const ids = new Set(items.map((item) => item.id))
  const held = new Map<string, T[]>()
  for (const item of items) {
    if (item.frame === null || item.frame === item.id || !ids.has(item.frame)) continue
    held.set(item.frame, [...(held.get(item.frame) ?? []), item])
  }
  const out: T[] = []
  const seen = new Set<string>()
  const visit = (item: T) => {
    if (seen.has(item.id)) return
    seen.add(item.id)
    out.push(item)
    for (const inside of readingOrder(held.get(item.id) ?? [])) visit(inside)
  }
  const loose = items.filter((item) => item.frame === null || !ids.has(item.frame))
  // Then whatever only a loop of frames holding each other would hold (bad data): never lost.
  for (const item of [...readingOrder(loose), ...readingOrder(items)]) visit(item)
  return out
}

/**
 * A label for a box `room` wide: its font size, from `maxPx` down to `minPx` to fit, and the
 * text cut with an ellipsis if even `minPx` is too large ('' if not a letter fits).
 * `widthAt1px` measures a string at a font size of 1 (widths scale with the size).
 */
export const fitLabel = (
  text: string,
  room: number,
  widthAt1px: (text: string) => number,
  { maxPx, minPx }: { maxPx: number; minPx: number },
): { text: string; px: number } => {
  const whole = widthAt1px(text)
  const px = whole > 0 ? Math.min(maxPx, Math.max(minPx, room / whole)) : maxPx
  if (whole * px <= room) return { text, px }
  const chars = [...text]
  let low = 0
  let high = chars.length - 1
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (widthAt1px(`${chars.slice(0, mid).join('').trimEnd()}…`) * px <= room) low = mid
    else high = mid - 1
  }
  return { text: low === 0 ? '' : `${chars.slice(0, low).join('').trimEnd()}…`, px }
}
