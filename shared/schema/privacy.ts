import * as Y from 'yjs'
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
