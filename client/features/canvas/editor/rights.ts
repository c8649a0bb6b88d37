import type { BoxKind } from '../../../../shared/schema/canvasItems.ts'
import { mayDeleteItem, ownsItem, type Writer } from '../../../../shared/schema/rights.ts'
import type { CanvasModel, Layer } from './model.ts'

/** What the board is told of the moment: who edits and what the running phase allows. */
export interface Situation {
  /** Nothing on this canvas may change (a locked canvas, an observer, a frozen phase). */
  readOnly: boolean
  /** Who edits, as the server's write policy sees them. */
  writer: Writer
  /** What the running phase lets this person do to the shared canvas's items. */
  sharedRules: { write: boolean; move: boolean }
  /** Private notes may be written (the phase allows writing and the private document is known). */
  privateWrite: boolean
  /** Private writing: new notes and text go to the private document. */
  privateWriting: boolean
}

export interface CanvasRights {
  /** The running phase lets this person write on the item's layer (add, change, delete). */
  layerWrites: (id: string) => boolean
  /** Anyone may move any item (x, y, z, frame, cluster) when the phase allows moving. */
  canMove: (id: string) => boolean
  /** This person made the item (the facilitator: any item), so its content is theirs. */
  owns: (id: string) => boolean
  /** May this person change this item's text, colour, size or label? */
  canWrite: (id: string) => boolean
  canDelete: (id: string) => boolean
  /** Resizing writes the position as well as the size. */
  canResize: (id: string) => boolean
  /** A copy of an item, or a connector from it, is a new item of this person's. */
  canAddFrom: (id: string) => boolean
  /** Where a new item of this kind goes, or null if it cannot be added now. */
  targetLayer: (kind: BoxKind) => Layer | null
  /** Items among `ids` this person may read and move but not change (someone else's). */
  notMine: (ids: readonly string[]) => string[]
  /** Clusters are shared: the shared canvas's items join and leave them, like moving them. */
  canCluster: (id: string) => boolean
  /** May this person name and rename the shared canvas's clusters? */
  canNameClusters: () => boolean
}

/**
 * The canvas's rights, from the rules the server enforces (`shared/schema/rights.ts`): read
 * afresh on every call, so they follow the phase and the content.
 */
export const createCanvasRights = (
  model: CanvasModel,
  situation: () => Situation,
): CanvasRights => {
  const isPrivate = (id: string) => model.layerOf(id) === 'private'
  const layerWrites = (id: string) => {
    const now = situation()
    return !now.readOnly && (isPrivate(id) ? now.privateWrite : now.sharedRules.write)
  }
  const canMove = (id: string) => {
    const now = situation()
    return !now.readOnly && (isPrivate(id) ? now.privateWrite : now.sharedRules.move)
  }
  const owns = (id: string) => {
    const item = model.item(id)
    return item !== undefined && ownsItem(situation().writer, item.createdBy)
  }
  const canWrite = (id: string) => layerWrites(id) && owns(id)
  return {
    layerWrites,
    canMove,
    owns,
    canWrite,
    // A frame deleted lets go of what is in it, which moves those items.
    canDelete: (id) => {
      const item = model.item(id)
      if (!item || !layerWrites(id) || !mayDeleteItem(situation().writer, item)) return false
      return (
        item.kind !== 'frame' ||
        canMove(id) ||
        !model.boxIds().some((other) => model.box(other)?.frame === id)
      )
    },
    canResize: (id) => canWrite(id) && canMove(id),
    canAddFrom: layerWrites,
    targetLayer: (kind) => {
      const now = situation()
      if (now.readOnly) return null
      if (now.privateWriting && (kind === 'note' || kind === 'text')) {
        return now.privateWrite ? 'private' : null
      }
      return now.sharedRules.write ? 'shared' : null
    },
    notMine: (ids) => ids.filter((id) => layerWrites(id) && !owns(id)),
    canCluster: (id) => !isPrivate(id) && canMove(id),
    canNameClusters: () => {
      const now = situation()
      return !now.readOnly && now.sharedRules.write
    },
  }
}
