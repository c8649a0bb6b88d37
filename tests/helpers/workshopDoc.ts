import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import {
  type BoxItem,
  initWorkshopDoc,
  listCanvases,
  type WorkshopMeta,
} from '../../shared/schema/index.ts'
import { ROOT } from '../../shared/schema/roots.ts'
import { type WorkshopTemplate, workshopTemplate } from '../../shared/template.ts'

/** A template shipped in `templates/`, validated. */
export const shippedTemplate = (id: string): WorkshopTemplate =>
  workshopTemplate.parse(JSON.parse(readFileSync(`templates/${id}.json`, 'utf8')))

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
 * Where a test writes plain values: entries of the open plan's questions, which any writer
 * may add while the phase lets people write (shared/schema/policy.ts) under an id-like key.
 * Readers skip an entry that is not a question, so nothing else in the workshop changes.
 * A document built from nothing (to encode a raw update) has no plan: there it is the
 * `documents` collection, whose shape any update may have (the first tier takes it; the
 * policy reverts it from a participant, as adding a document is the facilitator's).
 */
export const scratch = (doc: Y.Doc): Y.Map<unknown> => {
  const questions = doc.getMap(ROOT.plan).get('questions')
  return questions instanceof Y.Map ? questions : doc.getMap(ROOT.documents)
}

/** A box as `readCanvasContent` reads it: a 100×50 note at the origin, then `over`. */
export const boxItem = (over: Partial<BoxItem>): BoxItem => ({
  id: 'b',
  kind: 'note',
  x: 0,
  y: 0,
  w: 100,
  h: 50,
  z: 1,
  text: '',
  colour: null,
  group: null,
  shape: null,
  frame: null,
  cluster: null,
  createdBy: '',
  createdAt: 0,
  ...over,
})
