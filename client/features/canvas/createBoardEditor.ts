import { createComputed, createEffect, createSignal, onCleanup, untrack } from 'solid-js'
import type { LayeredContent } from './createLayeredContent.ts'
import type { CellFactory } from './editor/cell.ts'
import { createEditor, type Editor, type EditorOptions } from './editor/editor.ts'

/** Solid signals as the editor's cells: what a view reads of the editor re-renders on change. */
const solidCell: CellFactory = (initial, options) => {
  const [get, set] = createSignal(initial, options?.equals ? { equals: options.equals } : undefined)
  return { get, set: (next) => set(next as Parameters<typeof set>[0]) }
}

export interface BoardEditorOptions extends Omit<EditorOptions, 'model' | 'cell'> {
  content: LayeredContent
  /** Keep the board fitted to its content until the camera is moved some other way. */
  fitOnMount: boolean
}

/**
 * The headless editor (`editor/`) on Solid signals, tied to the board's life: it follows the
 * canvas's map for undo, forgets what others deleted, brings the spotlight into view, zooms in
 * on a note edited far out, and keeps a projector's board fitted.
 */
export const createBoardEditor = (options: BoardEditorOptions): Editor => {
  const { content } = options
  const editor = createEditor({ ...options, model: content, cell: solidCell })
  editor.autoFit.on = options.fitOnMount
  onCleanup(editor.destroy)

  // The canvas on screen is in the undo scope, the new one too if the map under its id is replaced.
  createComputed(() => editor.trackCanvas(content.canvas()))
  // Tracks the chosen ids and whether each still exists; it only ever drops the missing ones.
  createEffect(editor.forgetDeleted)
  // Content that arrives (or grows) while nobody moved the camera is fitted.
  createEffect(() => {
    if (options.fitOnMount && content.state.boxes.length > 0) untrack(editor.keepFitted)
  })
  // The spotlight is brought into view once per item; the focus and the selection stay put.
  let shownSpotlight: string | null = null
  createEffect(() => {
    const id = options.spotlightId()
    if (id === shownSpotlight) return
    shownSpotlight = id
    if (id) untrack(() => editor.showSpotlight(id))
  })
  // Text is edited at a readable size.
  createEffect(() => {
    const id = editor.state.editingId.get()
    if (id) untrack(() => editor.showEdited(id))
  })
  return editor
}
