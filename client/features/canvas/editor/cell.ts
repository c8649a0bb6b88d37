/**
 * The editor's state is held in cells: a value with `get` and `set`. The editor itself knows no
 * UI library; a view hands it a factory of reactive cells (Solid signals: `editor/solid.ts`), so
 * whatever the view reads from the editor re-renders when it changes. Tests use plain cells.
 */
export interface Cell<T> {
  get: () => T
  set: (next: T | ((previous: T) => T)) => void
}

export interface CellOptions<T> {
  /** When a new value counts as unchanged (no update is sent); `===` by default. */
  equals?: (a: T, b: T) => boolean
}

export type CellFactory = <T>(initial: T, options?: CellOptions<T>) => Cell<T>

/** A cell that is only a variable: for tests and for code that runs without a view. */
export const plainCell: CellFactory = <T>(initial: T): Cell<T> => {
  let value = initial
  const set = (next: T | ((previous: T) => T)) => {
    value = next instanceof Function ? next(value) : next
  }
  return { get: () => value, set }
}
