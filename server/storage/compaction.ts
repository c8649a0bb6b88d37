import type Database from 'better-sqlite3'
import * as Y from 'yjs'
import type { CompactionResult } from './Storage.ts'

interface SnapshotRow {
  upto_id: number
  state: Uint8Array
}
interface UpdateRow {
  id: number
  data: Uint8Array
}

/**
 * Folds a room's snapshot and updates into one new snapshot. Reads in one transaction,
 * merges outside any lock, then writes in a short transaction that only deletes the updates
 * it read: updates appended meanwhile stay, so appends are never blocked for the merge. The
 * pages freed go back to the file system.
 */
export const compactRoom = (db: Database.Database, roomId: string): CompactionResult => {
  const { snapshot, updates } = db.transaction(() => ({
    snapshot: db
      .prepare<[string], SnapshotRow>('SELECT upto_id, state FROM room_snapshots WHERE room_id = ?')
      .get(roomId),
    updates: db
      .prepare<[string], UpdateRow>(
        'SELECT id, data FROM room_updates WHERE room_id = ? ORDER BY id',
      )
      .all(roomId),
  }))()
  const last = updates.at(-1)
  const bytesBefore =
    (snapshot?.state.byteLength ?? 0) + updates.reduce((n, u) => n + u.data.byteLength, 0)
  if (!last) return { compactedUpdates: 0, bytesBefore, bytesAfter: bytesBefore }

  const doc = new Y.Doc()
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const update of updates) Y.applyUpdate(doc, update.data)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()

  db.transaction(() => {
    db.prepare(
      `INSERT INTO room_snapshots (room_id, upto_id, state) VALUES (?, ?, ?)
       ON CONFLICT(room_id) DO UPDATE SET upto_id = excluded.upto_id, state = excluded.state`,
    ).run(roomId, last.id, state)
    db.prepare('DELETE FROM room_updates WHERE room_id = ? AND id <= ?').run(roomId, last.id)
  }).immediate()
  // Give the pages of the deleted updates back to the file system (incremental auto-vacuum).
  db.pragma('incremental_vacuum')
  return { compactedUpdates: updates.length, bytesBefore, bytesAfter: state.byteLength }
}
