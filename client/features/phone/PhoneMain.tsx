import {
  type Accessor,
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  type JSX,
  lazy,
  Match,
  Show,
  Suspense,
  Switch,
} from 'solid-js'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import {
  type CanvasRights,
  canvasRights,
  NO_CANVAS_RIGHTS,
  privateWritingPhase,
} from '../../../shared/schema/canvasRights.ts'
import type { DueTarget, FlowState } from '../../../shared/schema/index.ts'
import type { ArtefactRights, Writer } from '../../../shared/schema/rights.ts'
import { voteItems } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCanvasList } from '../../state/createCanvasList.ts'
import { createResult } from '../../state/createFlow.ts'
import { createKeyedList } from '../../state/createKeyedList.ts'
import { createPrivateReady, type PrivateConnection } from '../../sync/privateConnection.ts'
import { keepFocusOnRemoval } from '../../ui/keepFocus.ts'
import { createDotVoting } from '../canvas/dotVoting.ts'
import { DueList } from '../due/LazyDueList.tsx'
import { createDocVersion } from '../flow/docText.ts'
import { ResultsArea } from '../flow/ResultsArea.tsx'
import { createStepCue } from '../flow/stepCue.ts'
import { asksForBallot } from '../voting/ballotPhase.ts'
import { Composer } from './Composer.tsx'
import { DocumentReader } from './DocumentReader.tsx'
import { DotList } from './DotList.tsx'
import { EndedActions } from './EndedActions.tsx'
import {
  type IdeaGroup,
  type Layers,
  PHONE_ORIGIN,
  readLayers,
  stepCanvasId,
  stepFrameId,
  stepFrames,
  voteIdeas,
} from './ideas.ts'
import { PHONE_MESSAGES } from './messages.ts'
import { PhoneStepCard } from './PhoneStepCard.tsx'
import './phone.css'

// Each is only downloaded when a step asks for it.
const BallotPanel = lazy(() => import('../voting/BallotPanel.tsx'))
const CharterRating = lazy(() => import('./CharterRating.tsx'))
const PlanReader = lazy(() => import('../plan/PlanReading.tsx'))

export interface PhoneMainProps {
  doc: Y.Doc
  flow: Accessor<FlowState>
  now: Accessor<number>
  role: Role
  identity: { participantId: string; group: PartnerGroup }
  /** Who edits, as the server's write policy sees this connection. */
  writer: Writer
  /** May this person write now (document known, not ended, not an observer)? */
  writable: boolean
  /** The document's content is known (first sync or this device's copy). */
  ready: boolean
  privateConnection: PrivateConnection | null
  /** What the running phase lets this person do to documents and charters. */
  artefacts: ArtefactRights
  /** The workspace's board (its canvas area), rendered only while "Voir le tableau" shows it. */
  board: () => JSX.Element
  /** Joined through the form just now: the focus, left on nothing, goes to the step card. */
  joined?: boolean
  /** Opens the side panel on the step's document, charter or plan (to change it), or the exports. */
  onOpen: (tab: 'documents' | 'charters' | 'plan' | 'versions') => void
  /** Opens an action in the Plan tab, or a decision in the log (from what is due). */
  onReveal?: (target: DueTarget) => void
}

/** What the step asks of this person, on a phone ('ended': what they can still do). */
type Action =
  | 'ballot'
  | 'dots'
  | 'charter'
  | 'document'
  | 'plan'
  | 'write'
  | 'wait'
  | 'look'
  | 'ended'

/** A phase compared by what the phone's screen depends on (the flow changes every timer tick). */
const phaseKey = (phase: TemplatePhase | null) =>
  phase ? JSON.stringify([phase.id, phase.allow, phase.vote, phase.focus, phase.reviewsDue]) : ''

/**
 * A participant's phone: the step card on top, then what the step asks (write ideas, vote,
 * rate a charter, read the document or the plan) with large touch targets; the board on demand ("Voir le
 * tableau"), fitted to the step's frame, readable, with a way back. When the step changes, the
 * screen comes back to the step's action and says so, in a banner and to screen readers.
 */
