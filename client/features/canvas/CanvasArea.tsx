import {
  type Accessor,
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  lazy,
  onCleanup,
  Show,
  Suspense,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import {
  type CanvasRights,
  canvasRights,
  NO_CANVAS_RIGHTS,
  privateWritingPhase,
} from '../../../shared/schema/canvasRights.ts'
import { projectorFrame, setSpotlight } from '../../../shared/schema/flow.ts'
import type { ParticipantRecord } from '../../../shared/schema/index.ts'
import { managesWorkshop, type Writer } from '../../../shared/schema/rights.ts'
import { voteItems } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCanvasList } from '../../state/createCanvasList.ts'
import { createFlow, createResult } from '../../state/createFlow.ts'
import { createSaveStatus } from '../../sync/createSaveStatus.ts'
import { createPrivateReady, type PrivateConnection } from '../../sync/privateConnection.ts'
import { keepFocusOnRemoval } from '../../ui/keepFocus.ts'
import { Notice } from '../../ui/Notice.tsx'
import { OnScreen } from '../../ui/OnScreen.tsx'
import type { CanvasNavigator, CanvasView } from '../flow/canvasBridge.ts'
import { readLayers, stepFrameId } from '../phone/ideas.ts'
import { asksForBallot } from '../voting/ballotPhase.ts'
import { Board, type BoardApi } from './Board.tsx'
import { ToolButton } from './BoardToolbar.tsx'
import { CanvasManage, runCanvasChange } from './CanvasManage.tsx'
import { CanvasTabs } from './CanvasTabs.tsx'
import { createDotVoting } from './dotVoting.ts'
import type { BoardStep } from './followStep.ts'
import { CANVAS_MESSAGES } from './messages.ts'
import { ToolMenu } from './ToolMenu.tsx'
import './canvas.css'

// ── Slot of the outline view and the export menu (another part of the canvas feature) ────
// They are loaded only when used: a participant's first screen does not download them.
const CanvasOutline = lazy(() =>
  import('./outline/CanvasOutline.tsx').then((module) => ({ default: module.CanvasOutline })),
)
const ExportMenu = lazy(() =>
  import('./export/ExportMenu.tsx').then((module) => ({ default: module.ExportMenu })),
)
// The gradient / consent ballot: only downloaded when such a vote runs.
const BallotPanel = lazy(() => import('../voting/BallotPanel.tsx'))

export interface CanvasAreaProps {
  doc: Y.Doc
  awareness: Awareness | null
  role: Role
  identity: { participantId: string; name: string; group: PartnerGroup }
  /**
   * Who edits, as the server's write policy sees them: the role of the link and the participant
   * id the connection proved (null without one). Every control follows shared/schema/rights.ts.
   */
  writer: Writer
  participants: Accessor<ParticipantRecord[]>
  /** False for observers, for a document from a newer build, or before the first sync. */
  writable: boolean
  /** False until the document's content is known (first sync or local copy). */
  ready: boolean
  /**
   * This person's private document (their private notes and ballots), opened with the
   * identity issued at join; null for observers (or an identity without a secret).
   */
  privateConnection?: PrivateConnection | null
  /**
   * Show the gradient / consent ballot at the top of the canvas area while such a vote runs
   * (default). Pass false where the workspace mounts `BallotPanel` elsewhere.
   */
  showBallot?: boolean
  /**
   * Receives, once, what the workshop flow may ask of the canvas (see flow/canvasBridge.ts):
   * the current view, showing a view, a canvas or a spotlight. Called with null on unmount.
   */
  navigator?: (nav: CanvasNavigator | null) => void
  /** What lies over the board (the desktop's step card): the step's view is shown beside it. */
  cover?: Accessor<HTMLElement | undefined>
}

/** Origin of the dots this person places (ballots are not part of the canvas's undo). */
const DOTS_ORIGIN = 'fabrique:ballot'

/** A phase compared by what matters here (the flow is re-read on every timer change). */
const samePhase = (a: TemplatePhase | null, b: TemplatePhase | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.id === b.id &&
    JSON.stringify(a.allow) === JSON.stringify(b.allow) &&
    JSON.stringify(a.vote) === JSON.stringify(b.vote) &&
    JSON.stringify(a.focus) === JSON.stringify(b.focus))

