import type * as Y from 'yjs'
import { canvasMap, createCanvas } from './canvases.ts'
import { MIGRATION_ORIGIN } from './schemaVersion.ts'

/**
 * A participant's private document (room `<workshopId>/private/<participantId>`): what only
 * they (and the server) read — their notes during private writing and their votes.
 *
 * | root | type | holds |
 * |---|---|---|
 * | `meta` | Y.Map | `schemaVersion` |
 * | `canvases` | Y.Map<Y.Map> | the same shape as the workshop's canvases (canvases.ts), with the
 * |  |  | shared canvases' ids: the notes written privately, until the facilitator reveals them |
 * | `votes` | Y.Map<Y.Map> | per phase id, the participant's ballot (votes.ts) |
 */
export const PRIVATE_ROOT = { meta: 'meta', canvases: 'canvases', votes: 'votes' } as const

const PRIVATE_MIGRATIONS: ReadonlyArray<(doc: Y.Doc) => void> = [() => {}]

export const PRIVATE_SCHEMA_VERSION = PRIVATE_MIGRATIONS.length

/** Brings a private document up to `PRIVATE_SCHEMA_VERSION`; returns whether anything ran. */
export const migratePrivate = (doc: Y.Doc): boolean => {
  const meta = doc.getMap(PRIVATE_ROOT.meta)
  const stored = meta.get('schemaVersion')
  const from = typeof stored === 'number' ? stored : 0
  if (from > PRIVATE_SCHEMA_VERSION) {
    throw new Error(
      `private document schema ${from} is newer than this build (${PRIVATE_SCHEMA_VERSION})`,
    )
  }
  if (from === PRIVATE_SCHEMA_VERSION) return false
  doc.transact(() => {
    for (const step of PRIVATE_MIGRATIONS.slice(from)) step(doc)
    meta.set('schemaVersion', PRIVATE_SCHEMA_VERSION)
  }, MIGRATION_ORIGIN)
  return true
}

/**
 * Makes sure a private document has the counterpart of a shared canvas (same id) to write
 * private notes in; they keep their canvas coordinates and land there when revealed.
 */
export const ensurePrivateCanvas = (
  privateDoc: Y.Doc,
  canvasId: string,
  title: string,
  origin: unknown,
) => {
  if (!canvasMap(privateDoc, canvasId)) createCanvas(privateDoc, { id: canvasId, title }, origin)
}
