import {
  type Accessor,
  type Component,
  createMemo,
  For,
  lazy,
  onMount,
  Show,
  Suspense,
} from 'solid-js'
import type * as Y from 'yjs'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { readResult, type VoteResult } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createResultsVersion } from './results.ts'

// The chart is loaded only once a vote has a published result.
const VoteResults = lazy(() => import('./VoteResults.tsx'))

export interface ResultsAreaProps {
  doc: Y.Doc
  flow: Accessor<FlowState>
}

/**
 * Brings `target` into its scrolling card once it is on screen (its effects wait for the
 * chart's chunk, in the same Suspense): the step card's results are below its instructions.
 */
const Reveal: Component<{ target: () => HTMLElement | undefined }> = (props) => {
  onMount(() => props.target()?.scrollIntoView?.({ block: 'nearest' }))
  return null
}

/** Published results: the current step's (open, brought into view), and earlier steps' (folded). */
export const ResultsArea: Component<ResultsAreaProps> = (props) => {
  const { t } = useI18n()
  const version = createResultsVersion(props.doc)
  const published = createMemo(() => {
    version()
    const out: Array<{ phase: TemplatePhase; index: number; result: VoteResult }> = []
    props.flow().phases.forEach((phase, index) => {
      if (!phase.vote) return
      const result = readResult(props.doc, phase.id)
      if (result) out.push({ phase, index, result })
    })
    return out
  })
  const running = () => props.flow().status !== 'ready'
  const current = () =>
    running() ? published().find((entry) => entry.index === props.flow().phaseIndex) : undefined
  const earlier = () =>
    running() ? published().filter((entry) => entry.index !== props.flow().phaseIndex) : []

  return (
    <Show when={current() || earlier().length > 0}>
      <div class="results-area">
        <Suspense fallback={<p role="status">{t('flow.results.loading')}</p>}>
          <Show when={current()}>
            {(entry) => {
              let box: HTMLDivElement | undefined
              return (
                <div ref={box}>
                  <VoteResults doc={props.doc} phase={entry().phase} result={entry().result} />
                  <Reveal target={() => box} />
                </div>
              )
            }}
          </Show>
          <Show when={earlier().length > 0}>
            <details class="results-area__past">
              <summary>{t('flow.results.past')}</summary>
              <For each={earlier()}>
                {(entry) => (
                  <VoteResults
                    doc={props.doc}
                    phase={entry.phase}
                    result={entry.result}
                    level={3}
                  />
                )}
              </For>
            </details>
          </Show>
        </Suspense>
      </div>
    </Show>
  )
}
