import { type BoxItem, type BoxKind, type ConnectorItem, GRID } from '../schema/canvasItems.ts'
import { boxKind, isBox } from './kinds/index.ts'

/**
 * Where a new canvas item goes, for the board (every way of adding an item), the outline, the
 * phone composer and the server's reveal.
 *
 * Always on the GRID, at least one GRID away from every note, text and shape; a frame is in
 * the way only at its title band (2 GRID high) and along its border, so items may land in its
 * body but never across its edge (half in a column, half in the next). Into a frame:
 * the first free spot after what it holds, in reading order (rows from its top left, below its
 * title band, within its width), else in a gap before it, clear of any other frame it is not
 * inside (a box centred there would be that frame's); when none is left, the first free spot
 * below, in the rows the frame grows to take: it says the height the frame must grow to (by whole GRID rows; its
 * place and width never change), which anyone who may add the item may write
 * (shared/schema/canvasPolicy.ts). Elsewhere, or for a box wider than the frame: the free spot
 * nearest the spot asked for (a double click) or the view centre, found ring by ring.
 *
 * The answer depends only on the canvas, the view, the kind, the size and the frame: nothing
 * here may know who asks (a place drawn from a person's id would name the author of a
 * private note once it is revealed).
 *
 * Obstacles are rasterised once per call onto GRID cells around the search (a difference
 * array, then a summed-area table), so each candidate is checked in constant time and items
 * outside the searched window cost one comparison each.
 */

export interface Point {
  x: number
  y: number
}
export interface Rect extends Point {
  w: number
  h: number
}

/** A canvas's items as `readCanvasContent` gives them (connectors are ignored). */
export type PlacementItem =
  | Pick<BoxItem, 'id' | 'kind' | 'x' | 'y' | 'w' | 'h' | 'frame'>
  | Pick<ConnectorItem, 'id' | 'kind'>

export interface PlacementRequest {
  items: readonly PlacementItem[]
  /** The visible part of the canvas, in canvas coordinates. */
  view: Rect
  kind: BoxKind
  /** Its size; its kind's default size if left out. */
  size?: { w: number; h: number }
  /** The frame to put it in (ignored for a frame, or if no such frame is on the canvas). */
  frameId?: string | null
  /** Where its centre was asked to be (a double click); the view centre if left out. */
  at?: Point
}

export interface Placement {
  /** Its top-left corner. */
  x: number
  y: number
  /** The frame it goes in (null: where it lands decides, as for any new box). */
  frameId: string | null
  /**
   * When it goes into a frame that is full: the frame's height once grown to hold it (its
   * place and width stay).
   */
  growFrame: { h: number } | null
}

/** Space kept free between items. */
const GAP = GRID
/** A frame's title band, where nothing new goes (and where a double click edits its name). */
export const FRAME_TITLE_BAND = 2 * GRID
/** Cells searched around the wanted spot at first; doubled until a free spot is found. */
const FIRST_REACH = 32
const MAX_REACH = 4096

const cellOf = (value: number) => Math.floor(value / GRID)
const cellsFor = (length: number) => Math.ceil(length / GRID)

/** Which GRID cells of a window are taken; `fits` asks whether a block of cells is free. */
class Occupancy {
  private readonly taken: Int32Array

  constructor(
    private readonly left: number,
    private readonly top: number,
    private readonly cols: number,
    private readonly rows: number,
    obstacles: readonly Rect[],
  ) {
    const stride = cols + 1
    // Difference array: +1 at a rectangle's top-left cell, −1 past its other corners.
    const diff = new Int32Array(stride * (rows + 1))
    for (const rect of obstacles) {
      const c0 = Math.max(cellOf(rect.x - GAP), left) - left
      const r0 = Math.max(cellOf(rect.y - GAP), top) - top
      const c1 = Math.min(cellsFor(rect.x + rect.w + GAP), left + cols) - left
      const r1 = Math.min(cellsFor(rect.y + rect.h + GAP), top + rows) - top
      if (c0 >= c1 || r0 >= r1) continue
      diff[r0 * stride + c0] = (diff[r0 * stride + c0] ?? 0) + 1
      diff[r0 * stride + c1] = (diff[r0 * stride + c1] ?? 0) - 1
      diff[r1 * stride + c0] = (diff[r1 * stride + c0] ?? 0) - 1
      diff[r1 * stride + c1] = (diff[r1 * stride + c1] ?? 0) + 1
    }
    // Prefix sums of the difference array give each cell's cover; then the summed-area table
    // of "covered" (taken[r][c]: covered cells above and left of (r, c), exclusive).
    const cover = new Int32Array(cols)
    this.taken = new Int32Array(stride * (rows + 1))
    for (let r = 0; r < rows; r++) {
      let run = 0
      let rowTaken = 0
      for (let c = 0; c < cols; c++) {
        run += diff[r * stride + c] ?? 0
        cover[c] = (cover[c] ?? 0) + run
        if ((cover[c] ?? 0) > 0) rowTaken++
        this.taken[(r + 1) * stride + c + 1] = (this.taken[r * stride + c + 1] ?? 0) + rowTaken
      }
    }
  }

