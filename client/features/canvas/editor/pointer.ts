import { boxKind } from '../../../../shared/canvas/kinds/index.ts'
import { FRAME_TITLE_BAND } from '../../../../shared/canvas/placement.ts'
import { MIN_SIZE } from '../../../../shared/schema/index.ts'
import {
  type Camera,
  intersects,
  type Point,
  type Rect,
  rectFrom,
  toWorld,
  zoomAround,
} from '../geometry.ts'
import type { Commands } from './commands.ts'
import type { EditorCore } from './editor.ts'

/** What is under the pointer, as the view found it. */
export interface PointerHit {
  itemId?: string | null
  connectorId?: string | null
  clusterId?: string | null
  /** The resize handle of `itemId`. */
  handle?: boolean
}

export interface PointerInput {
  pointerId: number
  /** In board pixels (from the board's top left corner). */
  point: Point
  pointerType: string
  button: number
  shiftKey: boolean
  hit: PointerHit
}

export interface WheelInput {
  /** In pixels (a line counts 16, a page the board's height: the view converts). */
  dx: number
  dy: number
  zoom: boolean
  shiftKey: boolean
  point: Point
}

type Gesture =
  | { kind: 'pan'; last: Point }
  | { kind: 'marquee'; start: Point; additive: boolean }
  | { kind: 'drag'; start: Point; ids: string[]; carried: Set<string>; moved: boolean }
  | { kind: 'resize'; id: string; start: Point; rect: Rect }
  | { kind: 'tap-add'; start: Point }
  | { kind: 'pinch'; distance: number; mid: Point; camera: Camera }

export type GestureKind = Gesture['kind']

export interface Pointer {
  pointerDown: (input: PointerInput) => void
  pointerMove: (input: Pick<PointerInput, 'pointerId' | 'point' | 'pointerType'>) => void
  pointerUp: (input: Pick<PointerInput, 'pointerId' | 'point'>) => void
  pointerCancel: (pointerId: number) => void
  pointerLeave: (pointerType: string) => void
  wheel: (input: WheelInput) => void
  /** Space held: a mouse drag on the board pans instead of drawing a marquee. */
  holdSpace: (held: boolean) => void
  gesture: () => GestureKind | null
  cancelAll: () => void
}

/** Two taps on the same thing within this time and distance are a double tap. */
const DOUBLE_TAP_MS = 400
const DOUBLE_TAP_PX = 12
/** A drag starts once the pointer has moved this far; a tap to add stays within this. */
const DRAG_PX = 4
const TAP_PX = 10

/**
 * Pointer input as a state machine of gestures: select, drag, resize, marquee, pan, pinch and
 * tap to add, in the tool that is in use (select, create, connect).
 */