/**
 * The workshop's canvases: a tab per canvas (create, rename, reorder, delete, lock), the
 * board of the chosen one, and, on demand, its outline view beside it.
 */
export const CanvasArea: Component<CanvasAreaProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(CANVAS_MESSAGES)
  /** Said while a lazy part (outline, export menu) loads. */
  const loadingPart = () => <p role="status">{t('canvas.loadingPart')}</p>
  /**
   * Origin of every change this connection makes to canvases: one object per connection, so
   * each person's undo manager tracks their own changes and never anyone else's.
   */
  const origin = Object.freeze({
    kind: 'fabrique:canvas',
    participant: props.identity.participantId,
  })
  const canvases = createCanvasList(props.doc, locale)
  const [chosenId, setChosenId] = createSignal<string | null>(null)
  const current = createMemo(
    () => canvases().find((canvas) => canvas.id === chosenId()) ?? canvases()[0] ?? null,
  )
  const currentId = createMemo(() => current()?.id ?? null)
  const [outline, setOutline] = createSignal(false)
  /** The board on screen and the canvas it shows (it is remade when the tab changes). */
  let boardApi: { canvasId: string; api: BoardApi } | null = null
  /** Phones: the "Tools" disclosure also shows the canvas management. */
  const [toolsOpen, setToolsOpen] = createSignal(false)
  const baseId = createUniqueId()
  const tabId = (id: string) => `${baseId}-tab-${id}`
  const panelId = `${baseId}-panel`
  /** Shows a canvas (none: the first); with `focus`, its tab takes the focus once drawn. */
  const choose = (id: string | null, focus: boolean) => {
    setChosenId(id)
    if (focus && id) queueMicrotask(() => document.getElementById(tabId(id))?.focus())
  }

  /** Canvases (create, delete, rename, order, lock), the flow and decisions are theirs. */
  const isFacilitator = () => managesWorkshop(props.writer)
  /** May this person create, rename, reorder or delete canvases? */
  const canManage = () => props.writable && isFacilitator()

  // ── The running phase: what it allows, private writing, dot voting ───────────────────────
  const flow = createFlow(props.doc)
  const phase = createMemo(
    () => {
      const state = flow()
      return state.status === 'running' ? state.phase : null
    },
    null,
    { equals: samePhase },
  )
  const privateConnection = props.privateConnection ?? null
  const privateReady = createPrivateReady(privateConnection)
  const privateStatus = privateConnection ? createSaveStatus(privateConnection.tracker) : null
  /** The phase is one of private writing (each person's notes stay theirs until the reveal). */
  const privatePhase = () => privateWritingPhase(props.writer, phase()?.allow ?? null)
  const locked = createMemo(() => current()?.locked ?? false)
  /**
   * What this person may do now on the canvas on screen: the answer the server's write policy
   * judges with (shared/schema/canvasRights.ts). Nothing while the document cannot be written.
   */
  const rights = createMemo(
    (): CanvasRights =>
      props.writable && currentId() !== null
        ? canvasRights(props.writer, {
            allow: phase()?.allow ?? null,
            locked: locked(),
            privateReady: privateReady(),
          })
        : NO_CANVAS_RIGHTS,
  )
  /** The board's and the outline's view of the shared layer, kept while its answers hold. */
  const sharedRules = createMemo(
    () => ({ write: rights().shared.write, move: rights().shared.move }),
    undefined,
    { equals: (a, b) => a.write === b.write && a.move === b.move },
  )

  const dotsPhase = createMemo(() => {
    const current = phase()
    return current?.vote?.kind === 'dots' && current.allow.vote ? current : null
  })
  const dots = createMemo(() => {
    const current = dotsPhase()
    const vote = current?.vote
    if (!current || vote?.kind !== 'dots' || !privateConnection || props.role === 'observer')
      return null
    return createDotVoting({
      privateDoc: privateConnection.doc,
      ready: privateReady,
      phaseId: current.id,
      vote,
      isItem: voteItems(props.doc, current),
      result: createResult(props.doc, () => current.id),
      origin: DOTS_ORIGIN,
    })
  })
  /** The dot vote takes place on the phase's canvas (on every canvas if it names none). */
  const dotsOn = (canvasId: string) => {
    const focus = dotsPhase()?.focus
    return !focus || !('canvas' in focus) || focus.canvas === canvasId ? dots() : null
  }
  const dotsElsewhere = () => {
    const focus = dotsPhase()?.focus
    if (!dots() || !focus || !('canvas' in focus) || focus.canvas === currentId()) return null
    return canvases().find((canvas) => canvas.id === focus.canvas) ?? null
  }
  /** A phase needs the private document, but this person has none (identity without secret). */
  const needsIdentity = () =>
    props.role !== 'observer' &&
    privateConnection === null &&
    (privatePhase() || !!phase()?.allow.vote)
  const privateStatusText = () => {
    const state = privateStatus?.().state
    if (!state) return ''
    if (state === 'saved') return t('private.status.saved')
    if (state === 'saving') return t('private.status.saving')
    if (state === 'offline') return t('private.status.offline')
    if (state === 'error') return t('private.status.error')
    return t('private.status.connecting')
  }

  /**
   * The running step and the frame it works in (the one the facilitator put on the stage): the
   * board opens on it, and goes to the next one's while the person leaves the camera there.
   */
  const step = createMemo(
    (): BoardStep => {
      const state = flow()
      return { key: `${state.status}:${state.phaseIndex}`, frameId: projectorFrame(state) }
    },
    undefined,
    { equals: (a, b) => a.key === b.key && a.frameId === b.frameId },
  )

  // ── What the workshop flow may ask (bring everyone to my view, phase focus, spotlight) ────
  /** The spotlight as the document holds it (the flow's `spotlight`). */
  const spotlight = createMemo(() => flow().spotlight, null, {
    equals: (a, b) => a?.canvasId === b?.canvasId && a?.itemId === b?.itemId,
  })
  /** The spotlit item when it is on that canvas. */
  const spotlightOn = (canvasId: string): string | null => {
    const target = spotlight()
    return target?.canvasId === canvasId ? target.itemId : null
  }
  /** The facilitator's "Spotlight" tool: puts an item of that canvas in the spotlight, or none. */
  const spotlightAction = (canvasId: string) => {
    if (!isFacilitator() || !props.writable) return undefined
    return (itemId: string | null) =>
      runCanvasChange(() => setSpotlight(props.doc, itemId ? { canvasId, itemId } : null, origin))
  }
  /** A view to show on a canvas whose board is not on screen yet (applied when it is). */
  let pendingView: CanvasView | null = null
  let area!: HTMLDivElement
  const navigator: CanvasNavigator = {
    currentView: () => {
      const id = currentId()
      if (!id || boardApi?.canvasId !== id) return null
      return { canvasId: id, ...boardApi.api.view() }
    },
    showView: (view) => {
      if (boardApi && boardApi.canvasId === view.canvasId && currentId() === view.canvasId) {
        boardApi.api.setView(view)
        return
      }
      pendingView = view
      setChosenId(view.canvasId)
    },
    showCanvas: (canvasId) => {
      if (currentId() !== canvasId) setChosenId(canvasId)
    },
    // The item is marked from the document's flow (above); this shows its canvas.
    setSpotlight: (target) => {
      // Show the spotlit item's canvas, unless this person is working in the canvas area (a
      // tab change would take their focus; the phase banner quotes the item meanwhile).
      const working = area?.contains(document.activeElement) ?? false
      if (target && target.canvasId !== currentId() && !working) setChosenId(target.canvasId)
    },
  }
  props.navigator?.(navigator)
  onCleanup(() => props.navigator?.(null))

  return (
    <div
      ref={area}
      class="canvas-area"
      classList={{ 'is-tools-open': toolsOpen() }}
      // A note revealed or deleted by others, dots or a ballot gone with their step: the focus
      // that was on them goes to the board.
      onFocusOut={keepFocusOnRemoval(() => area.querySelector<HTMLElement>('.canvas-board'))}
    >
      {/* Its chunk loads only while a phase asks for a ballot. */}
      <Show when={props.showBallot !== false && asksForBallot(phase())}>
        <Suspense>
          <BallotPanel doc={props.doc} privateConnection={privateConnection} role={props.role} />
        </Suspense>
      </Show>
      <Show when={needsIdentity()}>
        <Notice>{t('identity.missing')}</Notice>
      </Show>
      <div class="canvas-tabs-bar">
        <CanvasTabs
          canvases={canvases()}
          currentId={currentId()}
          ready={props.ready}
          tabId={tabId}
          panelId={panelId}
          onChoose={choose}
        />
        <CanvasManage
          doc={props.doc}
          origin={origin}
          canvases={canvases()}
          current={current()}
          canManage={canManage()}
          onChoose={(id) => choose(id, true)}
        />
      </div>

      <Show when={currentId()} keyed>
        {(id) => (
          <div
            id={panelId}
            class="canvas-panel"
            classList={{ 'canvas-panel--with-outline': outline() }}
            role="tabpanel"
            aria-labelledby={tabId(id)}
          >
            <Show when={current()?.locked && !isFacilitator()}>
              <Notice>
                <span class="canvas-locked">{t('canvas.locked.participant')}</span>
              </Notice>
            </Show>
            <Show when={current()?.locked && isFacilitator()}>
              <p class="canvas-locked muted">{t('canvas.locked.facilitator')}</p>
            </Show>
            <Show when={privatePhase() && privateConnection && !privateReady()}>
              <p class="muted" role="status">
                {t('private.connecting')}
              </p>
            </Show>
            <Show when={dotsElsewhere()}>
              {(canvas) => (
                <p class="canvas-dots-elsewhere">
                  {t('voting.dots.notHere', { title: canvas().title })}
                </p>
              )}
            </Show>
            <div class="canvas-panel__body">
              <Show when={outline()}>
                <section class="canvas-outline-slot" aria-label={t('canvas.outline.region')}>
                  {/* ── Slot: the outline view (client/features/canvas/outline/) ── */}
                  <Suspense fallback={loadingPart()}>
                    <CanvasOutline
                      doc={props.doc}
                      canvasId={id}
                      origin={origin}
                      readOnly={rights().readOnly}
                      identity={{
                        participantId: props.identity.participantId,
                        group: props.identity.group,
                      }}
                      writer={props.writer}
                      rules={sharedRules()}
                      noWrite={t(privatePhase() ? 'private.sharedLocked' : 'voting.phase.noWrite')}
                      onFocusItem={(itemId) => boardApi?.api.focusItem(itemId)}
                    />
                  </Suspense>
                </section>
              </Show>
              <Board
                doc={props.doc}
                canvasId={id}
                canvasTitle={current()?.title ?? ''}
                origin={origin}
                readOnly={rights().readOnly}
                identity={props.identity}
                writer={props.writer}
                awareness={props.awareness}
                participants={props.participants}
                privateDoc={privateConnection?.doc ?? null}
                privateStatus={privateStatusText()}
                rights={rights()}
                dots={dotsOn(id)}
                ref={(api) => {
                  boardApi = { canvasId: id, api }
                  const view = pendingView
                  if (view?.canvasId === id) {
                    pendingView = null
                    api.setView(view)
                  }
                }}
                step={step()}
                stepFrame={() =>
                  stepFrameId(
                    flow(),
                    readLayers(props.doc, privateConnection?.doc ?? null, id),
                    locale(),
                    false,
                  )
                }
                cover={props.cover}
                spotlightId={spotlightOn(id)}
                onSpotlight={spotlightAction(id)}
                toolsOpen={toolsOpen()}
                onToolsOpen={setToolsOpen}
                extraTools={
                  <>
                    <ToolButton
                      label={t('canvas.outline.toggle')}
                      icon="☰"
                      pressed={outline()}
                      onClick={() => setOutline(!outline())}
                    />
                    {/* ── Slot: the export menu (client/features/canvas/export/) ── */}
                    <ToolMenu label={t('canvas.tool.export')} icon="⇩" alignEnd>
                      {/* Its chunk loads when the menu first opens (the panel is hidden till then). */}
                      <OnScreen placeholder={loadingPart()} margin="0px">
                        <Suspense>
                          <ExportMenu
                            doc={props.doc}
                            canvasId={id}
                            canvasTitle={current()?.title ?? ''}
                          />
                        </Suspense>
                      </OnScreen>
                    </ToolMenu>
                  </>
                }
              />
            </div>
          </div>
        )}
      </Show>
    </div>
  )
}

export default CanvasArea
