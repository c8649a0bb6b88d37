import * as Y from 'yjs'
import { getParticipant } from './participants.ts'
import { canvasesMap, participantsMap } from './roots.ts'

/**
 * Removes a person's name from a workshop (Québec's privacy law lets them ask): their
 * participant record goes, and the notes they wrote no longer name them as author. What they
 * wrote stays, as the group's work.
 */
export const forgetParticipant = (doc: Y.Doc, participantId: string, origin: unknown): void => {
  doc.transact(() => {
    participantsMap(doc).delete(participantId)
    for (const canvas of canvasesMap(doc).values()) {
      const items = canvas instanceof Y.Map ? canvas.get('items') : null
      if (!(items instanceof Y.Map)) continue
      for (const item of items.values()) {
        if (item instanceof Y.Map && item.get('createdBy') === participantId)
          item.set('createdBy', '')
      }
    }
  }, origin)
}

/**
 * A stored state (a named version's) with the person forgotten, re-encoded from a document
 * that garbage-collects what is deleted: none of the bytes of their record (nor of anything
 * deleted before) are left in it. `name` is the name their record had in that state.
 */
export const forgetInState = (
  state: Uint8Array,
  participantId: string,
): { state: Uint8Array; name: string | null } => {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const name = getParticipant(doc, participantId)?.name ?? null
    forgetParticipant(doc, participantId, null)
    return { state: Y.encodeStateAsUpdate(doc), name }
  } finally {
    doc.destroy()
  }
}
