import { type Accessor, type Component, createMemo, createSignal, For, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  bringEveryoneTo,
  displayTitle,
  endWorkshop,
  extendTimer,
  type FlowState,
  goToPhase,
  listCanvases,
  pauseTimer,
  resumeTimer,
  setCanvasLocked,
  setSpotlight,
  startWorkshop,
} from '../../../shared/schema/index.ts'
import { readResult } from '../../../shared/schema/votes.ts'
import { closeVote, failureText } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { type CanvasNavigator, markBringToMeSent } from './canvasBridge.ts'
import { createDocVersion, itemText } from './docText.ts'
import { createLeaveStep, type Leave } from './leaveStep.tsx'
import { PrivateWriting } from './PrivateWriting.tsx'
import { createResultsVersion } from './results.ts'
import { SaveTemplateDialog } from './SaveTemplateDialog.tsx'
import './flow.css'

export interface FacilitatorBarProps {
  workshopId: string
  /** The facilitator token (reveal, close the vote and save as template are HTTP calls). */
  token: string
  doc: Y.Doc
  flow: Accessor<FlowState>
  /** Origin of this connection's transactions. */
  origin: unknown
  /** The canvas board's view, when the canvas feature provides it ("bring everyone to me"). */
  navigator?: Accessor<CanvasNavigator | null>
  /** False before the first sync or for a document from a newer build. */
  writable: boolean
  /** Suggested title when saving as a template. */
  workshopTitle?: string
}

/**
 * The facilitator's controls: start, previous, next, end; the timer; what everyone sees
 * (bring to my view, spotlight, lock); reveal private notes; close the vote; the list of
 * steps; save as template. Every control is a real button with a spoken name.
 */
