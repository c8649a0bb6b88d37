import { type Accessor, type Component, Show } from 'solid-js'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import { PhaseTimer } from './PhaseTimer.tsx'
import './flow.css'

export interface StepChipProps {
  flow: Accessor<FlowState>
  now: Accessor<number>
  /** Whether the step card (its instructions) is on screen, and its element's id. */
  expanded: boolean
  cardId: string
  onToggle: () => void
}

/**
 * The top bar's step: "Étape 3 sur 7 — Écriture individuelle" as the button that shows or
 * hides the step card, and the time left beside it. Nothing when the workshop has no steps.
 */
export const StepChip: Component<StepChipProps> = (props) => {
  const { t, locale } = useI18n()
  const flow = props.flow
  const running = () => (flow().status === 'running' ? flow().phase : null)
  return (
    <Show when={flow().phases.length > 0}>
      <div class="step-chip" data-status={flow().status}>
        <button
          type="button"
          class="step-chip__button"
          aria-expanded={props.expanded ? 'true' : 'false'}
          aria-controls={props.cardId}
          title={t('workspace.step.toggle')}
          onClick={() => props.onToggle()}
        >
          <Show
            when={running()}
            fallback={
              <span class="step-chip__title">
                {flow().status === 'ended'
                  ? t('flow.banner.ended.title')
                  : t('flow.banner.ready.title')}
              </span>
            }
          >
            {(phase) => (
              <>
                <span class="step-chip__step">
                  {t('flow.banner.step', { n: flow().phaseIndex + 1, total: flow().phases.length })}
                </span>
                {' — '}
                <span class="step-chip__title">{phase().title[locale()]}</span>
              </>
            )}
          </Show>
        </button>
        <Show when={running()}>
          <PhaseTimer timer={flow().timer} now={props.now} size="compact" />
        </Show>
      </div>
    </Show>
  )
}