export const PhoneMain: Component<PhoneMainProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(PHONE_MESSAGES)
  const [view, setView] = createSignal<'step' | 'board'>('step')
  const [cardOpen, setCardOpen] = createSignal(false)
  const phase = createMemo(
    () => {
      const state = props.flow()
      return state.status === 'running' ? state.phase : null
    },
    null,
    { equals: (a, b) => phaseKey(a) === phaseKey(b) },
  )
  const canvases = createCanvasList(props.doc, locale)
  const canvasId = createMemo(() => stepCanvasId(props.flow(), canvases()))
  const canvas = () => canvases().find((entry) => entry.id === canvasId()) ?? null
  const privateConnection = props.privateConnection
  const privateDoc = privateConnection?.doc ?? null
  const privateReady = createPrivateReady(privateConnection)
  const rights = createMemo(
    (): CanvasRights =>
      props.writable && canvas()
        ? canvasRights(props.writer, {
            allow: phase()?.allow ?? null,
            locked: canvas()?.locked ?? false,
            privateReady: privateReady(),
          })
        : NO_CANVAS_RIGHTS,
  )
  const voter = () => props.role !== 'observer' && privateConnection !== null
  const action = createMemo((): Action => {
    if (props.flow().status === 'ended') return 'ended'
    const current = phase()
    if (current && asksForBallot(current) && voter()) return 'ballot'
    if (current?.vote?.kind === 'dots' && current.allow.vote && voter()) return 'dots'
    const focus = current?.focus
    if (focus && 'charter' in focus) return 'charter'
    if (focus && 'document' in focus) return 'document'
    if (focus && 'plan' in focus) return 'plan'
    if (canvasId() && rights().layerFor('note')) return 'write'
    if (props.writable && privateWritingPhase(props.writer, current?.allow ?? null)) return 'wait'
    return 'look'
  })

  /** The step's canvas in both documents, re-read after a change to either. */
  const createLayers = (): Accessor<Layers> => {
    const version = createDocVersion(props.doc)
    const own = privateDoc ? createDocVersion(privateDoc) : () => 0
    return createMemo(() => {
      version()
      own()
      const id = canvasId()
      return id ? readLayers(props.doc, privateDoc, id) : { shared: [], mine: [] }
    })
  }

  // ── The board on demand: it opens on what the step is about, as on a desktop (Board) ────
  const boardTitle = createUniqueId()
  let backButton: HTMLButtonElement | undefined
  let openButton: HTMLButtonElement | undefined
  const openBoard = () => {
    setView('board')
    queueMicrotask(() => backButton?.focus())
  }
  const closeBoard = () => {
    setView('step')
    queueMicrotask(() => openButton?.focus())
  }

  // ── A new step: back to its action, said in a banner and to screen readers ────────────────
  let action_: HTMLDivElement | undefined
  let heading: HTMLHeadingElement | undefined
  const { cue } = createStepCue(
    props.flow,
    () => props.ready,
    () => {
      setView('step')
      setCardOpen(false)
      requestAnimationFrame(() => {
        if (action_) action_.scrollTop = 0
        // What had the focus went with the step (or the board): it comes to the new action.
        const focused = document.activeElement
        if (!focused || focused === document.body) heading?.focus({ preventScroll: true })
      })
    },
  )

  const focusOf = (kind: 'document' | 'charter'): string | null => {
    const focus = phase()?.focus
    if (kind === 'document') return focus && 'document' in focus ? focus.document : null
    return focus && 'charter' in focus ? focus.charter : null
  }
  const lookText = () => {
    if (props.role === 'observer') return t('workshop.readOnly')
    if (!props.ready) return t('app.loading')
    return t('phone.look.body')
  }

  return (
    <div class="phone-main" data-view={view()}>
      {/* Once ended, the step card says so: the cue is for screen readers only. */}
      <p
        class="phone-cue"
        role="status"
        classList={{
          'phone-cue--shown': cue() !== '',
          'visually-hidden': props.flow().status === 'ended',
        }}
      >
        {cue()}
      </p>
      <Show
        when={view() === 'step'}
        fallback={
          <section class="phone-board" aria-labelledby={boardTitle}>
            <h2 id={boardTitle} class="visually-hidden">
              {t('workspace.board')}
            </h2>
            <div class="phone-board__bar">
              <button
                ref={backButton}
                type="button"
                class="button button--primary phone-board__back"
                onClick={closeBoard}
              >
                <span aria-hidden="true">← </span>
                {t('phone.board.back')}
              </button>
            </div>
            {props.board()}
          </section>
        }
      >
        <PhoneStepCard
          doc={props.doc}
          flow={props.flow}
          now={props.now}
          open={cardOpen()}
          takeFocus={props.joined}
          onToggle={() => setCardOpen(!cardOpen())}
        />
        <div class="phone-action" ref={action_} onFocusOut={keepFocusOnRemoval(() => heading)}>
          <h2 ref={heading} class="visually-hidden" tabindex="-1">
            {t('phone.action.title')}
          </h2>
          {/* Once ended, what this person can still do comes first, the results after it. */}
          <Show when={action() === 'ended'}>
            <EndedActions onOpen={(tab) => props.onOpen(tab)} />
          </Show>
          {/* What is due: at a step that reviews it (above the plan), and between sessions. */}
          <Show when={phase()?.reviewsDue || props.flow().status !== 'running'}>
            <DueList
              doc={props.doc}
              onOpen={props.onReveal}
              showEmpty={phase()?.reviewsDue === true}
              level={2}
            />
          </Show>
          <ResultsArea doc={props.doc} flow={props.flow} />
          <Switch>
            <Match when={action() === 'ballot'}>
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                <BallotPanel
                  doc={props.doc}
                  privateConnection={privateConnection}
                  role={props.role}
                />
              </Suspense>
            </Match>
            <Match when={action() === 'dots' && phase()} keyed>
              {(current) => (
                <PhoneDots
                  doc={props.doc}
                  phase={current}
                  canvases={canvases}
                  privateConnection={privateConnection}
                  ready={privateReady}
                />
              )}
            </Match>
            <Match when={action() === 'charter' && focusOf('charter')} keyed>
              {(charterId) => (
                <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                  <CharterRating
                    doc={props.doc}
                    charterId={charterId}
                    participantId={props.identity.participantId}
                    canRate={props.writable && props.artefacts.position}
                  />
                </Suspense>
              )}
            </Match>
            <Match when={action() === 'document' && focusOf('document')} keyed>
              {(documentId) => (
                <DocumentReader
                  doc={props.doc}
                  documentId={documentId}
                  canEdit={props.writable && props.artefacts.edit}
                  onEdit={() => props.onOpen('documents')}
                />
              )}
            </Match>
            <Match when={action() === 'plan'}>
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                <PlanReader
                  doc={props.doc}
                  canEdit={props.writable && props.artefacts.edit}
                  onEdit={() => props.onOpen('plan')}
                />
              </Suspense>
            </Match>
            <Match when={action() === 'write' && canvas()}>
              {(shown) => {
                const layers = createLayers()
                const frames = createMemo(() => stepFrames(layers(), locale()))
                // The frame this person chose, for the step they chose it in.
                const [chosen, setChosen] = createSignal<{ step: string; frameId: string }>()
                const frameId = () => {
                  const choice = chosen()
                  const held =
                    choice?.step === (phase()?.id ?? '') &&
                    frames().some((frame) => frame.id === choice.frameId)
                  return held ? choice.frameId : stepFrameId(props.flow(), layers(), locale())
                }
                return (
                  <Composer
                    doc={props.doc}
                    privateDoc={privateDoc}
                    canvasId={shown().id}
                    canvasTitle={shown().title}
                    rights={rights()}
                    frames={frames()}
                    frameId={frameId()}
                    onChooseFrame={(id) => setChosen({ step: phase()?.id ?? '', frameId: id })}
                    identity={props.identity}
                    layers={layers}
                  />
                )
              }}
            </Match>
            <Match when={action() === 'wait'}>
              <p class="phone-look" role="status">
                {privateConnection ? t('private.connecting') : t('identity.missing')}
              </p>
            </Match>
            <Match when={action() === 'look'}>
              <p class="phone-look">{lookText()}</p>
            </Match>
          </Switch>
        </div>
        <div class="phone-main__foot">
          <button
            ref={openButton}
            type="button"
            class="button button--secondary phone-main__board"
            onClick={openBoard}
          >
            {t('phone.board.open')}
          </button>
        </div>
      </Show>
    </div>
  )
}

