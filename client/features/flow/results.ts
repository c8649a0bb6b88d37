import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { type FlowState, stepResultIds } from '../../../shared/schema/flow.ts'
import { resultsMap } from '../../../shared/schema/roots.ts'
import { readResult, type VoteResult } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'

/** A counter bumped whenever a vote result is published or updated. */
export const createResultsVersion = (doc: Y.Doc): Accessor<number> => {
  const [version, setVersion] = createSignal(0)
  const map = resultsMap(doc)
  const bump = () => setVersion((n) => n + 1)
  map.observeDeep(bump)
  onCleanup(() => map.unobserveDeep(bump))
  return version
}

/**
 * The published results the running step shows (`stepResultIds`): its vote's, then those of
 * the votes it looks back at, in that order; none before the start or after the end.
 */
export const createStepResults = (
  doc: Y.Doc,
  flow: Accessor<FlowState>,
): Accessor<Array<{ phase: TemplatePhase; result: VoteResult }>> => {
  const version = createResultsVersion(doc)
  return createMemo(() => {
    version()
    const state = flow()
    const current = state.status === 'running' ? state.phase : null
    if (!current) return []
    const phases = new Map(state.phases.map((phase) => [phase.id, phase]))
    return stepResultIds(current).flatMap((id) => {
      const phase = phases.get(id)
      const result = phase?.vote ? readResult(doc, id) : null
      return phase && result ? [{ phase, result }] : []
    })
  })
}
