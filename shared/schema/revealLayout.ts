import { type BoxItem, type BoxKind, DEFAULT_SIZE, GRID } from './canvasItems.ts'

/**
 * Where an anonymous reveal puts the notes written in private. Not where their authors put
 * them: where a note was written (what its author's view showed, what they had written before)
 * can tell who wrote it. Each note goes into the shared frame its centre was in (what the
 * person meant: "ideas", "questions"…), or into free space below the canvas when it was in
 * none; there the notes are laid out afresh on a grid, in the order given (the caller
 * shuffles it), at their kind's default size. Nothing of a note's
 * place depends on who wrote it.
 */

export interface RevealedNote {
  kind: BoxKind
  /** Where its author put it on their private layer. */
  x: number
  y: number
  w: number
  h: number
}

export interface RevealLayout {
  /** Per note, in order: where it goes, at its kind's default size. */
  places: Array<{ x: number; y: number; w: number; h: number }>
  /** Frames that must grow to hold their new notes: their new height. */
  frameHeights: Map<string, number>
}

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

const holds = (frame: Rect, note: RevealedNote) => {
  const cx = note.x + note.w / 2
  const cy = note.y + note.h / 2
  return cx >= frame.x && cy >= frame.y && cx <= frame.x + frame.w && cy <= frame.y + frame.h
}

/** Rows of `columns` cells from (x, y), each cell the largest default size among `notes`. */
const grid = (notes: readonly RevealedNote[], x: number, y: number, columns: number) => {
  const cellW = Math.max(...notes.map((note) => DEFAULT_SIZE[note.kind].w)) + GRID
  const cellH = Math.max(...notes.map((note) => DEFAULT_SIZE[note.kind].h)) + GRID
  const places = notes.map((note, i) => ({
    x: x + (i % columns) * cellW,
    y: y + Math.floor(i / columns) * cellH,
    ...DEFAULT_SIZE[note.kind],
  }))
  return { places, bottom: y + Math.ceil(notes.length / columns) * cellH }
}

/** The layout of `notes` (in the order they are to be placed) on a canvas holding `boxes`. */
export const layoutReveal = (
  boxes: readonly BoxItem[],
  notes: readonly RevealedNote[],
): RevealLayout => {
  // The topmost frame holding a note's centre, as `frameAt` decides it for a new box.
  const frames = boxes.filter((box) => box.kind === 'frame').sort((a, b) => b.z - a.z)
  const targets = new Map<string | null, number[]>()
  notes.forEach((note, i) => {
    const target = frames.find((frame) => holds(frame, note))?.id ?? null
    targets.set(target, [...(targets.get(target) ?? []), i])
  })
  const places: RevealLayout['places'] = []
  const frameHeights = new Map<string, number>()
  for (const [target, indices] of targets) {
    const group = indices.map((i) => notes[i] as RevealedNote)
    const frame = frames.find((candidate) => candidate.id === target)
    let laid: ReturnType<typeof grid>
    if (frame) {
      // Below what the frame already holds, inside its width; the frame grows downwards.
      const below = boxes
        .filter((box) => box.frame === frame.id && box.kind !== 'frame')
        .reduce((bottom, box) => Math.max(bottom, box.y + box.h + GRID), frame.y + 2 * GRID)
      const cellW = Math.max(...group.map((note) => DEFAULT_SIZE[note.kind].w)) + GRID
      const columns = Math.max(1, Math.floor((frame.w - GRID) / cellW))
      laid = grid(group, frame.x + GRID, below, columns)
      if (laid.bottom > frame.y + frame.h) frameHeights.set(frame.id, laid.bottom - frame.y)
    } else {
      // Free space: under everything on the canvas, from its left edge.
      const left = boxes.length === 0 ? 0 : Math.min(...boxes.map((box) => box.x))
      const top = boxes.length === 0 ? 0 : Math.max(...boxes.map((box) => box.y + box.h)) + 2 * GRID
      laid = grid(group, left, top, Math.ceil(Math.sqrt(group.length)))
    }
    laid.places.forEach((place, k) => {
      places[indices[k] as number] = place
    })
  }
  return { places, frameHeights }
}
