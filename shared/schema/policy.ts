import * as Y from 'yjs'
import type { Role } from '../roles.ts'
import { getCanvas, listCanvases } from './canvases.ts'
import { canvasesMap, ROOT } from './roots.ts'

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
}

/** Taken before an update is applied: the rules look at the document as it was. */
export const capturePolicyState = (doc: Y.Doc): PolicyState => ({
  lockedCanvases: new Set(
    listCanvases(doc)
      .filter((canvas) => canvas.locked)
      .map((canvas) => canvas.id),
  ),
})

/** The shared types a refused change is reverted in. */
export const guardedRoots = (doc: Y.Doc): ConstructorParameters<typeof Y.UndoManager>[0] => [
  canvasesMap(doc),
]

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
    }
  }
  return null
}
