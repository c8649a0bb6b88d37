import type * as Y from 'yjs'
import { boxKind } from '../../../../shared/canvas/kinds/index.ts'
import { placeNewItem } from '../../../../shared/canvas/placement.ts'
import {
  alignToGrid,
  type BoxKind,
  bringToFront,
  type Cluster,
  connect,
  createCluster,
  deleteItems,
  duplicateItems,
  MIN_SIZE,
  moveItems,
  renameCluster,
  resizeItem,
  type Shape,
  setItemColour,
  setItemsCluster,
} from '../../../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../../../shared/schema/private.ts'
import { dotOutcomeText, dotsRemainingText } from '../dotVoting.ts'
import type { Point, Rect } from '../geometry.ts'
import { addPlacedBox } from './addPlaced.ts'
import type { EditorCore } from './editor.ts'

/** Origin of the private canvas's creation: not tracked by undo (it is not the user's change). */
const PRIVATE_SETUP_ORIGIN = 'fabrique:private-setup'

/** "More actions" tools that run one mutator on the targets it is allowed on, per document. */
export const LAYERED_TOOLS = ['front', 'align'] as const
export type LayeredTool = (typeof LAYERED_TOOLS)[number]

export interface Commands {
  /** Adds an item where placement says (see placement.ts), or at the spot `at`. */
  add: (kind: BoxKind, shape?: Shape, at?: Point) => void
  remove: (ids: string[]) => void
  moveBy: (ids: string[], dx: number, dy: number) => void
  /** Commits a drag: moves what may move by (dx, dy). */
  moveDragged: (ids: readonly string[], dx: number, dy: number) => void
  resizeBy: (id: string, dw: number, dh: number) => void
  resizeTo: (id: string, rect: Rect) => void
  duplicate: () => void
  startConnect: (from: string | undefined) => void
  finishConnect: (to: string) => void
  cancelConnect: () => void
  toggleAddMode: () => void
  edit: (id: string) => void
  closeEditor: (reason: 'escape' | 'blur') => void
  /** The layered tools (front, align): the targets they may change, and running them. */
  layeredTargets: (tool: LayeredTool) => string[]
  runLayered: (tool: LayeredTool) => void
  setColour: (value: string | null) => void
  canCreateCluster: () => boolean
  /** Opens the dialog naming a new group of the chosen boxes. */
  startCluster: () => void
  /** The one cluster the chosen boxes are in, when it may be renamed. */
  renameTarget: () => Cluster | null
  startRename: (cluster: Cluster | null | undefined) => void
  submitCluster: (name: string) => string | null
  uncluster: () => void
  canUncluster: () => boolean
  /** The one shared item the "Spotlight" tool applies to (private notes are nobody else's). */
  spotlightTarget: () => string | null
  changeDots: (id: string, delta: 1 | -1) => void
  undo: () => void
  redo: () => void
  trackPrivateCanvas: () => void
}

const LAYERED: Record<
  LayeredTool,
  {
    targets: (core: EditorCore) => string[]
    allowed: (core: EditorCore) => (id: string) => boolean
    change: (doc: Y.Doc, canvasId: string, ids: readonly string[], origin: unknown) => void
  }
> = {
  // z is where an item is (anyone's, like moving it).
  front: {
    targets: (core) => core.targets(),
    allowed: (core) => core.rights.canMove,
    change: bringToFront,
  },
  // Aligning also snaps its size.
  align: {
    targets: (core) => core.boxTargets(),
    allowed: (core) => core.rights.canResize,
    change: alignToGrid,
  },
}

