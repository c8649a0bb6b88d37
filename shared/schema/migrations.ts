import type * as Y from 'yjs'
import { createFirstCanvas, listCanvases } from './canvases.ts'
import { sessionForDecisions } from './decisions.ts'
import { hasFlow, initFlow } from './flow.ts'
import { nameLookedBackVotes } from './lookBack.ts'
import { readLocale, readSchemaVersion } from './meta.ts'
import { initPlan } from './plan.ts'
import { planFromDocument } from './planFromDocument.ts'
import { markTemplatePrompts } from './promptMarks.ts'
import { metaMap } from './roots.ts'
import { MIGRATION_ORIGIN, SCHEMA_VERSION } from './schemaVersion.ts'
import { sessionForWorkshop } from './sessions.ts'

export { MIGRATION_ORIGIN, SCHEMA_VERSION } from './schemaVersion.ts'

/**
 * Versioned migrations of the workshop document. `MIGRATIONS[n]` upgrades a document from
 * version n-1 to n; a feature that changes the shape of the document appends a step here and
 * raises `SCHEMA_VERSION` (schemaVersion.ts) to match: checked just below.
 */
const MIGRATIONS: ReadonlyArray<(doc: Y.Doc) => void> = [
  // 0 → 1: the foundation. `meta` and `participants` are created lazily by their accessors,
  // so there is nothing to move; the step only records the version.
  () => {},
  // 1 → 2: shared canvases. Every workshop starts with one canvas to work on, whose title
  // reads in each viewer's language until renamed (seedText.ts).
  (doc) => {
    if (listCanvases(doc).length === 0) createFirstCanvas(doc, readLocale(doc), MIGRATION_ORIGIN)
  },
  // 2 → 3: facilitated flows. A workshop made before them gets an empty flow.
  (doc) => {
    if (!hasFlow(doc)) initFlow(doc, [], MIGRATION_ORIGIN)
  },
  // 3 → 4: documents, role charters, decision log (roots created on use) and the open plan,
  // whose three maps must exist before anyone writes.
  (doc) => initPlan(doc, MIGRATION_ORIGIN),
  // 4 → 5: the lab over months. A workshop becomes a lab holding one session: the one its
  // flow ran or runs, named after it, dated the day it was created (sessions.ts).
  (doc) => sessionForWorkshop(doc, MIGRATION_ORIGIN),
  // 5 → 6: a decision records the session it was taken in; those recorded before are the
  // lab's one session's (decisions.ts).
  (doc) => sessionForDecisions(doc),
  // 6 → 7: a template's question takes no dot (`prompt`); those seeded before are marked.
  (doc) => markTemplatePrompts(doc),
  // 7 → 8: a step that looks back at earlier votes names them (`results`).
  (doc) => nameLookedBackVotes(doc),
  // 8 → 9: a lab has one plan: the « Plan ouvert » document becomes the plan.
  (doc) => planFromDocument(doc),
]

if (MIGRATIONS.length !== SCHEMA_VERSION) {
  throw new Error(
    `${MIGRATIONS.length} migrations but SCHEMA_VERSION is ${SCHEMA_VERSION}: raise it in schemaVersion.ts`,
  )
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`document schema version ${found} is newer than this build (${SCHEMA_VERSION})`)
    this.name = 'NewerSchemaError'
  }
}

/**
 * Brings the document up to `SCHEMA_VERSION` in one transaction. Returns whether anything
 * ran. Throws `NewerSchemaError` for a document written by a newer build, which this build
 * must not touch.
 */
export const migrate = (doc: Y.Doc): boolean => {
  const from = readSchemaVersion(doc)
  if (from > SCHEMA_VERSION) throw new NewerSchemaError(from)
  if (from === SCHEMA_VERSION) return false
  doc.transact(() => {
    for (const step of MIGRATIONS.slice(from)) step(doc)
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION)
  }, MIGRATION_ORIGIN)
  return true
}
