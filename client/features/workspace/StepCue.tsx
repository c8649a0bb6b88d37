import { type Component, createEffect, createSignal, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { createMediaQuery } from '../../ui/createMediaQuery.ts'
import { createStepCue } from '../flow/stepCue.ts'
import { PANEL_ID, type PanelState } from './panelState.ts'
import { STEP_CARD_ID } from './TopBar.tsx'
import type { WorkspaceState } from './workspaceState.ts'

/** Whether the focus is where someone types (a field, a rich-text editor) inside `container`. */
const typingIn = (container: HTMLElement | null): boolean => {
  const focused = document.activeElement
  if (!(focused instanceof HTMLElement) || !container?.contains(focused)) return false
  if (focused.isContentEditable || focused instanceof HTMLTextAreaElement) return true
  return focused instanceof HTMLInputElement && !['radio', 'checkbox'].includes(focused.type)
}

/**
 * A desktop's "new step" cue, floating at the bottom of the workspace: a document or a charter
 * at full width hides the board, where the step card and a ballot are, so a new step brings the
 * board back and says which step it is (as a phone does); so does the panel lying over the
 * board in a small window. Someone typing there keeps their text where it is: the cue stays,
 * with « Aller à l’étape », until they go or the board shows again.
 */
export const StepCue: Component<{ workspace: WorkspaceState; panel: PanelState }> = (props) => {
  const { t } = useI18n()
  const panel = props.panel
  /** Below the app layout (styles.css) the open panel lies over the board, whole. */
  const roomy = createMediaQuery('(min-width: 60rem) and (min-height: 30rem)')
  const covers = () => panel.panel() !== null && (panel.wide() || !roomy())
  const uncover = () => (panel.wide() ? panel.setWide(false) : panel.close())
  /** The step came while this person typed in the panel over the board: the way is offered. */
  const [offer, setOffer] = createSignal(false)
  const { cue, clear } = createStepCue(props.workspace.flow, props.workspace.docKnown, () => {
    const typing = covers() && typingIn(document.getElementById(PANEL_ID))
    setOffer(typing)
    if (covers() && !typing) uncover()
  })
  /** The cue's words stay while the way is offered. */
  const [said, setSaid] = createSignal('')
  createEffect(() => {
    if (cue() !== '') setSaid(cue())
  })
  const offered = () => offer() && covers()
  const text = () => (cue() !== '' ? cue() : offered() ? said() : '')
  const go = () => {
    setOffer(false)
    clear()
    uncover()
    queueMicrotask(() =>
      document.querySelector<HTMLElement>(`#${STEP_CARD_ID} .phase-banner__title`)?.focus(),
    )
  }
  return (
    <div class="step-cue" classList={{ 'step-cue--shown': text() !== '' }}>
      <p class="step-cue__text" role="status">
        {text()}
      </p>
      <Show when={offered()}>
        <button type="button" class="button button--primary button--small" onClick={go}>
          {t('flow.cue.go')}
        </button>
      </Show>
    </div>
  )
}
