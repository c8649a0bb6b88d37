import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type { SaveSnapshot, SaveTracker } from './SaveTracker.ts'

/** The tracker's save status as a Solid signal, unsubscribed when the owner is disposed. */
export const createSaveStatus = (tracker: SaveTracker): Accessor<SaveSnapshot> => {
  const [snapshot, setSnapshot] = createSignal(tracker.snapshot())
  onCleanup(tracker.subscribe(setSnapshot))
  return snapshot
}
