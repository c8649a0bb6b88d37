import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { z } from 'zod'
import { type Localized, localized } from '../template.ts'
import { newId } from './ids.ts'
import { writePlainText } from './richText.ts'
import { documentsMap } from './roots.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'

/**
 * Collaborative documents: `documents[<id>]` is a Y.Map with `id`, `title`, `rank` and `body`,
 * a Y.XmlFragment edited with Tiptap (see richText.ts for the node format); a template's
 * document has its title in both languages too (`seedText`, seedText.ts).
 */

export const documentTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')

const info = z.object({
  id: z.string().min(1),
  title: z.string(),
  rank: z.string().min(1),
  createdAt: z.number(),
  seedText: seedTextField,
})
export type DocumentInfo = z.infer<typeof info>

const readInfo = (id: string, map: unknown): DocumentInfo | null => {
  if (!(map instanceof Y.Map) || !(map.get('body') instanceof Y.XmlFragment)) return null
  const parsed = info.safeParse({
    id: map.get('id'),
    title: map.get('title'),
    rank: map.get('rank'),
    createdAt: map.get('createdAt'),
    seedText: map.get(SEED_TEXT),
  })
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

/** The documents in their order (malformed entries left out). */
export const listDocuments = (doc: Y.Doc): DocumentInfo[] => {
  const out: DocumentInfo[] = []
  for (const [id, map] of documentsMap(doc).entries()) {
    const entry = readInfo(id, map)
    if (entry) out.push(entry)
  }
  return out.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id.localeCompare(b.id)))
}

/** The body of a document, for Tiptap's Collaboration extension to bind to. */
export const documentBody = (doc: Y.Doc, id: string): Y.XmlFragment | null => {
  const map = documentsMap(doc).get(id)
  return readInfo(id, map) ? ((map as Y.Map<unknown>).get('body') as Y.XmlFragment) : null
}

/** Adds a document after the others (its body filled from plain text if given); returns its id. */
export const createDocument = (
  doc: Y.Doc,
  input: { title: string; id?: string; text?: string; seedText?: Localized },
  origin: unknown,
  now = Date.now(),
): string => {
  const title = documentTitle.parse(input.title)
  const seed = input.seedText && localized.parse(input.seedText)
  const id = input.id ?? newId()
  const last = listDocuments(doc).at(-1)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const body = new Y.XmlFragment()
    map.set('id', id)
    map.set('title', title)
    map.set('rank', generateKeyBetween(last?.rank ?? null, null))
    map.set('createdAt', now)
    if (seed) map.set(SEED_TEXT, seed)
    map.set('body', body)
    documentsMap(doc).set(id, map)
    if (input.text) writePlainText(body, input.text)
  }, origin)
  return id
}

export const renameDocument = (doc: Y.Doc, id: string, title: string, origin: unknown) => {
  const clean = documentTitle.parse(title)
  const map = documentsMap(doc).get(id)
  if (!readInfo(id, map)) throw new Error(`no document ${id}`)
  doc.transact(() => (map as Y.Map<unknown>).set('title', clean), origin)
}

export const deleteDocument = (doc: Y.Doc, id: string, origin: unknown) => {
  doc.transact(() => documentsMap(doc).delete(id), origin)
}

export const observeDocuments = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const root = documentsMap(doc)
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (events.some((event) => event.target === root || event.target.parent === root)) onChange()
  }
  root.observeDeep(handler)
  return () => root.unobserveDeep(handler)
}