/**
 * The dot vote of `phase` on a phone: the board's ballot logic, the ideas as a list. Its
 * ideas are its canvas's, or every canvas's when its focus is not a canvas (as the server
 * counts them, `voteItems`); then each group says which canvas it is on.
 */
const PhoneDots: Component<{
  doc: Y.Doc
  phase: TemplatePhase
  canvases: Accessor<Array<{ id: string; title: string }>>
  privateConnection: PrivateConnection | null
  ready: Accessor<boolean>
}> = (props) => {
  const { t, locale } = useI18n()
  const vote = props.phase.vote
  const privateConnection = props.privateConnection
  if (vote?.kind !== 'dots' || !privateConnection) return null
  const voting = createDotVoting({
    privateDoc: privateConnection.doc,
    ready: props.ready,
    phaseId: props.phase.id,
    vote,
    isItem: voteItems(props.doc, props.phase),
    result: createResult(props.doc, () => props.phase.id),
    origin: PHONE_ORIGIN,
  })
  const version = createDocVersion(props.doc)
  /** A frame's title when the vote spans canvases: which canvas it is on. */
  const inCanvas = (canvas: string, frame: string) =>
    frame ? t('projector.stage.frame', { canvas, frame }) : canvas
  // Keyed (a group by its canvas and frame, an idea by its id): closing the vote, or anyone's
  // change to the document, leaves the rows and the focus on their buttons where they are.
  const groups = createKeyedList((): Array<IdeaGroup & { id: string }> => {
    version()
    const focus = props.phase.focus
    const on =
      focus && 'canvas' in focus
        ? props.canvases().filter((canvas) => canvas.id === focus.canvas)
        : props.canvases()
    return on.flatMap((canvas) =>
      voteIdeas(readLayers(props.doc, null, canvas.id).shared, locale()).map((group) => ({
        ...group,
        id: `${canvas.id}/${group.frameId ?? ''}`,
        title: on.length > 1 ? inCanvas(canvas.title, group.title) : group.title,
      })),
    )
  })
  return <DotList voting={voting} groups={groups} />
}

export default PhoneMain
