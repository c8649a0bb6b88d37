// One file (over 500 lines): the editor's core, whose state (selection, camera, rights, model)
// its actions share in one closure; its commands, keys and gestures are in the files beside it.
import * as Y from 'yjs'
import type { PartnerGroup } from '../../../../shared/groups.ts'
import type { MessageKey } from '../../../../shared/i18n/index.ts'
import type { BoxItem, Cluster, ParticipantRecord } from '../../../../shared/schema/index.ts'
import { canvasMap } from '../../../../shared/schema/index.ts'
import { takesDots } from '../../../../shared/schema/votes.ts'
import type { Translate } from '../../../app/i18n.tsx'
import type { DotVoting } from '../dotVoting.ts'
import {
  boundsOf,
  type Camera,
  clampScale,
  connectorEnds,
  fitCamera,
  framedReadingOrder,
  type Point,
  type Rect,
  readingOrder,
  revealRect,
  toWorld,
  visibleWorld,
  zoomAround,
} from '../geometry.ts'
import { type Cell, type CellFactory, plainCell } from './cell.ts'
import { type Commands, createCommands } from './commands.ts'
import { createKeyboard, type Keyboard } from './keyboard.ts'
import { createLabels, type Labels } from './labels.ts'
import type { CanvasModel } from './model.ts'
import { createPointer, type Pointer } from './pointer.ts'
import { type CanvasRights, createCanvasRights, type Situation } from './rights.ts'
import { createUndoHistory, type UndoHistory } from './undoHistory.ts'

/**
 * The headless canvas editor: camera, selection and focus, tools, commands, undo, pointer and
 * keyboard input, with no DOM and no UI library. The board (`../Board.tsx`) renders what it
 * holds and feeds it input; unit tests drive it directly (tests/unit/canvasEditor.test.ts).
 */

export interface EditorOptions {
  doc: Y.Doc
  /** This person's private document: their counterpart of the canvas is laid over it. */
  privateDoc: Y.Doc | null
  canvasId: string
  canvasTitle: () => string
  /** Origin of this connection's transactions: undo tracks only these. */
  origin: object
  model: CanvasModel
  /** Who edits and what the phase allows, read afresh on every use. */
  situation: () => Situation
  /** The author's group: what a new item of theirs is credited with. */
  group: () => PartnerGroup
  identity: () => { participantId: string; name: string }
  participants: () => ReadonlyMap<string, ParticipantRecord>
  editorsOf: (itemId: string) => readonly string[] | undefined
  /** The running dot vote on this canvas, if any. */
  dots: () => DotVoting | null
  /** The item in the facilitator's spotlight, if it is on this canvas. */
  spotlightId: () => string | null
  /**
   * The frame the running step writes in (staged, or named by its words), where a new note
   * goes when no frame has the focus; null: near the view's centre.
   */
  stepFrame?: () => string | null
  t: Translate
  /** A box's kind as its accessible name says it (the client kind registry's `label`). */
  kindLabel: (item: BoxItem) => MessageKey
  /** Reactive cells for a view (Solid signals); plain variables by default. */
  cell?: CellFactory
  /** Moves the keyboard focus to an item's element, or to the board (null). */
  focus?: (id: string | null) => void
  /** The part of the board inside the window, in board pixels (null: all of it). */
  visibleScreen?: () => Rect | null
  /** This person's pointer on the canvas, in canvas coordinates (null: gone). */
  publishCursor?: (point: Point | null) => void
  now?: () => number
}

/** What a connector's label covers, centred on the middle of its line (Tab and editing). */
const LABEL_AREA = { w: 200, h: 60 }
const ZOOM_SETTLE_MS = 180
/**
 * How long a view the person moved to stays theirs at a new step: someone who just scrolled
 * or Tabbed to a note is looking at it; someone who did minutes ago is brought to the step.
 */
export const OWN_VIEW_MS = 5000

export interface DragPreview {
  ids: ReadonlySet<string>
  dx: number
  dy: number
}

export type ClusterDialog =
  | { kind: 'create'; ids: string[] }
  | { kind: 'rename'; cluster: Cluster }
  | null

/** The tool in use: what a pointer or key does on the board. */
export type Tool = 'select' | 'create' | 'connect' | 'vote'

