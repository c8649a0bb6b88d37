import type Database from 'better-sqlite3'
import type { PartnerGroup } from '../../shared/groups.ts'
import type { AttendanceInterval, ContributionSnapshot, Storage } from './Storage.ts'

type AttendanceStorage = Pick<
  Storage,
  | 'openAttendance'
  | 'extendAttendance'
  | 'listAttendance'
  | 'saveContributions'
  | 'listContributions'
>

/**
 * The SQLite side of attendance (tables `attendance` and `session_contributions`, see
 * sqliteSchema.ts). `beforeWrite` waits until the storage may write (SqliteStorage.lockFree).
 */
export const attendanceRows = (
  db: Database.Database,
  beforeWrite: () => Promise<void>,
): AttendanceStorage => {
  const open = db.prepare<[string, string, string, PartnerGroup | null, number, number]>(
    'INSERT INTO attendance (workshop_id, session_id, participant_id, partner_group, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const extend = db.prepare<[number, PartnerGroup | null, number]>(
    'UPDATE attendance SET ended_at = max(ended_at, ?), partner_group = coalesce(?, partner_group) WHERE id = ?',
  )
  const list = db.prepare<
    [string],
    {
      session_id: string
      participant_id: string
      partner_group: PartnerGroup | null
      started_at: number
      ended_at: number
    }
  >(
    'SELECT session_id, participant_id, partner_group, started_at, ended_at FROM attendance WHERE workshop_id = ? ORDER BY started_at, id',
  )
  const clearStage = db.prepare<[string, string, string]>(
    'DELETE FROM session_contributions WHERE workshop_id = ? AND session_id = ? AND stage = ?',
  )
  const addSnapshot = db.prepare<[string, string, string, string, number, number, number]>(
    'INSERT INTO session_contributions (workshop_id, session_id, stage, participant_id, notes, ballots, edits) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const snapshots = db.prepare<
    [string],
    {
      session_id: string
      stage: ContributionSnapshot['stage']
      participant_id: string
      notes: number
      ballots: number
      edits: number
    }
  >(
    'SELECT session_id, stage, participant_id, notes, ballots, edits FROM session_contributions WHERE workshop_id = ?',
  )
  return {
    async openAttendance(workshopId: string, interval: AttendanceInterval) {
      await beforeWrite()
      const { sessionId, participantId, group, startedAt, endedAt } = interval
      return Number(
        open.run(workshopId, sessionId, participantId, group, startedAt, endedAt).lastInsertRowid,
      )
    },
    async extendAttendance(extended, endedAt) {
      await beforeWrite()
      db.transaction(() => {
        for (const { id, group } of extended) extend.run(endedAt, group, id)
      })()
    },
    async listAttendance(workshopId) {
      return list.all(workshopId).map((row) => ({
        sessionId: row.session_id,
        participantId: row.participant_id,
        group: row.partner_group,
        startedAt: row.started_at,
        endedAt: row.ended_at,
      }))
    },
    async saveContributions(workshopId, sessionId, stage, rows) {
      await beforeWrite()
      db.transaction(() => {
        clearStage.run(workshopId, sessionId, stage)
        for (const row of rows)
          addSnapshot.run(
            workshopId,
            sessionId,
            stage,
            row.participantId,
            row.notes,
            row.ballots,
            row.edits,
          )
      })()
    },
    async listContributions(workshopId) {
      return snapshots.all(workshopId).map((row) => ({
        sessionId: row.session_id,
        stage: row.stage,
        participantId: row.participant_id,
        notes: row.notes,
        ballots: row.ballots,
        edits: row.edits,
      }))
    },
  }
}
