import { isId } from './ids.ts'
import { participantId } from './participants.ts'
import { PRIVATE_ROOT } from './private.ts'
import { ROOT } from './roots.ts'
import { BOARDS_ROOT } from './sessionBoards.ts'
import { PRIVATE_VOTES_ROOT } from './votes.ts'

/**
 * The top of each kind of document: which roots exist and which keys a client may write
 * directly under each. The server checks every client update against it before applying it
 * (server/sync/updateScan.ts finds the root and top-level key of each struct, and of each
 * struct it deletes); an update outside it is refused whole, whatever the role. What may
 * change below the top, and by whom, is the write policy's (policy.ts).
 *
 * A root no screen shows would let anyone fill a workshop unseen; a client rewriting
 * `meta.schemaVersion` made a workshop unloadable; replacing `plan.sections` would drop the
 * plan. So: only known roots, and what the server alone writes is refused from any client.
 */
export interface RootShape {
  /**
   * Which entries directly under the root a client may add, replace or delete; `server`
   * when only the server does (the root's entries are made by a migration or by the server).
   */
  entries: 'server' | ((key: string) => boolean)
  /** Whether a client may write below those entries (into the shared types they hold). */
  inside: boolean
}

export type DocumentShape = Readonly<Record<string, RootShape>>

const collection: RootShape = { entries: isId, inside: true }
const serverOnly: RootShape = { entries: 'server', inside: false }
const FLOW_KEYS = new Set([
  'phases',
  'status',
  'phase',
  'timer',
  'bringToMe',
  'spotlight',
  'projector',
])

export const WORKSHOP_SHAPE: DocumentShape = {
  [ROOT.meta]: serverOnly,
  [ROOT.participants]: { entries: (key) => participantId.safeParse(key).success, inside: false },
  [ROOT.canvases]: collection,
  [ROOT.flow]: { entries: (key) => FLOW_KEYS.has(key), inside: true },
  [ROOT.results]: serverOnly,
  [ROOT.decisions]: collection,
  [ROOT.documents]: collection,
  [ROOT.charters]: collection,
  // `sections`, `actions` and `questions` are made by a migration: clients write inside them.
  [ROOT.plan]: { entries: 'server', inside: true },
  [ROOT.sessions]: serverOnly,
}

export const PRIVATE_SHAPE: DocumentShape = {
  [PRIVATE_ROOT.meta]: serverOnly,
  [PRIVATE_ROOT.canvases]: collection,
  [PRIVATE_VOTES_ROOT]: collection,
}

/** An ended session's boards (sessionBoards.ts): the server's alone; every client update is refused. */
export const SESSION_BOARDS_SHAPE: DocumentShape = {
  [BOARDS_ROOT.meta]: serverOnly,
  [BOARDS_ROOT.canvases]: serverOnly,
}

/** Where a struct sits: the root it is under and the key below the root (`#` in a list). */
export interface Top {
  root: string
  key: string
  /** Whether the struct is that entry itself (directly under the root), not inside it. */
  direct: boolean
}

/** Why a client may not write (or delete) at `top`, or null when the shape allows it. */
export const shapeRefuses = (shape: DocumentShape, top: Top): string | null => {
  const root = Object.hasOwn(shape, top.root) ? shape[top.root] : undefined
  if (!root) return `the document has no part named "${top.root.slice(0, 64)}"`
  if (!top.direct) return root.inside ? null : `only the server writes "${top.root}"`
  if (root.entries === 'server')
    return `only the server writes "${top.root}.${top.key.slice(0, 64)}"`
  return root.entries(top.key) ? null : `"${top.root}" has no entry "${top.key.slice(0, 64)}"`
}
