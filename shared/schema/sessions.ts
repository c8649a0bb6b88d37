import type * as Y from 'yjs'
import { z } from 'zod'
import { isBox } from '../canvas/kinds/index.ts'
import type { TemplatePhase, WorkshopTemplate } from '../template.ts'
import { describeIssues, MISSING_NAMED } from '../validation.ts'
import { createFirstCanvas, listCanvases } from './canvases.ts'
import { readCanvasContent } from './canvasItems.ts'
import { listDecisions } from './decisions.ts'
import { endWorkshop, initFlow, startWorkshop } from './flow.ts'
import { isId, newId } from './ids.ts'
import { currentSessionId, readLocale, templateId, timestamp } from './meta.ts'
import { canvasesMap, metaMap, resultsMap, sessionsMap } from './roots.ts'
import { seedArtefacts, seedCanvases } from './seed.ts'
import { displayText, displayTitle } from './seedText.ts'
import { type boardTexts, carryBoard, type SessionBoard } from './sessionBoards.ts'
import { labDay, sessionTitle } from './sessionFields.ts'
import {
  flowSessionStatus,
  getSession,
  listSessions,
  type SessionInfo,
  type StoredSession,
  storedSession,
  storedSessions,
} from './sessionList.ts'
import { voteResult } from './votes.ts'

export * from './sessionFields.ts'
export { getSession, listSessions, type SessionInfo } from './sessionList.ts'

/**
 * The sessions (*séances*) of a lab, under the root `sessions` (a Y.Map keyed by session id),
 * written by the server only (shape.ts). The workshop is the lab's lasting space; each session
 * runs one template's flow on it. The session the flow belongs to is `meta.session`: its
 * status is the flow's (`ready` reads `planned`), so the facilitator's start and end buttons,
 * which write the flow, move it too; every other session keeps the status stored with it.
 * The current session's stored status follows the flow too (`followFlow`, which the server
 * runs after a client moves the flow), so a tool reading the document finds what the API says.
 * See server/labs/CONTEXT.md for where a session's boards live.
 */

/**
 * A session exactly as the server writes it: what an imported document must hold (listing
 * skips a stored one that is not a session; an old workshop's may name no template).
 */
const exactSession = storedSession
  .extend({
    id: z.string().refine(isId, 'must be an id'),
    templateId,
    createdAt: timestamp,
  })
  .strict()

/**
 * Why the sessions of a (migrated) document are not each one as the server writes it, under
 * its own id, with `meta.session` one of them, naming the field (`sessions.<id>.date: …`), or
 * null.
 */
export const sessionsProblem = (doc: Y.Doc): string | null => {
  for (const [key, value] of sessionsMap(doc).entries()) {
    const at = `sessions.${key.slice(0, 64)}`
    const parsed = exactSession.safeParse(value, MISSING_NAMED)
    if (!parsed.success) return describeIssues(parsed.error, at)
    if (parsed.data.id !== key) return `${at}.id: the session ${parsed.data.id.slice(0, 64)}`
  }
  const current = currentSessionId(doc)
  return current !== null && sessionsMap(doc).has(current)
    ? null
    : `meta.session: names no session of the lab (${String(current).slice(0, 64)})`
}

const write = (doc: Y.Doc, session: StoredSession) => sessionsMap(doc).set(session.id, session)

/** Plans a session (status `planned`); returns its id. Validates before writing. */
export const planSession = (
  doc: Y.Doc,
  input: { title: string; templateId: string; date: string },
  origin: unknown,
  now: number,
): string => {
  const id = newId()
  const taken = storedSessions(doc).length
  const session = storedSession.parse({
    id,
    title: input.title,
    templateId: input.templateId,
    date: input.date,
    createdAt: now,
    status: 'planned',
    // The first session of a lab runs on the template's ids, as a workshop always has.
    suffix: taken === 0 ? '' : `-s${taken + 1}`,
  })
  doc.transact(() => {
    write(doc, session)
    if (currentSessionId(doc) === null) metaMap(doc).set('session', id)
  }, origin)
  return id
}

/** `id` with `suffix`, still a template slug (at most 63 characters). */
const suffixed = (id: string, suffix: string) =>
  suffix === '' ? id : `${id.slice(0, 63 - suffix.length)}${suffix}`

/**
 * The template's phases for a session: ids with the session's suffix, so that a template run
 * twice in a lab gets new votes (results and ballots are kept per phase id) on new canvases; a
 * step looking back at votes looks at this session's.
 */
