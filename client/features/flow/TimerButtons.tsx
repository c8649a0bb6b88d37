import { type Component, Show } from 'solid-js'
import { extendTimer, pauseTimer, resumeTimer } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { FlowControls } from './flowControls.ts'

/** The running step's timer: a minute less or more, five more, pause and resume. */
export const TimerButtons: Component<{ controls: FlowControls }> = (props) => {
  const { t } = useI18n()
  const c = props.controls
  const extend = (ms: number) => c.act(() => extendTimer(c.doc, ms, c.origin))
  return (
    // Each named by what it shows ("+1 min", WCAG 2.5.3), its title says it in words.
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons
    <div class="facilitator-bar__group" role="group" aria-label={t('flow.controls.timerGroup')}>
      <button
        type="button"
        class="button button--secondary button--small"
        title={t('flow.controls.removeOne')}
        disabled={c.disabled()}
        onClick={() => extend(-60_000)}
      >
        {t('flow.controls.removeOneShort')}
      </button>
      <button
        type="button"
        class="button button--secondary button--small"
        title={t('flow.controls.addOne')}
        disabled={c.disabled()}
        onClick={() => extend(60_000)}
      >
        {t('flow.controls.addOneShort')}
      </button>
      <button
        type="button"
        class="button button--secondary button--small"
        title={t('flow.controls.addFive')}
        disabled={c.disabled()}
        onClick={() => extend(5 * 60_000)}
      >
        {t('flow.controls.addFiveShort')}
      </button>
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
    </div>
  )
}
