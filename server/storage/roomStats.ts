import type Database from 'better-sqlite3'
import type { RoomStats } from './Storage.ts'

/**
 * Reads what a room holds in a SQLite database. `db` may also be a read-only connection beside
 * a running server (bench/editing.ts): the data directory's lock keeps a second storage out,
 * not readers.
 */
export const roomStatsQuery = (db: Database.Database): ((roomId: string) => RoomStats) => {
  // Updates a snapshot covers are not counted: a compaction deletes them in steps.
  const updates = db.prepare<[{ room: string }], { n: number; bytes: number | null }>(
    `SELECT count(*) AS n, sum(length(data)) AS bytes FROM room_updates WHERE room_id = @room
       AND id > coalesce((SELECT upto_id FROM room_snapshots WHERE room_id = @room), 0)`,
  )
  const snapshot = db.prepare<[string], { bytes: number }>(
    'SELECT length(state) AS bytes FROM room_snapshots WHERE room_id = ?',
  )
  return (roomId) => {
    const log = updates.get({ room: roomId })
    return {
      updateCount: log?.n ?? 0,
      updateBytes: log?.bytes ?? 0,
      snapshotBytes: snapshot.get(roomId)?.bytes ?? 0,
    }
  }
}
