import type { BoxKind } from '../../../../shared/schema/canvasItems.ts'
import type { CanvasRights as LayeredRights } from '../../../../shared/schema/canvasRights.ts'
import { ownsItem, type Writer } from '../../../../shared/schema/rights.ts'
import type { CanvasModel, Layer } from './model.ts'

/**
 * What the board is told of the moment: who edits, and what they may do now on this canvas
 * (`canvasRights` in shared/schema/canvasRights.ts: the answer the server's policy judges with).
 */
export interface Situation {
  writer: Writer
  rights: LayeredRights
}

/** The shared rights asked about one item at a time, from its layer, kind and author. */
export interface CanvasRights {
  /** Nothing on this canvas may change (a locked canvas, an observer, a frozen phase). */
  readOnly: () => boolean
  /** During private writing, new notes and text go to the private document. */
  privateWriting: () => boolean
  /** May write on the item's layer (add, copy, connect from it). */
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
  /** May this person name a new cluster of the shared canvas's items? */
  canNameClusters: () => boolean
  /** May this person rename the shared canvas's clusters? */
  canRenameClusters: () => boolean
}

/** The canvas's rights per item, read afresh on every call: they follow the phase and the content. */
export const createCanvasRights = (
  model: CanvasModel,
  situation: () => Situation,
): CanvasRights => {
  const layer = (id: string) => situation().rights[model.layerOf(id)]
  const owns = (id: string) => {
    const item = model.item(id)
    return item !== undefined && ownsItem(situation().writer, item.createdBy)
  }
  const layerWrites = (id: string) => layer(id).write
  const createdBy = (id: string) => model.item(id)?.createdBy
  return {
    readOnly: () => situation().rights.readOnly,
    privateWriting: () => situation().rights.privateWriting,
    layerWrites,
    canMove: (id) => layer(id).move,
    owns,
    canWrite: (id) => model.item(id) !== undefined && layer(id).edit(createdBy(id)),
    canDelete: (id) => {
      const item = model.item(id)
      if (!item) return false
      // A frame deleted lets go of what is in it, which moves those items.
      const holdsItems = model.boxIds().some((other) => model.box(other)?.frame === id)
      return layer(id).remove({ kind: item.kind, createdBy: item.createdBy, holdsItems })
    },
    canResize: (id) => model.item(id) !== undefined && layer(id).resize(createdBy(id)),
    canAddFrom: layerWrites,
    targetLayer: (kind) => situation().rights.layerFor(kind),
    notMine: (ids) => ids.filter((id) => layerWrites(id) && !owns(id)),
    canCluster: (id) => model.layerOf(id) === 'shared' && situation().rights.shared.move,
    canNameClusters: () => situation().rights.shared.cluster,
    canRenameClusters: () => situation().rights.shared.renameClusters,
  }
}