export interface EditorState {
  camera: Cell<Camera>
  size: Cell<{ w: number; h: number }>
  selection: Cell<ReadonlySet<string>>
  /** The item with the roving tabindex (the last focused). */
  activeId: Cell<string | null>
  /** The item (box or connector label) that holds the keyboard focus. */
  focusedId: Cell<string | null>
  editingId: Cell<string | null>
  connectFrom: Cell<string | null>
  addMode: Cell<boolean>
  drag: Cell<DragPreview | null>
  resizing: Cell<{ id: string; rect: Rect } | null>
  marquee: Cell<Rect | null>
  zooming: Cell<boolean>
  announcement: Cell<string>
  clusterDialog: Cell<ClusterDialog>
  dotMessage: Cell<string>
  undo: Cell<{ canUndo: boolean; canRedo: boolean }>
}

/** What commands, pointer and keyboard share. */
export interface EditorCore {
  options: EditorOptions
  /** Makes the editor's cells (reactive ones for a view). */
  cell: CellFactory
  model: CanvasModel
  rights: CanvasRights
  labels: Labels
  t: Translate
  state: EditorState
  now: () => number
  history: UndoHistory
  /** The board stays fitted to its content until the camera is moved some other way. */
  autoFit: { on: boolean }
  announce: (message: string) => void
  isPrivate: (id: string) => boolean
  docOf: (id: string) => Y.Doc
  /** Items that take dots in the running vote: the shared canvas's notes and text. */
  votable: (item: BoxItem) => boolean
  /** What an action applies to (see `targets`). */
  targets: () => string[]
  boxTargets: () => string[]
  /** The rectangle a box is drawn at: where it is, or where it is being dragged or resized. */
  rectOf: (id: string) => Rect | null
  /** A connector's two ends as drawn (following its boxes while they are dragged). */
  endsOf: (id: string) => { from: Point; to: Point } | null
  /** The area of a box, or of a connector's label: what is revealed, focused and edited. */
  areaOf: (id: string) => Rect | null
  centre: () => Point
  viewRect: () => Rect
  reveal: (id: string) => void
  /** `reveal: false`: the focus goes to the item where it is, the view stays put. */
  focusItem: (id: string, options?: { select?: boolean; edit?: boolean; reveal?: boolean }) => void
  focusBoard: () => void
  setSelection: (ids: Iterable<string>) => void
  toggleSelected: (id: string) => void
  zoomBy: (factor: number, at?: Point) => void
  zoomToFit: () => void
  resetZoom: () => void
  panBy: (dx: number, dy: number) => void
  /** Boxes in reading order, then connectors by where their labels sit: the Tab order. */
  orderedBoxes: () => string[]
  orderedConnectors: () => string[]
  /** Why this person may not change the item, or '' if they may. */
  whyNotWritable: (id: string) => string
  notYoursMessage: (ids: readonly string[]) => string
  sharedLockedMessage: () => 'private.sharedLocked' | 'voting.phase.noWrite'
}

export type Editor = EditorCore &
  Commands &
  Pointer &
  Keyboard & {
    tool: () => Tool
    /** The tool, or the gesture under way (pan, marquee, drag, resize, pinch). */
    interaction: () => Tool | 'pan' | 'marquee' | 'drag' | 'resize' | 'pinch' | 'tap-add'
    /** Puts the canvas's map in the undo scope (again, if the map under its id is replaced). */
    trackCanvas: (map: Y.Map<unknown> | null) => void
    resize: (size: { w: number; h: number }) => void
    /** Sets the camera so (x, y) is at the centre of the board, at `zoom` (clamped). */
    setView: (view: View) => void
    /**
     * Sets the view for the workshop's flow (a "bring everyone to me", the step's frame), not
     * for the person: until they move the camera themselves, `followStep` may move it again.
     */
    placeView: (view: View) => void
    /**
     * Shows the step's view (null: everything, fitted), unless the person moved the camera since
     * the flow last placed it; at a new step (`newStep`), unless they are at work on the board
     * (editing, in a gesture, or having moved the camera in the last OWN_VIEW_MS): the view is
     * never taken from someone at work, nor left on a part of the board the step is no longer
     * about. True if it moved.
     */
    followStep: (view: View | null, how?: { newStep?: boolean }) => boolean
    /** The world point at the centre of the board and the camera's scale. */
    view: () => { x: number; y: number; zoom: number }
    /** Brings the spotlight's item into view (readable: far out, zooms in on it). */
    showSpotlight: (id: string) => void
    /** A note opened for editing far out is zoomed in on, so its text is readable. */
    showEdited: (id: string) => void
    /** Fits the content while nobody moved the camera (a resize, the first content). */
    keepFitted: () => void
    /** Drops from the selection, focus and editor what others deleted. */
    forgetDeleted: () => void
    destroy: () => void
  }

