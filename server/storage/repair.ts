import * as Y from 'yjs'
import { roomName } from '../../shared/rooms.ts'
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
 * Rewrites, in every room of a workshop (its shared document and each participant's private
 * one), the stored content that a server with bounds would refuse (see updateScan.ts) as
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
    doc.destroy()
    if (replaced > 0) await storage.replaceRoom(roomId, repaired)
    report.push({ roomId, stored: blobs.length, replaced })
  }
  return report
}
