import { boxKind } from '../canvas/kinds/index.ts'
import { heightToHold, placeNewItem } from '../canvas/placement.ts'
import type { BoxItem, BoxKind } from './canvasItems.ts'
import { GRID } from './canvasItems.ts'

/**
 * Where a reveal puts the notes written in private: `layoutReveal` for an anonymous one,
 * `layoutKept` for one that names its authors.
 *
 * Anonymous:  Not where their authors put
 * them: where a private note was (near its author's view, and once offset by their public
 * id) names its author, and so does which frame it was in (each person writes where their own
 * view is). Every note goes into the canvas's first frame in reading order (the top one,
 * then the leftmost: "Toutes les idées" in the templates), which grows to hold them, or below
 * the canvas's content when it has no frame; laid out afresh on a grid, in the order given
 * (the caller shuffles it), at their kind's default size. Nothing of a note's place depends on
 * who wrote it or where.
 */

/** A note to reveal: only its kind counts (its place, size and author do not). */
export interface RevealedNote {
  kind: BoxKind
}

export interface RevealLayout {
  /** Per note, in order: where it goes, and its size. */
  places: Array<{ x: number; y: number; w: number; h: number }>
  /** The frames that must grow to hold the new notes: their new heights. */
  grows: Array<{ frameId: string; h: number }>
}

/** The width of a cell: the widest default size among `notes`, and a gap. */
const cellWidth = (notes: readonly RevealedNote[]) =>
  Math.max(...notes.map((note) => boxKind(note.kind).defaultSize.w)) + GRID

/** Rows of `columns` cells from (x, y), each cell the largest default size among `notes`. */
const grid = (notes: readonly RevealedNote[], x: number, y: number, columns: number) => {
  const cellW = cellWidth(notes)
  const cellH = Math.max(...notes.map((note) => boxKind(note.kind).defaultSize.h)) + GRID
  const places = notes.map((note, i) => ({
    x: x + (i % columns) * cellW,
    y: y + Math.floor(i / columns) * cellH,
    ...boxKind(note.kind).defaultSize,
  }))
  return { places, bottom: y + Math.ceil(notes.length / columns) * cellH }
}

/** The layout of `notes` (in the order they are to be placed) on a canvas holding `boxes`. */
export const layoutReveal = (
  boxes: readonly BoxItem[],
  notes: readonly RevealedNote[],
): RevealLayout => {
  if (notes.length === 0) return { places: [], grows: [] }
  const [frame] = boxes
    .filter((box) => boxKind(box.kind).holdsItems)
    .sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
  if (!frame) {
    // Free space: under everything on the canvas, from its left edge.
    const left = boxes.length === 0 ? 0 : Math.min(...boxes.map((box) => box.x))
    const top = boxes.length === 0 ? 0 : Math.max(...boxes.map((box) => box.y + box.h)) + 2 * GRID
    return { places: grid(notes, left, top, Math.ceil(Math.sqrt(notes.length))).places, grows: [] }
  }
  // Below what the frame already holds, inside its width; the frame grows downwards.
  const below = boxes
    .filter((box) => box.frame === frame.id && !boxKind(box.kind).holdsItems)
    .reduce((bottom, box) => Math.max(bottom, box.y + box.h + GRID), frame.y + 2 * GRID)
  const columns = Math.max(1, Math.floor((frame.w - GRID) / cellWidth(notes)))
  const laid = grid(notes, frame.x + GRID, below, columns)
  const grows =
    laid.bottom > frame.y + frame.h ? [{ frameId: frame.id, h: laid.bottom - frame.y }] : []
  return { places: laid.places, grows }
}

const holds = (box: BoxItem) => boxKind(box.kind).holdsItems
const centreOf = (box: BoxItem) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

/**
 * The frame `note` was written into: the one it names (a private document holds no frame, so
 * a note written into a full one lies below it, where it grows to), else the highest one its
 * centre is in (as the schema's `frame` is found), or null.
 */
const writtenInto = (canvas: readonly BoxItem[], note: BoxItem): BoxItem | null => {
  const named = canvas.find((box) => box.id === note.frame && holds(box))
  if (named) return named
  const { x, y } = centreOf(note)
  const around = canvas.filter(
    (box) => holds(box) && x >= box.x && y >= box.y && x <= box.x + box.w && y <= box.y + box.h,
  )
  return around.sort((a, b) => b.z - a.z)[0] ?? null
}

/**
 * The layout of a reveal that names its authors, for `notes` (in the order they are to be
 * placed) on a canvas holding `boxes`. Each screen placed its person's notes among the shared
 * ones alone, so two people's notes may be at the same place: each note stays where it was
 * written while that is free (and, written into a frame, within its width), the frame growing
 * to hold it; else it goes to the next free place of the frame it was written into, which
 * grows as it must, or, in no frame, to the free place nearest to it. None lands on another.
 */
export const layoutKept = (boxes: readonly BoxItem[], notes: readonly BoxItem[]): RevealLayout => {
  // The canvas as it will be: each note placed, each frame grown, before the next one.
  const canvas = [...boxes]
  const grown = new Map<string, number>()
  const places = notes.map((note) => {
    const size = { w: note.w, h: note.h }
    const frame = writtenInto(canvas, note)
    const request = {
      items: canvas,
      view: { x: note.x, y: note.y, ...size },
      kind: note.kind,
      size,
    }
    const near = placeNewItem({ ...request, at: centreOf(note) })
    const kept =
      near.x === note.x &&
      near.y === note.y &&
      (!frame || (note.x >= frame.x && note.x + note.w <= frame.x + frame.w && note.y >= frame.y))
    const into = frame && !kept ? placeNewItem({ ...request, frameId: frame.id }) : null
    const place = { x: (into ?? near).x, y: (into ?? near).y, ...size }
    const target = into ? canvas.find((box) => box.id === into.frameId) : kept ? frame : null
    const h = target ? heightToHold(target, place) : null
    if (target && h !== null) {
      canvas[canvas.indexOf(target)] = { ...target, h }
      grown.set(target.id, h)
    }
    canvas.push({ ...note, ...place, frame: target?.id ?? null })
    return place
  })
  return { places, grows: [...grown].map(([frameId, h]) => ({ frameId, h })) }
}
