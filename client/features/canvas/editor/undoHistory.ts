import * as Y from 'yjs'

/**
 * One person's undo history on a canvas, over several `Y.UndoManager`s (one per document: the
 * shared canvas and the private one). Plain TypeScript, no DOM and no Solid: a view subscribes
 * with `onChange` (client/features/canvas/createHistorySignals.ts makes Solid accessors of it).
 */
export interface UndoHistory {
  canUndo(): boolean
  canRedo(): boolean
  /** Takes back the most recent change, whichever document it was in. */
  undo(): void
  redo(): void
  /**
   * A point in the history, for `forgetSince`: the next change starts a step of its own (it is
   * not merged into the one before).
   */
  mark(): number
  /** Drops from both stacks every step made (or undone) after `mark`: as if it never happened. */
  forgetSince(mark: number): void
  /** Calls `listener` whenever `canUndo` or `canRedo` may have changed; returns its removal. */
  onChange(listener: () => void): () => void
  /** Stops listening and destroys the managers. */
  destroy(): void
}

const AT = 'fabrique:at'
const STACKS = ['undoStack', 'redoStack'] as const
type Stack = (typeof STACKS)[number]
type StackItem = Y.UndoManager['undoStack'][number]
type IdRanges = StackItem['insertions']

/** Whether the ranges `a` and `b` (a Yjs delete set's shape) share an id. */
const overlap = (a: IdRanges, b: IdRanges): boolean => {
  for (const [client, ranges] of a.clients) {
    const others = b.clients.get(client)
    if (!others) continue
    for (const range of ranges) {
      const end = range.clock + range.len
      if (others.some((other) => other.clock < end && range.clock < other.clock + other.len)) {
        return true
      }
    }
  }
  return false
}

/** Whether every struct in `ranges` is deleted in `doc` (read only: nothing is split). */
const allDeleted = (doc: Y.Doc, ranges: IdRanges): boolean => {
  for (const [client, list] of ranges.clients) {
    // Our own insertions: the store holds them (a struct may span several ranges, or part of one).
    const structs = doc.store.clients.get(client) ?? []
    for (const range of list) {
      const end = range.clock + range.len
      for (let at = Y.findIndexSS(structs, range.clock); at < structs.length; at++) {
        const struct = structs[at]
        if (!struct || struct.id.clock >= end) break
        if (!struct.deleted) return false
      }
    }
  }
  return true
}

/**
 * Undo takes back the most recent change whichever document it was in, and a new change in one
 * document clears what could be redone in all of them, like a single history.
 *
 * A change whose insertions someone else removed is dropped from both stacks: the server's
 * revert of a change it refused (it arrives as a remote transaction deleting what the change
 * inserted and restoring what it deleted as new content), or another person deleting it. Yjs
 * would otherwise undo it by restoring what it deleted a second time (a refused text edit,
 * undone, doubles the text) and redo it by writing it again, refused again.
 */
export const createUndoHistory = (managers: readonly Y.UndoManager[]): UndoHistory => {
  let clock = 0
  let replaying = false
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }
  const stamp = (event: { stackItem: StackItem }) => event.stackItem.meta.set(AT, ++clock)
  const detach: Array<() => void> = []
  for (const manager of managers) {
    const onAdded = (event: { stackItem: StackItem; type: 'undo' | 'redo' }) => {
      stamp(event)
      // A new change (not an undo or redo of ours): nothing is left to redo anywhere.
      if (event.type === 'undo' && !replaying) {
        for (const other of managers) if (other !== manager) other.clear(false, true)
      }
      changed()
    }
    const onUpdated = (event: { stackItem: StackItem }) => {
      stamp(event)
      changed()
    }
    // The manager itself is one of its tracked origins: its undos and redos are ours too.
    const onTransaction = (transaction: Y.Transaction) => {
      if (manager.trackedOrigins.has(transaction.origin)) return
      if (transaction.deleteSet.clients.size === 0) return
      const lost = (item: StackItem) =>
        overlap(item.insertions, transaction.deleteSet) &&
        allDeleted(transaction.doc, item.insertions)
      let dropped = false
      for (const stack of STACKS) {
        const kept = manager[stack].filter((item) => !lost(item))
        if (kept.length === manager[stack].length) continue
        manager[stack] = kept
        dropped = true
      }
      if (!dropped) return
      // The next change of ours must not be merged into what is now on top.
      manager.stopCapturing()
      changed()
    }
    manager.on('stack-item-added', onAdded)
    manager.on('stack-item-updated', onUpdated)
    manager.on('stack-item-popped', changed)
    manager.on('stack-cleared', changed)
    manager.doc.on('afterTransaction', onTransaction)
    detach.push(() => {
      manager.off('stack-item-added', onAdded)
      manager.off('stack-item-updated', onUpdated)
      manager.off('stack-item-popped', changed)
      manager.off('stack-cleared', changed)
      manager.doc.off('afterTransaction', onTransaction)
    })
  }
  const latest = (stack: Stack): Y.UndoManager | null => {
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
  const replay = (stack: Stack) => {
    const manager = latest(stack)
    if (!manager) return
    replaying = true
    try {
      if (stack === 'undoStack') manager.undo()
      else manager.redo()
    } finally {
      replaying = false
      changed()
    }
  }
  return {
    canUndo: () => managers.some((manager) => manager.undoStack.length > 0),
    canRedo: () => managers.some((manager) => manager.redoStack.length > 0),
    undo: () => replay('undoStack'),
    redo: () => replay('redoStack'),
    mark: () => {
      for (const manager of managers) manager.stopCapturing()
      return clock
    },
    forgetSince: (mark) => {
      const kept = (item: StackItem) => Number(item.meta.get(AT) ?? 0) <= mark
      for (const manager of managers) {
        for (const stack of STACKS) manager[stack] = manager[stack].filter(kept)
        manager.stopCapturing()
      }
      changed()
    },
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy: () => {
      for (const off of detach) off()
      listeners.clear()
      for (const manager of managers) manager.destroy()
    },
  }
}
