import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  type CanvasInfo,
  displayTitle,
  listCanvases,
  observeCanvases,
} from '../../shared/schema/index.ts'

/**
 * The workshop's canvases in their order (id, title, rank, locked); live. A template's title
 * nobody renamed is in the viewer's language (`locale`): the tabs, the rename field and the
 * exports show what this person reads.
 */
export const createCanvasList = (doc: Y.Doc, locale: Accessor<Locale>): Accessor<CanvasInfo[]> => {
  const [canvases, setCanvases] = createSignal(listCanvases(doc), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const stop = observeCanvases(doc, () => setCanvases(listCanvases(doc)))
  onCleanup(stop)
  return createMemo(() =>
    canvases().map((canvas) => ({ ...canvas, title: displayTitle(canvas, locale()) })),
  )
}
