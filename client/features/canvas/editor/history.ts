import type * as Y from 'yjs'

const AT = 'fabrique:at'

export interface UndoHistory {
  undo: () => void
  redo: () => void
  canUndo: () => boolean
  canRedo: () => boolean
  /** Called whenever what can be undone or redone may have changed; returns its removal. */
  onChange: (listener: () => void) => () => void
  destroy: () => void
}

/**
 * One undo history over several `Y.UndoManager`s (one per document: the shared canvas and the
 * private one): undo takes back the most recent change whichever document it was in, and a new
 * change in one document clears what could be redone in all of them, like a single history.
 */
export const createUndoHistory = (managers: readonly Y.UndoManager[]): UndoHistory => {
  let clock = 0
  let replaying = false
  const listeners = new Set<() => void>()
  const refresh = () => {
    for (const listener of listeners) listener()
  }
  const stamp = (event: { stackItem: { meta: Map<unknown, unknown> } }) =>
    event.stackItem.meta.set(AT, ++clock)
  const detach: Array<() => void> = []
  for (const manager of managers) {
    const onAdded = (event: {
      stackItem: { meta: Map<unknown, unknown> }
      type: 'undo' | 'redo'
    }) => {
      stamp(event)
      // A new change (not an undo or redo of ours): nothing is left to redo anywhere.
      if (event.type === 'undo' && !replaying) {
        for (const other of managers) if (other !== manager) other.clear(false, true)
      }
      refresh()
    }
    const onUpdated = (event: { stackItem: { meta: Map<unknown, unknown> } }) => {
      stamp(event)
      refresh()
    }
    manager.on('stack-item-added', onAdded)
    manager.on('stack-item-updated', onUpdated)
    manager.on('stack-item-popped', refresh)
    manager.on('stack-cleared', refresh)
    detach.push(() => {
      manager.off('stack-item-added', onAdded)
      manager.off('stack-item-updated', onUpdated)
      manager.off('stack-item-popped', refresh)
      manager.off('stack-cleared', refresh)
    })
  }
  const latest = (stack: 'undoStack' | 'redoStack'): Y.UndoManager | null => {
    let best: Y.UndoManager | null = null
    let bestAt = -1
    for (const manager of managers) {
      const top = manager[stack][manager[stack].length - 1]
      if (!top) continue
      const at = Number(top.meta.get(AT) ?? 0)
      if (at > bestAt) {
        best = manager
        bestAt = at
      }
    }
    return best
  }
  const replay = (stack: 'undoStack' | 'redoStack') => {
    const manager = latest(stack)
    if (!manager) return
    replaying = true
    try {
      if (stack === 'undoStack') manager.undo()
      else manager.redo()
    } finally {
      replaying = false
      refresh()
    }
  }
  return {
    undo: () => replay('undoStack'),
    redo: () => replay('redoStack'),
    canUndo: () => managers.some((m) => m.undoStack.length > 0),
    canRedo: () => managers.some((m) => m.redoStack.length > 0),
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy: () => {
      listeners.clear()
      for (const off of detach) off()
      for (const manager of managers) manager.destroy()
    },
  }
}
