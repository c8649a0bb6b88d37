import {
  type Accessor,
  type Component,
  createEffect,
  createMemo,
  createSignal,
  For,
  lazy,
  Match,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from 'solid-js'
import type * as Y from 'yjs'
import { isBox } from '../../../shared/canvas/kinds/index.ts'
import {
  type BoxItem,
  displayText,
  displayTitle,
  documentBody,
  type FlowState,
  fragmentSections,
  listCharters,
  listDocuments,
  observePlan,
  projectorFrame,
  projectorSection,
  readCanvasContent,
  sectionOf,
} from '../../../shared/schema/index.ts'
import { CONSENT_VALUES, GRADIENT_POINTS } from '../../../shared/schema/votes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { FitText } from '../../ui/FitText.tsx'
import { DueList } from '../due/LazyDueList.tsx'
import { canvasTitleOf, createDocVersion, itemText } from '../flow/docText.ts'
import { createStepResults } from '../flow/results.ts'
import { pageOfChange, planPages, planPageTitle } from '../plan/planPages.ts'
import { useGradientLabel } from '../voting/labels.ts'
import { ProjectorNotes } from './ProjectorNotes.tsx'
import {
  type BoardView,
  boardFocus,
  frameContent,
  readableAt,
  readableFrame,
  stageFocus,
  writtenContent,
} from './stageFocus.ts'

const VoteResults = lazy(() => import('../flow/VoteResults.tsx'))
const ProjectorCanvas = lazy(() => import('./ProjectorCanvas.tsx'))
const PlanPageView = lazy(() =>
  import('../plan/PlanReading.tsx').then((module) => ({ default: module.PlanPageView })),
)

/** Text fitted to the stage starts from 6 % of its height (about 50 px on a 1080p screen). */
const TEXT = 0.06

export interface ProjectorStageProps {
  doc: Y.Doc
  flow: Accessor<FlowState>
  /** What the stage shows when the step points at nothing (the room's next move, in words). */
  fallback: Component
}

/**
 * The projector's stage: what the running step is about, fitted and large: its published
 * results and those of the votes it looks back at (all of them, scaled to fit), its canvas (on
 * the board, or the frame on the stage read as its notes when the board cannot show them
 * readably), its document's current section, the plan's current part, its charter; else
 * `fallback`.
 */
export const ProjectorStage: Component<ProjectorStageProps> = (props) => {
  const { t, locale } = useI18n()
  const version = createDocVersion(props.doc)
  const phase = () => (props.flow().status === 'running' ? props.flow().phase : null)
  const zoom = () => props.flow().projector.zoom
  /**
   * The published results the step shows: its vote's, then those it looks back at; of several,
   * the one the facilitator put on the stage, else all of them.
   */
  const stepResults = createStepResults(props.doc, props.flow)
  const results = createMemo(() => {
    const all = stepResults()
    const chosen = projectorSection(props.flow())
    if (chosen === null || all.length < 2) return all
    return all.slice(Math.min(chosen, all.length - 1)).slice(0, 1)
  })
  const ownResult = () => stepResults().some((entry) => entry.phase.id === phase()?.id)
  const focus = () => phase()?.focus ?? null
  const gradientLabel = useGradientLabel()
  /** A gradient or consent vote before its results: what is proposed and the choices. */
  const proposal = createMemo(() => {
    const vote = phase()?.vote
    if (!vote || vote.kind === 'dots' || ownResult()) return null
    const choices =
      vote.kind === 'gradient'
        ? Array.from({ length: GRADIENT_POINTS[vote.scale] }, (_, i) =>
            gradientLabel(vote.scale, i + 1),
          )
        : CONSENT_VALUES.map((value) => t(`voting.consent.${value}`))
    return { proposal: vote.proposal, choices }
  })
  const canvas = createMemo(() => {
    version()
    const target = focus()
    if (!target || !('canvas' in target)) return null
    const title = canvasTitleOf(props.doc, target.canvas, locale())
    return title ? { id: target.canvas, title } : null
  })
  const spotlight = () => {
    const target = props.flow().spotlight
    return target && target.canvasId === canvas()?.id ? target.itemId : null
  }
  const boxes = createMemo((): BoxItem[] => {
    version()
    const on = canvas()
    try {
      return on ? readCanvasContent(props.doc, on.id).items.filter(isBox) : []
    } catch {
      return []
    }
  })
  const frameTitle = createMemo(() => {
    version()
    const id = projectorFrame(props.flow())
    const on = canvas()
    return id && on && frameContent(boxes(), id) ? itemText(props.doc, on.id, id, locale()) : null
  })
  /** The board's room on the stage, in pixels (0 until measured, and where nothing measures). */
  const [area, setArea] = createSignal({ w: 0, h: 0 })
  const measure = (element: HTMLElement) => {
    if (typeof ResizeObserver === 'undefined') return
    const resized = new ResizeObserver(() =>
      setArea({ w: element.clientWidth, h: element.clientHeight }),
    )
    resized.observe(element)
    onCleanup(() => resized.disconnect())
  }
  /**
   * How the canvas is shown: on the board (the spotlit item; the frame on the stage while its
   * notes are readable there; else the whole canvas), or the frame's notes, reflowed.
   */
  const view = createMemo((): BoardView | { notes: BoxItem[] } => {
    const all = boxes()
    const id = projectorFrame(props.flow())
    const notes = id && !spotlight() ? frameContent(all, id) : null
    const screen = window.innerHeight
    if (id && notes) return readableFrame(all, id, area(), screen, zoom()) ?? { notes }
    const whole = boardFocus(all, spotlight())
    const written = writtenContent(all)
    if (spotlight() || written.length === 0 || readableAt(whole, area(), screen, zoom()))
      return { rect: whole, only: null }
    // The whole canvas is too small to read at 3 m: what was written, else its notes reflowed.
    const rect = stageFocus(all, null, null)
    return readableAt(rect, area(), screen, zoom()) ? { rect, only: null } : { notes: written }
  })
  const board = () => {
    const shown = view()
    return 'rect' in shown ? shown : { rect: null, only: null }
  }
  const frameNotes = () => {
    const shown = view()
    return 'notes' in shown ? shown.notes : null
  }

  /** The section of the step's document someone edited last (the stage follows the work). */
  const [lastEdited, setLastEdited] = createSignal<{ document: string; section: number } | null>(
    null,
  )
  createEffect(() => {
    const target = focus()
    const body = target && 'document' in target ? documentBody(props.doc, target.document) : null
    if (!target || !('document' in target) || !body) return
    const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const section = events.map((event) => sectionOf(body, event.target)).find((n) => n !== null)
      if (section !== undefined && section !== null)
        setLastEdited({ document: target.document, section })
    }
    body.observeDeep(onChange)
    onCleanup(() => body.unobserveDeep(onChange))
  })
  const docSection = createMemo(() => {
    version()
    const target = focus()
    if (!target || !('document' in target)) return null
    const info = listDocuments(props.doc).find((entry) => entry.id === target.document)
    const body = documentBody(props.doc, target.document)
    if (!info || !body) return null
    const sections = fragmentSections(body)
    const chosen = projectorSection(props.flow())
    const edited = lastEdited()
    const wanted = chosen ?? (edited?.document === target.document ? edited.section : 0)
    const index = Math.min(wanted, Math.max(0, sections.length - 1))
    return { title: displayTitle(info, locale()), section: sections[index] ?? null }
  })
  /** The part of the plan someone edited last (the stage follows the work). */
  const [planEdited, setPlanEdited] = createSignal<number | null>(null)
  const onPlan = () => {
    const target = focus()
    return !!target && 'plan' in target
  }
  createEffect(() => {
    if (!onPlan()) return
    const stop = observePlan(props.doc, (events) => {
      const page = pageOfChange(planPages(props.doc), events)
      if (page !== null) setPlanEdited(page)
    })
    onCleanup(stop)
  })
  /** The plan's part on the stage: the facilitator's choice, else the one edited last. */
  const planPart = createMemo(() => {
    version()
    if (!onPlan()) return null
    const pages = planPages(props.doc)
    const wanted = projectorSection(props.flow()) ?? planEdited() ?? 0
    return { page: pages[Math.min(wanted, pages.length - 1)] ?? null }
  })
  const charter = createMemo(() => {
    version()
    const target = focus()
    if (!target || !('charter' in target)) return null
    const found = listCharters(props.doc).find((entry) => entry.id === target.charter)
    if (!found) return null
    const items = found.items.map((item) => ({ ...item, text: displayText(item, locale()) }))
    return { ...found, title: displayTitle(found, locale()), items }
  })
  const caption = (text: string) => <p class="projector__caption">{text}</p>

  return (
    <Suspense fallback={<p role="status">{t('flow.results.loading')}</p>}>
      <Switch fallback={<props.fallback />}>
        <Match when={results().length > 0}>
          <FitText class="projector__fit" largest={TEXT * zoom()}>
            {/* Several side by side, each a column of its rows: stacked, three charts of
                eight rows shared the stage's height, their labels too small to read at 3 m. */}
            <div
              class="projector__results"
              classList={{ 'projector__results--several': results().length > 1 }}
              style={{ '--results': results().length }}
            >
              <For each={results()}>
                {(entry) => (
                  <VoteResults
                    doc={props.doc}
                    phase={entry.phase}
                    result={entry.result}
                    size="large"
                  />
                )}
              </For>
            </div>
          </FitText>
        </Match>
        <Match when={proposal()}>
          {(vote) => (
            <div class="projector__document">
              {caption(t('projector.stage.vote'))}
              <FitText class="projector__fit" largest={TEXT * zoom()}>
                <p class="projector__proposal">{vote().proposal[locale()]}</p>
                <ol class="projector__scale">
                  <For each={vote().choices}>{(choice) => <li>{choice}</li>}</For>
                </ol>
              </FitText>
            </div>
          )}
        </Match>
        <Match when={canvas()}>
          {(shown) => (
            <div class="projector__canvas">
              {caption(
                frameTitle()
                  ? t('projector.stage.frame', { canvas: shown().title, frame: frameTitle() ?? '' })
                  : shown().title,
              )}
              <div class="projector__view" ref={measure}>
                <Show
                  when={frameNotes()}
                  fallback={
                    // Keyed: a step on another canvas makes a new board (a board shows one canvas).
                    <Show when={shown().id} keyed>
                      {(id) => (
                        <ProjectorCanvas
                          doc={props.doc}
                          canvasId={id}
                          canvasTitle={shown().title}
                          view={board}
                          spotlightId={spotlight}
                          zoom={zoom}
                        />
                      )}
                    </Show>
                  }
                >
                  {(notes) => <ProjectorNotes notes={notes} zoom={zoom} />}
                </Show>
              </div>
            </div>
          )}
        </Match>
        <Match when={docSection()}>
          {(shown) => (
            <div class="projector__document">
              {caption(t('projector.stage.document', { title: shown().title }))}
              <FitText class="projector__fit" largest={TEXT * zoom()}>
                <Show
                  when={shown().section?.html}
                  fallback={<p class="muted">{t('projector.stage.emptySection')}</p>}
                >
                  {/* Sanitised by fragmentToHtml's rules: known blocks and marks, text escaped. */}
                  <div class="projector__section" innerHTML={shown().section?.html ?? ''} />
                </Show>
              </FitText>
            </div>
          )}
        </Match>
        {/* A step that reviews what is due: that, rather than a part of the plan. */}
        <Match when={phase()?.reviewsDue}>
          <div class="projector__document">
            <FitText class="projector__fit" largest={TEXT * zoom()}>
              <DueList doc={props.doc} stage showEmpty level={2} />
            </FitText>
          </div>
        </Match>
        <Match when={planPart()}>
          {(shown) => (
            <div class="projector__document">
              {caption(
                (() => {
                  const page = shown().page
                  return page
                    ? t('projector.stage.plan', { title: planPageTitle(page, t) })
                    : t('flow.banner.focusPlan')
                })(),
              )}
              <FitText class="projector__fit" largest={TEXT * zoom()}>
                <Show
                  when={shown().page}
                  fallback={<p class="muted">{t('projector.stage.emptySection')}</p>}
                >
                  {(page) => (
                    <div class="projector__section">
                      <PlanPageView page={page()} />
                    </div>
                  )}
                </Show>
              </FitText>
            </div>
          )}
        </Match>
        <Match when={charter()}>
          {(shown) => (
            <div class="projector__document">
              {caption(t('projector.stage.charter', { title: shown().title }))}
              <FitText class="projector__fit" largest={TEXT * zoom()}>
                <ul class="projector__charter">
                  <For each={shown().items}>{(item) => <li>{item.text}</li>}</For>
                </ul>
              </FitText>
            </div>
          )}
        </Match>
        <Match when={focus()}>
          <FitText class="projector__fit" largest={TEXT * zoom()}>
            <p class="muted">{t('projector.stage.missing')}</p>
          </FitText>
        </Match>
      </Switch>
    </Suspense>
  )
}
