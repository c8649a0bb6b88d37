import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { isBox } from '../../../shared/canvas/kinds/index.ts'
import type { Locale } from '../../../shared/i18n/index.ts'
import {
  displayText,
  displayTitle,
  listCanvases,
  readCanvasContent,
} from '../../../shared/schema/index.ts'

/** A counter bumped after every transaction on the document: read it to re-run on changes. */
export const createDocVersion = (doc: Y.Doc): Accessor<number> => {
  const [version, setVersion] = createSignal(0)
  const bump = () => setVersion((n) => n + 1)
  doc.on('afterTransaction', bump)
  onCleanup(() => doc.off('afterTransaction', bump))
  return version
}

/** The text of one item on one canvas as a reader of `locale` sees it, or null when it is gone. */
export const itemText = (
  doc: Y.Doc,
  canvasId: string,
  itemId: string,
  locale: Locale,
): string | null => {
  try {
    const item = readCanvasContent(doc, canvasId).items.find((candidate) => candidate.id === itemId)
    return item && isBox(item) ? displayText(item, locale) : null
  } catch {
    return null
  }
}

/** The title of a canvas as a reader of `locale` sees it, or null when there is no such canvas. */
export const canvasTitleOf = (doc: Y.Doc, canvasId: string, locale: Locale): string | null => {
  const canvas = listCanvases(doc).find((candidate) => candidate.id === canvasId)
  return canvas ? displayTitle(canvas, locale) : null
}
