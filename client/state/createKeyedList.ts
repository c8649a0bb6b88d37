import { type Accessor, createComputed } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'

/**
 * `read()` (a list re-read from a document at every change) kept as a store reconciled by
 * `id`: an entry whose id stays keeps its identity, so a `<For>` keeps its row (the focus on its
 * buttons, what is being typed in it) and only what changed re-renders. A plain memo would
 * give new objects, and new rows, at every change of the document, anyone's.
 */
export const createKeyedList = <T extends object>(read: () => T[]): Accessor<T[]> => {
  const [state, setState] = createStore<{ list: T[] }>({ list: [] })
  createComputed(() => setState('list', reconcile(read(), { key: 'id' })))
  return () => state.list
}
