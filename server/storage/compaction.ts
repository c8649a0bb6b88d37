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
 * Rows deleted per write transaction once a snapshot covers them (~0.7 ms each here), and
 * pages given back per `incremental_vacuum` step.
 */
const DELETE_CHUNK = 1000
const VACUUM_CHUNK_PAGES = 256
/** Pause between two short write transactions, so an append waiting for the lock gets it. */
const PAUSE_MS = 1
const pauseCell = new Int32Array(new SharedArrayBuffer(4))
export const pause = (): void => {
  Atomics.wait(pauseCell, 0, 0, PAUSE_MS)
}

/**
 * Folds a room's snapshot and updates into one new snapshot. Reads in one transaction,
 * merges outside any lock, then writes the snapshot, which from then on covers the updates it
 * read (a load reads only the updates after it): updates appended meanwhile stay. The write
 * lock is SQLite's only one, and the main thread's appends wait for it: the folded updates are
 * deleted, and their pages given back to the file system, in short transactions with a pause
 * between them (one transaction for a 20,000-update log held the lock 13 ms).
 */
export const compactRoom = (db: Database.Database, roomId: string): CompactionResult => {
  const { snapshot, updates } = db.transaction(() => {
    const snapshot = db
      .prepare<[string], SnapshotRow>('SELECT upto_id, state FROM room_snapshots WHERE room_id = ?')
      .get(roomId)
    const updates = db
      .prepare<[string, number], UpdateRow>(
        'SELECT id, data FROM room_updates WHERE room_id = ? AND id > ? ORDER BY id',
      )
      .all(roomId, snapshot?.upto_id ?? 0)
    return { snapshot, updates }
  })()
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

  db.prepare(
    `INSERT INTO room_snapshots (room_id, upto_id, state) VALUES (?, ?, ?)
     ON CONFLICT(room_id) DO UPDATE SET upto_id = excluded.upto_id, state = excluded.state`,
  ).run(roomId, last.id, state)
  // Everything up to `last` is covered by the snapshot now, rows an interrupted compaction
  // left behind too: the first chunk deletes those with it.
  const remove = db.prepare('DELETE FROM room_updates WHERE room_id = ? AND id <= ?')
  for (let end = DELETE_CHUNK - 1; ; end += DELETE_CHUNK) {
    pause()
    const upto = updates[Math.min(end, updates.length - 1)] as UpdateRow
    remove.run(roomId, upto.id)
    if (upto === last) break
  }
  giveBackFreePages(db)
  return { compactedUpdates: updates.length, bytesBefore, bytesAfter: state.byteLength }
}

/**
 * Gives the database's free pages back to the file system (SQLite incremental auto-vacuum),
 * in steps with a pause between them: pages at the end of the file are cut off, and pages in
 * use there are moved onto free ones, until no page is free.
 */
export const giveBackFreePages = (db: Database.Database): void => {
  const freePages = () => db.pragma('freelist_count', { simple: true }) as number
  for (let free = freePages(), before = Number.POSITIVE_INFINITY; free > 0 && free < before; ) {
    pause()
    db.pragma(`incremental_vacuum(${VACUUM_CHUNK_PAGES})`)
    before = free
    free = freePages()
  }
}
