import { type Accessor, type Component, createMemo, For, Match, Show, Switch } from 'solid-js'
import type * as Y from 'yjs'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import { canvasTitleOf, createDocVersion, itemText } from './docText.ts'
import { phaseRules } from './rules.ts'
import './flow.css'

export interface PhaseBannerProps {
  doc: Y.Doc
  flow: Accessor<FlowState>
  /** Whether its heading takes the focus when it first shows, if nothing else has it. */
  takeFocus?: boolean
}

/**
 * The step card's text, for everyone: where the workshop is ("Step 2 of 6 — title"), what to
 * do, what this step allows, and what the facilitator spotlights (the time left is in the top
 * bar, `StepChip`). Nothing when the workshop has no steps. Both step cards show it, the
 * desktop's (`workspace/StepCard.tsx`) and a phone's (`phone/PhoneStepCard.tsx`).
 */
export const PhaseBanner: Component<PhaseBannerProps> = (props) => {
  const { t, locale, plural } = useI18n()
  const version = createDocVersion(props.doc)
  const flow = props.flow
  const total = () => flow().phases.length
  const phase = () => flow().phase
  const focusText = createMemo(() => {
    version()
    const focus = phase()?.focus
    if (!focus) return null
    if ('canvas' in focus) {
      const title = canvasTitleOf(props.doc, focus.canvas, locale())
      return title ? t('flow.banner.focusCanvas', { title }) : null
    }
    if ('plan' in focus) return t('flow.banner.focusPlan')
    return 'document' in focus ? t('flow.banner.focusDocument') : t('flow.banner.focusCharter')
  })
  const spotlight = createMemo(() => {
    version()
    const target = flow().spotlight
    if (!target) return null
    const text = itemText(props.doc, target.canvasId, target.itemId, locale())?.trim()
    return text ? t('flow.banner.spotlight', { text }) : t('flow.banner.spotlightEmpty')
  })

  // After « Rejoindre » the form is gone with the focus: what to do now is the step.
  const takeFocus = (banner: HTMLElement) => {
    if (!props.takeFocus) return
    queueMicrotask(() => {
      if (document.activeElement === document.body) banner.querySelector<HTMLElement>('h2')?.focus()
    })
  }

  return (
    <Show when={total() > 0}>
      <section
        ref={takeFocus}
        class="phase-banner"
        aria-label={t('flow.banner.label')}
        data-status={flow().status}
        data-phase={phase()?.id}
      >
        <Switch>
          <Match when={flow().status === 'ready'}>
            <h2 class="phase-banner__title" tabindex="-1">
              {t('flow.banner.ready.title')}
            </h2>
            <p class="phase-banner__instructions">{plural('flow.banner.ready.body', total())}</p>
          </Match>
          <Match when={flow().status === 'ended'}>
            <h2 class="phase-banner__title" tabindex="-1">
              {t('flow.banner.ended.title')}
            </h2>
            <p class="phase-banner__instructions">{t('flow.banner.ended.body')}</p>
          </Match>
          <Match when={phase()}>
            {(current) => (
              <div class="phase-banner__text">
                <h2
                  class="phase-banner__title"
                  tabindex="-1"
                  aria-label={t('flow.banner.heading', {
                    n: flow().phaseIndex + 1,
                    total: total(),
                    title: current().title[locale()],
                  })}
                >
                  <span class="phase-banner__step">
                    {t('flow.banner.step', { n: flow().phaseIndex + 1, total: total() })}
                  </span>
                  <span class="phase-banner__name">{current().title[locale()]}</span>
                </h2>
                <p class="phase-banner__instructions">{current().instructions[locale()]}</p>
                <Show when={focusText()}>
                  <p class="phase-banner__focus">{focusText()}</p>
                </Show>
                <Show when={phaseRules(t, current(), locale())}>
                  {(rules) => (
                    <Show when={rules().length > 0}>
                      <ul class="phase-banner__rules" aria-label={t('flow.rules.label')}>
                        <For each={rules()}>{(rule) => <li>{rule}</li>}</For>
                      </ul>
                    </Show>
                  )}
                </Show>
                <Show when={spotlight()}>
                  <p class="phase-banner__spotlight" role="status">
                    <span aria-hidden="true">★ </span>
                    {spotlight()}
                  </p>
                </Show>
              </div>
            )}
          </Match>
        </Switch>
      </section>
    </Show>
  )
}
