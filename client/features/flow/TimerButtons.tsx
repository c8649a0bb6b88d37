import { type Component, Show } from 'solid-js'
import { extendTimer, pauseTimer, resumeTimer } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { StepButton, Stepper } from '../../ui/Stepper.tsx'
import type { FlowControls } from './flowControls.ts'

/**
 * The running step's timer: a minute less or more (a Stepper, each named by what it shows,
 * « −1 min »), five more, pause and resume.
 */
export const TimerButtons: Component<{ controls: FlowControls }> = (props) => {
  const { t } = useI18n()
  const c = props.controls
  const extend = (ms: number) => c.act(() => extendTimer(c.doc, ms, c.origin))
  return (
    <Stepper
      label={t('flow.controls.timerGroup')}
      down={{
        text: t('flow.controls.removeOneShort'),
        title: t('flow.controls.removeOne'),
        disabled: c.disabled(),
        onClick: () => extend(-60_000),
      }}
      up={{
        text: t('flow.controls.addOneShort'),
        title: t('flow.controls.addOne'),
        disabled: c.disabled(),
        onClick: () => extend(60_000),
      }}
    >
      <StepButton
        step={{
          text: t('flow.controls.addFiveShort'),
          title: t('flow.controls.addFive'),
          disabled: c.disabled(),
          onClick: () => extend(5 * 60_000),
        }}
      />
      <Show
        when={c.flow().timer.state === 'paused'}
        fallback={
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={c.disabled() || c.flow().timer.state !== 'running'}
            onClick={() => c.act(() => pauseTimer(c.doc, c.origin))}
          >
            <span aria-hidden="true">❚❚ </span>
            {t('flow.controls.pause')}
          </button>
        }
      >
        <button
          type="button"
          class="button button--secondary button--small"
          disabled={c.disabled()}
          onClick={() => c.act(() => resumeTimer(c.doc, c.origin))}
        >
          <span aria-hidden="true">▶ </span>
          {t('flow.controls.resume')}
        </button>
      </Show>
    </Stepper>
  )
}
