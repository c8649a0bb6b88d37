import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { type CanvasInfo, listCanvases, observeCanvases } from '../../shared/schema/index.ts'

/** The workshop's canvases in their order (id, title, rank, locked); live. */
export const createCanvasList = (doc: Y.Doc): Accessor<CanvasInfo[]> => {
  const [canvases, setCanvases] = createSignal(listCanvases(doc), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const stop = observeCanvases(doc, () => setCanvases(listCanvases(doc)))
  onCleanup(stop)
  return canvases
}