export const FacilitatorBar: Component<FacilitatorBarProps> = (props) => {
  const { t, locale } = useI18n()
  const flow = props.flow
  const version = createDocVersion(props.doc)
  const resultsVersion = createResultsVersion(props.doc)
  const [error, setError] = createSignal<string | null>(null)
  const [message, setMessage] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<'reveal' | 'close' | null>(null)
  const [confirmEnd, setConfirmEnd] = createSignal(false)
  const [saving, setSaving] = createSignal(false)

  const phases = () => flow().phases
  const index = () => flow().phaseIndex
  const phase = () => flow().phase
  const status = () => flow().status
  const next = () => phases()[index() + 1] ?? null
  const title = (p: { title: { fr: string; en: string } }) => p.title[locale()]

  const describe = (cause: unknown) => failureText(cause, t('flow.controls.errorNetwork'))

  let section!: HTMLElement
  let phaseGroup!: HTMLDivElement
  /**
   * A button that disappears after its action (Start, the last Next, Close the vote) must not
   * leave keyboard focus on the page's body: move it to the first step control, else the title.
   */
  const keepFocus = () =>
    queueMicrotask(() => {
      const active = document.activeElement
      if (active && active !== document.body && active.isConnected) return
      const target =
        phaseGroup?.querySelector<HTMLElement>('button:not([disabled])') ??
        section.querySelector<HTMLElement>('#facilitator-bar-title')
      target?.focus()
    })

  /** Runs a change of the document; a refusal is shown, never thrown. */
  const act = (write: () => void, done?: string) => {
    setError(null)
    setMessage(null)
    try {
      write()
      if (done) setMessage(done)
    } catch (cause) {
      setError(t('flow.controls.error', { error: describe(cause) }))
    }
    keepFocus()
  }
  const call = async (kind: 'reveal' | 'close', run: () => Promise<string>) => {
    if (busy()) return
    setError(null)
    setMessage(null)
    setBusy(kind)
    try {
      setMessage(await run())
    } catch (cause) {
      setError(t('flow.controls.error', { error: describe(cause) }))
    } finally {
      setBusy(null)
      keepFocus()
    }
  }

  const canvases = createMemo(() => {
    version()
    return listCanvases(props.doc)
  })
  /** The canvas whose private notes "reveal" copies: the step's focus, else the first one. */
  const revealCanvas = createMemo(() => {
    const focus = phase()?.focus
    const id = focus && 'canvas' in focus ? focus.canvas : null
    return canvases().find((canvas) => canvas.id === id) ?? canvases()[0] ?? null
  })
  const allLocked = () => canvases().length > 0 && canvases().every((canvas) => canvas.locked)
  const spotlightText = createMemo(() => {
    version()
    const target = flow().spotlight
    return target ? (itemText(props.doc, target.canvasId, target.itemId, locale()) ?? '') : null
  })
  const voteClosed = createMemo(() => {
    resultsVersion()
    const current = phase()
    return current?.vote ? (readResult(props.doc, current.id)?.closed ?? false) : false
  })
  const disabled = () => !props.writable

  /** Going to another step, or ending (which asks for confirmation of its own). */
  const go = (target: Leave) =>
    target.kind === 'end'
      ? setConfirmEnd(true)
      : act(() => goToPhase(props.doc, target.index, props.origin))
  const { leave, setWaitingNotes, Dialogs } = createLeaveStep({
    workshopId: props.workshopId,
    token: props.token,
    flow,
    voteClosed,
    revealCanvas,
    go,
    call,
  })

  return (
    <section ref={section} class="facilitator-bar panel" aria-labelledby="facilitator-bar-title">
      <h2 id="facilitator-bar-title" class="panel__title" tabindex="-1">
        {t('flow.controls.title')}
      </h2>
      <Show
        when={phases().length > 0}
        fallback={<p class="muted">{t('flow.controls.noPhases')}</p>}
      >
        <div class="facilitator-bar__groups">
          {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset */}
          <div
            ref={phaseGroup}
            class="facilitator-bar__group"
            role="group"
            aria-label={t('flow.controls.phaseGroup')}
          >
            <Show when={status() === 'ready'}>
              <button
                type="button"
                class="button button--primary"
                disabled={disabled()}
                onClick={() => act(() => startWorkshop(props.doc, props.origin))}
              >
                {t('flow.controls.start')}
              </button>
            </Show>
            <Show when={status() === 'running'}>
              <button
                type="button"
                class="button button--secondary"
                disabled={disabled() || index() <= 0}
                onClick={() => leave({ kind: 'phase', index: index() - 1 })}
              >
                <span aria-hidden="true">◀ </span>
                {t('flow.controls.previous')}
              </button>
              <Show when={next()}>
                {(upcoming) => (
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={disabled()}
                    onClick={() => leave({ kind: 'phase', index: index() + 1 })}
                  >
                    {t('flow.controls.next', { title: title(upcoming()) })}
                    <span aria-hidden="true"> ▶</span>
                  </button>
                )}
              </Show>
              <button
                type="button"
                class="button button--secondary"
                disabled={disabled()}
                onClick={() => leave({ kind: 'end' })}
              >
                {t('flow.controls.end')}
              </button>
            </Show>
            <Show when={status() === 'ended'}>
              <button
                type="button"
                class="button button--secondary"
                disabled={disabled()}
                onClick={() => act(() => goToPhase(props.doc, index(), props.origin))}
              >
                {t('flow.controls.reopen')}
              </button>
            </Show>
          </div>

          <Show when={status() === 'running'}>
            {/* Each named by what it shows ("+1 min", WCAG 2.5.3), its title says it in words. */}
            {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons */}
            <div
              class="facilitator-bar__group"
              role="group"
              aria-label={t('flow.controls.timerGroup')}
            >
              <button
                type="button"
                class="button button--secondary button--small"
                title={t('flow.controls.removeOne')}
                disabled={disabled()}
                onClick={() => act(() => extendTimer(props.doc, -60_000, props.origin))}
              >
                {t('flow.controls.removeOneShort')}
              </button>
              <button
                type="button"
                class="button button--secondary button--small"
                title={t('flow.controls.addOne')}
                disabled={disabled()}
                onClick={() => act(() => extendTimer(props.doc, 60_000, props.origin))}
              >
                {t('flow.controls.addOneShort')}
              </button>
              <button
                type="button"
                class="button button--secondary button--small"
                title={t('flow.controls.addFive')}
                disabled={disabled()}
                onClick={() => act(() => extendTimer(props.doc, 5 * 60_000, props.origin))}
              >
                {t('flow.controls.addFiveShort')}
              </button>
              <Show
                when={flow().timer.state === 'paused'}
                fallback={
                  <button
                    type="button"
                    class="button button--secondary button--small"
                    disabled={disabled() || flow().timer.state !== 'running'}
                    onClick={() => act(() => pauseTimer(props.doc, props.origin))}
                  >
                    <span aria-hidden="true">❚❚ </span>
                    {t('flow.controls.pause')}
                  </button>
                }
              >
                <button
                  type="button"
                  class="button button--secondary button--small"
                  disabled={disabled()}
                  onClick={() => act(() => resumeTimer(props.doc, props.origin))}
                >
                  <span aria-hidden="true">▶ </span>
                  {t('flow.controls.resume')}
                </button>
              </Show>
            </div>
          </Show>

          {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons */}
          <div
            class="facilitator-bar__group"
            role="group"
            aria-label={t('flow.controls.viewGroup')}
          >
            <Show when={props.navigator?.()}>
              {(nav) => (
                <button
                  type="button"
                  class="button button--secondary button--small"
                  disabled={disabled()}
                  onClick={() => {
                    const view = nav().currentView()
                    if (!view) return
                    const at = Date.now()
                    markBringToMeSent(at)
                    act(
                      () => bringEveryoneTo(props.doc, view, props.origin, at),
                      t('flow.controls.bringToMeDone'),
                    )
                  }}
                >
                  {t('flow.controls.bringToMe')}
                </button>
              )}
            </Show>
            <Show when={spotlightText() !== null}>
              <span class="facilitator-bar__note">
                {t('flow.controls.spotlightNow', { text: spotlightText() ?? '' })}
              </span>
              <button
                type="button"
                class="button button--secondary button--small"
                disabled={disabled()}
                onClick={() => act(() => setSpotlight(props.doc, null, props.origin))}
              >
                {t('flow.controls.spotlightClear')}
              </button>
            </Show>
            <Show when={canvases().length > 0}>
              <button
                type="button"
                class="button button--secondary button--small"
                aria-pressed={allLocked() ? 'true' : 'false'}
                disabled={disabled()}
                onClick={() => {
                  const lock = !allLocked()
                  act(() =>
                    props.doc.transact(() => {
                      for (const canvas of canvases())
                        setCanvasLocked(props.doc, canvas.id, lock, props.origin)
                    }, props.origin),
                  )
                }}
              >
                {allLocked() ? t('flow.controls.unlockAll') : t('flow.controls.lockAll')}
              </button>
            </Show>
          </div>

          <Show when={status() === 'running' && revealCanvas()}>
            {(canvas) => (
              // biome-ignore lint/a11y/useSemanticElements: a row of buttons
              <div
                class="facilitator-bar__group"
                role="group"
                aria-label={t('flow.controls.privateGroup')}
              >
                <PrivateWriting
                  workshopId={props.workshopId}
                  token={props.token}
                  canvas={{ id: canvas().id, title: displayTitle(canvas(), locale()) }}
                  busy={busy() !== null}
                  run={(work) => void call('reveal', work)}
                  onWaiting={setWaitingNotes}
                />
              </div>
            )}
          </Show>

          <Show when={status() === 'running' && phase()?.vote ? phase() : null}>
            {(current) => (
              // biome-ignore lint/a11y/useSemanticElements: a row of buttons
              <div
                class="facilitator-bar__group"
                role="group"
                aria-label={t('flow.controls.voteGroup')}
              >
                <Show
                  when={!voteClosed()}
                  fallback={
                    <span class="facilitator-bar__note">{t('flow.controls.voteClosed')}</span>
                  }
                >
                  <button
                    type="button"
                    class="button button--primary button--small"
                    aria-disabled={busy() !== null ? 'true' : undefined}
                    onClick={() =>
                      call('close', async () => {
                        await closeVote(props.workshopId, props.token, current().id)
                        return t('flow.controls.voteClosed')
                      })
                    }
                  >
                    {t('flow.controls.closeVote')}
                  </button>
                </Show>
              </div>
            )}
          </Show>
        </div>

        <p class="facilitator-bar__status" role="status">
          {busy() === 'reveal'
            ? t('flow.controls.revealing')
            : busy() === 'close'
              ? t('flow.controls.closingVote')
              : (message() ?? '')}
        </p>
        <Show when={error()}>
          <p class="facilitator-bar__error field__error" role="alert">
            {error()}
          </p>
        </Show>

        <details class="facilitator-bar__phases">
          <summary>{t('flow.controls.phaseList')}</summary>
          <ol class="phase-list">
            <For each={phases()}>
              {(item, i) => {
                const isCurrent = () => status() === 'running' && i() === index()
                return (
                  <li class="phase-list__item" aria-current={isCurrent() ? 'step' : undefined}>
                    <button
                      type="button"
                      class="phase-list__button"
                      disabled={disabled()}
                      aria-label={t('flow.controls.goTo', { n: i() + 1, title: title(item) })}
                      onClick={() => leave({ kind: 'phase', index: i() })}
                    >
                      <span class="phase-list__n">{i() + 1}.</span> {title(item)}
                      <Show when={item.timeboxMinutes}>
                        {(minutes) => (
                          <span class="phase-list__meta">
                            {' '}
                            · {t('flow.controls.minutes', { count: minutes() })}
                          </span>
                        )}
                      </Show>
                      <Show when={isCurrent()}>
                        <span class="phase-list__current"> {t('flow.controls.current')}</span>
                      </Show>
                    </button>
                  </li>
                )
              }}
            </For>
          </ol>
        </details>
      </Show>

      <div class="facilitator-bar__footer">
        <button
          type="button"
          class="button button--secondary button--small"
          onClick={() => setSaving(true)}
        >
          {t('flow.controls.saveTemplate')}
        </button>
      </div>

      <Dialogs />
      <Show when={confirmEnd()}>
        <Dialog
          block="flow-modal"
          escapeAnywhere
          role="alertdialog"
          title={t('flow.controls.endTitle')}
          onClose={() => setConfirmEnd(false)}
          actions={
            <>
              <button
                type="button"
                class="button button--primary"
                onClick={() => {
                  act(() => endWorkshop(props.doc, props.origin))
                  setConfirmEnd(false)
                }}
              >
                {t('flow.controls.endConfirm')}
              </button>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => setConfirmEnd(false)}
              >
                {t('flow.controls.cancel')}
              </button>
            </>
          }
        >
          <p>{t('flow.controls.endBody')}</p>
        </Dialog>
      </Show>
      <Show when={saving()}>
        <SaveTemplateDialog
          workshopId={props.workshopId}
          token={props.token}
          initialTitle={props.workshopTitle}
          onClose={() => setSaving(false)}
          onSaved={(name) => setMessage(t('flow.template.saved', { title: name }))}
        />
      </Show>
    </section>
  )
}

export default FacilitatorBar
