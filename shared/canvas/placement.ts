import { type BoxItem, type BoxKind, type ConnectorItem, GRID } from '../schema/canvasItems.ts'
import { boxKind, isBox } from './kinds/index.ts'

/**
 * Where a new canvas item goes: the first piece of the headless canvas editor (no DOM, no
 * Solid), used by the board for every way of adding an item and by the phone composer.
 *
 * Always on the GRID, at least one GRID away from every note, text and shape; a frame is in
 * the way only at its title band (2 GRID high) and along its border, so items may land in its
 * body but never across its edge (half in a column, half in the next). Into a frame:
 * the first free spot after what it holds, in reading order (rows from its top left, below its
 * title band); when none is left, just below its content, with the size the frame must grow
 * to (as `moveItemToFrame` grows it). Elsewhere: the free spot nearest the spot asked for (a
 * double click) or the view centre, found ring by ring around it.
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
  /** When it goes into a frame that is full: the frame's size once grown to hold it. */
  growFrame: { w: number; h: number } | null
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
 * What a new item must keep clear of: every box; of a frame, its title band and its three
 * other edges (as lines, which the GAP around every obstacle widens), so what lands near a
 * frame is in it or out of it.
 */
const obstaclesOf = (items: readonly PlacementItem[], except: string | null): Rect[] =>
  items.filter(isBox).flatMap((box) => {
    if (!holds(box)) return [box]
    if (box.id === except) return []
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

const inFrame = (
  items: readonly PlacementItem[],
  frame: Rect & { id: string },
  size: { w: number; h: number },
): Placement => {
  const members = items.filter(isBox).filter((box) => box.frame === frame.id && !holds(box))
  const cw = cellsFor(size.w)
  const ch = cellsFor(size.h)
  const firstCol = cellsFor(frame.x + GAP)
  const firstRow = cellsFor(frame.y + FRAME_TITLE_BAND)
  const lastCol = cellOf(frame.x + frame.w - GAP) - cw
  const lastRow = cellOf(frame.y + frame.h - GAP) - ch
  // After the last thing it holds in reading order (top to bottom, then left to right).
  let last: Rect | null = null
  for (const box of members) {
    if (!last || box.y > last.y || (box.y === last.y && box.x > last.x)) last = box
  }
  const startRow = last ? Math.max(firstRow, cellOf(last.y)) : firstRow
  const startCol = last ? cellsFor(last.x + last.w + GAP) : firstCol
  const nearby = obstaclesOf(items, frame.id).filter(
    (rect) =>
      rect.x < frame.x + frame.w &&
      rect.x + rect.w > frame.x &&
      rect.y < frame.y + frame.h &&
      rect.y + rect.h > frame.y,
  )
  const room = new Occupancy(
    firstCol,
    startRow,
    Math.max(0, lastCol + cw - firstCol),
    Math.max(0, lastRow + ch - startRow),
    nearby,
  )
  for (let row = startRow; row <= lastRow; row++) {
    for (
      let col = row === startRow ? Math.max(firstCol, startCol) : firstCol;
      col <= lastCol;
      col++
    ) {
      if (room.fits(col, row, cw, ch)) {
        return { x: col * GRID, y: row * GRID, frameId: frame.id, growFrame: null }
      }
    }
  }
  // Full: just below its content; the frame grows to hold it (see moveItemToFrame).
  const bottom = members.reduce(
    (low, box) => Math.max(low, box.y + box.h + GAP),
    frame.y + FRAME_TITLE_BAND,
  )
  const x = firstCol * GRID
  const y = cellsFor(bottom) * GRID
  const w = Math.max(frame.w, x - frame.x + size.w + GAP)
  const h = Math.max(frame.h, y - frame.y + size.h + GAP)
  const grows = w !== frame.w || h !== frame.h
  return { x, y, frameId: frame.id, growFrame: grows ? { w, h } : null }
}

/** The next free place for a new item (see the top of this file). */
export const placeNewItem = (request: PlacementRequest): Placement => {
  const size = request.size ?? boxKind(request.kind).defaultSize
  if (request.frameId && !holds(request)) {
    const frame = request.items
      .filter(isBox)
      .find((item) => item.id === request.frameId && holds(item))
    if (frame) return inFrame(request.items, frame, size)
  }
  const { view } = request
  const centre = request.at ?? { x: view.x + view.w / 2, y: view.y + view.h / 2 }
  const wanted = {
    x: Math.round((centre.x - size.w / 2) / GRID),
    y: Math.round((centre.y - size.h / 2) / GRID),
  }
  const obstacles = obstaclesOf(request.items, null)
  const spot = nearestFree(obstacles, wanted, cellsFor(size.w), cellsFor(size.h))
  const at = spot ? { x: spot.x * GRID, y: spot.y * GRID } : belowAll(obstacles)
  return { ...at, frameId: null, growFrame: null }
}

/**
 * Into `frameId` while it has room, or when it may grow to make some (`mayGrow`: its size is
 * this person's to change); else where `request` alone puts it.
 */
export const placeInFrame = (
  request: PlacementRequest,
  frameId: string,
  mayGrow: boolean,
): Placement => {
  const place = placeNewItem({ ...request, frameId })
  return !place.growFrame || mayGrow ? place : placeNewItem(request)
}
