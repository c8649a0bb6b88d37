import * as Y from 'yjs'
import { roomName } from '../../shared/rooms.ts'
import { listSessions } from '../../shared/schema/sessions.ts'
import { repairUpdate } from '../sync/updateScan.ts'
import type { Storage } from './Storage.ts'

export interface RoomRepair {
  roomId: string
  /** Stored blobs (snapshot and updates) read. */
  stored: number
  /** Values rewritten as deleted content. */
  replaced: number
}

/**
 * Rewrites, in every room of a workshop (its shared document, each participant's private
 * one and its ended sessions' boards), the stored content that a server with bounds would refuse (see updateScan.ts) as
 * deleted content of the same length: every client keeps its clocks, so updates made after
 * it, by the server or by devices that still hold it, apply as before. Rooms with nothing
 * to rewrite are left untouched.
 */
export const repairWorkshop = async (
  storage: Storage,
  workshopId: string,
): Promise<RoomRepair[]> => {
  if (!(await storage.getWorkshop(workshopId)))
    throw new Error(`no workshop ${workshopId} in this DATA_DIR`)
  const rooms = [
    roomName({ kind: 'workshop', workshopId }),
    ...(await storage.listParticipants(workshopId)).map(({ participantId }) =>
      roomName({ kind: 'private', workshopId, participantId }),
    ),
  ]
  const report: RoomRepair[] = []
  for (const roomId of rooms) {
    const stored = await storage.loadRoom(roomId)
    const blobs = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
    // Each blob is checked against what the ones before it built, as a load applies them.
    const doc = new Y.Doc()
    let replaced = 0
    const repaired = blobs.map((blob) => {
      const result = repairUpdate(blob, doc)
      replaced += result.replaced
      Y.applyUpdate(doc, result.update)
      return result.update
    })
    // The lab's document names the rooms its ended sessions' boards were moved to.
    if (roomId === workshopId) {
      for (const session of listSessions(doc))
        if (session.boards.length > 0)
          rooms.push(roomName({ kind: 'session', workshopId, sessionId: session.id }))
    }
    doc.destroy()
    if (replaced > 0) await storage.replaceRoom(roomId, repaired)
    report.push({ roomId, stored: blobs.length, replaced })
  }
  return report
}
