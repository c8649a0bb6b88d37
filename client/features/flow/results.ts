import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { resultsMap } from '../../../shared/schema/roots.ts'

/** A counter bumped whenever a vote result is published or updated. */
export const createResultsVersion = (doc: Y.Doc): Accessor<number> => {
  const [version, setVersion] = createSignal(0)
  const map = resultsMap(doc)
  const bump = () => setVersion((n) => n + 1)
  map.observeDeep(bump)
  onCleanup(() => map.unobserveDeep(bump))
  return version
}
