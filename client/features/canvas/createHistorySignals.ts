import { type Accessor, createSignal } from 'solid-js'
import type { UndoHistory } from './editor/undoHistory.ts'

/** Solid accessors over a headless undo history, for the undo and redo buttons. */
export const createHistorySignals = (
  history: UndoHistory,
): { canUndo: Accessor<boolean>; canRedo: Accessor<boolean> } => {
  const [canUndo, setCanUndo] = createSignal(history.canUndo())
  const [canRedo, setCanRedo] = createSignal(history.canRedo())
  // Removed with the history's other listeners by `history.destroy()`.
  history.onChange(() => {
    setCanUndo(history.canUndo())
    setCanRedo(history.canRedo())
  })
  return { canUndo, canRedo }
}
