import { boxKind, isBoxKind, isConnector } from '../canvas/kinds/index.ts'
import type { BoxKind } from './canvasItems.ts'
import {
  managesWorkshop,
  mayDeleteItem,
  ownsItem,
  type PhasePermissions,
  type RefusalCode,
  sharedCanvasRights,
  type Writer,
} from './rights.ts'

/**
 * What one person may do now on one canvas: the answer the server's write policy (policy.ts)
 * judges every canvas change with, and the board and the outline enable their controls by, so
 * the two cannot disagree.
 */

/** The shared canvas, or this person's private counterpart of it (same id, private document). */
export type CanvasLayer = 'shared' | 'private'

export interface CanvasContext {
  /** What the running phase allows; null when none runs (before the start, after the end). */
  allow: PhasePermissions | null
  /** The facilitator locked the canvas: only they change it, on either layer. */
  locked: boolean
  /**
   * This person's private document is known (first sync or local copy): nothing is written to
   * it before, or two maps made under one key at once would lose one. The server holds the
   * document, so it passes true.
   */
  privateReady: boolean
}

/** An item as its rights depend on it: its kind and who made it. */
export interface ItemAuthorship {
  kind: unknown
  createdBy: unknown
}

/** What may be done on one layer of the canvas. */
export interface LayerRights {
  /**
   * May write on this layer: add items (a note, a copy, a connector from one of its items; a
   * note added into a full frame grows the frame's height just enough, whoever made it) and
   * change its clusters; whose items' content may be edited or deleted is `edit` and `remove`.
   */
  readonly write: boolean
  /** May move anyone's item of this layer (x, y, z, frame, cluster). */
  readonly move: boolean
  /**
   * Why the server refuses writing or moving here (a refusal code, shown as `refusal.<code>`),
   * null when it accepts. `write` and `move` also wait for the private document to be ready.
   */
  readonly refusal: { readonly write: RefusalCode | null; readonly move: RefusalCode | null }
  /**
   * This layer holds new items of `kind` (the `kind` field of an item, as written): the shared
   * canvas any kind; the private one connectors and the kinds written privately only (else the
   * server refuses with `kind.private`). Whether the item is valid is the schema's to say.
   */
  takes(kind: unknown): boolean
  /** May change the content (text, colour, size, a connector's label) of an item by `createdBy`. */
  edit(createdBy: unknown): boolean
  /**
   * May delete this item: one's own, or any connector (it goes with either end). A frame that
   * holds items lets go of them, which moves them: say so with `holdsItems`.
   */
  remove(item: ItemAuthorship & { holdsItems?: boolean }): boolean
  /** Resizing writes the position as well as the size. */
  resize(createdBy: unknown): boolean
  /**
   * May name a new cluster of this layer's items (writing the cluster, moving the items into
   * it). Putting items into an existing cluster or taking them out is moving them.
   */
  readonly cluster: boolean
  /** May rename this layer's clusters. */
  readonly renameClusters: boolean
}

export interface CanvasRights {
  readonly shared: LayerRights
  readonly private: LayerRights
  /**
   * The running phase is one of private writing (each person writes on their own until the
   * facilitator's reveal) and this person's private document is ready: new notes and texts go
   * there.
   */
  readonly privateWriting: boolean
  /** Nothing at all may be changed on this canvas now (a vote, a reading, a lock, an observer). */
  readonly readOnly: boolean
  /**
   * The layer a new box of `kind` goes to now, or null if none may be added. A connector goes
   * to the layer of the box it starts from, when that layer's `write` allows it.
   */
  layerFor(kind: BoxKind): CanvasLayer | null
}

type Action = 'write' | 'move'

/**
 * Why the role, the lock or the running phase keeps `writer` from writing or moving on a layer
 * of a canvas, as the server refuses it; null when nothing does. The facilitator is never kept;
 * on the shared canvas, participants write only while the phase lets everyone see what is
 * written (else `phase.private`: notes go to their private document), and move while it allows
 * moving; on the private one, they write and move while it allows writing.
 */
const refusalOf = (
  writer: Writer,
  { allow, locked }: CanvasContext,
  layer: CanvasLayer,
  action: Action,
): RefusalCode | null => {
  if (managesWorkshop(writer)) return null
  if (locked) return 'canvas.locked'
  if (layer === 'private') {
    return writer.role !== 'observer' && allow?.write ? null : 'phase.write'
  }
  const phase = sharedCanvasRights(writer, allow)
  if (action === 'move') return phase.move ? null : 'phase.move'
  if (phase.write) return null
  return allow?.write ? 'phase.private' : 'phase.write'
}

const layerRights = (writer: Writer, context: CanvasContext, layer: CanvasLayer): LayerRights => {
  const ready = layer === 'shared' || context.privateReady
  const refusal = {
    write: refusalOf(writer, context, layer, 'write'),
    move: refusalOf(writer, context, layer, 'move'),
  }
  const write = ready && refusal.write === null
  const move = ready && refusal.move === null
  const edit = (createdBy: unknown) => write && ownsItem(writer, createdBy)
  return {
    write,
    move,
    refusal,
    takes: (kind) =>
      layer === 'shared' ||
      isConnector({ kind }) ||
      (isBoxKind(kind) && boxKind(kind).writtenPrivately),
    edit,
    remove: (item) => write && mayDeleteItem(writer, item) && (move || item.holdsItems !== true),
    resize: (createdBy) => edit(createdBy) && move,
    cluster: write && move,
    renameClusters: write,
  }
}

/**
 * The running phase is one of private writing for `writer` (anyone who writes: each person's
 * notes stay theirs until the reveal), whether or not their private document is ready yet.
 */
export const privateWritingPhase = (
  writer: Pick<Writer, 'role'>,
  allow: PhasePermissions | null,
): boolean => writer.role !== 'observer' && allow !== null && allow.write && !allow.seeOthers

/** What `writer` may do now on a canvas, on each of its layers. */
export const canvasRights = (writer: Writer, context: CanvasContext): CanvasRights => {
  const shared = layerRights(writer, context, 'shared')
  const mine = layerRights(writer, context, 'private')
  const privateWriting = privateWritingPhase(writer, context.allow) && context.privateReady
  return {
    shared,
    private: mine,
    privateWriting,
    readOnly: !shared.write && !shared.move && !mine.write && !mine.move,
    layerFor: (kind) => {
      if (privateWriting && mine.takes(kind)) {
        return mine.write ? 'private' : null
      }
      return shared.write ? 'shared' : null
    },
  }
}

/** The rights of someone who may change nothing: a document not known yet, or from a newer build. */
export const NO_CANVAS_RIGHTS: CanvasRights = canvasRights(
  { role: 'observer', participantId: null },
  { allow: null, locked: false, privateReady: false },
)
