import * as Y from 'yjs'
import {
  canvasMap,
  clusterProblem,
  ITEM_TEXT_MAX,
  itemProblem,
  metaProblem,
  ROOT,
  recordProblem,
  sessionsProblem,
} from '../../shared/schema/index.ts'
import { planWriteRefuses } from '../../shared/schema/planEntries.ts'
import { canvasesMap, participantsMap, planMap } from '../../shared/schema/roots.ts'
import { readBoardsMeta } from '../../shared/schema/sessionBoards.ts'
import { SESSION_BOARDS_SHAPE, WORKSHOP_SHAPE } from '../../shared/schema/shape.ts'

/**
 * What an imported archive's document may hold: what the live workshop takes from a client
 * (shared/schema/shape.ts, policy.ts), for the content a workshop is made of. Only its known
 * roots; every participant record, canvas item (within `ITEM_TEXT_MAX`, as a new item is) and
 * cluster, and plan entry by its schema; and the document's metadata and sessions whole
 * (`archivedLabProblem`). Published results, decisions and the rest are the importer's own
 * copy to write as they please: nobody else's work is in it.
 */

/** Why `entries` (a canvas's items or clusters) holds one that is not, or null. */
const entriesProblem = (
  at: string,
  entries: unknown,
  problem: (id: string, entry: unknown) => string | null,
): string | null => {
  if (!(entries instanceof Y.Map)) return `${at}: missing`
  for (const [id, entry] of entries.entries()) {
    const found = problem(id, entry)
    if (found !== null) return `${at}.${id.slice(0, 64)}: ${found}`
  }
  return null
}

/** Why the item `id` is not one a client could add now, or null. */
const newItemProblem = (id: string, item: unknown): string | null => {
  const problem = itemProblem(id, item)
  if (problem !== null) return problem
  const text = (item as Y.Map<unknown>).get('text')
  return text instanceof Y.Text && text.length > ITEM_TEXT_MAX
    ? `text: more than ${ITEM_TEXT_MAX} characters`
    : null
}

/** Why the canvases of `doc` hold what is not a canvas, an item or a cluster, or null. */
const canvasesProblem = (doc: Y.Doc): string | null => {
  for (const id of canvasesMap(doc).keys()) {
    const at = `canvases.${id.slice(0, 64)}`
    const canvas = canvasMap(doc, id)
    if (!canvas) return `${at}: not a canvas`
    const problem =
      entriesProblem(`${at}.items`, canvas.get('items'), newItemProblem) ??
      entriesProblem(`${at}.clusters`, canvas.get('clusters'), clusterProblem)
    if (problem !== null) return problem
  }
  return null
}

/** Why the plan of `doc` holds what is not its parts, or entries of them, or null. */
const planProblem = (doc: Y.Doc): string | null => {
  for (const [part, entries] of planMap(doc).entries()) {
    const ids = new Set(entries instanceof Y.Map ? entries.keys() : [])
    // Every text of an archive is judged by its limit: it is all written now, by the import.
    const refused = planWriteRefuses(doc, [ROOT.plan, part], ids, () => true)
    if (refused !== null) return refused.detail ?? refused.code
  }
  return null
}

/** Why `doc` has a root its kind of document has not, or null. */
const rootsProblem = (doc: Y.Doc, shape: object): string | null => {
  for (const root of doc.share.keys()) {
    if (!Object.hasOwn(shape, root)) return `the document has no part named "${root.slice(0, 64)}"`
  }
  return null
}

/** Why the (migrated) document of an imported archive may not be imported, or null. */
export const archivedDocumentProblem = (doc: Y.Doc): string | null => {
  const roots = rootsProblem(doc, WORKSHOP_SHAPE)
  if (roots !== null) return roots
  for (const [id, record] of participantsMap(doc).entries()) {
    const problem = recordProblem(id, record)
    if (problem !== null) return `participants.${id.slice(0, 64)}: ${problem}`
  }
  return canvasesProblem(doc) ?? planProblem(doc)
}

/**
 * Why the (migrated) document of an imported archive does not hold its metadata and sessions
 * whole, as the server writes them (template ids that are slugs, days of the calendar,
 * `meta.session` one of them), or null. A version's state is not asked: a restore brings back
 * its content (`CONTENT_ROOTS`), never its metadata or sessions.
 */
export const archivedLabProblem = (doc: Y.Doc): string | null =>
  metaProblem(doc) ?? sessionsProblem(doc)

/**
 * Why the boards of an ended session (its room's state, in an archive) are not the boards of
 * `sessionId` as the server writes them: a `meta` naming that session, and canvases as a
 * client could have made them (as a workshop's are judged), or null.
 */
export const archivedBoardsProblem = (doc: Y.Doc, sessionId: string): string | null => {
  const roots = rootsProblem(doc, SESSION_BOARDS_SHAPE)
  if (roots !== null) return roots
  const meta = readBoardsMeta(doc)
  if (meta === null) return 'meta: not the boards of a session'
  if (meta.sessionId !== sessionId)
    return `meta.sessionId: the session ${meta.sessionId.slice(0, 64)}`
  return canvasesProblem(doc)
}