/** A view of the board: the canvas point at its centre and the scale. */
export interface View {
  x: number
  y: number
  zoom: number
}

const sameCamera = (a: Camera, b: Camera) => a.x === b.x && a.y === b.y && a.scale === b.scale

export const labelArea = (ends: { from: Point; to: Point }): Rect => ({
  x: (ends.from.x + ends.to.x) / 2 - LABEL_AREA.w / 2,
  y: (ends.from.y + ends.to.y) / 2 - LABEL_AREA.h / 2,
  ...LABEL_AREA,
})

const baseRect = (item: BoxItem): Rect => ({ x: item.x, y: item.y, w: item.w, h: item.h })

export const createEditor = (options: EditorOptions): Editor => {
  const cell = options.cell ?? plainCell
  const { model, t, doc, privateDoc } = options
  const now = options.now ?? (() => performance.now())
  /** The camera as the flow sets it (`place`); `state.camera` is the person's. */
  const flowCamera = cell<Camera>({ x: 40, y: 40, scale: 1 })
  /** When the person last moved the camera (a pan, a zoom, an item brought into view). */
  let movedAt = Number.NEGATIVE_INFINITY
  const state: EditorState = {
    camera: {
      get: flowCamera.get,
      set: (next) => {
        flowCamera.set(next)
        movedAt = now()
      },
    },
    size: cell({ w: 800, h: 520 }),
    selection: cell<ReadonlySet<string>>(new Set()),
    activeId: cell<string | null>(null),
    focusedId: cell<string | null>(null),
    editingId: cell<string | null>(null),
    connectFrom: cell<string | null>(null),
    addMode: cell(false),
    drag: cell<DragPreview | null>(null),
    resizing: cell<{ id: string; rect: Rect } | null>(null),
    marquee: cell<Rect | null>(null),
    zooming: cell(false),
    announcement: cell(''),
    clusterDialog: cell<ClusterDialog>(null),
    dotMessage: cell(''),
    undo: cell<{ canUndo: boolean; canRedo: boolean }>(
      { canUndo: false, canRedo: false },
      { equals: (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo },
    ),
  }
  const rights = createCanvasRights(model, options.situation)
  const isPrivate = (id: string) => model.layerOf(id) === 'private'
  const votable = (item: BoxItem) => takesDots(item) && !isPrivate(item.id)
  const labels = createLabels({
    t,
    kindLabel: options.kindLabel,
    model,
    rights,
    identity: options.identity,
    participants: options.participants,
    editorsOf: options.editorsOf,
    dots: options.dots,
    spotlit: options.spotlightId,
    votable,
  })

  // ── Per-user undo: only this connection's own transactions, one history over both docs ──
  const undoManager = (target: Y.Doc) =>
    new Y.UndoManager([], {
      doc: target,
      trackedOrigins: new Set([options.origin]),
      captureTimeout: 400,
    })
  const sharedUndo = undoManager(doc)
  const privateUndo = privateDoc ? undoManager(privateDoc) : null
  const history = createUndoHistory(privateUndo ? [sharedUndo, privateUndo] : [sharedUndo])
  const refreshUndo = () =>
    state.undo.set({ canUndo: history.canUndo(), canRedo: history.canRedo() })
  const stopUndoWatch = history.onChange(refreshUndo)

  const announce = (message: string) => {
    // The same text twice in a row is still announced.
    state.announcement.set('')
    queueMicrotask(() => state.announcement.set(message))
  }

  const rectOf = (id: string): Rect | null => {
    const item = model.box(id)
    if (!item) return null
    const resize = state.resizing.get()
    if (resize?.id === id) return resize.rect
    const moving = state.drag.get()
    if (moving?.ids.has(id)) {
      return { x: item.x + moving.dx, y: item.y + moving.dy, w: item.w, h: item.h }
    }
    return baseRect(item)
  }
  const endsOf = (id: string) => {
    const connector = model.connector(id)
    const a = connector && rectOf(connector.from)
    const b = connector && rectOf(connector.to)
    return a && b ? connectorEnds(a, b) : null
  }
  const areaOf = (id: string): Rect | null => {
    const ends = model.connector(id) ? endsOf(id) : null
    return ends ? labelArea(ends) : rectOf(id)
  }

  const targets = (): string[] => {
    const focused = state.focusedId.get()
    const selection = state.selection.get()
    if (focused && model.item(focused) && !selection.has(focused)) return [focused]
    const selected = [...selection].filter((id) => model.item(id))
    if (selected.length > 0) return selected
    const active = state.activeId.get()
    return active && model.item(active) ? [active] : []
  }

  const reveal = (id: string) => {
    const rect = areaOf(id)
    if (rect) state.camera.set((camera) => revealRect(camera, state.size.get(), rect))
  }
  const focusItem: EditorCore['focusItem'] = (id, how = {}) => {
    if (!model.item(id)) return
    if (how.select) state.selection.set(new Set([id]))
    state.activeId.set(id)
    if (how.reveal !== false) reveal(id)
    // The text editor takes the focus itself (and gives it back to the item when it closes).
    if (how.edit) state.editingId.set(id)
    else options.focus?.(id)
  }

  let zoomTimer: ReturnType<typeof setTimeout> | undefined
  const markZooming = () => {
    state.zooming.set(true)
    clearTimeout(zoomTimer)
    zoomTimer = setTimeout(() => state.zooming.set(false), ZOOM_SETTLE_MS)
  }
  const autoFit = { on: false }
  const centreOfBoard = () => ({ x: state.size.get().w / 2, y: state.size.get().h / 2 })
  const zoomBy = (factor: number, at?: Point) => {
    autoFit.on = false
    markZooming()
    state.camera.set((camera) => zoomAround(camera, at ?? centreOfBoard(), factor))
  }
  const zoomToFit = () => {
    const rects = model.snapshot()
    state.camera.set(fitCamera(boundsOf(rects), state.size.get()))
  }
  const centre = (): Point => toWorld(state.camera.get(), centreOfBoard())

  const sharedLockedMessage = () =>
    rights.privateWriting() ? ('private.sharedLocked' as const) : ('voting.phase.noWrite' as const)
  const notYoursMessage = (ids: readonly string[]): string => {
    if (ids.length > 0 && ids.every((id) => model.connector(id))) {
      return t('rights.connector.notYours')
    }
    return t(ids.some(rights.canMove) ? 'rights.item.notYours.move' : 'rights.item.notYours')
  }

  const core: EditorCore = {
    options,
    cell,
    model,
    rights,
    labels,
    t,
    state,
    now,
    history,
    autoFit,
    announce,
    isPrivate,
    docOf: (id) => (isPrivate(id) && privateDoc ? privateDoc : doc),
    votable,
    targets,
    boxTargets: () => targets().filter((id) => model.box(id)),
    rectOf,
    endsOf,
    areaOf,
    centre,
    viewRect: () => {
      const camera = state.camera.get()
      const visible = options.visibleScreen?.()
      if (!visible || visible.w <= 0 || visible.h <= 0)
        return visibleWorld(camera, state.size.get())
      const start = toWorld(camera, visible)
      const end = toWorld(camera, { x: visible.x + visible.w, y: visible.y + visible.h })
      return { x: start.x, y: start.y, w: end.x - start.x, h: end.y - start.y }
    },
    reveal,
    focusItem,
    focusBoard: () => options.focus?.(null),
    setSelection: (ids) => state.selection.set(new Set(ids)),
    toggleSelected: (id) => {
      const next = new Set(state.selection.get())
      if (next.has(id)) next.delete(id)
      else next.add(id)
      state.selection.set(next)
    },
    zoomBy,
    zoomToFit,
    resetZoom: () => zoomBy(1 / state.camera.get().scale),
    panBy: (dx, dy) =>
      state.camera.set((camera) => ({ ...camera, x: camera.x + dx, y: camera.y + dy })),
    orderedBoxes: () =>
      framedReadingOrder(model.boxIds().flatMap((id) => model.box(id) ?? [])).map(
        (item) => item.id,
      ),
    orderedConnectors: () =>
      readingOrder(
        model.connectorIds().flatMap((id) => {
          const ends = endsOf(id)
          return ends ? [{ id, ...labelArea(ends) }] : []
        }),
      ).map((connector) => connector.id),
    whyNotWritable: (id) => {
      if (rights.canWrite(id)) return ''
      if (rights.layerWrites(id)) return notYoursMessage([id])
      return t(isPrivate(id) ? 'voting.phase.noWrite' : sharedLockedMessage())
    },
    notYoursMessage,
    sharedLockedMessage,
  }

  const commands = createCommands(core, {
    trackPrivateCanvas: () => {
      const privateMap = privateDoc ? canvasMap(privateDoc, options.canvasId) : null
      if (privateUndo && privateMap && !privateUndo.scope.includes(privateMap)) {
        privateUndo.addToScope(privateMap)
      }
    },
  })
  commands.trackPrivateCanvas()
  const trackCanvas = (map: Y.Map<unknown> | null) => {
    if (map && !sharedUndo.scope.includes(map)) sharedUndo.addToScope(map)
  }
  trackCanvas(canvasMap(doc, options.canvasId))
  const pointer = createPointer(core, commands, markZooming)
  const keyboard = createKeyboard(core, commands, pointer)

  const cameraFor = (view: View): Camera => {
    const scale = clampScale(view.zoom)
    const size = state.size.get()
    return { scale, x: size.w / 2 - view.x * scale, y: size.h / 2 - view.y * scale }
  }
  /** The camera as the flow last placed it: while it is still there, the person has not moved it. */
  let placed: Camera | null = null
  const unmoved = () => placed === null || sameCamera(state.camera.get(), placed)
  const place = (camera: Camera) => {
    flowCamera.set(camera)
    placed = camera
  }
  /** At work on the board: editing, in a gesture, or having moved the camera a moment ago. */
  const atWork = () =>
    state.editingId.get() !== null || pointer.gesture() !== null || now() - movedAt < OWN_VIEW_MS

  const tool = (): Tool => {
    if (state.connectFrom.get()) return 'connect'
    if (state.addMode.get()) return 'create'
    return options.dots() ? 'vote' : 'select'
  }

  return {
    ...core,
    ...commands,
    ...pointer,
    ...keyboard,
    tool,
    interaction: () => pointer.gesture() ?? tool(),
    trackCanvas,
    resize: (size) => {
      if (size.w > 0 && size.h > 0) state.size.set(size)
    },
    setView: (view) => state.camera.set(cameraFor(view)),
    placeView: (view) => place(cameraFor(view)),
    followStep: (view, how = {}) => {
      if (!unmoved() && (!how.newStep || atWork())) return false
      place(view ? cameraFor(view) : fitCamera(boundsOf(model.snapshot()), state.size.get()))
      return true
    },
    view: () => {
      const at = centre()
      return { x: at.x, y: at.y, zoom: state.camera.get().scale }
    },
    showSpotlight: (id) => {
      const rect = rectOf(id)
      if (!rect) return
      autoFit.on = false
      const current = state.camera.get()
      const size = state.size.get()
      const shown =
        current.scale >= 0.5 ? revealRect(current, size, rect) : fitCamera(rect, size, 60, 1)
      // The flow moved it, not the person: where it was theirs, it stays theirs.
      if (unmoved()) place(shown)
      else state.camera.set(shown)
    },
    showEdited: (id) => {
      if (state.camera.get().scale >= 0.6) return
      const rect = areaOf(id)
      if (!rect) return
      const size = state.size.get()
      state.camera.set({
        scale: 1,
        x: size.w / 2 - (rect.x + rect.w / 2),
        y: size.h / 2 - (rect.y + rect.h / 2),
      })
    },
    keepFitted: () => {
      if (autoFit.on) zoomToFit()
    },
    forgetDeleted: () => {
      const current = state.selection.get()
      const alive = [...current].filter((id) => model.item(id))
      if (alive.length !== current.size) state.selection.set(new Set(alive))
      const active = state.activeId.get()
      if (active && !model.item(active)) state.activeId.set(null)
      const editing = state.editingId.get()
      if (editing && !model.item(editing)) state.editingId.set(null)
    },
    destroy: () => {
      clearTimeout(zoomTimer)
      stopUndoWatch()
      history.destroy()
      pointer.cancelAll()
    },
  }
}
