import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import { PRIVATE_VOTES_ROOT } from '../../../shared/schema/votes.ts'

/**
 * A counter that changes whenever the ballots in a private document change: read it inside a
 * memo or effect before `readBallot` to make that read live.
 */
export const createBallotsVersion = (privateDoc: Y.Doc | null): Accessor<number> => {
  const [version, setVersion] = createSignal(0)
  if (!privateDoc) return version
  const votes = privateDoc.getMap(PRIVATE_VOTES_ROOT)
  const bump = () => setVersion((n) => n + 1)
  votes.observeDeep(bump)
  onCleanup(() => votes.unobserveDeep(bump))
  return version
}
