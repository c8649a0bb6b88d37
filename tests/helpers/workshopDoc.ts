import * as Y from 'yjs'
import { initWorkshopDoc, listCanvases, type WorkshopMeta } from '../../shared/schema/index.ts'
import { ROOT } from '../../shared/schema/roots.ts'
import type { WorkshopTemplate } from '../../shared/template.ts'

/**
 * A workshop document as the server creates it (migrated; without a template, one empty
 * canvas), and the id of its first canvas. French unless `meta.locale` says otherwise.
 */
export const newWorkshop = (
  meta: Partial<Omit<WorkshopMeta, 'schemaVersion'>> = {},
  template?: WorkshopTemplate,
): { doc: Y.Doc; canvasId: string } => {
  const doc = new Y.Doc()
  initWorkshopDoc(
    doc,
    { title: 'Atelier', templateId: 'atelier-libre', locale: 'fr', createdAt: 1, ...meta },
    'seed',
    template,
  )
  return { doc, canvasId: listCanvases(doc)[0]?.id ?? '' }
}

/**
 * Where a test writes plain values: entries of the workshop's `documents` collection, which
 * the document's shape (shared/schema/shape.ts) lets any writer add under an id-like key.
 * Readers skip an entry that is not a document, so nothing else in the workshop changes.
 */
export const scratch = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.documents)
