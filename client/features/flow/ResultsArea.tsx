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
import { type FlowState, stepResultIds } from '../../../shared/schema/flow.ts'
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

/**
 * Published results: those the current step shows, its vote's (open, brought into view) and the
 * votes it looks back at (open, below its instructions), and earlier steps' (folded).
 */
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
  /** The ids of the votes the current step shows, once the workshop has started. */
  const shown = createMemo(() => {
    const phase = props.flow().phase
    return new Set(running() && phase ? stepResultIds(phase) : [])
  })
  const current = () => published().filter((entry) => shown().has(entry.phase.id))
  const earlier = () =>
    running() ? published().filter((entry) => !shown().has(entry.phase.id)) : []

  return (
    <Show when={current().length > 0 || earlier().length > 0}>
      <div class="results-area">
        <Suspense fallback={<p role="status">{t('flow.results.loading')}</p>}>
          <Show when={current().length > 0}>
            {(() => {
              let box: HTMLDivElement | undefined
              return (
                <div ref={box}>
                  <For each={current()}>
                    {(entry) => (
                      <VoteResults doc={props.doc} phase={entry.phase} result={entry.result} />
                    )}
                  </For>
                  {/* A step that looks back keeps its own words in view: what to do with them. */}
                  <Show when={current().some((entry) => entry.phase.id === props.flow().phase?.id)}>
                    <Reveal target={() => box} />
                  </Show>
                </div>
              )
            })()}
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
