import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'

/** How long the "new step" line stays. */
const CUE_MS = 8000

/**
 * The "new step" cue of a phone (PhoneMain) and a desktop (workspace/StepCue): at each change of
 * step once the content is known (arriving is not one), `onStep` runs (the screen goes to the
 * new step's action) and `cue()` says which step it is, for 8 s, to be shown in a
 * `role="status"` line (announced to screen readers). `clear` takes it away sooner.
 */
export const createStepCue = (
  flow: Accessor<FlowState>,
  ready: Accessor<boolean>,
  onStep: () => void,
) => {
  const { t, locale } = useI18n()
  const [cue, setCue] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))
  const text = (state: FlowState) => {
    if (state.status === 'ended') return t('flow.cue.ended')
    if (state.status === 'running' && state.phase)
      return t('flow.cue.step', {
        n: state.phaseIndex + 1,
        total: state.phases.length,
        title: state.phase.title[locale()],
      })
    return t('flow.cue.ready')
  }
  /** The step shown when the content became known. */
  let seen: string | undefined
  createEffect(
    on([() => `${flow().status}:${flow().phaseIndex}`, ready], ([key, known]) => {
      if (!known) return
      if (seen === undefined || key === seen) {
        seen = key
        return
      }
      seen = key
      onStep()
      setCue(text(flow()))
      clearTimeout(timer)
      timer = setTimeout(() => setCue(''), CUE_MS)
    }),
  )
  return {
    cue,
    clear: () => {
      clearTimeout(timer)
      setCue('')
    },
  }
}
