import { type Accessor, type Component, createUniqueId, Show } from 'solid-js'
import type * as Y from 'yjs'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import { PhaseBanner } from '../flow/PhaseBanner.tsx'
import { PhaseTimer } from '../flow/PhaseTimer.tsx'

export interface PhoneStepCardProps {
  doc: Y.Doc
  flow: Accessor<FlowState>
  now: Accessor<number>
  /** The whole text is shown (else its title, one line of instructions and the timer). */
  open: boolean
  /** Whether its heading takes the focus when it first shows, if nothing else has it. */
  takeFocus?: boolean
  onToggle: () => void
}

/**
 * A phone's step card, on top: the step's title, one line of its instructions and the time
 * left; "Tout lire" shows the rest (what the step allows, what the facilitator spotlights).
 */
export const PhoneStepCard: Component<PhoneStepCardProps> = (props) => {
  const { t } = useI18n()
  const textId = createUniqueId()
  const running = () => props.flow().status === 'running'
  return (
    <Show when={props.flow().phases.length > 0}>
      <div class="phone-step" data-open={props.open ? 'true' : 'false'}>
        <div class="phone-step__top">
          <div id={textId} class="phone-step__text">
            <PhaseBanner doc={props.doc} flow={props.flow} takeFocus={props.takeFocus} />
          </div>
          <Show when={running()}>
            <PhaseTimer timer={props.flow().timer} now={props.now} size="compact" />
          </Show>
        </div>
        <button
          type="button"
          class="phone-step__more"
          aria-expanded={props.open ? 'true' : 'false'}
          aria-controls={textId}
          onClick={() => props.onToggle()}
        >
          {props.open ? t('phone.step.less') : t('phone.step.more')}
          <span aria-hidden="true">{props.open ? ' ▴' : ' ▾'}</span>
        </button>
      </div>
    </Show>
  )
}
