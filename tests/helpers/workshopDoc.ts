import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import {
  type BoxItem,
  initWorkshopDoc,
  listCanvases,
  type WorkshopMeta,
} from '../../shared/schema/index.ts'
import { planMap, ROOT } from '../../shared/schema/roots.ts'
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
 * The raw place under which the old free-form scratch wrote: the open plan's questions (the
 * `documents` collection in a document built from nothing, which has no plan). The first
 * tier (server/sync/updateScan*, the room's size and client-id limits) takes any shape
 * there, the policy then refuses what is not a question: only for a test that writes an
 * invalid or huge value to check that the first tier refuses it before any policy.
 */
export const unjudgedPlace = (doc: Y.Doc): Y.Map<unknown> => {
  const questions = planMap(doc).get('questions')
  return questions instanceof Y.Map ? questions : doc.getMap(ROOT.documents)
}

/** A plain value a test writes through `scratch`, kept JSON-encoded in a question's text. */
export type ScratchValue = string | number

/**
 * Where a test writes plain values: questions of the open plan, which any writer may add
 * while the phase lets people write, and which the policy accepts (shared/schema/
 * planEntries.ts). `set(key, value)` writes the question `key` (an id: letters, digits, `-`,
 * `_`) with the value JSON-encoded in its text; the other methods read them back as a Map
 * would. `setText`/`text` give a question's Y.Text itself, for a test that edits a text.
 * Writing needs the plan (a workshop synced or made by `newWorkshop`); reading a document
 * without one finds nothing.
 */
export const scratch = (doc: Y.Doc) => {
  const questions = (): Y.Map<Y.Map<unknown>> | null => {
    const part = planMap(doc).get('questions')
    return part instanceof Y.Map ? part : null
  }
  const textOf = (entry: Y.Map<unknown> | undefined) => {
    const text = entry?.get('text')
    return text instanceof Y.Text ? text : undefined
  }
  const decode = (entry: Y.Map<unknown>): ScratchValue =>
    JSON.parse(textOf(entry)?.toString() ?? 'null')
  const entries = (): [string, ScratchValue][] =>
    [...(questions()?.entries() ?? [])].map(([key, entry]) => [key, decode(entry)])
  const setText = (key: string, text: Y.Text) => {
    const part = questions()
    if (part === null) throw new Error('scratch: this document has no plan to write in')
    part.set(
      key,
      new Y.Map<unknown>([
        ['id', key],
        ['text', text],
        ['status', 'open'],
        ['sectionId', null],
      ]),
    )
  }
  return {
    set: (key: string, value: ScratchValue) => setText(key, new Y.Text(JSON.stringify(value))),
    get: (key: string): ScratchValue | undefined => {
      const entry = questions()?.get(key)
      return entry === undefined ? undefined : decode(entry)
    },
    has: (key: string) => questions()?.has(key) ?? false,
    get size() {
      return questions()?.size ?? 0
    },
    values: () => entries().map(([, value]) => value),
    entries,
    toJSON: () => Object.fromEntries(entries()),
    setText,
    text: (key: string) => textOf(questions()?.get(key)),
  }
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