export const createCommands = (
  core: EditorCore,
  hooks: { trackPrivateCanvas: () => void },
): Commands => {
  const { model, rights, state, t, labels, announce, options } = core
  const { doc, privateDoc, canvasId, origin } = options

  /** Runs a change; a refused one (a schema error) is announced, not thrown. */
  const attempt = <T>(write: () => T): T | undefined => {
    if (rights.readOnly()) return undefined
    try {
      return write()
    } catch (error) {
      console.warn('canvas change refused', error)
      announce(t('canvas.announce.failed'))
      return undefined
    }
  }
  /** Runs `write` once per document, with the ids of `ids` that live there and pass `allowed`. */
  const perLayer = (
    ids: readonly string[],
    allowed: (id: string) => boolean,
    write: (target: Y.Doc, ids: string[]) => void,
  ) => {
    const ok = ids.filter(allowed)
    const shared = ok.filter((id) => !core.isPrivate(id))
    const mine = ok.filter(core.isPrivate)
    attempt(() => {
      if (shared.length > 0) write(doc, shared)
      if (mine.length > 0 && privateDoc) write(privateDoc, mine)
    })
  }
  /** Who a new item is credited to, as the server checks it: its writer, in their group. */
  const author = () => {
    const { writer } = options.situation()
    return writer.participantId === null
      ? { createdBy: '', group: null }
      : { createdBy: writer.participantId, group: options.group() }
  }

  /**
   * The frame a new item of this kind goes in: the focused frame, else the step's (as a phone
   * writes there). A note written in private goes there too: the private document holds no
   * frame, the note names it for the reveal.
   */
  const targetFrame = (kind: BoxKind): string | null => {
    if (boxKind(kind).holdsItems) return null
    const frame = (id: string | null | undefined) => {
      const box = id ? model.box(id) : undefined
      return box && boxKind(box.kind).holdsItems ? box.id : null
    }
    return frame(state.activeId.get()) ?? frame(options.stepFrame?.())
  }
  /**
   * Where a new item goes: never on another, never from who asks. A spot chosen on the board
   * (`at`) wins over the focused frame; a full frame grows to take it (placement.ts), among
   * what this person sees (their private notes too).
   */
  const placeFor = (kind: BoxKind, at?: Point) => {
    const request = { items: model.snapshot(), view: core.viewRect(), kind, ...(at ? { at } : {}) }
    const frameId = at ? null : targetFrame(kind)
    return placeNewItem(frameId ? { ...request, frameId } : request)
  }

  /**
   * The item just added to be written in, and the history before it: Escape while its text is
   * still empty takes it away, and the history forgets it (undo never brings an empty note back).
   */
  let fresh: { id: string; mark: number } | null = null
  /** Takes away an item still empty, and what the history holds since `mark`. */
  const discard = (id: string, mark: number): boolean => {
    if (model.box(id)?.text.trim() !== '') return false
    const name = labels.short(id)
    const removed = attempt(() => {
      deleteItems(core.docOf(id), canvasId, [id], origin)
      return true
    })
    if (!removed) return false
    core.history.forgetSince(mark)
    state.selection.set(new Set())
    state.activeId.set(null)
    core.focusBoard()
    announce(t('canvas.announce.discarded', { kind: name }))
    return true
  }

  const add: Commands['add'] = (kind, shape, at) => {
    const layer = rights.targetLayer(kind)
    if (!layer) {
      announce(t(rights.privateWriting() ? 'private.onlyNotes' : 'voting.phase.noWrite'))
      return
    }
    const spot = placeFor(kind, at)
    const { defaultText, editsOnCreate } = boxKind(kind)
    const target = layer === 'private' && privateDoc ? privateDoc : doc
    const mark = core.history.mark()
    const id = attempt(() => {
      if (target !== doc) {
        ensurePrivateCanvas(target, canvasId, options.canvasTitle(), PRIVATE_SETUP_ORIGIN)
        hooks.trackPrivateCanvas()
      }
      const box = {
        kind,
        ...(shape ? { shape } : {}),
        text: defaultText ? t(defaultText) : '',
        ...author(),
      }
      return addPlacedBox(target, canvasId, { place: spot, box }, origin)
    })
    if (!id) return
    announce(t('canvas.announce.added', { kind: labels.short(id) }))
    fresh = editsOnCreate ? { id, mark } : null
    core.focusItem(id, { select: true, edit: editsOnCreate })
  }

  const remove: Commands['remove'] = (all) => {
    const ids = all.filter(rights.canDelete)
    if (ids.length === 0) {
      const others = rights.notMine(all)
      announce(others.length > 0 ? core.notYoursMessage(others) : t(core.sharedLockedMessage()))
      return
    }
    perLayer(ids, rights.canDelete, (target, some) => deleteItems(target, canvasId, some, origin))
    state.selection.set(new Set())
    state.activeId.set(null)
    core.focusBoard()
    const kept = rights.notMine(all.filter((id) => !ids.includes(id)))
    announce(
      [
        t('canvas.announce.deleted', { count: ids.length }),
        kept.length > 0 ? core.notYoursMessage(kept) : null,
      ]
        .filter(Boolean)
        .join(' '),
    )
  }

  const moveDragged: Commands['moveDragged'] = (ids, dx, dy) =>
    perLayer(ids, rights.canMove, (target, some) =>
      moveItems(target, canvasId, some, { dx, dy }, origin),
    )

  const resizeTo: Commands['resizeTo'] = (id, rect) =>
    attempt(() => resizeItem(core.docOf(id), canvasId, id, rect, origin))

  const renameTarget = (): Cluster | null => {
    const ids = new Set(
      core
        .boxTargets()
        .filter(rights.canCluster)
        .flatMap((id) => model.box(id)?.cluster ?? []),
    )
    const [only] = ids
    return ids.size === 1 ? (model.clusters().find((c) => c.id === only) ?? null) : null
  }
  const startRename: Commands['startRename'] = (cluster) => {
    if (!cluster) return
    if (rights.canRenameClusters()) state.clusterDialog.set({ kind: 'rename', cluster })
    else announce(t(core.sharedLockedMessage()))
  }

  return {
    add,
    remove,
    moveBy: (all, dx, dy) => {
      const ids = all.filter(rights.canMove)
      if (ids.length === 0) {
        if (all.length > 0) announce(t('voting.phase.noMove'))
        return
      }
      moveDragged(ids, dx, dy)
      const first = ids[0]
      if (first) core.reveal(first)
    },
    moveDragged,
    resizeBy: (id, dw, dh) => {
      const item = model.box(id)
      if (!item || !rights.canResize(id)) return
      resizeTo(id, {
        x: item.x,
        y: item.y,
        w: Math.max(MIN_SIZE, item.w + dw),
        h: Math.max(MIN_SIZE, item.h + dh),
      })
    },
    resizeTo,
    duplicate: () => {
      const copies: string[] = []
      const { createdBy, group } = author()
      perLayer(core.boxTargets(), rights.canAddFrom, (target, some) => {
        copies.push(...duplicateItems(target, canvasId, some, origin, createdBy, group))
      })
      if (copies.length === 0) return
      state.selection.set(new Set(copies))
      const first = copies[0]
      if (first) core.focusItem(first)
      announce(t('canvas.announce.duplicated', { count: copies.length }))
    },
    startConnect: (from) => {
      if (!from || !model.box(from) || !rights.canAddFrom(from)) return
      state.connectFrom.set(from)
      announce(t('canvas.connect.instructions', { from: labels.short(from) }))
    },
    finishConnect: (to) => {
      const from = state.connectFrom.get()
      state.connectFrom.set(null)
      if (!from || from === to || !model.box(to) || model.layerOf(from) !== model.layerOf(to)) {
        announce(t('canvas.connect.cancelled'))
        return
      }
      const id = attempt(() =>
        connect(core.docOf(from), canvasId, { from, to, createdBy: author().createdBy }, origin),
      )
      if (id)
        announce(t('canvas.announce.connected', { from: labels.short(from), to: labels.short(to) }))
      core.focusItem(to)
    },
    cancelConnect: () => {
      state.connectFrom.set(null)
      announce(t('canvas.connect.cancelled'))
    },
    toggleAddMode: () => {
      const on = !state.addMode.get()
      state.addMode.set(on)
      announce(t(on ? 'canvas.addMode.on' : 'canvas.addMode.off'))
    },
    edit: (id) => {
      if (rights.canWrite(id)) state.editingId.set(id)
      else announce(core.whyNotWritable(id))
    },
    closeEditor: (reason) => {
      const id = state.editingId.get()
      // Read first: the view closes the editor again (its blur) as soon as `editingId` is null.
      const added = fresh
      fresh = null
      state.editingId.set(null)
      const discarded =
        reason === 'escape' && id !== null && added?.id === id && discard(id, added.mark)
      // Back to the item where it is: Escape never moves the view.
      if (reason === 'escape' && id && !discarded) core.focusItem(id, { reveal: false })
    },
    layeredTargets: (tool) => LAYERED[tool].targets(core).filter(LAYERED[tool].allowed(core)),
    runLayered: (tool) => {
      const { targets, allowed, change } = LAYERED[tool]
      perLayer(targets(core), allowed(core), (target, some) =>
        change(target, canvasId, some, origin),
      )
    },
    setColour: (value) =>
      perLayer(core.boxTargets(), rights.canWrite, (target, some) =>
        setItemColour(target, canvasId, some, value, origin),
      ),
    canCreateCluster: () => rights.canNameClusters() && core.boxTargets().some(rights.canCluster),
    startCluster: () =>
      state.clusterDialog.set({ kind: 'create', ids: core.boxTargets().filter(rights.canCluster) }),
    renameTarget,
    startRename,
    submitCluster: (name) => {
      const dialog = state.clusterDialog.get()
      if (!dialog) return null
      if (!name) return t('canvas.cluster.required')
      state.clusterDialog.set(null)
      if (dialog.kind === 'create') {
        const ids = dialog.ids
        attempt(() => createCluster(doc, canvasId, name, ids.filter(rights.canCluster), origin))
        announce(t('canvas.announce.clustered', { name, count: ids.length }))
      } else {
        const { id } = dialog.cluster
        const renamed = attempt(() => {
          renameCluster(doc, canvasId, id, name, origin)
          return true
        })
        if (renamed) announce(t('canvas.announce.clusterRenamed', { name }))
      }
      return null
    },
    canUncluster: () =>
      core.boxTargets().some((id) => model.box(id)?.cluster && rights.canCluster(id)),
    uncluster: () =>
      attempt(() =>
        setItemsCluster(doc, canvasId, core.boxTargets().filter(rights.canCluster), null, origin),
      ),
    spotlightTarget: () => {
      const ids = core.boxTargets()
      const id = ids.length === 1 ? ids[0] : undefined
      return id && !core.isPrivate(id) ? id : null
    },
    changeDots: (id, delta) => {
      const voting = options.dots()
      if (!voting) return
      const outcome = delta > 0 ? voting.add(id) : voting.remove(id)
      if (outcome === 'ok') {
        state.dotMessage.set('')
        announce(
          t(delta > 0 ? 'voting.dots.added' : 'voting.dots.removed', {
            item: labels.dotItem(id),
            count: voting.mine(id),
            remaining: dotsRemainingText(t, voting),
          }),
        )
        return
      }
      const why = dotOutcomeText(t, voting, outcome)
      state.dotMessage.set(why)
      announce(why)
    },
    undo: () => {
      core.history.undo()
      announce(t('canvas.announce.undone'))
    },
    redo: () => {
      core.history.redo()
      announce(t('canvas.announce.redone'))
    },
    trackPrivateCanvas: hooks.trackPrivateCanvas,
  }
}
