import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { type FlowState, observeFlow, readFlow } from '../../shared/schema/flow.ts'
import { resultsMap } from '../../shared/schema/roots.ts'
import { readResult, type VoteResult } from '../../shared/schema/votes.ts'

/** The workshop's flow (phases, current phase, timer…), live. */
export const createFlow = (doc: Y.Doc): Accessor<FlowState> => {
  const [flow, setFlow] = createSignal(readFlow(doc), { equals: false })
  const stop = observeFlow(doc, () => setFlow(readFlow(doc)))
  onCleanup(stop)
  return flow
}

/** The published result of a phase's vote (null until the server publishes one), live. */
export const createResult = (
  doc: Y.Doc,
  phaseId: Accessor<string | null>,
): Accessor<VoteResult | null> => {
  const read = () => {
    const id = phaseId()
    return id ? readResult(doc, id) : null
  }
  const [version, setVersion] = createSignal(0)
  const map = resultsMap(doc)
  const bump = () => setVersion((n) => n + 1)
  map.observe(bump)
  onCleanup(() => map.unobserve(bump))
  return () => {
    version()
    return read()
  }
}

/** Milliseconds, ticking once a second (for timers). */
export const createNow = (): Accessor<number> => {
  const [now, setNow] = createSignal(Date.now())
  const timer = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(timer))
  return now
}
