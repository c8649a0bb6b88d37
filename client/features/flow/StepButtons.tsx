import { type Component, Show } from 'solid-js'
import { goToPhase, startWorkshop } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { FlowControls } from './flowControls.ts'
import type { Leave } from './leaveStep.tsx'

export interface StepButtonsProps {
  controls: FlowControls
  /** Goes to another step or to the end, asking first when the step left needs it. */
  leave: (target: Leave) => void
  /** The group: the focus goes to its first button when the one pressed is gone. */
  ref?: (group: HTMLDivElement) => void
}

/** The facilitator's steps: start; previous, next, end while it runs; reopen once it ended. */
export const StepButtons: Component<StepButtonsProps> = (props) => {
  const { t, locale } = useI18n()
  const c = props.controls
  const status = () => c.flow().status
  const index = () => c.flow().phaseIndex
  const next = () => c.flow().phases[index() + 1] ?? null
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset
    <div
      ref={props.ref}
      class="facilitator-bar__group"
      role="group"
      aria-label={t('flow.controls.phaseGroup')}
    >
      <Show when={status() === 'ready'}>
        <button
          type="button"
          class="button button--primary"
          disabled={c.disabled()}
          onClick={() => c.act(() => startWorkshop(c.doc, c.origin))}
        >
          {t('flow.controls.start')}
        </button>
      </Show>
      <Show when={status() === 'running'}>
        <button
          type="button"
          class="button button--secondary"
          disabled={c.disabled() || index() <= 0}
          onClick={() => props.leave({ kind: 'phase', index: index() - 1 })}
        >
          <span aria-hidden="true">◀ </span>
          {t('flow.controls.previous')}
        </button>
        <Show when={next()}>
          {(upcoming) => (
            <button
              type="button"
              class="button button--primary"
              disabled={c.disabled()}
              onClick={() => props.leave({ kind: 'phase', index: index() + 1 })}
            >
              {t('flow.controls.next', { title: upcoming().title[locale()] })}
              <span aria-hidden="true"> ▶</span>
            </button>
          )}
        </Show>
        <button
          type="button"
          class="button button--secondary"
          disabled={c.disabled()}
          onClick={() => props.leave({ kind: 'end' })}
        >
          {t('flow.controls.end')}
        </button>
      </Show>
      <Show when={status() === 'ended'}>
        <button
          type="button"
          class="button button--secondary"
          disabled={c.disabled()}
          onClick={() => c.act(() => goToPhase(c.doc, index(), c.origin))}
        >
          {t('flow.controls.reopen')}
        </button>
      </Show>
    </div>
  )
}
