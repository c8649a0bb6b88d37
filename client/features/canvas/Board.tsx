import {
  type Accessor,
  type Component,
  createComputed,
  createEffect,
  createMemo,
  createSignal,
  For,
  Index,
  type JSX,
  onCleanup,
  onMount,
  Show,
  untrack,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { GROUP_COLOURS, type PartnerGroup } from '../../../shared/groups.ts'
import {
  addBox,
  alignToGrid,
  type BoxItem,
  type BoxKind,
  bringToFront,
  CLUSTER_NAME_MAX,
  type Cluster,
  canvasMap,
  connect,
  createCluster,
  deleteItems,
  duplicateItems,
  GRID,
  itemColour,
  MIN_SIZE,
  moveItems,
  type ParticipantRecord,
  renameCluster,
  resizeItem,
  type Shape,
  setItemColour,
  setItemsCluster,
} from '../../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../../shared/schema/private.ts'
import { mayDeleteItem, ownsItem, type Writer } from '../../../shared/schema/rights.ts'
import { takesDots } from '../../../shared/schema/votes.ts'
import { useI18n } from '../../app/i18n.tsx'
import {
  CURSOR_FIELD,
  createCanvasPresence,
  EDITING_FIELD,
} from '../../state/createCanvasPresence.ts'
import { createLayeredContent, type Layer } from './createLayeredContent.ts'
import { DotControls, DotVotingBar, LockIcon } from './DotVotingUi.tsx'
import type { DotOutcome, DotVoting } from './dotVoting.ts'
import { placeNewItem } from './editor/placement.ts'
import {
  boundsOf,
  type Camera,
  clampScale,
  connectorEnds,
  fitCamera,
  fitLabel,
  intersects,
  type Point,
  type Rect,
  readingOrder,
  rectFrom,
  renderRegion,
  revealRect,
  sameRect,
  toScreen,
  toWorld,
  visibleWorld,
  zoomAround,
} from './geometry.ts'
import { createHistory } from './history.ts'
import { ItemEditor } from './ItemEditor.tsx'
import { Minimap } from './Minimap.tsx'
import { createMountQueue } from './mountQueue.ts'
import { PromptDialog } from './PromptDialog.tsx'
import { ToolMenu } from './ToolMenu.tsx'
import { throttle } from './throttle.ts'

/** A view of the board: the world point at its centre and its scale (1 = 100 %). */
export interface BoardView {
  x: number
  y: number
  zoom: number
}

/** What the rest of the canvas area can ask of the board (the outline view, the flow). */
export interface BoardApi {
  /** Selects the item, brings it into view and moves keyboard focus to it. */
  focusItem: (itemId: string) => void
  /** The world point at the centre of the board and the camera's scale. */
  view: () => BoardView
  /** Sets the camera so (x, y) is at the centre of the board, at `zoom` (clamped). */
  setView: (view: BoardView) => void
}

export interface BoardProps {
  doc: Y.Doc
  canvasId: string
  canvasTitle: string
  /** Origin of this connection's transactions: the undo manager tracks only these. */
  origin: object
  readOnly: boolean
  identity: { participantId: string; name: string; group: PartnerGroup }
  /**
   * Who edits, as the server's write policy sees them (role, and the participant id their
   * connection proved): what they may change follows shared/schema/rights.ts.
   */
  writer: Writer
  awareness: Awareness | null
  participants: Accessor<ParticipantRecord[]>
  /** Extra controls at the end of the toolbar (outline toggle, export menu). */
  extraTools?: JSX.Element
  ref?: (api: BoardApi) => void
  /**
   * The participant's private document: its counterpart of this canvas (their notes not yet
   * revealed) is drawn over the shared canvas, marked private. Fixed for the board's life.
   */
  privateDoc?: Y.Doc | null
  /** Private notes may be written (the running phase allows writing; the document is known). */
  privateWrite?: boolean
  /** Private writing: new notes and text go to the private document. */
  privateWriting?: boolean
  /** What the running phase lets this person do to the shared canvas's items (default: all). */
  sharedRules?: { write: boolean; move: boolean }
  /** The running dot vote, when it takes place on this canvas. */
  dots?: DotVoting | null
  /** Save state of the private document, in words (shown during private writing). */
  privateStatus?: string
  /**
   * The item everyone is asked to look at (the facilitator's spotlight), when it is on this
   * canvas: marked in words and by a strong outline, and brought into view (focus stays put).
   */
  spotlightId?: string | null
  /** Given (facilitator): a "Spotlight" tool puts the chosen item in the spotlight, or clears it. */
  onSpotlight?: (itemId: string | null) => void
  /**
   * Keep the board fitted to its content when it is resized (a projector going full screen)
   * or when content first arrives, until the camera is moved some other way.
   */
  fitOnMount?: boolean
  /** Phones: the secondary tools are shown (the "Tools" disclosure); see `onToolsOpen`. */
  toolsOpen?: boolean
  onToolsOpen?: (open: boolean) => void
}

/** Origin of the private canvas's creation: not tracked by undo (it is not the user's change). */
const PRIVATE_SETUP_ORIGIN = 'fabrique:private-setup'

/** Colours offered besides the author's group colour; each has a name, never colour alone. */
const PALETTE = [
  { value: '#FFF4B3', key: 'yellow' },
  { value: '#CDE8FF', key: 'blue' },
  { value: '#D5F5DC', key: 'green' },
  { value: '#FFD9D2', key: 'red' },
  { value: '#E8DDFB', key: 'purple' },
  { value: '#E6E6E6', key: 'grey' },
] as const

/** The secondary tools that add an item (the note has its own, always shown). */
const ADD_TOOLS: ReadonlyArray<{
  key: 'text' | 'rect' | 'ellipse' | 'frame'
  icon: string
  kind: BoxKind
  shape?: Shape
}> = [
  { key: 'text', icon: 'T', kind: 'text' },
  { key: 'rect', icon: '▭', kind: 'shape', shape: 'rect' },
  { key: 'ellipse', icon: '◯', kind: 'shape', shape: 'ellipse' },
  { key: 'frame', icon: '⬚', kind: 'frame' },
]

/** The place of a connector's label, centred on the middle of its line (for Tab and editing). */
const LABEL_AREA = { w: 200, h: 60 }

const KEY_STEP = GRID
const KEY_BIG_STEP = GRID * 5
const PAN_STEP = 60
const LOW_DETAIL_BELOW = 0.45
/** Frame titles painted far out: their size on screen, and their inset in the frame. */
const FRAME_TITLE_PX = { maxPx: 14, minPx: 9 }
const FRAME_TITLE_PAD_PX = 4
/** More boxes than this near the view: painted, not laid out, while zooming. */
const DOM_BUDGET = 120
const ZOOM_SETTLE_MS = 180
const CURSOR_HZ = 10

type Gesture =
  | { kind: 'pan'; last: Point }
  | { kind: 'marquee'; start: Point; additive: boolean }
  | { kind: 'drag'; start: Point; ids: string[]; carried: Set<string>; moved: boolean }
  | { kind: 'resize'; id: string; start: Point; rect: Rect }
  | { kind: 'tap-add'; start: Point }
  | { kind: 'pinch'; distance: number; mid: Point; camera: Camera }

const tints = new Map<string, string>()
/** A note's fill: its colour mixed with white (as `color-mix(… 28%, #fff)` in the CSS). */
const tint = (hex: string): string => {
  let out = tints.get(hex)
  if (out) return out
  const value = Number.parseInt(hex.slice(1), 16)
  const mix = (channel: number) => Math.round(channel * 0.28 + 255 * 0.72)
  out = `rgb(${mix((value >> 16) & 255)}, ${mix((value >> 8) & 255)}, ${mix(value & 255)})`
  tints.set(hex, out)
  return out
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i])

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.isContentEditable)

/**
 * A frame's title inside its top edge, as the laid-out frame shows it: 14 px on screen,
 * smaller (down to 9 px) to fit the frame's width, then cut with an ellipsis, so that the
 * titles of frames side by side never run into each other; on a light backdrop, so that it
 * reads over the notes under it.
 */
const paintFrameTitle = (
  context: CanvasRenderingContext2D,
  box: Rect & { text: string },
  scale: number,
) => {
  const pad = FRAME_TITLE_PAD_PX / scale
  const font = (size: number) => `bold ${size}px system-ui, sans-serif`
  context.font = font(100)
  const label = fitLabel(
    box.text,
    (box.w - 2 * pad) * scale,
    (text) => context.measureText(text).width / 100,
    FRAME_TITLE_PX,
  )
  if (!label.text || (label.px + 2 * FRAME_TITLE_PAD_PX) / scale > box.h) return
  context.font = font(label.px / scale)
  context.textBaseline = 'top'
  context.fillStyle = 'rgba(255,255,255,0.85)'
  context.fillRect(
    box.x + pad / 2,
    box.y + pad / 2,
    context.measureText(label.text).width + pad,
    label.px / scale + pad,
  )
  context.fillStyle = '#1c1f23'
  context.fillText(label.text, box.x + pad, box.y + pad)
}

