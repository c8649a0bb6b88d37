import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'

/**
 * The shared type `find` looks up (a canvas, a document's body, a note's text), looked up
 * again after every transaction of `doc`. An editor or observer bound to it rebinds when the
 * container under its key is replaced (a restore that had to create it anew, or anyone who
 * set a new one there): bound to the old one, it would show what is gone, and its edits would
 * reach nobody while the status says "saved". `find` must not throw (null: there is none).
 */
export const createBoundType = <T extends object>(
  doc: Y.Doc,
  find: () => T | null,
): Accessor<T | null> => {
  const [type, setType] = createSignal<T | null>(find())
  const refresh = () => setType(() => find())
  doc.on('afterTransaction', refresh)
  onCleanup(() => doc.off('afterTransaction', refresh))
  return type
}