const sessionPhases = (template: WorkshopTemplate, suffix: string): TemplatePhase[] => {
  const canvases = new Set(template.content.canvases.map((canvas) => canvas.id))
  return template.phases.map((phase) => ({
    ...phase,
    id: suffixed(phase.id, suffix),
    ...(phase.focus && 'canvas' in phase.focus && canvases.has(phase.focus.canvas)
      ? { focus: { canvas: suffixed(phase.focus.canvas, suffix) } }
      : {}),
    ...(phase.results ? { results: phase.results.map((id) => suffixed(id, suffix)) } : {}),
  }))
}

export class SessionStateError extends Error {
  override name = 'SessionStateError'
}

/** The boards leaving the lab document when a session starts (see `boardsLeaving`). */
export interface LeavingBoards {
  /** The ended session they were made in. */
  sessionId: string
  canvasIds: string[]
}

/**
 * Which boards move out of the lab when session `id` starts: those of the session that had
 * the flow, once it ended (the canvases then in the lab, but the ones carried in since for
 * the next session), unless they moved already. A session that never ran has no boards of
 * its own: the lab's canvases stay, for the session that runs next. Null when none move.
 */
export const boardsLeaving = (doc: Y.Doc, id: string): LeavingBoards | null => {
  const previous = getSession(doc, currentSessionId(doc) ?? '')
  if (!previous || previous.id === id || previous.status !== 'ended') return null
  const kept = storedSessions(doc).find((entry) => entry.id === previous.id)
  if (!kept || kept.boards !== undefined) return null
  const carried = new Set(kept.carried ?? [])
  return {
    sessionId: previous.id,
    canvasIds: listCanvases(doc)
      .map((canvas) => canvas.id)
      .filter((canvasId) => !carried.has(canvasId)),
  }
}

/** The item ids the lab's vote results and decisions name (dots, linked notes). */
const namedItems = (doc: Y.Doc): Set<string> => {
  const out = new Set<string>()
  const addDots = (result: unknown) => {
    const parsed = voteResult.safeParse(result)
    if (parsed.success && parsed.data.kind === 'dots')
      for (const itemId of Object.keys(parsed.data.items)) out.add(itemId)
  }
  for (const result of resultsMap(doc).values()) addDots(result)
  for (const decision of listDecisions(doc)) {
    addDots(decision.support?.result)
    for (const note of decision.links.notes) out.add(note)
  }
  return out
}

/** The texts of the boxes on `canvasIds` that a result or a decision names, in both languages. */
const namedTexts = (doc: Y.Doc, canvasIds: readonly string[]) => {
  const named = namedItems(doc)
  const out: z.infer<typeof boardTexts> = []
  for (const canvasId of canvasIds) {
    for (const item of readCanvasContent(doc, canvasId).items) {
      if (!isBox(item) || !named.has(item.id)) continue
      const fr = displayText(item, 'fr')
      const en = displayText(item, 'en')
      out.push([item.id, fr === en ? fr : { fr, en }])
    }
  }
  return out
}

/**
 * Starts a planned session. The current session's flow, if still not started, simply starts.
 * Any other becomes the current one: the session that had the flow keeps its status (ended,
 * or planned if it never started), and the template's phases, canvases and the documents and
 * charters the lab lacks are seeded for it. A session already running or ended, or another
 * one running, is a `SessionStateError`.
 *
 * `moved`: the boards of the session that had the flow (`boardsLeaving`), which the server
 * has written, durably, to that session's room: they leave the lab document in this same
 * transaction, its record names them and keeps the texts its results and decisions name.
 */
