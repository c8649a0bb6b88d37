// One file (over 500 lines): the board component wires the editor (editor/), the rendering and
// the pointer, keyboard and wheel events to one element; the logic is in the modules it imports.
import {
  type Accessor,
  type Component,
  createEffect,
  createMemo,
  For,
  type JSX,
  onCleanup,
  onMount,
  Show,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import {
  type CanvasRights,
  canvasRights,
  NO_CANVAS_RIGHTS,
} from '../../../shared/schema/canvasRights.ts'
import type { ParticipantRecord } from '../../../shared/schema/index.ts'
import type { Writer } from '../../../shared/schema/rights.ts'
import { useI18n } from '../../app/i18n.tsx'
import {
  CURSOR_FIELD,
  createCanvasPresence,
  EDITING_FIELD,
} from '../../state/createCanvasPresence.ts'
import { freeArea } from '../phone/boardFit.ts'
import { BoardHelp } from './BoardHelp.tsx'
import { ConnectorLabelView, ConnectorView, type ItemContext, ItemView } from './BoardItems.tsx'
import {
  ClusterDialog,
  ClusterOutlines,
  Cursors,
  PrivateBanner,
  WorldOverlays,
} from './BoardOverlays.tsx'
import { BoardToolbar } from './BoardToolbar.tsx'
import { createBoardEditor } from './createBoardEditor.ts'
import { createLayeredContent } from './createLayeredContent.ts'
import { createRendering } from './createRendering.ts'
import { DotControls, DotVotingBar } from './DotVotingUi.tsx'
import type { DotVoting } from './dotVoting.ts'
import type { View } from './editor/editor.ts'
import type { PointerHit } from './editor/pointer.ts'
import { type BoardStep, followStep } from './followStep.ts'
import { drawnCamera, type Point } from './geometry.ts'
import { clientKind } from './kinds/index.ts'
import { LowDetailLayer } from './LowDetailLayer.tsx'
import { Minimap } from './Minimap.tsx'
import { CANVAS_MESSAGES } from './messages.ts'
import { throttle } from './throttle.ts'

/** A view of the board: the world point at its centre and its scale (1 = 100 %). */
export type BoardView = View

/** What the rest of the canvas area can ask of the board (the outline view, the flow). */
export interface BoardApi {
  /** Selects the item, brings it into view and moves keyboard focus to it. */
  focusItem: (itemId: string) => void
  /** The world point at the centre of the board and the camera's scale. */
  view: () => BoardView
  /**
   * Sets the camera so (x, y) is at the centre of the board, at `zoom` (clamped): for the flow
   * (the next step may move it again while the person leaves it there).
   */
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
  /**
   * What this person may do now on this canvas (`canvasRights`: what the server's policy judges
   * with). Left out: everything a writer may do while no phase runs; `readOnly` wins.
   */
  rights?: CanvasRights
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
   * The running step: the board opens on what it is about (its frame, else what is written),
   * at a size one reads, and goes to the next step's while the person leaves the camera where
   * the flow put it. Left out: the same, with no frame.
   */
  step?: BoardStep
  /** The frame the running step writes in, where N and « Note » put a new note (editor.ts). */
  stepFrame?: () => string | null
  /**
   * What lies over the board (the desktop's step card, over its top-left): the step's view is
   * shown beside it, not under it.
   */
  cover?: Accessor<HTMLElement | undefined>
  /**
   * Keep the board fitted to its content when it is resized (a projector going full screen)
   * or when content first arrives, until the camera is moved some other way.
   */
  fitOnMount?: boolean
  /** Phones: the secondary tools are shown (the "Tools" disclosure); see `onToolsOpen`. */
  toolsOpen?: boolean
  onToolsOpen?: (open: boolean) => void
}

const CURSOR_HZ = 10

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.isContentEditable)

const itemOf = (node: EventTarget | null): string | null =>
  node instanceof HTMLElement
    ? (node.closest<HTMLElement>('[data-item-id]')?.dataset.itemId ?? null)
    : null

/** What the pointer is on: an item, a connector's line, a cluster's name, a resize handle. */
const hitOf = (target: HTMLElement): PointerHit => ({
  itemId: itemOf(target),
  connectorId: target.closest<HTMLElement>('[data-connector-id]')?.dataset.connectorId ?? null,
  clusterId: target.closest<HTMLElement>('[data-cluster-id]')?.dataset.clusterId ?? null,
  handle: target.closest('.canvas-item__handle') !== null,
})