export const createPointer = (
  core: EditorCore,
  commands: Commands,
  markZooming: () => void,
): Pointer => {
  const { model, rights, state, options } = core
  const pointers = new Map<number, Point>()
  let gesture: Gesture | null = null
  /** The gesture's kind, as a cell: what the view shows (a panning hand) follows it. */
  const gestureKind = core.cell<GestureKind | null>(null)
  const setGesture = (next: Gesture | null) => {
    gesture = next
    gestureKind.set(next?.kind ?? null)
  }
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

  /** The boxes plus, for frames among them, the items sitting in those frames. */
  const carried = (ids: string[]): Set<string> => {
    const out = new Set(ids)
    const frames = new Set(
      ids.filter((id) => {
        const box = model.box(id)
        return box !== undefined && boxKind(box.kind).holdsItems
      }),
    )
    if (frames.size === 0) return out
    for (const id of model.boxIds()) {
      const frame = model.box(id)?.frame
      if (frame && frames.has(frame)) out.add(id)
    }
    return out
  }

  /** A double tap on an item edits it, if it is this person's (else says why not). */
  const editOnDoubleTap = (id: string): boolean => {
    if (rights.canWrite(id)) {
      core.setSelection([id])
      state.activeId.set(id)
      state.editingId.set(id)
      setGesture(null)
      return true
    }
    if (!rights.readOnly()) core.announce(core.whyNotWritable(id))
    return false
  }

  /**
   * A double click in a frame's body (below its title band) adds a note there, as on the empty
   * board: that is where a person writes "in the column where it fits". Its title band edits.
   */
  const addInFrameBody = (id: string, input: PointerInput): boolean => {
    const box = model.box(id)
    if (!box || !boxKind(box.kind).holdsItems || input.pointerType !== 'mouse') return false
    const world = toWorld(state.camera.get(), input.point)
    if (world.y < box.y + FRAME_TITLE_BAND || rights.targetLayer('note') === null) return false
    setGesture(null)
    commands.add('note', undefined, world)
    return true
  }

  const downOnItem = (id: string, input: PointerInput, doubleTap: boolean) => {
    if (doubleTap && (addInFrameBody(id, input) || editOnDoubleTap(id))) return
    if (input.shiftKey) core.toggleSelected(id)
    else if (!state.selection.get().has(id)) core.setSelection([id])
    state.activeId.set(id)
    options.focus?.(id)
    const selection = state.selection.get()
    const movable = selection.has(id)
      ? [...selection].filter((selected) => model.box(selected) && rights.canMove(selected))
      : []
    setGesture(
      movable.length > 0
        ? {
            kind: 'drag',
            start: input.point,
            ids: movable,
            carried: new Set([...carried(movable)].filter(rights.canMove)),
            moved: false,
          }
        : null,
    )
  }

  const downOnConnector = (id: string, input: PointerInput, doubleTap: boolean) => {
    setGesture(null)
    if (doubleTap && editOnDoubleTap(id)) return
    core.setSelection(input.shiftKey ? [...state.selection.get(), id] : [id])
    // Its label takes the focus: Enter edits it, Delete removes the connector.
    state.activeId.set(id)
    options.focus?.(id)
  }

  const downOnBoard = (input: PointerInput, world: Point, doubleTap: boolean) => {
    core.focusBoard()
    if (state.connectFrom.get()) commands.cancelConnect()
    const addable = rights.targetLayer('note') !== null
    if (doubleTap && addable && input.pointerType === 'mouse') {
      setGesture(null)
      commands.add('note', undefined, world)
      return
    }
    if (state.addMode.get() && addable) {
      setGesture({ kind: 'tap-add', start: input.point })
      return
    }
    if (input.pointerType === 'mouse' && input.button === 0 && !spaceHeld) {
      if (!input.shiftKey) core.setSelection([])
      setGesture({ kind: 'marquee', start: world, additive: input.shiftKey })
      return
    }
    setGesture({ kind: 'pan', last: input.point })
  }

  const pointerDown: Pointer['pointerDown'] = (input) => {
    core.autoFit.on = false
    const { point, hit } = input
    pointers.set(input.pointerId, point)
    if (pointers.size === 2) {
      const pinch = pinchState()
      state.drag.set(null)
      state.marquee.set(null)
      if (pinch) setGesture({ kind: 'pinch', ...pinch, camera: state.camera.get() })
      return
    }
    if (pointers.size > 2) return
    const id = hit.itemId ?? null
    const tapped = id ?? hit.connectorId ?? hit.clusterId ?? null
    const at = core.now()
    const doubleTap =
      lastTap !== null &&
      lastTap.id === tapped &&
      at - lastTap.at < DOUBLE_TAP_MS &&
      Math.hypot(lastTap.point.x - point.x, lastTap.point.y - point.y) < DOUBLE_TAP_PX
    lastTap = { id: tapped, at, point }

    if (id && state.connectFrom.get()) {
      commands.finishConnect(id)
      return
    }
    if (id && hit.handle && rights.canResize(id)) {
      const item = model.box(id)
      if (item) {
        setGesture({
          kind: 'resize',
          id,
          start: point,
          rect: { x: item.x, y: item.y, w: item.w, h: item.h },
        })
      }
      return
    }
    if (id) {
      downOnItem(id, input, doubleTap)
      return
    }
    if (hit.connectorId) {
      downOnConnector(hit.connectorId, input, doubleTap)
      return
    }
    if (hit.clusterId && doubleTap) {
      setGesture(null)
      commands.startRename(model.clusters().find((cluster) => cluster.id === hit.clusterId))
      return
    }
    downOnBoard(input, toWorld(state.camera.get(), point), doubleTap)
  }

  const pointerMove: Pointer['pointerMove'] = (input) => {
    const { point } = input
    if (input.pointerType === 'mouse' || pointers.has(input.pointerId)) {
      options.publishCursor?.(toWorld(state.camera.get(), point))
    }
    if (!pointers.has(input.pointerId)) return
    pointers.set(input.pointerId, point)
    const current = gesture
    if (!current) return
    const scale = state.camera.get().scale
    switch (current.kind) {
      case 'pinch': {
        const pinch = pinchState()
        if (!pinch) return
        const start = current.camera
        const moved = {
          ...start,
          x: start.x + pinch.mid.x - current.mid.x,
          y: start.y + pinch.mid.y - current.mid.y,
        }
        markZooming()
        state.camera.set(zoomAround(moved, pinch.mid, pinch.distance / current.distance))
        return
      }
      case 'pan':
        core.panBy(point.x - current.last.x, point.y - current.last.y)
        current.last = point
        return
      case 'marquee':
        state.marquee.set(rectFrom(current.start, toWorld(state.camera.get(), point)))
        return
      case 'drag': {
        if (
          !current.moved &&
          Math.hypot(point.x - current.start.x, point.y - current.start.y) < DRAG_PX
        )
          return
        current.moved = true
        state.drag.set({
          ids: current.carried,
          dx: (point.x - current.start.x) / scale,
          dy: (point.y - current.start.y) / scale,
        })
        return
      }
      case 'resize':
        state.resizing.set({
          id: current.id,
          rect: {
            ...current.rect,
            w: Math.max(MIN_SIZE, current.rect.w + (point.x - current.start.x) / scale),
            h: Math.max(MIN_SIZE, current.rect.h + (point.y - current.start.y) / scale),
          },
        })
        return
      case 'tap-add':
        return
    }
  }

  const finish = (current: Gesture, point: Point) => {
    switch (current.kind) {
      case 'drag': {
        const moving = state.drag.get()
        if (current.moved && moving) {
          const dx = Math.round(moving.dx)
          const dy = Math.round(moving.dy)
          if (dx !== 0 || dy !== 0) commands.moveDragged(current.ids, dx, dy)
        }
        state.drag.set(null)
        return
      }
      case 'resize': {
        const rect = state.resizing.get()?.rect
        if (rect) {
          commands.resizeTo(current.id, {
            x: rect.x,
            y: rect.y,
            w: Math.round(rect.w),
            h: Math.round(rect.h),
          })
        }
        state.resizing.set(null)
        return
      }
      case 'marquee': {
        const area = state.marquee.get()
        state.marquee.set(null)
        if (!area || (area.w < 2 && area.h < 2)) return
        const hits = model.snapshot().flatMap((box) => (intersects(area, box) ? [box.id] : []))
        core.setSelection([...(current.additive ? state.selection.get() : []), ...hits])
        if (hits.length > 0)
          core.announce(core.t('canvas.announce.selected', { count: hits.length }))
        return
      }
      case 'tap-add':
        if (Math.hypot(point.x - current.start.x, point.y - current.start.y) < TAP_PX) {
          commands.add('note', undefined, toWorld(state.camera.get(), point))
        }
        return
      case 'pan':
      case 'pinch':
        return
    }
  }

  const pointerUp: Pointer['pointerUp'] = (input) => {
    const point = pointers.get(input.pointerId) ?? input.point
    pointers.delete(input.pointerId)
    const current = gesture
    if (current?.kind === 'pinch') {
      // The remaining finger pans from where it is.
      const rest = [...pointers.values()][0]
      setGesture(rest ? { kind: 'pan', last: rest } : null)
      return
    }
    if (pointers.size > 0) return
    setGesture(null)
    if (current) finish(current, point)
  }

  const cancelAll = () => {
    setGesture(null)
    state.drag.set(null)
    state.resizing.set(null)
    state.marquee.set(null)
  }

  return {
    pointerDown,
    pointerMove,
    pointerUp,
    pointerCancel: (pointerId) => {
      pointers.delete(pointerId)
      cancelAll()
    },
    pointerLeave: (pointerType) => {
      if (pointerType === 'mouse') options.publishCursor?.(null)
    },
    wheel: (input) => {
      core.autoFit.on = false
      if (input.zoom) {
        core.zoomBy(Math.exp(-Math.max(-60, Math.min(60, input.dy)) * 0.01), input.point)
        return
      }
      const horizontal = input.shiftKey && input.dx === 0
      core.panBy(-(horizontal ? input.dy : input.dx), -(horizontal ? 0 : input.dy))
    },
    holdSpace: (held) => {
      spaceHeld = held
    },
    gesture: gestureKind.get,
    cancelAll,
  }
}
