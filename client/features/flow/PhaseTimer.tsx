import {
  type Accessor,
  type Component,
  createEffect,
  createMemo,
  createSignal,
  on,
  Show,
  untrack,
} from 'solid-js'
import { remainingMs, type Timer } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import { formatClock, splitClock } from './timer.ts'

export interface PhaseTimerProps {
  timer: Timer
  now: Accessor<number>
  /** `compact` in the workspace's top bar, `large` on the projector. */
  size: 'compact' | 'large'
}

/**
 * The phase's countdown: `mm:ss` on screen, a full sentence for screen readers (a `timer` is
 * not announced on every tick), and a polite announcement at one minute left and at zero.
 */
export const PhaseTimer: Component<PhaseTimerProps> = (props) => {
  const { t } = useI18n()
  // `now` ticks once a second, so it can be up to a second old when the facilitator changes
  // the timer: "10:01" would flash. Never count from before the moment the timer changed.
  const changedAt = createMemo(
    on(
      () => props.timer,
      () => {
        const wall = Date.now()
        return Math.abs(wall - untrack(props.now)) < 2000 ? wall : Number.NEGATIVE_INFINITY
      },
    ),
  )
  const left = () => remainingMs(props.timer, Math.max(props.now(), changedAt()))
  const paused = () => props.timer.state === 'paused'
  const over = () => left() === 0
  const spoken = () => {
    const ms = left()
    if (ms === null) return ''
    if (ms === 0) return t('flow.timer.over')
    const parts = splitClock(ms)
    return paused() ? t('flow.timer.pausedText', parts) : t('flow.timer.remaining', parts)
  }
  // Announce crossing one minute left and reaching zero, once each, while running.
  const [announcement, setAnnouncement] = createSignal('')
  createEffect(
    on(
      () => {
        const ms = left()
        if (ms === null || paused()) return 'none'
        return ms === 0 ? 'over' : ms <= 60_000 ? 'last-minute' : 'running'
      },
      (stage, previous) => {
        if (previous === undefined || stage === previous) return
        if (stage === 'over') setAnnouncement(t('flow.timer.over'))
        else if (stage === 'last-minute' && previous === 'running')
          setAnnouncement(t('flow.timer.oneMinute'))
      },
    ),
  )
  return (
    <Show when={left() !== null}>
      <div
        class="phase-timer"
        classList={{
          'phase-timer--compact': props.size === 'compact',
          'phase-timer--large': props.size === 'large',
          'phase-timer--over': over(),
          'phase-timer--paused': paused(),
        }}
        data-state={over() ? 'over' : props.timer.state}
      >
        <div role="timer" aria-label={t('flow.timer.label')} class="phase-timer__clock">
          <span class="phase-timer__digits" aria-hidden="true">
            {over() ? t('flow.timer.over') : formatClock(left() ?? 0)}
          </span>
          <span class="visually-hidden">{spoken()}</span>
        </div>
        <Show when={paused() && !over()}>
          <span class="phase-timer__paused" aria-hidden="true">
            <span class="phase-timer__pause-icon">❚❚</span> {t('flow.timer.paused')}
          </span>
        </Show>
        <p class="visually-hidden" aria-live="polite">
          {announcement()}
        </p>
      </div>
    </Show>
  )
}
