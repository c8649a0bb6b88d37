import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { z } from 'zod'
import type { Locale } from '../i18n/locales.ts'
import { localized } from '../template.ts'
import { CANVAS_TITLE_MAX, canvasTitle, listCanvases } from './canvases.ts'
import { bringMapTo } from './inPlace.ts'
import { canvasesMap, ROOT, sessionsMap } from './roots.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'
import { sessionDate, sessionTitle } from './sessionFields.ts'

/**
 * Where an ended session's boards go (see server/labs/CONTEXT.md): when the next session
 * starts, the canvases then in the lab document move to a room of their own,
 * `<labId>/session/<sessionId>` (shared/rooms.ts), which the server alone writes (shape.ts:
 * every client update is refused) and anyone with a link of the lab reads.
 *
 * | root | type | holds |
 * |---|---|---|
 * | `meta` | `Y.Map` | `sessionId`, `title`, `date` (what a reader names it by), `schemaVersion` (of the lab its canvases were moved from), `archivedAt` |
 * | `canvases` | `Y.Map<Y.Map>` | the session's canvases, exactly as the lab's `canvases` root held them (canvases.ts): every reader of canvases reads them |
 *
 * The lab keeps, in the session's record (sessions.ts), which boards moved (`boards`) and the
 * texts of the items on them that a vote result or a decision names (`texts`), so that a
 * decision of that session still shows what its dots went on.
 */
export const BOARDS_ROOT = { meta: 'meta', canvases: ROOT.canvases } as const

/** A board of an ended session, as the lab's record of the session lists it. */
export const sessionBoard = z.object({
  id: z.string().min(1),
  title: z.string(),
  seedText: seedTextField,
})
export type SessionBoard = z.infer<typeof sessionBoard>

/** An item's text as each language reads it: one string when both read the same. */
export const boardText = z.union([z.string(), localized])

/** Stored as `[itemId, text]` pairs: an item id is whatever a client wrote (`__proto__`…). */
export const boardTexts = z.array(z.tuple([z.string(), boardText]))

const boardsMeta = z.object({
  sessionId: z.string(),
  title: sessionTitle,
  date: sessionDate,
  schemaVersion: z.number().int().nonnegative(),
  archivedAt: z.number(),
})
export type BoardsMeta = z.infer<typeof boardsMeta>

/** What names an archived session's boards, or null for a room the server never wrote. */
export const readBoardsMeta = (doc: Y.Doc): BoardsMeta | null => {
  const parsed = boardsMeta.safeParse(doc.getMap(BOARDS_ROOT.meta).toJSON())
  return parsed.success ? parsed.data : null
}

/** The canvases `canvasIds` as plain data, to tell whether they changed since. */
export const boardsFingerprint = (doc: Y.Doc, canvasIds: readonly string[]): string =>
  JSON.stringify(canvasIds.map((id) => canvasesMap(doc).get(id)?.toJSON() ?? null))

/**
 * Makes the archive document hold exactly the lab's canvases `canvasIds` (and its `meta`):
 * a canvas it holds already is brought to the lab's in place, one it holds that is not among
 * them goes. Writing it again (after a restart found both) changes only what differs.
 */
export const writeBoards = (
  labDoc: Y.Doc,
  boardsDoc: Y.Doc,
  canvasIds: readonly string[],
  meta: BoardsMeta,
  origin: unknown,
): void => {
  const wanted = new Set(canvasIds)
  const archive = canvasesMap(boardsDoc)
  boardsDoc.transact(() => {
    const metaMap = boardsDoc.getMap(BOARDS_ROOT.meta)
    for (const [key, value] of Object.entries(meta))
      if (metaMap.get(key) !== value) metaMap.set(key, value)
    for (const key of [...archive.keys()]) if (!wanted.has(key)) archive.delete(key)
    for (const id of canvasIds) {
      const canvas = canvasesMap(labDoc).get(id)
      if (!(canvas instanceof Y.Map)) continue
      const kept = archive.get(id)
      if (kept instanceof Y.Map) bringMapTo(kept, canvas)
      else archive.set(id, canvas.clone())
    }
  }, origin)
}

export class CarryError extends Error {
  override name = 'CarryError'

  constructor(
    readonly reason: 'missing' | 'present',
    canvasId: string,
  ) {
    super(
      reason === 'missing'
        ? `no board ${canvasId} in this session`
        : `the board ${canvasId} is in the lab already`,
    )
  }
}

/**
 * Copies an archived board into the lab document, after its last canvas, named `title`: its
 * id, items and their authors as they were. A board the lab holds already (carried before, or
 * never moved) is a `CarryError`, as is one the archive does not hold. Returns its name, as
 * kept (within `CANVAS_TITLE_MAX`).
 */
export const carryBoard = (
  boardsDoc: Y.Doc,
  labDoc: Y.Doc,
  canvasId: string,
  title: string,
  origin: unknown,
): string => {
  const board = canvasesMap(boardsDoc).get(canvasId)
  if (!(board instanceof Y.Map) || !listCanvases(boardsDoc).some((c) => c.id === canvasId))
    throw new CarryError('missing', canvasId)
  if (canvasesMap(labDoc).has(canvasId)) throw new CarryError('present', canvasId)
  const last = listCanvases(labDoc).at(-1)
  const named = canvasTitle.parse(title.slice(0, CANVAS_TITLE_MAX))
  labDoc.transact(() => {
    const copy = board.clone()
    copy.set('rank', generateKeyBetween(last?.rank ?? null, null))
    copy.set('title', named)
    // Its name is the one given now, in the lab's language: no template pair reads over it.
    copy.delete(SEED_TEXT)
    canvasesMap(labDoc).set(canvasId, copy)
  }, origin)
  return named
}

/**
 * The texts the lab kept of its archived boards' items (those a result or a decision names),
 * by item id, as a reader of `locale` reads them: how a decision of an earlier session names
 * what its dots went on once the board left the lab document.
 */
export const archivedTexts = (doc: Y.Doc, locale: Locale): Map<string, string> => {
  const out = new Map<string, string>()
  for (const session of sessionsMap(doc).values()) {
    if (session === null || typeof session !== 'object') continue
    const texts = boardTexts.safeParse((session as { texts?: unknown }).texts)
    if (!texts.success) continue
    for (const [id, text] of texts.data) out.set(id, typeof text === 'string' ? text : text[locale])
  }
  return out
}
