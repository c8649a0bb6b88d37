import { boxKind } from '../canvas/kinds/index.ts'
import type { BoxItem, BoxKind } from './canvasItems.ts'
import { GRID } from './canvasItems.ts'

/**
 * Where an anonymous reveal puts the notes written in private. Not where their authors put
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
  /** Per note, in order: where it goes, at its kind's default size. */
  places: Array<{ x: number; y: number; w: number; h: number }>
  /** The target frame, if it must grow to hold the new notes: its new height. */
  grow: { frameId: string; h: number } | null
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
  if (notes.length === 0) return { places: [], grow: null }
  const [frame] = boxes
    .filter((box) => boxKind(box.kind).holdsItems)
    .sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
  if (!frame) {
    // Free space: under everything on the canvas, from its left edge.
    const left = boxes.length === 0 ? 0 : Math.min(...boxes.map((box) => box.x))
    const top = boxes.length === 0 ? 0 : Math.max(...boxes.map((box) => box.y + box.h)) + 2 * GRID
    return {
      places: grid(notes, left, top, Math.ceil(Math.sqrt(notes.length))).places,
      grow: null,
    }
  }
  // Below what the frame already holds, inside its width; the frame grows downwards.
  const below = boxes
    .filter((box) => box.frame === frame.id && !boxKind(box.kind).holdsItems)
    .reduce((bottom, box) => Math.max(bottom, box.y + box.h + GRID), frame.y + 2 * GRID)
  const columns = Math.max(1, Math.floor((frame.w - GRID) / cellWidth(notes)))
  const laid = grid(notes, frame.x + GRID, below, columns)
  const grow =
    laid.bottom > frame.y + frame.h ? { frameId: frame.id, h: laid.bottom - frame.y } : null
  return { places: laid.places, grow }
}
