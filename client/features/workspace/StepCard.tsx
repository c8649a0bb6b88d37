import { type Accessor, type Component, Show } from 'solid-js'
import type * as Y from 'yjs'
import type { DueTarget } from '../../../shared/schema/due.ts'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import { DueList } from '../due/LazyDueList.tsx'
import { PhaseBanner } from '../flow/PhaseBanner.tsx'
import { ResultsArea } from '../flow/ResultsArea.tsx'
import { CloseButton } from './SidePanel.tsx'

/** The side panel's tab a step's focus is in (a canvas is on the board). */
export type FocusTab = 'documents' | 'charters' | 'plan'

const OPEN_FOCUS = {
  documents: 'workspace.step.openDocument',
  charters: 'workspace.step.openCharter',
  plan: 'workspace.step.openPlan',
} as const

export interface StepCardProps {
  id: string
  doc: Y.Doc
  flow: Accessor<FlowState>
  open: boolean
  /** Whether its heading takes the focus when it first shows, if nothing else has it. */
  takeFocus?: boolean
  onClose: () => void
  /** Opens the side panel on the step's document, charter or the plan. */
  onOpenFocus: (tab: FocusTab) => void
  /** Opens an action in the Plan tab, or a decision in the log (from what is due). */
  onReveal?: (target: DueTarget) => void
  /** Receives the card's element (the board shows the step beside it). */
  ref?: (element: HTMLElement) => void
}

/**
 * The step's instructions, what it allows and its published results, as a card over the
 * board's top-left that its person may put away (the top bar's step chip brings it back).
 * What is due (« À faire ») comes under the step's words at a step that reviews it, and
 * between sessions (the lab's home: no step runs) when anything is.
 */
export const StepCard: Component<StepCardProps> = (props) => {
  const { t } = useI18n()
  const focusTab = (): FocusTab | null => {
    const state = props.flow()
    const focus = state.status === 'running' ? state.phase?.focus : undefined
    if (!focus) return null
    if ('plan' in focus) return 'plan'
    return 'document' in focus ? 'documents' : 'charter' in focus ? 'charters' : null
  }
  const reviewing = () =>
    props.flow().status === 'running' && props.flow().phase?.reviewsDue === true
  /** Hidden, the card would take the focus with it: it goes to what brings the card back. */
  const close = () => {
    props.onClose()
    document.querySelector<HTMLElement>(`[aria-controls="${props.id}"]`)?.focus()
  }
  return (
    <Show when={props.flow().phases.length > 0}>
      <div id={props.id} class="step-card" hidden={!props.open} ref={(el) => props.ref?.(el)}>
        <CloseButton label={t('workspace.step.hide')} onClick={close} />
        <PhaseBanner doc={props.doc} flow={props.flow} takeFocus={props.takeFocus} />
        <Show when={reviewing() || props.flow().status !== 'running'}>
          <DueList doc={props.doc} onOpen={props.onReveal} showEmpty={reviewing()} />
        </Show>
        <Show when={focusTab()}>
          {(tab) => (
            <button
              type="button"
              class="button button--primary button--small step-card__open"
              onClick={() => props.onOpenFocus(tab())}
            >
              {t(OPEN_FOCUS[tab()])}
            </button>
          )}
        </Show>
        <ResultsArea doc={props.doc} flow={props.flow} />
      </div>
    </Show>
  )
}
