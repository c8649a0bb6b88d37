import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import {
  listParticipants,
  observeParticipants,
  type ParticipantRecord,
} from '../../shared/schema/index.ts'

/** Everyone who joined the workshop (from the document), oldest first; live. */
export const createParticipants = (doc: Y.Doc): Accessor<ParticipantRecord[]> => {
  const [participants, setParticipants] = createSignal(listParticipants(doc))
  const stop = observeParticipants(doc, () => setParticipants(listParticipants(doc)))
  onCleanup(stop)
  return participants
}
