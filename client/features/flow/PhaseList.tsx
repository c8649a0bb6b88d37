import { type Component, For, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import type { FlowControls } from './flowControls.ts'
import type { Leave } from './leaveStep.tsx'

/** Every step of the workshop, folded: the running one marked, each a button that goes there. */
export const PhaseList: Component<{ controls: FlowControls; leave: (target: Leave) => void }> = (
  props,
) => {
  const { t, locale } = useI18n()
  const c = props.controls
  return (
    <details class="facilitator-bar__phases">
      <summary>{t('flow.controls.phaseList')}</summary>
      <ol class="phase-list">
        <For each={c.flow().phases}>
          {(item, i) => {
            const isCurrent = () => c.flow().status === 'running' && i() === c.flow().phaseIndex
            const title = () => item.title[locale()]
            return (
              <li class="phase-list__item" aria-current={isCurrent() ? 'step' : undefined}>
                <button
                  type="button"
                  class="phase-list__button"
                  disabled={c.disabled()}
                  aria-label={t('flow.controls.goTo', { n: i() + 1, title: title() })}
                  onClick={() => props.leave({ kind: 'phase', index: i() })}
                >
                  <span class="phase-list__n">{i() + 1}.</span> {title()}
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
  )
}
