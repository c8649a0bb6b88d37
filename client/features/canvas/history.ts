import type * as Y from 'yjs'
import { createHistorySignals } from './createHistorySignals.ts'
import { createUndoHistory } from './editor/undoHistory.ts'

/**
 * The board's undo history with Solid accessors for its buttons: the headless history
 * (editor/undoHistory.ts) and its Solid adapter together. It goes once Board.tsx calls those two
 * itself.
 */
export const createHistory = (managers: readonly Y.UndoManager[]) => {
  const history = createUndoHistory(managers)
  return { ...history, ...createHistorySignals(history) }
}