/** One shared canvas: pan/zoom board, items, connectors, cursors, toolbar, minimap. */
export const Board: Component<BoardProps> = (props) => {
  const { t, plural } = useI18n()
  const doc = props.doc
  const canvasId = props.canvasId
  const privateDoc = props.privateDoc ?? null
  const content = createLayeredContent(doc, canvasId, privateDoc)
  const presence = props.awareness ? createCanvasPresence(props.awareness, canvasId) : () => []

  // ── Per-user undo: only this connection's own transactions on this canvas ─────────────
  // One manager per document (the shared canvas, the private counterpart), one history.
  const sharedUndo = new Y.UndoManager([], {
    doc,
    trackedOrigins: new Set([props.origin]),
    captureTimeout: 400,
  })
  const managers: Y.UndoManager[] = [sharedUndo]
  // The canvas on screen is in the scope, the new one too if the map under its id is replaced.
  createComputed(() => {
    const map = content.canvas()
    if (map && !sharedUndo.scope.includes(map)) sharedUndo.addToScope(map)
  })
  const privateUndo = privateDoc
    ? new Y.UndoManager([], {
        doc: privateDoc,
        trackedOrigins: new Set([props.origin]),
        captureTimeout: 400,
      })
    : null
  if (privateUndo) managers.push(privateUndo)
  /** The private canvas joins the undo scope once it exists (it is made on the first note). */
  const trackPrivateCanvas = () => {
    const privateMap = privateDoc ? canvasMap(privateDoc, canvasId) : null
    if (privateUndo && privateMap && !privateUndo.scope.includes(privateMap)) {
      privateUndo.addToScope(privateMap)
    }
  }
  trackPrivateCanvas()
  const history = createHistory(managers)
  const canUndo = history.canUndo
  const canRedo = history.canRedo
  onCleanup(() => history.destroy())

  // ── Layers, and what this person may do (shared/schema/rights.ts, as the server checks) ──
  const layerOf = (id: string): Layer => content.layerOf(id)
  const isPrivate = (id: string) => layerOf(id) === 'private'
  const docOf = (id: string): Y.Doc => (isPrivate(id) && privateDoc ? privateDoc : doc)
  const sharedWrite = () => props.sharedRules?.write ?? true
  const sharedMove = () => props.sharedRules?.move ?? true
  const privateWrite = () => privateDoc !== null && props.privateWrite === true
  /** The running phase lets this person write on the item's layer (add, change, delete). */
  const layerWrites = (id: string) =>
    !props.readOnly && (isPrivate(id) ? privateWrite() : sharedWrite())
  /** Anyone may move any item (x, y, z, frame, cluster) when the phase allows moving. */
  const canMoveItem = (id: string) =>
    !props.readOnly && (isPrivate(id) ? privateWrite() : sharedMove())
  /** This person made the item (the facilitator: any item), so its content is theirs. */
  const owns = (id: string) => {
    const item = content.state.byId[id]
    return item !== undefined && ownsItem(props.writer, item.createdBy)
  }
  /** May this person change this item's text, colour, size or label? */
  const canWriteItem = (id: string) => layerWrites(id) && owns(id)
  /**
   * May this person delete this item: their own, or a connector (it goes with either end). A
   * frame deleted lets go of what is in it, which moves those items.
   */
  const canDeleteItem = (id: string) => {
    const item = content.state.byId[id]
    if (!item || !layerWrites(id) || !mayDeleteItem(props.writer, item)) return false
    return (
      item.kind !== 'frame' ||
      canMoveItem(id) ||
      !content.state.boxes.some((other) => content.box(other)?.frame === id)
    )
  }
  /** Resizing writes the position as well as the size. */
  const canResizeItem = (id: string) => canWriteItem(id) && canMoveItem(id)
  /** A copy of an item, or a connector from it, is a new item of this person's. */
  const canAddFrom = layerWrites
  /** Who a new item is credited to, as the server checks it: its writer, in their group. */
  const author = () =>
    props.writer.participantId === null
      ? { createdBy: '', group: null }
      : { createdBy: props.writer.participantId, group: props.identity.group }
  /** Items among `ids` this person may read and move but not change (someone else's). */
  const notMine = (ids: readonly string[]) => ids.filter((id) => layerWrites(id) && !owns(id))
  /** Why this person may not change the item (or an empty string if they may). */
  const whyNotWritable = (id: string): string => {
    if (canWriteItem(id)) return ''
    if (layerWrites(id)) return notYoursMessage([id])
    return t(isPrivate(id) ? 'voting.phase.noWrite' : sharedLockedMessage())
  }
  /** Says what may be done with someone else's items (read, move; delete a link). */
  const notYoursMessage = (ids: readonly string[]): string => {
    if (ids.length > 0 && ids.every((id) => content.connector(id))) {
      return t('rights.connector.notYours')
    }
    return t(ids.some(canMoveItem) ? 'rights.item.notYours.move' : 'rights.item.notYours')
  }
  /** Where a new item of this kind goes, or null if it cannot be added now. */
  const targetLayer = (kind: BoxKind): Layer | null => {
    if (props.readOnly) return null
    if (props.privateWriting && privateDoc && (kind === 'note' || kind === 'text')) {
      return privateWrite() ? 'private' : null
    }
    return sharedWrite() ? 'shared' : null
  }
  /** Runs `write` once per document, with the ids of `ids` that live there and pass `allowed`. */
  const perLayer = (
    ids: readonly string[],
    allowed: (id: string) => boolean,
    write: (target: Y.Doc, ids: string[]) => void,
  ) => {
    const ok = ids.filter(allowed)
    const shared = ok.filter((id) => !isPrivate(id))
    const mine = ok.filter(isPrivate)
    if (shared.length > 0) write(doc, shared)
    if (mine.length > 0 && privateDoc) write(privateDoc, mine)
  }

  // ── View state ──────────────────────────────────────────────────────────────────────────
  const [camera, setCamera] = createSignal<Camera>({ x: 40, y: 40, scale: 1 })
  const [size, setSize] = createSignal({ w: 800, h: 520 })
  const [selection, setSelection] = createSignal<ReadonlySet<string>>(new Set())
  const [activeId, setActiveId] = createSignal<string | null>(null)
  const [editingId, setEditingId] = createSignal<string | null>(null)
  const [connectFrom, setConnectFrom] = createSignal<string | null>(null)
  const [addMode, setAddMode] = createSignal(false)
  const [drag, setDrag] = createSignal<{ ids: Set<string>; dx: number; dy: number } | null>(null)
  const [resizing, setResizing] = createSignal<{ id: string; rect: Rect } | null>(null)
  const [marquee, setMarquee] = createSignal<Rect | null>(null)
  const [announcement, setAnnouncement] = createSignal('')
  /** The group dialog: naming a new group of these items, or renaming a group. */
  const [clusterDialog, setClusterDialog] = createSignal<
    { kind: 'create'; ids: string[] } | { kind: 'rename'; cluster: Cluster } | null
  >(null)
  const [panning, setPanning] = createSignal(false)
  /** The spotlighted item, when it is on this canvas and exists. */
  const spotlit = () => {
    const id = props.spotlightId ?? null
    return id && content.state.byId[id] ? id : null
  }
  /**
   * `fitOnMount`: the board stays fitted to its content (on resize, when content arrives)
   * until the camera is moved some other way (a gesture, a key, a tool, the flow).
   */
  let autoFit = props.fitOnMount === true

  let board!: HTMLDivElement
  let boardBox = { left: 0, top: 0 }
  const measure = () => {
    const rect = board.getBoundingClientRect()
    boardBox = { left: rect.left, top: rect.top }
    if (rect.width > 0 && rect.height > 0) setSize({ w: rect.width, h: rect.height })
  }

  const announce = (message: string) => {
    // Same text twice in a row is still announced.
    setAnnouncement('')
    queueMicrotask(() => setAnnouncement(message))
  }

  const baseRect = (item: BoxItem): Rect => ({ x: item.x, y: item.y, w: item.w, h: item.h })
  /** Where a connector's label sits: centred on the middle of its line. */
  const labelArea = (ends: { from: Point; to: Point }): Rect => ({
    x: (ends.from.x + ends.to.x) / 2 - LABEL_AREA.w / 2,
    y: (ends.from.y + ends.to.y) / 2 - LABEL_AREA.h / 2,
    ...LABEL_AREA,
  })

  /** Plain copies of the boxes (no store proxies) for painting: rebuilt when content changes. */
  const snapshot = createMemo(() =>
    content.state.boxes.flatMap((id) => {
      const item = content.box(id)
      return item
        ? [
            {
              id,
              ...baseRect(item),
              colour: itemColour(item),
              kind: item.kind,
              text: item.text,
              frame: item.frame,
            },
          ]
        : []
    }),
  )
  const minimapBoxes = snapshot
  const connectorSnapshot = createMemo(() =>
    content.state.connectors.flatMap((id) => {
      const connector = content.connector(id)
      const from = connector && content.box(connector.from)
      const to = connector && content.box(connector.to)
      if (!from || !to) return []
      const a = baseRect(from)
      const b = baseRect(to)
      const ends = connectorEnds(a, b)
      return [{ id, ends, span: boundsOf([a, b]) as Rect, label: labelArea(ends) }]
    }),
  )
  const segments = createMemo(() => connectorSnapshot().map((connector) => connector.ends))

  const region = createMemo(() => renderRegion(visibleWorld(camera(), size())), undefined, {
    equals: sameRect,
  })
  // While a zoom gesture is under way, a crowded view is painted on the canvas layer (cheap to
  // rescale every frame) and becomes elements again once the zoom stops.
  const [zooming, setZooming] = createSignal(false)
  let zoomTimer: ReturnType<typeof setTimeout> | undefined
  const markZooming = () => {
    setZooming(true)
    clearTimeout(zoomTimer)
    zoomTimer = setTimeout(() => setZooming(false), ZOOM_SETTLE_MS)
  }
  onCleanup(() => clearTimeout(zoomTimer))
  const crowded = createMemo(() => {
    const area = region()
    let count = 0
    for (const box of snapshot()) if (intersects(area, box) && ++count > DOM_BUDGET) return true
    return false
  })
  const lowDetail = createMemo(() => camera().scale < LOW_DETAIL_BELOW || (zooming() && crowded()))

  /** The rectangle an item is drawn at: where it is, or where it is being dragged or resized. */
  const rectOf = (id: string): Rect | null => {
    const item = content.box(id)
    if (!item) return null
    const resize = resizing()
    if (resize?.id === id) return resize.rect
    const moving = drag()
    if (moving?.ids.has(id)) {
      return { x: item.x + moving.dx, y: item.y + moving.dy, w: item.w, h: item.h }
    }
    return baseRect(item)
  }

  /** The two ends of a connector as drawn (following its boxes while they are dragged). */
  const endsOf = (id: string) => {
    const connector = content.connector(id)
    const a = connector && rectOf(connector.from)
    const b = connector && rectOf(connector.to)
    return a && b ? connectorEnds(a, b) : null
  }
  /** The area of a box, or of a connector's label: what is revealed, focused and edited. */
  const areaOf = (id: string): Rect | null => {
    const ends = content.connector(id) ? endsOf(id) : null
    return ends ? labelArea(ends) : rectOf(id)
  }

  /** Items that are always in the DOM: what has focus, is selected, edited, dragged or spotlit. */
  const kept = createMemo(() => {
    const out = new Set<string>(selection())
    for (const id of [activeId(), editingId(), connectFrom(), spotlit()]) if (id) out.add(id)
    for (const id of drag()?.ids ?? []) out.add(id)
    return out
  })

  /**
   * Boxes to render as elements: those near the viewport, plus the kept ones. Far out (low
   * detail), the others are painted on one <canvas> instead, which costs nothing per item.
   */
  // Filtering runs over plain snapshots (rebuilt only when the content changes), never over
  // the store's proxies: crossing a tile edge while panning costs a fraction of a millisecond.
  const wanted = createMemo(
    () => {
      const keep = kept()
      const low = lowDetail()
      const area = region()
      const out: string[] = []
      for (const box of snapshot()) {
        if (keep.has(box.id) || (!low && intersects(area, box))) out.push(box.id)
      }
      return out
    },
    undefined,
    { equals: sameIds },
  )

  // A view's worth of new elements is created over a few frames, nearest the centre first
  // (mountQueue.ts); boxes still waiting are painted on the canvas layer meanwhile.
  const mounted = createMountQueue({
    wanted,
    kept,
    view: () => visibleWorld(untrack(camera), untrack(size)),
    rectOf: (id) => content.box(id),
    hold: zooming,
  })
  const renderedBoxes = createMemo(
    () => {
      const ready = mounted()
      return wanted().filter((id) => ready.has(id))
    },
    undefined,
    { equals: sameIds },
  )

  const renderedConnectors = createMemo(
    () => {
      const keep = kept()
      const low = lowDetail()
      const area = region()
      return connectorSnapshot()
        .filter((connector) => keep.has(connector.id) || (!low && intersects(area, connector.span)))
        .map((connector) => connector.id)
    },
    undefined,
    { equals: sameIds },
  )

  /** Every box in reading order (for Tab and for choosing a connector's target). */
  const orderedBoxes = () =>
    readingOrder(
      content.state.boxes.flatMap((id) => {
        const item = content.box(id)
        return item ? [item] : []
      }),
    ).map((item) => item.id)
  /** Every connector, by where its label sits in reading order: Tab reaches them after boxes. */
  const orderedConnectors = () =>
    readingOrder(connectorSnapshot().map(({ id, label }) => ({ id, ...label }))).map(
      (connector) => connector.id,
    )

  const authors = createMemo(() => new Map(props.participants().map((p) => [p.id, p])))
  const editorsByItem = createMemo(() => {
    const out = new Map<string, string[]>()
    for (const person of presence()) {
      if (!person.editing) continue
      out.set(person.editing.itemId, [...(out.get(person.editing.itemId) ?? []), person.user.name])
    }
    return out
  })

  const kindLabel = (item: BoxItem): string =>
    item.kind === 'shape'
      ? t(item.shape === 'ellipse' ? 'canvas.kind.ellipse' : 'canvas.kind.rect')
      : t(`canvas.kind.${item.kind}`)

  const authorOf = (item: BoxItem): string | null => {
    const name = authors().get(item.createdBy)?.name
    if (item.createdBy === props.identity.participantId) return name ?? props.identity.name
    return name ?? null
  }

  const clusterName = (item: BoxItem): string | null =>
    item.cluster ? (content.state.clusters.find((c) => c.id === item.cluster)?.name ?? null) : null

  /** "Note by Amina (Patient partner): text — cluster: Ideas". */
  const itemLabel = (item: BoxItem): string => {
    const author = authorOf(item)
    const group = item.group ? t(`group.${item.group}`) : null
    const kind = kindLabel(item)
    let head = kind
    if (author && group) head = t('canvas.item.byWithGroup', { kind, author, group })
    else if (author) head = t('canvas.item.by', { kind, author })
    else if (group) head = t('canvas.item.withGroup', { kind, group })
    const text = item.text.trim() || t('canvas.item.empty')
    const cluster = clusterName(item)
    const editors = editorsByItem().get(item.id)
    const label = t('canvas.item.label', { head, text })
    const voting = votable(item) ? props.dots : null
    const total = voting?.total(item.id) ?? null
    return [
      isPrivate(item.id) ? t('private.itemLabel', { label }) : label,
      spotlit() === item.id ? t('canvas.item.spotlight') : null,
      cluster ? t('canvas.item.inCluster', { name: cluster }) : null,
      editors ? t('canvas.item.editing', { names: editors.join(', ') }) : null,
      voting ? t('voting.dots.mine', { count: voting.mine(item.id) }) : null,
      voting && total !== null
        ? t('voting.dots.totalLabel', { count: total, plural: total > 1 ? 's' : '' })
        : null,
      notMine([item.id]).length > 0 ? t('rights.item.readOnly') : null,
    ]
      .filter(Boolean)
      .join('. ')
  }

  /** "Link from Note « A » to Note « B »: label" (the connector's label, or that it has none). */
  const connectorLabel = (id: string): string => {
    const connector = content.connector(id)
    if (!connector) return ''
    const name = t('canvas.connector.name', {
      from: shortLabel(connector.from),
      to: shortLabel(connector.to),
    })
    const text = connector.text.trim()
    const label = text
      ? t('canvas.connector.withLabel', { name, label: text })
      : t('canvas.connector.noLabel', { name })
    return isPrivate(id) ? t('private.itemLabel', { label }) : label
  }

  /** The editor's name: "Text of Note « A »", "Label of the link from … to …". */
  const editorLabel = (id: string): string => {
    const connector = content.connector(id)
    return connector
      ? t('canvas.connector.editor', {
          from: shortLabel(connector.from),
          to: shortLabel(connector.to),
        })
      : t('canvas.editor.label', { item: shortLabel(id) })
  }

  /** Items that take dots: the shared canvas's notes and text (as the server counts them). */
  const votable = (item: BoxItem) => takesDots(item) && !isPrivate(item.id)

  const shortLabel = (id: string): string => {
    const item = content.box(id)
    if (!item) return ''
    const text = item.text.trim()
    return text ? `${kindLabel(item)} « ${text.slice(0, 40)} »` : kindLabel(item)
  }

  // ── Selection and focus ────────────────────────────────────────────────────────────────
  /** The item (box or connector label) that holds the keyboard focus, if any. */
  const [focusedItem, setFocusedItem] = createSignal<string | null>(null)
  const itemOf = (node: EventTarget | null): string | null =>
    node instanceof HTMLElement
      ? (node.closest<HTMLElement>('[data-item-id]')?.dataset.itemId ?? null)
      : null
  /**
   * What an action applies to: the focused item when it is not selected; otherwise the
   * selection; with nothing selected, the last item focused (say, before a toolbar click).
   * Reactive, so the toolbar's enabled state follows focus as well as selection.
   */
  const targets = (): string[] => {
    const focused = focusedItem()
    if (focused && content.state.byId[focused] && !selection().has(focused)) return [focused]
    const selected = [...selection()].filter((id) => content.state.byId[id])
    if (selected.length > 0) return selected
    const active = activeId()
    return active && content.state.byId[active] ? [active] : []
  }
  const boxTargets = () => targets().filter((id) => content.box(id))

  // Drop from the selection what others deleted.
  createEffect(() => {
    const current = untrack(selection)
    const alive = [...current].filter((id) => content.state.byId[id])
    if (alive.length !== current.size) setSelection(new Set(alive))
    const active = untrack(activeId)
    if (active && !content.state.byId[active]) setActiveId(null)
    const editing = untrack(editingId)
    if (editing && !content.state.byId[editing]) setEditingId(null)
  })

  const itemElement = (id: string): HTMLElement | null => {
    for (const el of board?.querySelectorAll<HTMLElement>('[data-item-id]') ?? []) {
      if (el.dataset.itemId === id) return el
    }
    return null
  }

  const reveal = (id: string) => {
    const rect = areaOf(id)
    if (rect) setCamera((camera) => revealRect(camera, size(), rect))
  }

  const focusItem = (id: string, options: { select?: boolean; edit?: boolean } = {}) => {
    if (!content.state.byId[id]) return
    if (options.select) setSelection(new Set([id]))
    setActiveId(id)
    reveal(id)
    // The editor takes the focus itself (and gives it back to the item when it closes).
    if (options.edit) {
      setEditingId(id)
      return
    }
    const focus = () => itemElement(id)?.focus({ preventScroll: true })
    focus()
    queueMicrotask(focus)
  }
  // A view asked for before the board is measured is applied once it is (see onMount).
  let measured = false
  let pendingView: { x: number; y: number; zoom: number } | null = null
  const applyView = (view: { x: number; y: number; zoom: number }) => {
    const scale = clampScale(view.zoom)
    setCamera({ scale, x: size().w / 2 - view.x * scale, y: size().h / 2 - view.y * scale })
  }
  props.ref?.({
    focusItem: (id) => {
      autoFit = false
      focusItem(id, { select: true })
    },
    view: () => {
      const at = centre()
      return { x: at.x, y: at.y, zoom: camera().scale }
    },
    setView: (view) => {
      autoFit = false
      if (!measured) pendingView = view
      else applyView(view)
    },
  })

  // ── Writing ─────────────────────────────────────────────────────────────────────────────
  const attempt = <T,>(write: () => T): T | undefined => {
    if (props.readOnly) return undefined
    try {
      return write()
    } catch (error) {
      console.warn('canvas change refused', error)
      announce(t('canvas.announce.failed'))
      return undefined
    }
  }

  const centre = (): Point => toWorld(camera(), { x: size().w / 2, y: size().h / 2 })

  /**
   * The part of the canvas on screen, in canvas coordinates: the board clipped to the window,
   * since the page may leave part of the board out of it (and a new note there would make the
   * browser scroll the page to its caret).
   */
  const viewRect = (): Rect => {
    const box = board.getBoundingClientRect()
    const from = { x: Math.max(0, -box.left), y: Math.max(0, -box.top) }
    const to = {
      x: Math.min(size().w, window.innerWidth - box.left),
      y: Math.min(size().h, window.innerHeight - box.top),
    }
    if (to.x <= from.x || to.y <= from.y) return visibleWorld(camera(), size())
    const start = toWorld(camera(), from)
    const end = toWorld(camera(), to)
    return { x: start.x, y: start.y, w: end.x - start.x, h: end.y - start.y }
  }

  /** The frame a new item of this kind goes in: the focused frame, for the shared canvas. */
  const targetFrame = (kind: BoxKind, layer: Layer): string | null => {
    const id = activeId()
    if (!id || kind === 'frame' || layer !== 'shared') return null
    return content.box(id)?.kind === 'frame' ? id : null
  }

  /**
   * Where a new item goes (see editor/placement.ts): never on another, never from who asks.
   * A spot chosen on the board (`at`) wins over the focused frame; a full frame grows to take
   * the item only if its size is this person's, else the item goes near the view centre.
   */
  const placeFor = (kind: BoxKind, layer: Layer, at?: Point) => {
    const request = { items: snapshot(), view: viewRect(), kind, ...(at ? { at } : {}) }
    const frameId = at ? null : targetFrame(kind, layer)
    if (frameId) {
      const place = placeNewItem({ ...request, frameId })
      if (!place.growFrame || canResizeItem(frameId)) return place
    }
    return placeNewItem(request)
  }

  const add = (kind: BoxKind, shape?: Shape, at?: Point) => {
    const layer = targetLayer(kind)
    if (!layer) {
      announce(t(props.privateWriting ? 'private.onlyNotes' : 'voting.phase.noWrite'))
      return
    }
    const spot = placeFor(kind, layer, at)
    const target = layer === 'private' && privateDoc ? privateDoc : doc
    const id = attempt(() => {
      if (target !== doc) {
        ensurePrivateCanvas(target, canvasId, props.canvasTitle, PRIVATE_SETUP_ORIGIN)
        trackPrivateCanvas()
      }
      const frame = spot.frameId ? content.box(spot.frameId) : undefined
      let added = ''
      // One transaction, so one undo step: the frame grows first, so the item lands inside.
      target.transact(() => {
        if (frame && spot.growFrame) {
          resizeItem(
            target,
            canvasId,
            frame.id,
            { x: frame.x, y: frame.y, ...spot.growFrame },
            props.origin,
          )
        }
        added = addBox(
          target,
          canvasId,
          {
            kind,
            x: spot.x,
            y: spot.y,
            ...(shape ? { shape } : {}),
            text: kind === 'frame' ? t('canvas.frame.defaultName') : '',
            ...author(),
          },
          props.origin,
        )
      }, props.origin)
      return added
    })
    if (!id) return
    announce(t('canvas.announce.added', { kind: shortLabel(id) }))
    focusItem(id, { select: true, edit: kind === 'note' || kind === 'text' })
  }

  const remove = (all: string[]) => {
    const ids = all.filter(canDeleteItem)
    if (ids.length === 0) {
      const others = notMine(all)
      announce(others.length > 0 ? notYoursMessage(others) : t(sharedLockedMessage()))
      return
    }
    attempt(() =>
      perLayer(ids, canDeleteItem, (target, some) =>
        deleteItems(target, canvasId, some, props.origin),
      ),
    )
    setSelection(new Set<string>())
    setActiveId(null)
    board.focus({ preventScroll: true })
    const kept = notMine(all.filter((id) => !ids.includes(id)))
    announce(
      [
        t('canvas.announce.deleted', { count: ids.length }),
        kept.length > 0 ? notYoursMessage(kept) : null,
      ]
        .filter(Boolean)
        .join(' '),
    )
  }

  const moveBy = (all: string[], dx: number, dy: number) => {
    const ids = all.filter(canMoveItem)
    if (ids.length === 0) {
      if (all.length > 0) announce(t('voting.phase.noMove'))
      return
    }
    attempt(() =>
      perLayer(ids, canMoveItem, (target, some) =>
        moveItems(target, canvasId, some, { dx, dy }, props.origin),
      ),
    )
    const first = ids[0]
    if (first) reveal(first)
  }

  const resizeBy = (id: string, dw: number, dh: number) => {
    const item = content.box(id)
    if (!item || !canResizeItem(id)) return
    attempt(() =>
      resizeItem(
        docOf(id),
        canvasId,
        id,
        {
          x: item.x,
          y: item.y,
          w: Math.max(MIN_SIZE, item.w + dw),
          h: Math.max(MIN_SIZE, item.h + dh),
        },
        props.origin,
      ),
    )
  }

  const duplicate = () => {
    const ids = boxTargets()
    const copies = attempt(() => {
      const out: string[] = []
      const { createdBy, group } = author()
      perLayer(ids, canAddFrom, (target, some) => {
        out.push(...duplicateItems(target, canvasId, some, props.origin, createdBy, group))
      })
      return out
    })
    if (!copies || copies.length === 0) return
    setSelection(new Set(copies))
    const first = copies[0]
    if (first) focusItem(first)
    announce(t('canvas.announce.duplicated', { count: copies.length }))
  }

  const startConnect = (from: string | undefined) => {
    if (!from || !content.box(from) || !canAddFrom(from)) return
    setConnectFrom(from)
    announce(t('canvas.connect.instructions', { from: shortLabel(from) }))
  }
  const finishConnect = (to: string) => {
    const from = connectFrom()
    setConnectFrom(null)
    if (!from || from === to || !content.box(to) || layerOf(from) !== layerOf(to)) {
      announce(t('canvas.connect.cancelled'))
      return
    }
    const id = attempt(() =>
      connect(docOf(from), canvasId, { from, to, createdBy: author().createdBy }, props.origin),
    )
    if (id) announce(t('canvas.announce.connected', { from: shortLabel(from), to: shortLabel(to) }))
    focusItem(to)
  }

  /**
   * Clusters are shared: the shared canvas's items join and leave them (anyone's, as their
   * `cluster` is where they are, like moving them); naming a new group is writing.
   */
  const canCluster = (id: string) => !isPrivate(id) && canMoveItem(id)
  const canCreateCluster = () => !props.readOnly && sharedWrite() && boxTargets().some(canCluster)
  /** May this person rename the shared canvas's clusters? */
  const canRenameClusters = () => !props.readOnly && sharedWrite()
  /** The one cluster the chosen boxes are in, when it may be renamed. */
  const renameTarget = (): Cluster | null => {
    const ids = new Set(
      boxTargets()
        .filter(canCluster)
        .flatMap((id) => content.box(id)?.cluster ?? []),
    )
    const [only] = ids
    return ids.size === 1 ? (content.state.clusters.find((c) => c.id === only) ?? null) : null
  }
  /** Opens the rename dialog of a cluster (from the tool or a double click on its name). */
  const startRename = (cluster: Cluster | null | undefined) => {
    if (!cluster) return
    if (canRenameClusters()) setClusterDialog({ kind: 'rename', cluster })
    else announce(t(sharedLockedMessage()))
  }

  const sharedLockedMessage = () =>
    props.privateWriting ? ('private.sharedLocked' as const) : ('voting.phase.noWrite' as const)

  // ── Dot voting ──────────────────────────────────────────────────────────────────────────
  const [dotMessage, setDotMessage] = createSignal('')
  const remainingText = (voting: DotVoting) => {
    const remaining = voting.remaining()
    return t('voting.dots.remaining', {
      remaining,
      budget: voting.budget(),
      plural: remaining > 1 ? 's' : '',
    })
  }
  const explainDots = (voting: DotVoting, outcome: DotOutcome): string => {
    switch (outcome) {
      case 'cap':
        return t('voting.dots.cap', {
          cap: voting.perItemCap(),
          plural: voting.perItemCap() > 1 ? 's' : '',
        })
      case 'budget':
        return t('voting.dots.budget', { budget: voting.budget() })
      case 'none':
        return t('voting.dots.none')
      case 'closed':
        return t('voting.closed')
      case 'unavailable':
        return t('voting.dots.waiting')
      default:
        return ''
    }
  }
  const dotItemName = (id: string) =>
    content.box(id)?.text.trim().slice(0, 60) || t('voting.dots.item')
  const changeDots = (id: string, delta: 1 | -1) => {
    const voting = props.dots
    if (!voting) return
    const outcome = delta > 0 ? voting.add(id) : voting.remove(id)
    if (outcome === 'ok') {
      setDotMessage('')
      announce(
        t(delta > 0 ? 'voting.dots.added' : 'voting.dots.removed', {
          item: dotItemName(id),
          count: voting.mine(id),
          remaining: remainingText(voting),
        }),
      )
      return
    }
    const why = explainDots(voting, outcome)
    setDotMessage(why)
    announce(why)
  }

  const undo = () => {
    history.undo()
    announce(t('canvas.announce.undone'))
  }
  const redo = () => {
    history.redo()
    announce(t('canvas.announce.redone'))
  }

  // ── Awareness: cursor (throttled to 10 Hz) and the note being edited ──────────────────
  const publishCursor = throttle((point: Point | null) => {
    props.awareness?.setLocalStateField(
      CURSOR_FIELD,
      point ? { canvasId, x: Math.round(point.x), y: Math.round(point.y) } : null,
    )
  }, 1000 / CURSOR_HZ)
  createEffect(() => {
    const id = editingId()
    props.awareness?.setLocalStateField(EDITING_FIELD, id ? { canvasId, itemId: id } : null)
  })
  onCleanup(() => {
    publishCursor.cancel()
    props.awareness?.setLocalStateField(CURSOR_FIELD, null)
    props.awareness?.setLocalStateField(EDITING_FIELD, null)
  })

  // ── Camera ──────────────────────────────────────────────────────────────────────────────
  const zoomBy = (factor: number, at?: Point) => {
    autoFit = false
    markZooming()
    setCamera((camera) => zoomAround(camera, at ?? { x: size().w / 2, y: size().h / 2 }, factor))
  }
  const zoomToFit = () => {
    const rects = content.state.boxes.flatMap((id) => {
      const item = content.box(id)
      return item ? [baseRect(item)] : []
    })
    setCamera(fitCamera(boundsOf(rects), size()))
  }
  const resetZoom = () => zoomBy(1 / camera().scale)

  /** Fits the content while `autoFit` holds (a resize, the first content). */
  const keepFitted = () => {
    if (autoFit) zoomToFit()
  }
  onMount(() => {
    measure()
    measured = true
    if (pendingView) {
      applyView(pendingView)
      pendingView = null
    } else zoomToFit()
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            measure()
            keepFitted()
          })
    observer?.observe(board)
    const onScroll = () => measure()
    window.addEventListener('scroll', onScroll, { passive: true, capture: true })
    window.addEventListener('resize', onScroll, { passive: true })
    // Not a Solid handler: it must be able to preventDefault (passive: false).
    board.addEventListener('wheel', onWheel, { passive: false })
    onCleanup(() => {
      observer?.disconnect()
      window.removeEventListener('scroll', onScroll, { capture: true })
      window.removeEventListener('resize', onScroll)
      board.removeEventListener('wheel', onWheel)
    })
  })
  // `fitOnMount`: content that arrives (or grows) while nobody moved the camera is fitted.
  createEffect(() => {
    if (props.fitOnMount && content.state.boxes.length > 0) untrack(keepFitted)
  })

  // The spotlight: brought into view once per item (readable: far out, zoom in on it). The
  // keyboard focus and the selection stay where they are.
  let shownSpotlight: string | null = null
  createEffect(() => {
    const id = spotlit()
    if (id === shownSpotlight) return
    shownSpotlight = id
    if (!id) return
    untrack(() => {
      const rect = rectOf(id)
      if (!rect) return
      autoFit = false
      const current = camera()
      setCamera(
        current.scale >= 0.5 ? revealRect(current, size(), rect) : fitCamera(rect, size(), 60, 1),
      )
    })
  })

  const local = (event: { clientX: number; clientY: number }): Point => ({
    x: event.clientX - boardBox.left,
    y: event.clientY - boardBox.top,
  })

  const onWheel = (event: WheelEvent) => {
    event.preventDefault()
    autoFit = false
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? size().h : 1
    const dx = event.deltaX * unit
    const dy = event.deltaY * unit
    if (event.ctrlKey || event.metaKey) {
      zoomBy(Math.exp(-Math.max(-60, Math.min(60, dy)) * 0.01), local(event))
    } else {
      const sx = event.shiftKey && dx === 0 ? dy : dx
      const sy = event.shiftKey && dx === 0 ? 0 : dy
      setCamera((camera) => ({ ...camera, x: camera.x - sx, y: camera.y - sy }))
    }
  }

  // ── Pointer: select, drag, resize, marquee, pan, pinch, tap to add ─────────────────────
  const pointers = new Map<number, Point>()
  let gesture: Gesture | null = null
  let spaceHeld = false
  let lastTap: { id: string | null; at: number; point: Point } | null = null

  const pinchState = (): { distance: number; mid: Point } | null => {
    const [a, b] = [...pointers.values()]
    if (!a || !b) return null
    return {
      distance: Math.hypot(a.x - b.x, a.y - b.y) || 1,
      mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    }
  }

  /** The selected boxes plus, for frames among them, the items sitting in those frames. */
  const carried = (ids: string[]): Set<string> => {
    const out = new Set(ids)
    const frames = new Set(ids.filter((id) => content.box(id)?.kind === 'frame'))
    if (frames.size === 0) return out
    for (const id of content.state.boxes) {
      const frame = content.box(id)?.frame
      if (frame && frames.has(frame)) out.add(id)
    }
    return out
  }

  const onPointerDown = (event: PointerEvent) => {
    const target = event.target as HTMLElement
    if (target.closest('.canvas-editor, .canvas-board__overlay-ui')) return
    // No emulated mouse events after a touch (they would move the focus out of a new editor).
    event.preventDefault()
    autoFit = false
    measure()
    const point = local(event)
    pointers.set(event.pointerId, point)
    board.setPointerCapture?.(event.pointerId)
    if (pointers.size === 2) {
      const pinch = pinchState()
      setDrag(null)
      setMarquee(null)
      if (pinch) gesture = { kind: 'pinch', ...pinch, camera: camera() }
      return
    }
    if (pointers.size > 2) return
    const world = toWorld(camera(), point)
    const itemEl = target.closest<HTMLElement>('[data-item-id]')
    const id = itemEl?.dataset.itemId ?? null
    const connectorId = target.closest<HTMLElement>('[data-connector-id]')?.dataset.connectorId
    const clusterId = target.closest<HTMLElement>('[data-cluster-id]')?.dataset.clusterId
    const tapped = id ?? connectorId ?? clusterId ?? null
    const now = performance.now()
    const doubleTap =
      lastTap !== null &&
      lastTap.id === tapped &&
      now - lastTap.at < 400 &&
      Math.hypot(lastTap.point.x - point.x, lastTap.point.y - point.y) < 12
    lastTap = { id: tapped, at: now, point }

    if (id && connectFrom()) {
      event.preventDefault()
      finishConnect(id)
      return
    }
    if (id && target.closest('.canvas-item__handle') && canResizeItem(id)) {
      const item = content.box(id)
      if (item) gesture = { kind: 'resize', id, start: point, rect: baseRect(item) }
      return
    }
    if (id) {
      event.preventDefault()
      if (doubleTap && canWriteItem(id)) {
        setSelection(new Set([id]))
        setActiveId(id)
        setEditingId(id)
        gesture = null
        return
      }
      if (doubleTap && !props.readOnly) announce(whyNotWritable(id))
      if (event.shiftKey) {
        const next = new Set(selection())
        if (next.has(id)) next.delete(id)
        else next.add(id)
        setSelection(next)
      } else if (!selection().has(id)) setSelection(new Set([id]))
      setActiveId(id)
      itemEl?.focus({ preventScroll: true })
      const movable = selection().has(id)
        ? [...selection()].filter((selected) => content.box(selected) && canMoveItem(selected))
        : []
      if (movable.length > 0) {
        gesture = {
          kind: 'drag',
          start: point,
          ids: movable,
          carried: new Set([...carried(movable)].filter(canMoveItem)),
          moved: false,
        }
      } else gesture = null
      return
    }
    if (connectorId) {
      gesture = null
      if (doubleTap && canWriteItem(connectorId)) {
        setSelection(new Set([connectorId]))
        setActiveId(connectorId)
        setEditingId(connectorId)
        return
      }
      if (doubleTap && !props.readOnly) announce(whyNotWritable(connectorId))
      setSelection(event.shiftKey ? new Set([...selection(), connectorId]) : new Set([connectorId]))
      // Its label takes the focus: Enter edits it, Delete removes the connector.
      setActiveId(connectorId)
      itemElement(connectorId)?.focus({ preventScroll: true })
      return
    }
    if (clusterId && doubleTap) {
      gesture = null
      startRename(content.state.clusters.find((cluster) => cluster.id === clusterId))
      return
    }
    board.focus({ preventScroll: true })
    if (connectFrom()) {
      setConnectFrom(null)
      announce(t('canvas.connect.cancelled'))
    }
    if (doubleTap && targetLayer('note') && event.pointerType === 'mouse') {
      add('note', undefined, world)
      gesture = null
      return
    }
    if (addMode() && targetLayer('note')) {
      gesture = { kind: 'tap-add', start: point }
      return
    }
    if (event.pointerType === 'mouse' && event.button === 0 && !spaceHeld) {
      if (!event.shiftKey) setSelection(new Set<string>())
      gesture = { kind: 'marquee', start: world, additive: event.shiftKey }
      return
    }
    gesture = { kind: 'pan', last: point }
    setPanning(true)
  }

  const onPointerMove = (event: PointerEvent) => {
    const point = local(event)
    if (event.pointerType === 'mouse' || pointers.has(event.pointerId)) {
      publishCursor(toWorld(camera(), point))
    }
    if (!pointers.has(event.pointerId)) return
    pointers.set(event.pointerId, point)
    const current = gesture
    if (!current) return
    switch (current.kind) {
      case 'pinch': {
        const pinch = pinchState()
        if (!pinch) return
        const start = current.camera
        const factor = pinch.distance / current.distance
        const moved = {
          ...start,
          x: start.x + pinch.mid.x - current.mid.x,
          y: start.y + pinch.mid.y - current.mid.y,
        }
        markZooming()
        setCamera(zoomAround(moved, pinch.mid, factor))
        return
      }
      case 'pan':
        setCamera((camera) => ({
          ...camera,
          x: camera.x + point.x - current.last.x,
          y: camera.y + point.y - current.last.y,
        }))
        current.last = point
        return
      case 'marquee':
        setMarquee(rectFrom(current.start, toWorld(camera(), point)))
        return
      case 'drag': {
        const dx = (point.x - current.start.x) / camera().scale
        const dy = (point.y - current.start.y) / camera().scale
        if (!current.moved && Math.hypot(point.x - current.start.x, point.y - current.start.y) < 4)
          return
        current.moved = true
        setDrag({ ids: current.carried, dx, dy })
        return
      }
      case 'resize': {
        const dx = (point.x - current.start.x) / camera().scale
        const dy = (point.y - current.start.y) / camera().scale
        setResizing({
          id: current.id,
          rect: {
            ...current.rect,
            w: Math.max(MIN_SIZE, current.rect.w + dx),
            h: Math.max(MIN_SIZE, current.rect.h + dy),
          },
        })
        return
      }
      case 'tap-add':
        return
    }
  }

  const onPointerUp = (event: PointerEvent) => {
    const point = pointers.get(event.pointerId) ?? local(event)
    pointers.delete(event.pointerId)
    board.releasePointerCapture?.(event.pointerId)
    const current = gesture
    if (current?.kind === 'pinch') {
      // The remaining finger pans from where it is.
      const rest = [...pointers.values()][0]
      gesture = rest ? { kind: 'pan', last: rest } : null
      return
    }
    if (pointers.size > 0) return
    gesture = null
    setPanning(false)
    if (!current) return
    switch (current.kind) {
      case 'drag': {
        const moving = drag()
        if (current.moved && moving) {
          const dx = Math.round(moving.dx)
          const dy = Math.round(moving.dy)
          if (dx !== 0 || dy !== 0) {
            attempt(() =>
              perLayer(current.ids, canMoveItem, (target, some) =>
                moveItems(target, canvasId, some, { dx, dy }, props.origin),
              ),
            )
          }
        }
        setDrag(null)
        return
      }
      case 'resize': {
        const rect = resizing()?.rect
        if (rect) {
          attempt(() =>
            resizeItem(
              docOf(current.id),
              canvasId,
              current.id,
              {
                x: rect.x,
                y: rect.y,
                w: Math.round(rect.w),
                h: Math.round(rect.h),
              },
              props.origin,
            ),
          )
        }
        setResizing(null)
        return
      }
      case 'marquee': {
        const area = marquee()
        setMarquee(null)
        if (!area || (area.w < 2 && area.h < 2)) return
        const hits = content.state.boxes.filter((id) => {
          const item = content.box(id)
          return item ? intersects(area, baseRect(item)) : false
        })
        setSelection(new Set([...(current.additive ? selection() : []), ...hits]))
        if (hits.length > 0) announce(t('canvas.announce.selected', { count: hits.length }))
        return
      }
      case 'tap-add':
        if (Math.hypot(point.x - current.start.x, point.y - current.start.y) < 10) {
          add('note', undefined, toWorld(camera(), point))
        }
        return
      case 'pan':
        return
    }
  }

  const onPointerCancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    gesture = null
    setDrag(null)
    setResizing(null)
    setMarquee(null)
    setPanning(false)
  }

  const onPointerLeave = (event: PointerEvent) => {
    if (event.pointerType === 'mouse') publishCursor(null)
  }

  // ── Keyboard ────────────────────────────────────────────────────────────────────────────
  const focusedItemId = (event: KeyboardEvent): string | null =>
    (event.target as HTMLElement).closest<HTMLElement>('[data-item-id]')?.dataset.itemId ?? null

  const stepFocus = (from: string | null, direction: 1 | -1): string | null => {
    // Choosing where a new connector goes: boxes only.
    const source = connectFrom()
    const list = source
      ? orderedBoxes().filter((id) => id !== source)
      : [...orderedBoxes(), ...orderedConnectors()]
    if (list.length === 0) return null
    const index = from ? list.indexOf(from) : -1
    const next = index === -1 ? (direction === 1 ? 0 : list.length - 1) : index + direction
    return list[next] ?? null
  }

  const onBoardKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return
    autoFit = false
    const mod = event.ctrlKey || event.metaKey
    const onItem = focusedItemId(event)
    const key = event.key
    if (key === ' ' && !onItem) {
      spaceHeld = true
    }

    if (key === 'Tab' && !mod && !event.altKey) {
      const next = stepFocus(onItem, event.shiftKey ? -1 : 1)
      // Leave the board when going past its last item (or before its first): never a trap.
      if (!next || (onItem === null && event.shiftKey)) return
      event.preventDefault()
      focusItem(next)
      return
    }

    if (connectFrom()) {
      if (key === 'Escape') {
        event.preventDefault()
        setConnectFrom(null)
        announce(t('canvas.connect.cancelled'))
        return
      }
      if (key === 'Enter' || key === ' ') {
        event.preventDefault()
        if (onItem) finishConnect(onItem)
        return
      }
      if (key.startsWith('Arrow')) {
        event.preventDefault()
        const next = stepFocus(onItem, key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1)
        if (next) focusItem(next)
        return
      }
    }

    if (key === 'Escape') {
      if (selection().size > 0 || onItem) {
        event.preventDefault()
        setSelection(new Set<string>())
        board.focus({ preventScroll: true })
      }
      return
    }

    if (mod) {
      if (key.toLowerCase() === 'a') {
        event.preventDefault()
        setSelection(new Set(content.state.boxes))
        announce(t('canvas.announce.selected', { count: content.state.boxes.length }))
      } else if (key.toLowerCase() === 'd' && boxTargets().some(canAddFrom)) {
        event.preventDefault()
        duplicate()
      }
      return
    }

    if (key.startsWith('Arrow')) {
      event.preventDefault()
      const big = event.shiftKey
      const step = big ? KEY_BIG_STEP : KEY_STEP
      const dx = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0
      const dy = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0
      if (onItem && !props.readOnly) {
        if (event.altKey) {
          if (canResizeItem(onItem)) resizeBy(onItem, dx * step, dy * step)
          else announce(whyNotWritable(onItem) || t('voting.phase.noMove'))
        } else moveBy(boxTargets(), dx * step, dy * step)
        return
      }
      const pan = big ? PAN_STEP * 4 : PAN_STEP
      setCamera((camera) => ({ ...camera, x: camera.x - dx * pan, y: camera.y - dy * pan }))
      return
    }

    // Dot voting: on a focused idea, + and − add and remove this person's dots.
    const voting = props.dots
    const votedItem = onItem ? content.box(onItem) : undefined
    if (voting && votedItem && votable(votedItem)) {
      if (key === '+' || key === '=') {
        event.preventDefault()
        changeDots(votedItem.id, 1)
        return
      }
      if (key === '-' || key === '_') {
        event.preventDefault()
        changeDots(votedItem.id, -1)
        return
      }
    }

    switch (key) {
      case '+':
      case '=':
        event.preventDefault()
        zoomBy(1.25)
        return
      case '-':
      case '_':
        event.preventDefault()
        zoomBy(1 / 1.25)
        return
      case '0':
        event.preventDefault()
        resetZoom()
        return
      case '1':
        event.preventDefault()
        zoomToFit()
        return
    }

    if (props.readOnly) return
    switch (key) {
      case 'n':
      case 'N':
        event.preventDefault()
        add('note')
        return
      case 'Enter':
      case 'F2':
        if (onItem) {
          event.preventDefault()
          if (canWriteItem(onItem)) setEditingId(onItem)
          else announce(whyNotWritable(onItem))
        }
        return
      case ' ':
        if (onItem) {
          event.preventDefault()
          const next = new Set(selection())
          if (next.has(onItem)) next.delete(onItem)
          else next.add(onItem)
          setSelection(next)
        }
        return
      case 'Delete':
      case 'Backspace':
        if (targets().length > 0) {
          event.preventDefault()
          remove(targets())
        }
        return
      case 'c':
      case 'C':
        if (onItem && canAddFrom(onItem)) {
          event.preventDefault()
          startConnect(onItem)
        }
        return
    }
  }

  const onBoardKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ') spaceHeld = false
  }

  /** Undo and redo work anywhere in the canvas area except in text fields. */
  const onRootKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return
    const mod = event.ctrlKey || event.metaKey
    if (!mod || props.readOnly) return
    const key = event.key.toLowerCase()
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault()
      undo()
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault()
      redo()
    }
  }

  // ── Pieces ──────────────────────────────────────────────────────────────────────────────
  // Text is edited at a readable size: zoom in on a note opened for editing when far out.
  createEffect(() => {
    const id = editingId()
    if (!id || untrack(camera).scale >= 0.6) return
    const rect = untrack(() => areaOf(id))
    if (!rect) return
    setCamera({
      scale: 1,
      x: size().w / 2 - (rect.x + rect.w / 2),
      y: size().h / 2 - (rect.y + rect.h / 2),
    })
  })

  const closeEditor = (reason: 'escape' | 'blur') => {
    const id = editingId()
    setEditingId(null)
    if (reason === 'escape' && id) focusItem(id)
  }

  const clusterOutlines = createMemo(() =>
    content.state.clusters.flatMap((cluster) => {
      const rects = content.state.boxes.flatMap((id) => {
        const item = content.box(id)
        return item?.cluster === cluster.id ? [baseRect(item)] : []
      })
      const bounds = boundsOf(rects)
      return bounds ? [{ id: cluster.id, name: cluster.name, bounds }] : []
    }),
  )

  const colourValue = () => {
    const ids = boxTargets()
    const first = ids[0] ? content.box(ids[0]) : undefined
    return first?.colour ?? ''
  }

  // Far out: every box and connector painted on one canvas, once per frame at most.
  let lodCanvas!: HTMLCanvasElement
  let lodFrame = 0
  let lodBlank = true
  createEffect(() => {
    const low = lowDetail()
    const skip = mounted()
    const waiting = wanted().length > skip.size
    const cam = camera()
    const view = size()
    const boxes = snapshot()
    const lines = low ? segments() : []
    cancelAnimationFrame(lodFrame)
    lodFrame = requestAnimationFrame(() =>
      paintLowDetail(low || waiting, cam, view, boxes, lines, skip),
    )
  })
  onCleanup(() => cancelAnimationFrame(lodFrame))

  const paintLowDetail = (
    low: boolean,
    cam: Camera,
    view: { w: number; h: number },
    boxes: ReturnType<typeof snapshot>,
    lines: ReturnType<typeof segments>,
    skip: ReadonlySet<string>,
  ) => {
    if (!low && lodBlank) return
    const context = lodCanvas.getContext?.('2d')
    if (!context) return
    const visible = visibleWorld(cam, view)
    const shown = (box: Rect & { id: string }) => !skip.has(box.id) && intersects(visible, box)
    // A blank canvas is still a full-board layer the compositor blends every frame: none while
    // nothing on screen waits (the boxes still waiting are around the view, not in it).
    const paint = low && (lines.length > 0 || boxes.some(shown))
    lodBlank = !paint
    lodCanvas.hidden = !paint
    const ratio = window.devicePixelRatio || 1
    const width = Math.round(view.w * ratio)
    const height = Math.round(view.h * ratio)
    if (lodCanvas.width !== width || lodCanvas.height !== height) {
      lodCanvas.width = width
      lodCanvas.height = height
    }
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, width, height)
    if (!paint) return
    context.setTransform(ratio * cam.scale, 0, 0, ratio * cam.scale, ratio * cam.x, ratio * cam.y)
    const strip = Math.max(8, 2 / cam.scale)
    const frames: Array<(typeof boxes)[number]> = []
    for (const box of boxes) {
      if (!shown(box)) continue
      if (box.kind === 'frame') {
        context.fillStyle = 'rgba(255,255,255,0.6)'
        context.fillRect(box.x, box.y, box.w, box.h)
        context.strokeStyle = '#767c85'
        context.lineWidth = 2 / cam.scale
        context.strokeRect(box.x, box.y, box.w, box.h)
        frames.push(box)
        continue
      }
      if (box.kind === 'text') {
        context.fillStyle = '#9aa0a6'
        context.fillRect(box.x, box.y + box.h / 3, box.w * 0.8, box.h / 3)
        continue
      }
      context.fillStyle = tint(box.colour)
      context.fillRect(box.x, box.y, box.w, box.h)
      context.fillStyle = box.colour
      context.fillRect(box.x, box.y, box.w, strip)
    }
    context.strokeStyle = '#3d434a'
    context.lineWidth = 2 / cam.scale
    context.beginPath()
    for (const line of lines) {
      context.moveTo(line.from.x, line.from.y)
      context.lineTo(line.to.x, line.to.y)
    }
    context.stroke()
    // Titles last: far out they are what says where things are, so nothing covers them.
    for (const frame of frames) paintFrameTitle(context, frame, cam.scale)
  }

  const zoomPercent = () => Math.round(camera().scale * 100)

  const cursors = createMemo(() => presence().filter((person) => person.cursor !== null))

  const worldTransform = () => {
    const c = camera()
    return `translate(${c.x}px, ${c.y}px) scale(${c.scale})`
  }

  const Item: Component<{ id: string }> = (itemProps) => {
    const item = () => content.box(itemProps.id)
    const rect = () => rectOf(itemProps.id)
    const selected = () => selection().has(itemProps.id)
    const editors = () => editorsByItem().get(itemProps.id)
    return (
      <Show when={item()} keyed>
        {(current) => {
          const box = () => current
          return (
            // biome-ignore lint/a11y/useFocusableInteractive: roving tabindex (0 or -1), set below
            <div
              class={`canvas-item canvas-item--${box().kind}`}
              classList={{
                'canvas-item--ellipse': box().shape === 'ellipse',
                'is-private': isPrivate(itemProps.id),
                'is-selected': selected(),
                'is-connect-source': connectFrom() === itemProps.id,
                'is-edited-by-other': editors() !== undefined,
                'is-spotlight': spotlit() === itemProps.id,
              }}
              data-item-id={itemProps.id}
              data-kind={box().kind}
              data-group={box().group ?? undefined}
              role="option"
              aria-selected={selected() ? 'true' : 'false'}
              aria-label={itemLabel(box())}
              tabindex={activeId() === itemProps.id ? 0 : -1}
              onFocus={() => setActiveId(itemProps.id)}
              // Placed by left/top, not a transform of its own: hundreds of transformed boxes
              // made every frame's compositing (Layerize) cost milliseconds.
              style={{
                left: `${rect()?.x ?? 0}px`,
                top: `${rect()?.y ?? 0}px`,
                width: `${rect()?.w ?? 0}px`,
                height: `${rect()?.h ?? 0}px`,
                '--item-colour': itemColour(box()),
                // Only the spotlit box reads it: set on the world, a zoom step restyled every box.
                '--inv-scale': spotlit() === itemProps.id ? `${1 / camera().scale}` : undefined,
              }}
            >
              <Show when={isPrivate(itemProps.id)}>
                <span class="canvas-item__private" aria-hidden="true">
                  <LockIcon /> {t('private.badge')}
                </span>
              </Show>
              <span class="canvas-item__text">{box().text}</span>
              <Show when={box().kind === 'note' && (authorOf(box()) || box().group)}>
                <span class="canvas-item__author" aria-hidden="true">
                  <Show when={box().group}>
                    {(group) => (
                      <span
                        class="canvas-item__group-mark"
                        style={{ 'background-color': GROUP_COLOURS[group()] }}
                      />
                    )}
                  </Show>
                  {[authorOf(box()), box().group ? t(`group.${box().group as PartnerGroup}`) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </Show>
              <Show when={editors()}>
                {(names) => (
                  <span class="canvas-item__editing" aria-hidden="true">
                    {t('canvas.item.editing', { names: names().join(', ') })}
                  </span>
                )}
              </Show>
              <Show when={selected() && selection().size === 1 && canResizeItem(itemProps.id)}>
                <span class="canvas-item__handle" aria-hidden="true" />
              </Show>
            </div>
          )
        }}
      </Show>
    )
  }

  const Connector: Component<{ id: string }> = (connectorProps) => {
    const connector = () => content.connector(connectorProps.id)
    const ends = createMemo(() => endsOf(connectorProps.id))
    const markers = () => {
      const arrow = connector()?.arrow
      return {
        end: arrow === 'end' || arrow === 'both',
        start: arrow === 'both',
      }
    }
    return (
      <Show when={ends()}>
        {(line) => (
          <g
            class="canvas-connector"
            classList={{ 'is-selected': selection().has(connectorProps.id) }}
            data-connector-id={connectorProps.id}
          >
            <line
              class="canvas-connector__hit"
              x1={line().from.x}
              y1={line().from.y}
              x2={line().to.x}
              y2={line().to.y}
            />
            <line
              class="canvas-connector__line"
              x1={line().from.x}
              y1={line().from.y}
              x2={line().to.x}
              y2={line().to.y}
              marker-end={markers().end ? `url(#arrow-${canvasId})` : undefined}
              marker-start={markers().start ? `url(#arrow-${canvasId})` : undefined}
            />
          </g>
        )}
      </Show>
    )
  }

  /**
   * A connector's label at the middle of its line: an option of the board (Tab reaches it after
   * the boxes), edited in place like a note's text (Enter, F2, double click).
   */
  const ConnectorLabel: Component<{ id: string }> = (labelProps) => {
    const connector = () => content.connector(labelProps.id)
    const area = createMemo(() => areaOf(labelProps.id))
    const selected = () => selection().has(labelProps.id)
    return (
      <Show when={area()}>
        {(at) => (
          // biome-ignore lint/a11y/useFocusableInteractive: roving tabindex (0 or -1), set below
          <div
            class="canvas-connector-label"
            classList={{
              'is-selected': selected(),
              'is-empty': !connector()?.text.trim(),
              'is-private': isPrivate(labelProps.id),
            }}
            data-item-id={labelProps.id}
            data-kind="connector"
            role="option"
            aria-selected={selected() ? 'true' : 'false'}
            aria-label={connectorLabel(labelProps.id)}
            tabindex={activeId() === labelProps.id ? 0 : -1}
            onFocus={() => setActiveId(labelProps.id)}
            style={{
              transform: `translate(${at().x + at().w / 2}px, ${at().y + at().h / 2}px) translate(-50%, -50%)`,
              'max-width': `${at().w}px`,
            }}
          >
            {connector()?.text}
          </div>
        )}
      </Show>
    )
  }

  const ToolButton: Component<{
    label: string
    icon: string
    onClick: () => void
    disabled?: boolean
    pressed?: boolean
    shortcut?: string
    /** Phones: hidden until the "Tools" disclosure is open. */
    secondary?: boolean
    /** The label stays visible next to the icon (otherwise only in the tooltip). */
    labelled?: boolean
  }> = (button) => (
    <button
      type="button"
      class="canvas-tool"
      classList={{
        'canvas-tool--secondary': button.secondary === true,
        'canvas-tool--labelled': button.labelled === true,
      }}
      aria-label={button.label}
      aria-pressed={button.pressed === undefined ? undefined : button.pressed ? 'true' : 'false'}
      aria-keyshortcuts={button.shortcut}
      title={button.shortcut ? `${button.label} (${button.shortcut})` : button.label}
      data-tip={button.label}
      disabled={button.disabled}
      onClick={() => button.onClick()}
    >
      <span class="canvas-tool__icon" aria-hidden="true">
        {button.icon}
      </span>
      <span class="canvas-tool__text" aria-hidden="true">
        {button.label}
      </span>
    </button>
  )

  const editingRect = () => {
    const id = editingId()
    return id ? areaOf(id) : null
  }

  const boardHintId = `canvas-hint-${canvasId}`
  const toolbarId = `canvas-toolbar-${canvasId}`

  // Phones: the secondary tools behind "Tools" (the canvas area may hold this state, so its
  // canvas management follows the same disclosure).
  const [ownToolsOpen, setOwnToolsOpen] = createSignal(false)
  const toolsOpen = () => props.toolsOpen ?? ownToolsOpen()
  const setToolsOpen = (open: boolean) => {
    setOwnToolsOpen(open)
    props.onToolsOpen?.(open)
  }
  /** Closes the "More actions" menu (focus back on its button) before one of its actions. */
  let closeMore: ((refocus: boolean) => void) | undefined
  const fromMenu = (action: () => void) => () => {
    closeMore?.(true)
    action()
  }
  /** "More actions" tools that run one mutator on the targets it is allowed on, per document. */
  const layeredTools = [
    // z is where an item is (anyone's, like moving it); aligning also snaps its size.
    { key: 'front', icon: '⇡', ids: targets, allowed: canMoveItem, change: bringToFront },
    { key: 'align', icon: '#', ids: boxTargets, allowed: canResizeItem, change: alignToGrid },
  ] as const
  /** The one shared item the "Spotlight" tool applies to (private notes are nobody else's). */
  const spotlightTarget = (): string | null => {
    const ids = boxTargets()
    const id = ids.length === 1 ? ids[0] : undefined
    return id && !isPrivate(id) ? id : null
  }

  /** The rendered ideas that take dots (the dot controls are drawn over them). */
  const voteTargets = createMemo(() => {
    const out = new Set<string>()
    if (!props.dots) return out
    for (const id of renderedBoxes()) {
      const item = content.box(id)
      if (item && votable(item)) out.add(id)
    }
    return out
  })

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: undo/redo shortcuts bubble up from the toolbar and the board
    <div class="canvas-board-area" onKeyDown={onRootKeyDown}>
      <div
        id={toolbarId}
        class="canvas-toolbar"
        classList={{ 'is-tools-open': toolsOpen() }}
        role="toolbar"
        aria-label={t('canvas.toolbar.label')}
      >
        {/* Phones: the most used tools stay; this discloses the others (shown after it). */}
        <button
          type="button"
          class="canvas-tool canvas-tool--labelled canvas-tools-toggle"
          aria-expanded={toolsOpen() ? 'true' : 'false'}
          onClick={() => setToolsOpen(!toolsOpen())}
        >
          {t('canvas.tool.tools')}
          <span class="canvas-menu__caret" aria-hidden="true">
            {toolsOpen() ? '▴' : '▾'}
          </span>
        </button>
        <Show when={!props.readOnly}>
          <div class="canvas-toolbar__group">
            <ToolButton
              label={t('canvas.tool.note')}
              icon="▢"
              shortcut="N"
              labelled
              disabled={!targetLayer('note')}
              onClick={() => add('note')}
            />
            <For each={ADD_TOOLS}>
              {(tool) => (
                <ToolButton
                  label={t(`canvas.tool.${tool.key}`)}
                  icon={tool.icon}
                  secondary
                  disabled={!targetLayer(tool.kind)}
                  onClick={() => add(tool.kind, tool.shape)}
                />
              )}
            </For>
            <ToolButton
              label={t('canvas.tool.addMode')}
              icon="✚"
              disabled={!targetLayer('note')}
              pressed={addMode()}
              onClick={() => {
                setAddMode(!addMode())
                announce(t(addMode() ? 'canvas.addMode.on' : 'canvas.addMode.off'))
              }}
            />
          </div>
          <div class="canvas-toolbar__group">
            <ToolButton
              label={t('canvas.tool.undo')}
              icon="↶"
              shortcut="Control+Z"
              disabled={!canUndo()}
              onClick={undo}
            />
            <ToolButton
              label={t('canvas.tool.redo')}
              icon="↷"
              shortcut="Control+Shift+Z"
              secondary
              disabled={!canRedo()}
              onClick={redo}
            />
          </div>
          <div class="canvas-toolbar__group canvas-toolbar__group--secondary">
            <ToolButton
              label={t('canvas.tool.edit')}
              icon="✎"
              shortcut="Enter"
              disabled={targets().length !== 1 || !targets().every(canWriteItem)}
              onClick={() => {
                const id = targets()[0]
                if (id && canWriteItem(id)) setEditingId(id)
              }}
            />
            <ToolButton
              label={t('canvas.tool.connect')}
              icon="→"
              shortcut="C"
              disabled={
                boxTargets().length !== 1 ||
                content.state.boxes.length < 2 ||
                !boxTargets().every(canAddFrom)
              }
              onClick={() => {
                const id = boxTargets()[0]
                startConnect(id)
                if (id) focusItem(id)
              }}
            />
            <ToolButton
              label={t('canvas.tool.delete')}
              icon="✕"
              shortcut="Delete"
              disabled={!targets().some(canDeleteItem)}
              onClick={() => remove(targets())}
            />
            <ToolMenu
              label={t('canvas.tool.more')}
              icon="⋯"
              ref={(close) => {
                closeMore = close
              }}
            >
              <ToolButton
                label={t('canvas.tool.duplicate')}
                icon="❐"
                shortcut="Control+D"
                disabled={!boxTargets().some(canAddFrom)}
                onClick={fromMenu(duplicate)}
              />
              <For each={layeredTools}>
                {(tool) => (
                  <ToolButton
                    label={t(`canvas.tool.${tool.key}`)}
                    icon={tool.icon}
                    disabled={!tool.ids().some(tool.allowed)}
                    onClick={fromMenu(() =>
                      attempt(() =>
                        perLayer(tool.ids(), tool.allowed, (target, some) =>
                          tool.change(target, canvasId, some, props.origin),
                        ),
                      ),
                    )}
                  />
                )}
              </For>
              <ToolButton
                label={t('canvas.tool.cluster')}
                icon="⊞"
                disabled={!canCreateCluster()}
                onClick={fromMenu(() =>
                  setClusterDialog({ kind: 'create', ids: boxTargets().filter(canCluster) }),
                )}
              />
              <ToolButton
                label={t('canvas.tool.renameCluster')}
                icon="✎"
                disabled={!canRenameClusters() || renameTarget() === null}
                onClick={fromMenu(() => startRename(renameTarget()))}
              />
              <ToolButton
                label={t('canvas.tool.uncluster')}
                icon="⊟"
                disabled={!boxTargets().some((id) => content.box(id)?.cluster && canCluster(id))}
                onClick={fromMenu(() =>
                  attempt(() =>
                    setItemsCluster(
                      doc,
                      canvasId,
                      boxTargets().filter(canCluster),
                      null,
                      props.origin,
                    ),
                  ),
                )}
              />
              <label class="canvas-colour">
                <span class="canvas-colour__text">{t('canvas.tool.colour')}</span>
                <select
                  aria-label={t('canvas.tool.colour')}
                  disabled={!boxTargets().some(canWriteItem)}
                  value={colourValue()}
                  onChange={(event) => {
                    const value = event.currentTarget.value || null
                    attempt(() =>
                      perLayer(boxTargets(), canWriteItem, (target, some) =>
                        setItemColour(target, canvasId, some, value, props.origin),
                      ),
                    )
                  }}
                >
                  <option value="">{t('canvas.colour.group')}</option>
                  <For each={PALETTE}>
                    {(colour) => (
                      <option value={colour.value}>{t(`canvas.colour.${colour.key}`)}</option>
                    )}
                  </For>
                </select>
              </label>
            </ToolMenu>
          </div>
        </Show>
        <Show when={props.onSpotlight}>
          {(spotlight) => (
            <div class="canvas-toolbar__group canvas-toolbar__group--secondary">
              <ToolButton
                label={t('canvas.tool.spotlight')}
                icon="★"
                disabled={spotlightTarget() === null}
                pressed={spotlightTarget() !== null && spotlightTarget() === spotlit()}
                onClick={() => {
                  const id = spotlightTarget()
                  if (!id) return
                  if (id === spotlit()) {
                    spotlight()(null)
                    announce(t('canvas.announce.spotlightOff'))
                  } else {
                    spotlight()(id)
                    announce(t('canvas.announce.spotlight', { item: shortLabel(id) }))
                  }
                }}
              />
            </div>
          )}
        </Show>
        <div class="canvas-toolbar__group">
          <ToolButton
            label={t('canvas.tool.zoomOut')}
            icon="−"
            shortcut="-"
            secondary
            onClick={() => zoomBy(1 / 1.25)}
          />
          <button
            type="button"
            class="canvas-tool canvas-tool--zoom canvas-tool--secondary"
            aria-label={t('canvas.tool.zoomReset', { percent: zoomPercent() })}
            aria-keyshortcuts="0"
            title={t('canvas.tool.zoomReset', { percent: zoomPercent() })}
            data-tip={t('canvas.tool.zoomReset', { percent: zoomPercent() })}
            onClick={resetZoom}
          >
            {zoomPercent()} %
          </button>
          <ToolButton
            label={t('canvas.tool.zoomIn')}
            icon="+"
            shortcut="+"
            secondary
            onClick={() => zoomBy(1.25)}
          />
          <ToolButton label={t('canvas.tool.fit')} icon="⤢" shortcut="1" onClick={zoomToFit} />
        </div>
        <Show when={props.extraTools}>
          <div class="canvas-toolbar__group canvas-toolbar__group--secondary">
            {props.extraTools}
          </div>
        </Show>
      </div>

      <Show when={props.privateWriting}>
        <section class="canvas-private-banner" aria-labelledby={`private-banner-${canvasId}`}>
          <h3 id={`private-banner-${canvasId}`} class="canvas-private-banner__title">
            <LockIcon /> {t('private.banner.title')}
          </h3>
          <p>{t('private.banner.body')}</p>
          <p>
            {plural('private.banner.count', Object.keys(content.state.privateIds).length)}{' '}
            <span class="canvas-private-banner__status">{props.privateStatus}</span>
          </p>
        </section>
      </Show>
      <Show when={props.dots}>
        {(voting) => <DotVotingBar voting={voting()} message={dotMessage()} />}
      </Show>
      <div class="canvas-board-wrap">
        {/* Someone else's item chosen: what this person may do with it, in words. */}
        <Show when={editingId() === null && notMine(targets()).length > 0}>
          <p class="canvas-rights-hint">{notYoursMessage(notMine(targets()))}</p>
        </Show>
        <div
          ref={board}
          class="canvas-board"
          classList={{
            'is-low-detail': lowDetail(),
            'is-panning': panning(),
            'is-add-mode': addMode(),
            'is-connecting': connectFrom() !== null,
          }}
          role="listbox"
          aria-multiselectable="true"
          aria-label={t('canvas.board.label', { title: props.canvasTitle })}
          aria-describedby={boardHintId}
          aria-readonly={props.readOnly ? 'true' : undefined}
          tabindex={0}
          onKeyDown={onBoardKeyDown}
          onKeyUp={onBoardKeyUp}
          onFocusIn={(event) => setFocusedItem(itemOf(event.target))}
          onFocusOut={(event) => setFocusedItem(itemOf(event.relatedTarget))}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onPointerLeave={onPointerLeave}
        >
          <div class="canvas-lod" aria-hidden="true">
            <canvas
              ref={lodCanvas}
              hidden
              style={{ width: `${size().w}px`, height: `${size().h}px` }}
            />
          </div>
          <div class="canvas-world" style={{ transform: worldTransform() }}>
            <For each={clusterOutlines()}>
              {(cluster) => (
                <div
                  class="canvas-cluster"
                  aria-hidden="true"
                  style={{
                    transform: `translate(${cluster.bounds.x - 10}px, ${cluster.bounds.y - 30}px)`,
                    width: `${cluster.bounds.w + 20}px`,
                    height: `${cluster.bounds.h + 40}px`,
                  }}
                >
                  <span class="canvas-cluster__name" data-cluster-id={cluster.id}>
                    {cluster.name}
                  </span>
                </div>
              )}
            </For>
            <For each={renderedBoxes()}>
              {(id) => (
                <>
                  <Item id={id} />
                  {/* Right after its idea: a note laid over it also covers its dots. */}
                  <Show when={props.dots && voteTargets().has(id) ? props.dots : null}>
                    {(voting) => (
                      <DotControls
                        voting={voting()}
                        itemId={id}
                        itemName={dotItemName(id)}
                        rect={rectOf(id)}
                        scale={camera().scale}
                        onChange={(delta) => changeDots(id, delta)}
                      />
                    )}
                  </Show>
                </>
              )}
            </For>
            <svg class="canvas-connectors" aria-hidden="true" width="1" height="1">
              <defs>
                {/* One marker for both ends: auto-start-reverse turns it round at the start. */}
                <marker
                  id={`arrow-${canvasId}`}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="8"
                  markerHeight="8"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" class="canvas-connector__arrow" />
                </marker>
              </defs>
              <For each={renderedConnectors()}>{(id) => <Connector id={id} />}</For>
            </svg>
            <For each={renderedConnectors()}>{(id) => <ConnectorLabel id={id} />}</For>
            <Show when={marquee()}>
              {(area) => (
                <div
                  class="canvas-marquee"
                  aria-hidden="true"
                  style={{
                    transform: `translate(${area().x}px, ${area().y}px)`,
                    width: `${area().w}px`,
                    height: `${area().h}px`,
                  }}
                />
              )}
            </Show>
            <Show when={spotlit() ? rectOf(spotlit() as string) : null}>
              {(rect) => (
                <div
                  class="canvas-spotlight-label"
                  aria-hidden="true"
                  style={{
                    transform: `translate(${rect().x}px, ${rect().y}px) scale(${1 / camera().scale}) translateY(calc(-100% - 16px))`,
                  }}
                >
                  <span aria-hidden="true">★ </span>
                  {t('canvas.item.spotlight')}
                </div>
              )}
            </Show>
            <Show when={editingId()} keyed>
              {(id) => {
                const rect = () => editingRect() ?? { x: 0, y: 0, w: 160, h: 80 }
                return (
                  <div
                    class="canvas-editor-wrap canvas-board__overlay-ui"
                    style={{
                      transform: `translate(${rect().x}px, ${rect().y}px)`,
                      width: `${Math.max(rect().w, 160)}px`,
                      height: `${Math.max(rect().h, 80)}px`,
                    }}
                  >
                    <ItemEditor
                      doc={docOf(id)}
                      canvasId={canvasId}
                      itemId={id}
                      origin={props.origin}
                      label={editorLabel(id)}
                      onClose={closeEditor}
                      onUndo={undo}
                      onRedo={redo}
                    />
                  </div>
                )
              }}
            </Show>
          </div>
          <div class="canvas-cursors" aria-hidden="true">
            <Index each={cursors()}>
              {(person) => {
                const at = () => {
                  const cursor = person().cursor
                  return cursor ? toScreen(camera(), cursor) : { x: -100, y: -100 }
                }
                return (
                  <div
                    class="canvas-cursor"
                    data-group={person().user.group}
                    style={{
                      transform: `translate(${at().x}px, ${at().y}px)`,
                      '--cursor-colour': GROUP_COLOURS[person().user.group],
                    }}
                  >
                    <svg
                      width="16"
                      height="16"
                      viewBox="0 0 16 16"
                      class="canvas-cursor__arrow"
                      aria-hidden="true"
                    >
                      <path d="M1 1 L14 7 L8 9 L6 15 z" />
                    </svg>
                    <span class="canvas-cursor__name">
                      {person().user.name} · {t(`group.${person().user.group}`)}
                    </span>
                  </div>
                )
              }}
            </Index>
          </div>
          <Show when={content.state.boxes.length === 0}>
            <p class="canvas-board__empty">
              {props.readOnly ? t('canvas.board.emptyReadOnly') : t('canvas.board.empty')}
            </p>
          </Show>
        </div>
        <Minimap
          boxes={minimapBoxes}
          camera={camera}
          size={size}
          label={t('canvas.minimap.label')}
          onJump={(world) => {
            autoFit = false
            setCamera((camera) => ({
              ...camera,
              x: size().w / 2 - world.x * camera.scale,
              y: size().h / 2 - world.y * camera.scale,
            }))
          }}
        />
      </div>
      <p id={boardHintId} class="canvas-hint">
        {props.dots
          ? t('voting.dots.hint')
          : props.readOnly
            ? t('canvas.hint.readOnly')
            : t('canvas.hint.keys')}
      </p>
      <details class="canvas-shortcuts">
        <summary>{t('canvas.shortcuts.title')}</summary>
        <dl>
          <For
            each={
              [
                ['N', 'canvas.shortcuts.new'],
                [t('canvas.keys.tab'), 'canvas.shortcuts.tab'],
                [t('canvas.keys.arrows'), 'canvas.shortcuts.arrows'],
                [t('canvas.keys.altArrows'), 'canvas.shortcuts.resize'],
                [t('canvas.keys.enter'), 'canvas.shortcuts.edit'],
                [t('canvas.keys.escape'), 'canvas.shortcuts.escape'],
                [t('canvas.keys.space'), 'canvas.shortcuts.space'],
                ['C', 'canvas.shortcuts.connect'],
                [t('canvas.keys.delete'), 'canvas.shortcuts.delete'],
                ['Ctrl+D', 'canvas.shortcuts.duplicate'],
                ['Ctrl+A', 'canvas.shortcuts.all'],
                [t('canvas.keys.undo'), 'canvas.shortcuts.undo'],
                ['+  −  0  1', 'canvas.shortcuts.zoom'],
              ] as const
            }
          >
            {([keys, key]) => (
              <div class="canvas-shortcuts__row">
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{t(key)}</dd>
              </div>
            )}
          </For>
        </dl>
      </details>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show when={clusterDialog()} keyed>
        {(dialog) => (
          <PromptDialog
            title={
              dialog.kind === 'create'
                ? t('canvas.cluster.title')
                : t('canvas.cluster.renameTitle', { name: dialog.cluster.name })
            }
            label={t('canvas.cluster.name')}
            initial={dialog.kind === 'create' ? '' : dialog.cluster.name}
            submit={t(
              dialog.kind === 'create' ? 'canvas.cluster.submit' : 'canvas.cluster.renameSubmit',
            )}
            cancel={t('canvas.dialog.cancel')}
            maxLength={CLUSTER_NAME_MAX}
            onClose={() => setClusterDialog(null)}
            onSubmit={(name) => {
              if (!name) return t('canvas.cluster.required')
              setClusterDialog(null)
              if (dialog.kind === 'create') {
                const ids = dialog.ids
                attempt(() =>
                  createCluster(doc, canvasId, name, ids.filter(canCluster), props.origin),
                )
                announce(t('canvas.announce.clustered', { name, count: ids.length }))
              } else {
                const { id } = dialog.cluster
                const renamed = attempt(() => {
                  renameCluster(doc, canvasId, id, name, props.origin)
                  return true
                })
                if (renamed) announce(t('canvas.announce.clusterRenamed', { name }))
              }
              return null
            }}
          />
        )}
      </Show>
    </div>
  )
}