  /** Whether `cw` × `ch` cells from cell (col, row) (canvas cells) are inside and all free. */
  fits(col: number, row: number, cw: number, ch: number): boolean {
    const c0 = col - this.left
    const r0 = row - this.top
    if (c0 < 0 || r0 < 0 || c0 + cw > this.cols || r0 + ch > this.rows) return false
    const stride = this.cols + 1
    const at = (r: number, c: number) => this.taken[r * stride + c] ?? 0
    return at(r0 + ch, c0 + cw) - at(r0, c0 + cw) - at(r0 + ch, c0) + at(r0, c0) === 0
  }
}

/** A frame, or another kind that holds items. */
const holds = (box: { kind: BoxKind }) => boxKind(box.kind).holdsItems

/**
 * What a new item placed outside any frame must keep clear of: every box; of a frame, its
 * title band and its three other edges (as lines, which the GAP around every obstacle widens),
 * so what lands near a frame is in it or out of it, never across its border.
 */
const obstaclesOf = (items: readonly PlacementItem[]): Rect[] =>
  items.filter(isBox).flatMap((box) => {
    if (!holds(box)) return [box]
    const { x, y, w, h } = box
    return [
      { x, y, w, h: FRAME_TITLE_BAND },
      { x, y, w: 0, h },
      { x: x + w, y, w: 0, h },
      { x, y: y + h, w, h: 0 },
    ]
  })

/** The free grid spot nearest `wanted` (cells), searched ring by ring, or null if none near. */
const nearestFree = (obstacles: readonly Rect[], wanted: Point, cw: number, ch: number) => {
  for (let reach = FIRST_REACH; reach <= MAX_REACH; reach *= 2) {
    const room = new Occupancy(
      wanted.x - reach,
      wanted.y - reach,
      2 * reach + cw,
      2 * reach + ch,
      obstacles,
    )
    let best: { dx: number; dy: number; d2: number } | null = null
    // Ring r holds the spots r cells away (in the larger of dx, dy); the nearest free spot
    // of the first ring with one may still be beaten by one up to its distance further out.
    for (let r = 0; r <= reach && (!best || r * r <= best.d2); r++) {
      for (let dy = -r; dy <= r; dy++) {
        const edge = dy === -r || dy === r
        for (let dx = -r; dx <= r; dx += edge ? 1 : 2 * r) {
          const d2 = dx * dx + dy * dy
          // Equally near: rightmost, then lowest (the next one in reading order).
          const nearer =
            !best ||
            d2 < best.d2 ||
            (d2 === best.d2 && (dx > best.dx || (dx === best.dx && dy > best.dy)))
          if (nearer && room.fits(wanted.x + dx, wanted.y + dy, cw, ch)) best = { dx, dy, d2 }
        }
      }
    }
    if (best) return { x: wanted.x + best.dx, y: wanted.y + best.dy }
  }
  return null
}

/** Below everything, from the left edge of what is there: always free. */
const belowAll = (obstacles: readonly Rect[]): Point => {
  if (obstacles.length === 0) return { x: 0, y: 0 }
  let left = Number.POSITIVE_INFINITY
  let bottom = Number.NEGATIVE_INFINITY
  for (const rect of obstacles) {
    left = Math.min(left, rect.x)
    bottom = Math.max(bottom, rect.y + rect.h)
  }
  return { x: cellOf(left) * GRID, y: cellsFor(bottom + GAP) * GRID }
}

/**
 * The height `frame` must grow to (by whole GRID rows) to hold `box` with a GRID of gap below
 * it, or null when it already does.
 */
export const heightToHold = (frame: Rect, box: Rect): number | null => {
  const short = box.y + box.h + GAP - (frame.y + frame.h)
  return short > 0 ? frame.h + cellsFor(short) * GRID : null
}

