import { type Accessor, type Component, createMemo, createSignal, Show } from 'solid-js'
import type * as Y from 'yjs'
import { privateWritingPhase } from '../../../shared/schema/canvasRights.ts'
import {
  displayTitle,
  endWorkshop,
  type FlowState,
  goToPhase,
  listCanvases,
} from '../../../shared/schema/index.ts'
import { readResult } from '../../../shared/schema/votes.ts'
import { closeVote, failureText } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import type { CanvasNavigator } from './canvasBridge.ts'
import { createDocVersion } from './docText.ts'
import type { FlowControls } from './flowControls.ts'
import { createLeaveStep, type Leave } from './leaveStep.tsx'
import { PhaseList } from './PhaseList.tsx'
import { PrivateWriting } from './PrivateWriting.tsx'
import { createResultsVersion } from './results.ts'
import { SaveTemplateDialog } from './SaveTemplateDialog.tsx'
import { StepButtons } from './StepButtons.tsx'
import { TimerButtons } from './TimerButtons.tsx'
import { ViewButtons } from './ViewButtons.tsx'
import './flow.css'
import { FACILITATION_MESSAGES } from './messages.ts'

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
  const { t, locale, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const flow = props.flow
  const version = createDocVersion(props.doc)
  const resultsVersion = createResultsVersion(props.doc)
  const [error, setError] = createSignal<string | null>(null)
  const [message, setMessage] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<'reveal' | 'close' | null>(null)
  const [confirmEnd, setConfirmEnd] = createSignal(false)
  const [saving, setSaving] = createSignal(false)

  const phases = () => flow().phases
  const phase = () => flow().phase
  const status = () => flow().status

  const describe = (cause: unknown) => failureText(cause, t('flow.controls.errorNetwork'))

  let section!: HTMLElement
  let stepGroup: HTMLDivElement | undefined
  /**
   * A button that disappears after its action (Start, the last Next, Close the vote) must not
   * leave keyboard focus on the page's body: move it to the first step control, else the title.
   */
  const keepFocus = () =>
    queueMicrotask(() => {
      const active = document.activeElement
      if (active && active !== document.body && active.isConnected) return
      const target =
        stepGroup?.querySelector<HTMLElement>('button:not([disabled])') ??
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
  const voteClosed = createMemo(() => {
    resultsVersion()
    const current = phase()
    return current?.vote ? (readResult(props.doc, current.id)?.closed ?? false) : false
  })

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

  const controls: FlowControls = {
    doc: props.doc,
    flow,
    origin: props.origin,
    disabled: () => !props.writable,
    act,
  }

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
          <StepButtons
            controls={controls}
            leave={leave}
            ref={(group) => {
              stepGroup = group
            }}
          />
          <Show when={status() === 'running'}>
            <TimerButtons controls={controls} />
          </Show>
          <ViewButtons
            controls={controls}
            navigator={props.navigator}
            canvases={canvases}
            version={version}
          />

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
                  privateStep={privateWritingPhase({ role: 'facilitator' }, phase()?.allow ?? null)}
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

        <PhaseList controls={controls} leave={leave} />
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
        {/* Ending stops everyone's writing at once: "cancel" has the focus, as in every question. */}
        <ConfirmDialog
          block="flow-modal"
          title={t('flow.controls.endTitle')}
          confirm={t('flow.controls.endConfirm')}
          tone="primary"
          cancel={t('flow.controls.cancel')}
          onClose={() => setConfirmEnd(false)}
          onConfirm={() => {
            act(() => endWorkshop(props.doc, props.origin))
            setConfirmEnd(false)
          }}
        >
          <p>{t('flow.controls.endBody')}</p>
        </ConfirmDialog>
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
