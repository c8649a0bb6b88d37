import type Database from 'better-sqlite3'
import { forgetInState } from '../../shared/schema/privacy.ts'
import { compactRoom, giveBackFreePages, pause } from './compaction.ts'
import type { ParticipantErasure } from './Storage.ts'

/** Tries of a checkpoint that readers or a writer keep from emptying the WAL, a pause apart. */
const CHECKPOINT_TRIES = 50

/**
 * Copies every page of the WAL into the database and truncates the WAL to nothing, so the
 * page images it held (deleted content among them) are gone from the disk. Throws if other
 * connections keep it from completing.
 */
export const emptyWal = (db: Database.Database): void => {
  for (let attempt = 0; attempt < CHECKPOINT_TRIES; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
    if (result?.busy === 0) return
    pause()
  }
  throw new Error('the WAL could not be emptied: the database stayed busy')
}

/**
 * Erases what is stored of a forgotten person (see `Storage.eraseParticipant`), with
 * `secure_delete` on (sqliteSchema.ts): what is deleted is overwritten with zeros, the freed
 * pages are given back to the file system, and the WAL is emptied at the end. Each version is
 * rewritten in its own short transaction, read and re-encoded outside any.
 */
export const eraseParticipant = (db: Database.Database, erasure: ParticipantErasure): void => {
  const { workshopId, participantId, privateRoomId, clientOwner } = erasure
  const names = new Set(erasure.names)
  const ids = db
    .prepare<[string], { id: string }>('SELECT id FROM versions WHERE workshop_id = ?')
    .all(workshopId)
  const read = db.prepare<[string], { state: Uint8Array }>(
    'SELECT state FROM versions WHERE id = ?',
  )
  const write = db.prepare('UPDATE versions SET state = ? WHERE id = ?')
  const unreadable: string[] = []
  for (const { id } of ids) {
    const row = read.get(id)
    if (!row) continue
    let forgotten: ReturnType<typeof forgetInState>
    try {
      forgotten = forgetInState(row.state, participantId)
    } catch {
      unreadable.push(id)
      continue
    }
    if (forgotten.name !== null) names.add(forgotten.name)
    if (!Buffer.from(forgotten.state).equals(Buffer.from(row.state))) {
      pause()
      write.run(forgotten.state, id)
    }
  }
  db.transaction(() => {
    const blank = db.prepare("UPDATE versions SET author = '' WHERE workshop_id = ? AND author = ?")
    for (const name of names) blank.run(workshopId, name)
    db.prepare(
      'UPDATE versions SET author_participant = NULL WHERE workshop_id = ? AND author_participant = ?',
    ).run(workshopId, participantId)
    db.prepare('DELETE FROM room_snapshots WHERE room_id = ?').run(privateRoomId)
    db.prepare('DELETE FROM room_updates WHERE room_id = ?').run(privateRoomId)
    db.prepare('DELETE FROM room_clients WHERE room_id = ?').run(privateRoomId)
    db.prepare('DELETE FROM attendance WHERE workshop_id = ? AND participant_id = ?').run(
      workshopId,
      participantId,
    )
    db.prepare(
      'DELETE FROM session_contributions WHERE workshop_id = ? AND participant_id = ?',
    ).run(workshopId, participantId)
    db.prepare('DELETE FROM room_clients WHERE room_id = ? AND owner = ?').run(
      workshopId,
      clientOwner,
    )
  })()
  compactRoom(db, workshopId)
  for (const roomId of erasure.boardRooms ?? []) compactRoom(db, roomId)
  giveBackFreePages(db)
  emptyWal(db)
  // Everything else is done; a version Yjs cannot read cannot be rewritten (nor served).
  if (unreadable.length > 0) {
    throw new Error(
      `versions ${unreadable.join(', ')} could not be read to forget ${participantId}`,
    )
  }
}