/** Whether `outer` covers all of `inner`. */
const encloses = (outer: Rect, inner: Rect) =>
  outer.x <= inner.x &&
  outer.y <= inner.y &&
  outer.x + outer.w >= inner.x + inner.w &&
  outer.y + outer.h >= inner.y + inner.h

/**
 * The spot for a box of `size` in `frame` (see the top of this file), or null when the box is
 * wider than the frame's inside.
 */
const inFrame = (
  items: readonly PlacementItem[],
  frame: Rect & { id: string },
  size: { w: number; h: number },
): Placement | null => {
  const cw = cellsFor(size.w)
  const ch = cellsFor(size.h)
  const firstCol = cellsFor(frame.x + GAP)
  const lastCol = cellOf(frame.x + frame.w - GAP) - cw
  if (lastCol < firstCol) return null
  const boxes = items.filter(isBox)
  // After the last thing it holds in reading order (top to bottom, then left to right).
  let last: Rect | null = null
  for (const box of boxes) {
    if (box.frame !== frame.id || holds(box)) continue
    if (!last || box.y > last.y || (box.y === last.y && box.x > last.x)) last = box
  }
  const firstRow = cellsFor(frame.y + FRAME_TITLE_BAND)
  const startRow = last ? Math.max(firstRow, cellOf(last.y)) : firstRow
  const startCol = last ? cellsFor(last.x + last.w + GAP) : firstCol
  // In the way, across the frame's width from its top down: every box, the title band of a
  // frame it is inside, the whole of any other frame.
  const top = firstRow * GRID
  const obstacles = boxes
    .flatMap((box): Rect[] => {
      if (box.id === frame.id) return []
      if (!holds(box) || !encloses(box, frame)) return [box]
      return [{ x: box.x, y: box.y, w: box.w, h: FRAME_TITLE_BAND }]
    })
    .filter(
      (rect) => rect.x < frame.x + frame.w && rect.x + rect.w > frame.x && rect.y + rect.h > top,
    )
    .sort((a, b) => a.y - b.y)
  // The first rows below what it holds that nothing reaches into: the search ends there at
  // the latest, since a spot at the left of them is free.
  let lastRow = startRow
  for (const rect of obstacles) {
    if (cellOf(rect.y - GAP) >= lastRow + ch) break
    lastRow = Math.max(lastRow, cellsFor(rect.y + rect.h + GAP))
  }
  const room = new Occupancy(
    firstCol,
    firstRow,
    lastCol + cw - firstCol,
    lastRow + ch - firstRow,
    obstacles,
  )
  /** The first free spot in reading order from (fromRow, fromCol), down to row `toRow`. */
  const firstFree = (fromRow: number, fromCol: number, toRow: number): Point | null => {
    for (let row = fromRow; row <= toRow; row++) {
      for (let col = row === fromRow ? fromCol : firstCol; col <= lastCol; col++) {
        if (room.fits(col, row, cw, ch)) return { x: col * GRID, y: row * GRID }
      }
    }
    return null
  }
  // After what it holds; else in a gap before it; else where the frame grows to (whatever
  // it already holds, it grows only when full).
  const inside = cellOf(frame.y + frame.h - GAP - size.h)
  const spot =
    firstFree(startRow, Math.max(firstCol, startCol), inside) ??
    firstFree(firstRow, firstCol, lastRow)
  if (!spot) return null
  const h = heightToHold(frame, { ...spot, ...size })
  return { ...spot, frameId: frame.id, growFrame: h === null ? null : { h } }
}

/** The next free place for a new item (see the top of this file). */
export const placeNewItem = (request: PlacementRequest): Placement => {
  const size = request.size ?? boxKind(request.kind).defaultSize
  if (request.frameId && !holds(request)) {
    const frame = request.items
      .filter(isBox)
      .find((item) => item.id === request.frameId && holds(item))
    const place = frame ? inFrame(request.items, frame, size) : null
    if (place) return place
  }
  const { view } = request
  const centre = request.at ?? { x: view.x + view.w / 2, y: view.y + view.h / 2 }
  const wanted = {
    x: Math.round((centre.x - size.w / 2) / GRID),
    y: Math.round((centre.y - size.h / 2) / GRID),
  }
  const obstacles = obstaclesOf(request.items)
  const spot = nearestFree(obstacles, wanted, cellsFor(size.w), cellsFor(size.h))
  const at = spot ? { x: spot.x * GRID, y: spot.y * GRID } : belowAll(obstacles)
  return { ...at, frameId: null, growFrame: null }
}
