import * as Y from 'yjs'
import type { z } from 'zod'
import type { Role } from '../roles.ts'
import type { phasePermissions } from '../template.ts'
import { getCanvas, listCanvases } from './canvases.ts'
import { readFlow } from './flow.ts'
import { PRIVATE_ROOT } from './private.ts'
import { canvasesMap, flowMap, ROOT, resultsMap } from './roots.ts'
import { ballotProblem, keptOrItems, PRIVATE_VOTES_ROOT, readResult, voteItems } from './votes.ts'

type PhasePermissions = z.infer<typeof phasePermissions>

/**
 * What a role may change in the workshop document, checked by the server on every update
 * from a participant. A refused change is reverted in the same batch (so nobody sees it)
 * rather than dropped: dropping would leave a gap in that client's clock and stall every
 * later update it sends.
 */

// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types its shared types with YEvent<any>
type SharedType = Y.AbstractType<Y.YEvent<any>>

export interface PolicyState {
  lockedCanvases: ReadonlySet<string>
  /** What the running phase allows on the shared canvases; null when no phase restricts. */
  allow: PhasePermissions | null
}

/** Taken before an update is applied: the rules look at the document as it was. */
export const capturePolicyState = (doc: Y.Doc): PolicyState => {
  const flow = readFlow(doc)
  const locked = listCanvases(doc).filter((canvas) => canvas.locked)
  return {
    lockedCanvases: new Set(locked.map((canvas) => canvas.id)),
    allow: flow.status === 'running' && flow.phase ? flow.phase.allow : null,
  }
}

/** The shared types a refused change is reverted in. */
export const guardedRoots = (doc: Y.Doc): ConstructorParameters<typeof Y.UndoManager>[0] => [
  canvasesMap(doc),
  flowMap(doc),
  resultsMap(doc),
]

/** Which permission of the phase a change to the shared canvases needs. */
const neededPermission = (path: readonly string[]): 'move' | 'write' =>
  path[2] === 'items' && (path[4] === 'x' || path[4] === 'y') ? 'move' : 'write'

const phaseRefuses = (allow: PhasePermissions, path: readonly string[]): string | null => {
  const needed = neededPermission(path)
  if (needed === 'move') return allow.move ? null : 'this phase does not allow moving items'
  if (!allow.write) return 'this phase does not allow writing on the canvas'
  if (!allow.seeOthers) return 'during private writing, notes go to your private space'
  return null
}

/** [root name, key, key, …] from the root down to `type` (`#` for a position in a list). */
const pathOf = (type: SharedType): string[] => {
  const path: string[] = []
  let current = type
  while (current._item !== null) {
    path.unshift(current._item.parentSub ?? '#')
    current = current._item.parent as SharedType
  }
  path.unshift(Y.findRootTypeKey(current))
  return path
}

/** Why `role` may not make the changes of `transaction`, or null if it may. */
export const findViolation = (
  transaction: Y.Transaction,
  role: Role,
  before: PolicyState,
): string | null => {
  if (role === 'facilitator') return null
  const doc = transaction.doc
  for (const [type, keys] of transaction.changed) {
    const base = pathOf(type)
    if (base[0] === ROOT.flow) return 'only the facilitator can change the flow'
    if (base[0] === ROOT.results) return 'only the server publishes vote results'
    if (base[0] !== ROOT.canvases) continue
    for (const key of keys.size > 0 ? keys : new Set([null])) {
      const path = key === null ? base : [...base, key]
      const canvasId = path[1]
      if (canvasId === undefined) continue
      if (before.lockedCanvases.has(canvasId)) return `canvas ${canvasId} is locked`
      if (
        path[2] === 'locked' ||
        (path.length === 2 && getCanvas(doc, canvasId)?.locked === true)
      ) {
        return 'only the facilitator can lock or unlock a canvas'
      }
      const refused = before.allow ? phaseRefuses(before.allow, path) : null
      if (refused) return refused
    }
  }
  return null
}

type UndoScope = ConstructorParameters<typeof Y.UndoManager>[0]

/**
 * The rules of one kind of document. `begin` is called before applying a non-facilitator's
 * update (with the workshop document, whose flow says what is allowed now) and returns the
 * check to run on the resulting transaction: the reason it is refused, or null.
 */
export interface DocumentPolicy {
  guardedRoots(doc: Y.Doc): UndoScope
  begin(doc: Y.Doc, workshopDoc: Y.Doc): (transaction: Y.Transaction, role: Role) => string | null
}

/**
 * The policy state of each document, kept until the flow, a canvas's `locked` flag or the set
 * of canvases changes: reading the flow parses every phase of the template, too costly to do
 * for each update a participant sends.
 */
const policyStates = new WeakMap<Y.Doc, { state: PolicyState | null }>()
const cachedPolicyState = (doc: Y.Doc): PolicyState => {
  let entry = policyStates.get(doc)
  if (!entry) {
    const created: { state: PolicyState | null } = { state: null }
    flowMap(doc).observeDeep(() => {
      created.state = null
    })
    canvasesMap(doc).observeDeep((events) => {
      for (const event of events) {
        const depth = event.path.length
        if (depth === 0 || (depth === 1 && event.changes.keys.has('locked'))) created.state = null
      }
    })
    policyStates.set(doc, created)
    entry = created
  }
  entry.state ??= capturePolicyState(doc)
  return entry.state
}

export const workshopPolicy: DocumentPolicy = {
  guardedRoots,
  begin: (doc) => {
    const before = cachedPolicyState(doc)
    return (transaction, role) => findViolation(transaction, role, before)
  },
}

/**
 * A private document: notes only while the running phase lets people write; a ballot only
 * for the running phase's vote, while it is open, within its rules (budget, cap, reason), and
 * with dots only on the vote's items (or on those the ballot held before this change).
 */
export const privatePolicy: DocumentPolicy = {
  guardedRoots: (doc) => [doc.getMap(PRIVATE_ROOT.canvases), doc.getMap(PRIVATE_VOTES_ROOT)],
  begin: (doc, workshopDoc) => {
    const flow = readFlow(workshopDoc)
    const running = flow.status === 'running' ? flow.phase : null
    const mayHold = running?.vote
      ? keptOrItems(doc, running.id, voteItems(workshopDoc, running))
      : null
    return (transaction) => {
      for (const type of transaction.changed.keys()) {
        const path = pathOf(type)
        if (path[0] === PRIVATE_ROOT.canvases && !running?.allow.write) {
          return 'this phase does not allow writing'
        }
        if (path[0] !== PRIVATE_VOTES_ROOT) continue
        const phaseId = path[1] ?? [...(transaction.changed.get(type) ?? [])][0] ?? ''
        if (!running?.vote || !mayHold || !running.allow.vote || running.id !== phaseId) {
          return 'there is no open vote for this phase'
        }
        if (readResult(workshopDoc, phaseId)?.closed) return 'this vote is closed'
        const problem = ballotProblem(transaction.doc, running.vote, phaseId, mayHold)
        if (problem) return problem
      }
      return null
    }
  },
}