/**
 * One shared canvas: the view of the headless editor (`editor/`). It renders what the editor
 * holds, measures the board, and turns DOM events into the editor's input.
 */
export const Board: Component<BoardProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(CANVAS_MESSAGES)
  const canvasId = props.canvasId
  const privateDoc = props.privateDoc ?? null
  const content = createLayeredContent(props.doc, canvasId, privateDoc, locale)
  const presence = props.awareness ? createCanvasPresence(props.awareness, canvasId) : () => []
  const spotlit = () => {
    const id = props.spotlightId ?? null
    return id && content.item(id) ? id : null
  }
  const authors = createMemo(() => new Map(props.participants().map((p) => [p.id, p])))
  const editorsByItem = createMemo(() => {
    const out = new Map<string, string[]>()
    for (const person of presence()) {
      if (!person.editing) continue
      out.set(person.editing.itemId, [...(out.get(person.editing.itemId) ?? []), person.user.name])
    }
    return out
  })
  const editorsOf = (id: string) => editorsByItem().get(id)

  let board!: HTMLDivElement
  let boardBox = { left: 0, top: 0 }
  const itemElement = (id: string): HTMLElement | null => {
    for (const el of board?.querySelectorAll<HTMLElement>('[data-item-id]') ?? []) {
      if (el.dataset.itemId === id) return el
    }
    return null
  }
  const publishCursor = throttle((point: Point | null) => {
    props.awareness?.setLocalStateField(
      CURSOR_FIELD,
      point ? { canvasId, x: Math.round(point.x), y: Math.round(point.y) } : null,
    )
  }, 1000 / CURSOR_HZ)

  const rights = createMemo(() => {
    if (props.readOnly) return NO_CANVAS_RIGHTS
    return (
      props.rights ??
      canvasRights(props.writer, { allow: null, locked: false, privateReady: privateDoc !== null })
    )
  })
  const editor = createBoardEditor({
    doc: props.doc,
    privateDoc,
    canvasId,
    canvasTitle: () => props.canvasTitle,
    origin: props.origin,
    content,
    fitOnMount: props.fitOnMount === true,
    situation: () => ({ writer: props.writer, rights: rights() }),
    group: () => props.identity.group,
    identity: () => props.identity,
    participants: authors,
    editorsOf,
    dots: () => props.dots ?? null,
    spotlightId: spotlit,
    stepFrame: () => props.stepFrame?.() ?? null,
    t,
    kindLabel: (item) => clientKind(item.kind).label(item),
    focus: (id) => {
      if (id === null) {
        board.focus({ preventScroll: true })
        return
      }
      // The element may be created by this very change: try again once it is rendered.
      const focus = () => itemElement(id)?.focus({ preventScroll: true })
      focus()
      queueMicrotask(focus)
    },
    // The page may leave part of the board out of the window (and a new note there would make
    // the browser scroll the page to its caret); the step card covers its top-left.
    visibleScreen: () => {
      const box = board.getBoundingClientRect()
      const size = editor.state.size.get()
      const free = freeArea(size, steps.covered())
      const from = { x: Math.max(free.x, -box.left), y: Math.max(free.y, -box.top) }
      const to = {
        x: Math.min(free.x + free.w, window.innerWidth - box.left),
        y: Math.min(free.y + free.h, window.innerHeight - box.top),
      }
      return { x: from.x, y: from.y, w: to.x - from.x, h: to.y - from.y }
    },
    publishCursor,
  })
  const { state } = editor
  const rendering = createRendering(content, editor, spotlit)

  createEffect(() => {
    const id = state.editingId.get()
    props.awareness?.setLocalStateField(EDITING_FIELD, id ? { canvasId, itemId: id } : null)
  })
  onCleanup(() => {
    publishCursor.cancel()
    props.awareness?.setLocalStateField(CURSOR_FIELD, null)
    props.awareness?.setLocalStateField(EDITING_FIELD, null)
  })

  // A new step, its frame, or the first content: shown while the person has not moved the camera.
  const steps = followStep({
    editor,
    content,
    board: () => board,
    step: () => props.step,
    spotlit,
    cover: () => props.cover?.(),
  })
  // A view asked for before the board is measured is applied once it is (see onMount).
  let measured = false
  let pendingView: BoardView | null = null
  props.ref?.({
    focusItem: (id) => {
      editor.autoFit.on = false
      editor.focusItem(id, { select: true })
    },
    view: editor.view,
    setView: (view) => {
      editor.autoFit.on = false
      steps.placed()
      if (measured) editor.placeView(view)
      else pendingView = view
    },
  })

  const measure = () => {
    const rect = board.getBoundingClientRect()
    boardBox = { left: rect.left, top: rect.top }
    editor.resize({ w: rect.width, h: rect.height })
  }
  const local = (event: { clientX: number; clientY: number }): Point => ({
    x: event.clientX - boardBox.left,
    y: event.clientY - boardBox.top,
  })
  const onWheel = (event: WheelEvent) => {
    event.preventDefault()
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? state.size.get().h : 1
    editor.wheel({
      dx: event.deltaX * unit,
      dy: event.deltaY * unit,
      zoom: event.ctrlKey || event.metaKey,
      shiftKey: event.shiftKey,
      point: local(event),
    })
  }
  onMount(() => {
    measure()
    measured = true
    if (pendingView) editor.placeView(pendingView)
    else if (props.fitOnMount) editor.zoomToFit()
    // A projector's board stays fitted; others follow the step from now on.
    if (!props.fitOnMount) steps.start(!pendingView)
    pendingView = null
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            measure()
            if (props.fitOnMount) editor.keepFitted()
            else steps.resized()
          })
    observer?.observe(board)
    window.addEventListener('scroll', measure, { passive: true, capture: true })
    window.addEventListener('resize', measure, { passive: true })
    // Not a Solid handler: it must be able to preventDefault (passive: false).
    board.addEventListener('wheel', onWheel, { passive: false })
    onCleanup(() => {
      observer?.disconnect()
      window.removeEventListener('scroll', measure, { capture: true })
      window.removeEventListener('resize', measure)
      board.removeEventListener('wheel', onWheel)
    })
  })

  const onPointerDown = (event: PointerEvent) => {
    const target = event.target as HTMLElement
    if (target.closest('.canvas-editor, .canvas-board__overlay-ui')) return
    // No emulated mouse events after a touch (they would move the focus out of a new editor).
    event.preventDefault()
    measure()
    board.setPointerCapture?.(event.pointerId)
    editor.pointerDown({
      pointerId: event.pointerId,
      point: local(event),
      pointerType: event.pointerType,
      button: event.button,
      shiftKey: event.shiftKey,
      hit: hitOf(target),
    })
  }
  const onPointerUp = (event: PointerEvent) => {
    board.releasePointerCapture?.(event.pointerId)
    editor.pointerUp({ pointerId: event.pointerId, point: local(event) })
  }
  const onBoardKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return
    const used = editor.keyDown({
      key: event.key,
      mod: event.ctrlKey || event.metaKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      onItem: itemOf(event.target),
    })
    if (used) event.preventDefault()
  }
  const onRootKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return
    const used = editor.rootKeyDown({
      key: event.key,
      mod: event.ctrlKey || event.metaKey,
      shiftKey: event.shiftKey,
    })
    if (used) event.preventDefault()
  }

  const context: ItemContext = { editor, content, canvasId, spotlit, editorsOf }
  /** The rendered ideas that take dots (the dot controls are drawn over them). */
  const voteTargets = createMemo(() => {
    if (!props.dots) return []
    return rendering.renderedBoxes().filter((id) => {
      const item = content.box(id)
      return item !== undefined && editor.votable(item)
    })
  })
  /** The camera, for the board's world and the dot controls' layer over it. */
  const worldStyle = () => {
    const { x, y, scale } = drawnCamera(state.camera.get(), window.devicePixelRatio || 1)
    // translateZ(0): its own compositor layer (a pan only moves it), see canvas.css.
    return { transform: `translate(${x}px, ${y}px) scale(${scale}) translateZ(0)` }
  }
  const notMine = () => editor.rights.notMine(editor.targets())
  const boardHintId = `canvas-hint-${canvasId}`

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: undo/redo shortcuts bubble up from the toolbar and the board
    <div class="canvas-board-area" onKeyDown={onRootKeyDown}>
      <BoardToolbar
        editor={editor}
        canvasId={canvasId}
        readOnly={props.readOnly}
        spotlit={spotlit}
        onSpotlight={props.onSpotlight}
        extraTools={props.extraTools}
        toolsOpen={props.toolsOpen}
        onToolsOpen={props.onToolsOpen}
      />
      <Show when={rights().privateWriting}>
        <PrivateBanner
          canvasId={canvasId}
          count={content.privateCount()}
          status={props.privateStatus}
        />
      </Show>
      <Show when={props.dots}>
        {(voting) => <DotVotingBar voting={voting()} message={state.dotMessage.get()} />}
      </Show>
      <div class="canvas-board-wrap">
        {/* Someone else's item chosen: what this person may do with it, in words. */}
        <Show when={state.editingId.get() === null && notMine().length > 0}>
          <p class="canvas-rights-hint">{editor.notYoursMessage(notMine())}</p>
        </Show>
        <div
          ref={board}
          class="canvas-board"
          classList={{
            'is-low-detail': rendering.lowDetail(),
            'is-zooming': state.zooming.get(),
            'is-panning': editor.interaction() === 'pan',
            'is-add-mode': state.addMode.get(),
            'is-connecting': state.connectFrom.get() !== null,
          }}
          role="listbox"
          aria-multiselectable="true"
          aria-label={t('canvas.board.label', { title: props.canvasTitle })}
          aria-describedby={boardHintId}
          aria-readonly={props.readOnly ? 'true' : undefined}
          tabindex={0}
          onKeyDown={onBoardKeyDown}
          onKeyUp={(event) => editor.keyUp(event.key)}
          onFocusIn={(event) => state.focusedId.set(itemOf(event.target))}
          onFocusOut={(event) => state.focusedId.set(itemOf(event.relatedTarget))}
          onPointerDown={onPointerDown}
          onPointerMove={(event) =>
            editor.pointerMove({
              pointerId: event.pointerId,
              point: local(event),
              pointerType: event.pointerType,
            })
          }
          onPointerUp={onPointerUp}
          onPointerCancel={(event) => editor.pointerCancel(event.pointerId)}
          onPointerLeave={(event) => editor.pointerLeave(event.pointerType)}
        >
          <div class="canvas-world" style={worldStyle()}>
            <ClusterOutlines content={content} />
            <For each={rendering.renderedBoxes()}>
              {(id) => <ItemView id={id} context={context} />}
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
              <For each={rendering.renderedConnectors()}>
                {(id) => <ConnectorView id={id} context={context} />}
              </For>
            </svg>
            <For each={rendering.renderedConnectors()}>
              {(id) => <ConnectorLabelView id={id} context={context} />}
            </For>
            <WorldOverlays
              editor={editor}
              canvasId={canvasId}
              origin={props.origin}
              spotlit={spotlit}
            />
          </div>
          {/* Over the world, which is opaque (its backdrop): see LowDetailLayer. */}
          <LowDetailLayer editor={editor} rendering={rendering} />
          <Cursors editor={editor} presence={presence} />
          <Show when={content.state.boxes.length === 0}>
            <p class="canvas-board__empty">
              {props.readOnly ? t('canvas.board.emptyReadOnly') : t('canvas.board.empty')}
            </p>
          </Show>
        </div>
        {/* Over the board, not in it (its listbox holds options only), on the same camera. */}
        <Show when={props.dots}>
          {(voting) => (
            <div class="canvas-dots-layer">
              <div class="canvas-world" style={worldStyle()}>
                <For each={voteTargets()}>
                  {(id) => (
                    <DotControls
                      voting={voting()}
                      itemId={id}
                      itemName={editor.labels.dotItem(id)}
                      rect={editor.rectOf(id)}
                      scale={state.camera.get().scale}
                      onChange={(delta) => editor.changeDots(id, delta)}
                    />
                  )}
                </For>
              </div>
            </div>
          )}
        </Show>
        <Minimap
          boxes={rendering.boxes}
          camera={state.camera.get}
          size={state.size.get}
          label={t('canvas.minimap.label')}
          onJump={(world) => {
            editor.autoFit.on = false
            editor.setView({ ...world, zoom: state.camera.get().scale })
          }}
        />
      </div>
      <BoardHelp hintId={boardHintId} voting={!!props.dots} readOnly={props.readOnly} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {state.announcement.get()}
      </p>
      <ClusterDialog editor={editor} />
    </div>
  )
}
