import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { z } from 'zod'
import type { Locale } from '../i18n/locales.ts'
import { type Localized, localized } from '../template.ts'
import { newId } from './ids.ts'
import { canvasesMap } from './roots.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'

/**
 * The canvases of a workshop. Each is a Y.Map under `canvases[<id>]`:
 *
 * | key | type | |
 * |---|---|---|
 * | `id` | string | same as its key |
 * | `title` | string | |
 * | `seedText` | {fr, en} | optional: the template's title in both languages (seedText.ts) |
 * | `rank` | string | fractional index: canvases are listed by rank (then id) |
 * | `locked` | boolean | only the facilitator may change a locked canvas (enforced by the server) |
 * | `createdAt` | number | |
 * | `items` | Y.Map<Y.Map> | notes, text, shapes, frames, connectors (canvasItems.ts) |
 * | `clusters` | Y.Map<Y.Map> | named groups of items (canvasItems.ts) |
 */

export const CANVAS_TITLE_MAX = 120

export const canvasTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CANVAS_TITLE_MAX, `must be at most ${CANVAS_TITLE_MAX} characters`)

const canvasInfo = z.object({
  id: z.string().min(1),
  title: z.string(),
  rank: z.string().min(1),
  locked: z.boolean(),
  createdAt: z.number(),
  seedText: seedTextField,
})
export type CanvasInfo = z.infer<typeof canvasInfo>

const readInfo = (id: string, map: unknown): CanvasInfo | null => {
  if (!(map instanceof Y.Map)) return null
  const parsed = canvasInfo.safeParse({
    id: map.get('id'),
    title: map.get('title'),
    rank: map.get('rank'),
    locked: map.get('locked'),
    createdAt: map.get('createdAt'),
    seedText: map.get(SEED_TEXT),
  })
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

const byRank = (a: CanvasInfo, b: CanvasInfo) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id.localeCompare(b.id)

/** The canvases in their order. Malformed entries are skipped. */
export const listCanvases = (doc: Y.Doc): CanvasInfo[] => {
  const out: CanvasInfo[] = []
  for (const [id, map] of canvasesMap(doc).entries()) {
    const info = readInfo(id, map)
    if (info) out.push(info)
  }
  return out.sort(byRank)
}

/** The Y.Map of a canvas, or null if there is no such (well-formed) canvas. */
export const canvasMap = (doc: Y.Doc, canvasId: string): Y.Map<unknown> | null => {
  const map = canvasesMap(doc).get(canvasId)
  return map instanceof Y.Map && readInfo(canvasId, map) ? map : null
}

export const getCanvas = (doc: Y.Doc, canvasId: string): CanvasInfo | null =>
  readInfo(canvasId, canvasesMap(doc).get(canvasId))

export class CanvasNotFoundError extends Error {
  constructor(readonly canvasId: string) {
    super(`no canvas ${canvasId}`)
    this.name = 'CanvasNotFoundError'
  }
}

export const requireCanvas = (doc: Y.Doc, canvasId: string): Y.Map<unknown> => {
  const map = canvasMap(doc, canvasId)
  if (!map) throw new CanvasNotFoundError(canvasId)
  return map
}

/** Adds a canvas after the last one (`seedText`: a template's title); returns its id. */
export const createCanvas = (
  doc: Y.Doc,
  input: { title: string; id?: string; locked?: boolean; seedText?: Localized },
  origin: unknown,
): string => {
  const title = canvasTitle.parse(input.title)
  const seed = input.seedText && localized.parse(input.seedText)
  const id = input.id ?? newId()
  const last = listCanvases(doc).at(-1)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('id', id)
    map.set('title', title)
    map.set('rank', generateKeyBetween(last?.rank ?? null, null))
    map.set('locked', input.locked ?? false)
    map.set('createdAt', Date.now())
    if (seed) map.set(SEED_TEXT, seed)
    map.set('items', new Y.Map())
    map.set('clusters', new Y.Map())
    canvasesMap(doc).set(id, map)
  }, origin)
  return id
}

/** The canvas a workshop starts with when its template has none: « Canevas 1 », in each viewer's language. */
export const createFirstCanvas = (doc: Y.Doc, locale: Locale, origin: unknown): string => {
  const seedText = { fr: 'Canevas 1', en: 'Canvas 1' }
  return createCanvas(doc, { title: seedText[locale], seedText }, origin)
}

export const renameCanvas = (doc: Y.Doc, canvasId: string, title: string, origin: unknown) => {
  const clean = canvasTitle.parse(title)
  const map = requireCanvas(doc, canvasId)
  doc.transact(() => map.set('title', clean), origin)
}

/** Moves a canvas to position `index` (0 = first) of the list. */
export const moveCanvas = (doc: Y.Doc, canvasId: string, index: number, origin: unknown) => {
  const map = requireCanvas(doc, canvasId)
  const others = listCanvases(doc).filter((canvas) => canvas.id !== canvasId)
  const at = Math.max(0, Math.min(index, others.length))
  const rank = generateKeyBetween(others[at - 1]?.rank ?? null, others[at]?.rank ?? null)
  doc.transact(() => map.set('rank', rank), origin)
}

export const deleteCanvas = (doc: Y.Doc, canvasId: string, origin: unknown) => {
  requireCanvas(doc, canvasId)
  doc.transact(() => canvasesMap(doc).delete(canvasId), origin)
}

/** Locks or unlocks a canvas. The server accepts this from the facilitator only. */
export const setCanvasLocked = (doc: Y.Doc, canvasId: string, locked: boolean, origin: unknown) => {
  const map = requireCanvas(doc, canvasId)
  doc.transact(() => map.set('locked', locked), origin)
}

export const observeCanvases = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const root = canvasesMap(doc)
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    // Only the list and each canvas's own fields, not every keystroke inside its items.
    if (events.some((event) => event.target === root || event.target.parent === root)) onChange()
  }
  root.observeDeep(handler)
  return () => root.unobserveDeep(handler)
}