export const startSession = (
  doc: Y.Doc,
  id: string,
  template: WorkshopTemplate,
  origin: unknown,
  now: number,
  moved: LeavingBoards | null = null,
): void => {
  const sessions = storedSessions(doc)
  const session = sessions.find((entry) => entry.id === id)
  const listed = getSession(doc, id)
  if (!session || !listed) throw new SessionStateError(`no session ${id}`)
  if (listed.status !== 'planned') throw new SessionStateError(`the session is ${listed.status}`)
  const running = listSessions(doc).find((entry) => entry.status === 'running')
  if (running) throw new SessionStateError(`the session "${running.title}" is running`)
  const locale = readLocale(doc)
  doc.transact(() => {
    if (!listed.current) {
      const previous = getSession(doc, currentSessionId(doc) ?? '')
      const kept = sessions.find((entry) => entry.id === previous?.id)
      if (previous && kept) {
        const { carried: _carried, ...rest } = kept
        const archived =
          moved?.sessionId === kept.id
            ? {
                boards: listCanvases(doc)
                  .filter((canvas) => moved.canvasIds.includes(canvas.id))
                  .map(({ id: canvasId, title, seedText }) => ({
                    id: canvasId,
                    title,
                    ...(seedText ? { seedText } : {}),
                  })),
                texts: namedTexts(doc, moved.canvasIds),
              }
            : {}
        write(doc, {
          ...rest,
          ...archived,
          status: previous.status === 'ended' ? 'ended' : 'planned',
        })
        if (moved?.sessionId === kept.id)
          for (const canvasId of moved.canvasIds) canvasesMap(doc).delete(canvasId)
      }
      const existing = new Set(listCanvases(doc).map((canvas) => canvas.id))
      const canvases = template.content.canvases.filter(
        (canvas) => !existing.has(suffixed(canvas.id, session.suffix)),
      )
      initFlow(doc, sessionPhases(template, session.suffix), origin)
      seedArtefacts(doc, template, locale, origin)
      seedCanvases(doc, canvases, locale, origin, (canvasId) => suffixed(canvasId, session.suffix))
      // A template with no canvas of its own still gets one to work on, as a new workshop does.
      if (listCanvases(doc).length === 0) createFirstCanvas(doc, locale, origin)
      metaMap(doc).set('session', id)
    }
    startWorkshop(doc, origin, now)
    followFlow(doc, origin)
  }, origin)
}

/**
 * Carries a board of an ended session (its room's document, `boardsDoc`) into the lab, for the
 * session running or the next one, named after it and the session it comes from (« Idées —
 * Comité de mars »: the next session may have a board of the same name). While the current
 * session is ended, the board is recorded as carried, so that it goes on to the next session
 * rather than into the ended one's room. A `CarryError` if the room does not hold it or the
 * lab does already. Returns the name it has in the lab.
 */
export const carryIntoLab = (
  boardsDoc: Y.Doc,
  doc: Y.Doc,
  from: SessionInfo,
  board: SessionBoard,
  origin: unknown,
): string => {
  const current = getSession(doc, currentSessionId(doc) ?? '')
  const kept = storedSessions(doc).find((entry) => entry.id === current?.id)
  const canvasId = board.id
  let named = ''
  doc.transact(() => {
    named = carryBoard(
      boardsDoc,
      doc,
      canvasId,
      `${displayTitle(board, readLocale(doc))} — ${from.title}`,
      origin,
    )
    if (current?.status === 'ended' && kept)
      write(doc, { ...kept, carried: [...(kept.carried ?? []), canvasId] })
  }, origin)
  return named
}

/** Ends the running session (the flow ends; the lab goes on and may start another). */
export const endSession = (doc: Y.Doc, id: string, origin: unknown): void => {
  const listed = getSession(doc, id)
  if (!listed) throw new SessionStateError(`no session ${id}`)
  if (listed.status !== 'running') throw new SessionStateError(`the session is ${listed.status}`)
  doc.transact(() => {
    endWorkshop(doc, origin)
    followFlow(doc, origin)
  }, origin)
}

/**
 * Writes the flow's status into the current session's record, when they differ (the flow's
 * own start and end buttons move the flow alone); returns whether it wrote. Reads two keys
 * and one record: cheap enough to run after every change a client makes.
 */
export const followFlow = (doc: Y.Doc, origin: unknown): boolean => {
  const id = currentSessionId(doc)
  const parsed = storedSession.safeParse(id === null ? undefined : sessionsMap(doc).get(id))
  if (!parsed.success || parsed.data.id !== id) return false
  const status = flowSessionStatus(doc)
  if (parsed.data.status === status) return false
  doc.transact(() => write(doc, { ...parsed.data, status }), origin)
  return true
}

/**
 * Migration: a workshop made before sessions becomes a lab with one session, the one its flow
 * ran or runs, named after the workshop, on the day it was created.
 */
export const sessionForWorkshop = (doc: Y.Doc, origin: unknown): void => {
  if (sessionsMap(doc).size > 0) return
  // Read field by field: a new workshop's meta has no schema version yet while it migrates.
  const meta = metaMap(doc)
  const title = sessionTitle.safeParse(meta.get('title'))
  const templateId = meta.get('templateId')
  const createdAt = meta.get('createdAt')
  const at = typeof createdAt === 'number' ? createdAt : 0
  planSession(
    doc,
    {
      title: title.success ? title.data : 'Séance 1',
      templateId: typeof templateId === 'string' ? templateId : '',
      date: labDay(at),
    },
    origin,
    at,
  )
}
