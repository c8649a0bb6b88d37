import type { Logger } from 'pino'
import type { PlanSessionRequest, SessionSummary } from '../../shared/api.ts'
import { toCsv } from '../../shared/export/csv.ts'
import { exportFileName } from '../../shared/export/fileName.ts'
import { parseRoomName } from '../../shared/rooms.ts'
import {
  endSession,
  followFlow,
  listParticipants,
  listSessions,
  planSession,
  type SessionInfo,
  SessionStateError,
  startSession,
} from '../../shared/schema/index.ts'
import type { Download } from '../exports/ExportService.ts'
import type { FacilitationService } from '../facilitation/FacilitationService.ts'
import type { Clock } from '../lib/clock.ts'
import type { HeavyReads } from '../lib/HeavyReads.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { TemplateCatalog } from '../templates/TemplateCatalog.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'
import type { AttendanceTracker } from './AttendanceTracker.ts'
import { type AttendanceRow, attendanceByGroup, attendanceRows, type Counts } from './attendance.ts'

/** The columns of `attendance.csv`, in order (README). */
export const ATTENDANCE_CSV_COLUMNS = [
  'person',
  'partner_group',
  'sector',
  'session',
  'date',
  'minutes',
  'notes',
  'ballots',
  'items_edited',
  'recognition_opt_out',
  'person_id',
  'session_id',
] as const

/**
 * The lab's sessions: planned, started and ended by the facilitator over HTTP, listed for
 * anyone with a link, and their attendance (see attendance.ts and AttendanceTracker.ts).
 */
export class SessionService {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly templates: TemplateCatalog,
    private readonly facilitation: FacilitationService,
    private readonly tracker: AttendanceTracker,
    private readonly clock: Clock,
    /** Lists and attendance are computed a few at a time (HeavyReads). */
    private readonly reads: HeavyReads,
    log: Logger,
  ) {
    // The facilitator's start and end buttons write the flow alone: the session's record in
    // the document follows, so it says what the API says.
    sync.onStored((roomId, senders) => {
      if (senders.length === 0 || parseRoomName(roomId)?.kind !== 'workshop') return
      sync
        .withRoom(roomId, (room) => followFlow(room.doc, SERVER_ACTIONS.sessions))
        .catch((error: unknown) =>
          log.error({ err: error, room: roomId }, 'the session could not follow its flow'),
        )
    })
  }

  /** Plans a session (facilitator): the body is read only once the caller may. */
  async plan(
    workshopId: string,
    token: string | null,
    body: () => Promise<Required<PlanSessionRequest>>,
  ): Promise<SessionSummary> {
    await this.requireFacilitator(workshopId, token, 'plan sessions')
    const input = await body()
    if (!this.templates.get(input.template))
      throw new HttpError(
        400,
        `template: unknown template "${input.template}" (see GET /api/templates)`,
      )
    const sessionId = await this.sync.withRoom(workshopId, (room) =>
      planSession(
        room.doc,
        { title: input.title, templateId: input.template, date: input.date },
        SERVER_ACTIONS.sessions,
        this.clock.now(),
      ),
    )
    return this.summary(workshopId, sessionId)
  }

  /**
   * The sessions, oldest first, each with how many came by partner group (any link), for
   * `client`: shared by those who ask while it is read (a room's pages ask at once).
   */
  async list(workshopId: string, token: string | null, client: string): Promise<SessionSummary[]> {
    await this.workshops.session(workshopId, token)
    return this.reads.read({ workshopId, what: 'sessions', client }, async () => {
      const { sessions, rows } = await this.attendance(workshopId)
      return sessions.map((session) => summarize(session, rows))
    })
  }

  /**
   * Starts a planned session (facilitator): its template's flow runs on the lab. What each
   * person had contributed is kept, so the session counts only what comes after; the session
   * the flow leaves keeps its end, if the flow's own button ended it.
   */
  async start(workshopId: string, token: string | null, sessionId: string) {
    await this.requireFacilitator(workshopId, token, 'start a session')
    const { target, previous } = await this.sync.withRoom(workshopId, (room) => {
      const sessions = listSessions(room.doc)
      return {
        target: sessions.find((session) => session.id === sessionId),
        previous: sessions.find((session) => session.current && session.id !== sessionId),
      }
    })
    if (!target) throw new HttpError(404, `no session ${sessionId} in this lab`)
    const template = this.templates.get(target.templateId)
    if (!template)
      throw new HttpError(409, `template: "${target.templateId}" is no longer on this server`)
    const now = await this.contributionsNow(workshopId)
    if (previous?.status === 'ended' && !(await this.hasEnd(workshopId, previous.id)))
      await this.saveStage(workshopId, previous.id, 'end', now)
    await this.sync.withRoom(workshopId, (room) =>
      this.changing(() =>
        startSession(room.doc, sessionId, template, SERVER_ACTIONS.sessions, this.clock.now()),
      ),
    )
    await this.saveStage(workshopId, sessionId, 'start', now)
    await this.tracker.refresh(workshopId)
    return this.summary(workshopId, sessionId)
  }

  /** Ends the running session (facilitator); the lab stays, for the next one. */
  async end(workshopId: string, token: string | null, sessionId: string) {
    await this.requireFacilitator(workshopId, token, 'end a session')
    await this.sync.withRoom(workshopId, (room) => {
      if (!listSessions(room.doc).some((session) => session.id === sessionId))
        throw new HttpError(404, `no session ${sessionId} in this lab`)
      this.changing(() => endSession(room.doc, sessionId, SERVER_ACTIONS.sessions))
    })
    await this.saveStage(workshopId, sessionId, 'end', await this.contributionsNow(workshopId))
    await this.tracker.refresh(workshopId)
    return this.summary(workshopId, sessionId)
  }

  /** The session of whoever may download the attendance (the facilitator), else a 403. */
  attendanceReader(workshopId: string, token: string | null) {
    return this.requireFacilitator(workshopId, token, 'download the attendance')
  }

  /** One row per person and session (facilitator): the recognition and compensation export. */
  async attendanceCsv(workshopId: string, token: string | null, client: string): Promise<Download> {
    const { workshop } = await this.attendanceReader(workshopId, token)
    const body = await this.reads.read({ workshopId, what: 'attendance.csv', client }, () =>
      this.attendanceTable(workshopId),
    )
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: exportFileName(`${workshop.title} attendance`, 'csv'),
      body,
    }
  }

  /** The attendance CSV's text (README: its columns and order). */
  private async attendanceTable(workshopId: string): Promise<string> {
    const { sessions, rows, people } = await this.attendance(workshopId, true)
    const byId = new Map(sessions.map((session) => [session.id, session]))
    const order = new Map(sessions.map((session, index) => [session.id, index]))
    // Who opted out of the recognition export is counted, never named (README).
    const optedOut = (row: AttendanceRow) => people.get(row.participantId)?.recognitionOptOut
    const nameOf = (row: AttendanceRow) =>
      optedOut(row) ? '' : (people.get(row.participantId)?.name ?? '')
    // Session by session, oldest first; in each, people by name.
    const sorted = [...rows].sort(
      (a, b) =>
        (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0) ||
        nameOf(a).localeCompare(nameOf(b), 'fr') ||
        (a.participantId < b.participantId ? -1 : 1),
    )
    return toCsv(
      ATTENDANCE_CSV_COLUMNS,
      sorted.map((row) => {
        const session = byId.get(row.sessionId)
        return [
          nameOf(row),
          row.group ?? '',
          people.get(row.participantId)?.sector ?? '',
          session?.title ?? '',
          session?.date ?? '',
          row.minutes,
          row.notes,
          row.ballots,
          row.edits,
          optedOut(row) ? 'true' : 'false',
          row.participantId,
          row.sessionId,
        ]
      }),
    )
  }

  /**
   * The sessions and their rows. `withCounts`: with what each person contributed, which opens
   * every person's private document; without, who came and for how long (any link may list
   * the sessions, as often as it likes).
   */
  private async attendance(workshopId: string, withCounts = false) {
    await this.tracker.refresh(workshopId)
    const [intervals, snapshots, live] = await Promise.all([
      this.storage.listAttendance(workshopId),
      withCounts ? this.storage.listContributions(workshopId) : [],
      withCounts ? this.contributionsNow(workshopId) : new Map<string, Counts>(),
    ])
    return this.sync.withRoom(workshopId, (room) => {
      const people = listParticipants(room.doc)
      const groups = new Map(people.map((person) => [person.id, person.group]))
      const sessions = listSessions(room.doc)
      return {
        sessions,
        people: new Map(people.map((person) => [person.id, person])),
        rows: attendanceRows(sessions, intervals, snapshots, live, groups),
      }
    })
  }

  private async summary(workshopId: string, sessionId: string): Promise<SessionSummary> {
    const { sessions, rows } = await this.attendance(workshopId)
    const session = sessions.find((entry) => entry.id === sessionId)
    if (!session) throw new HttpError(404, `no session ${sessionId} in this lab`)
    return summarize(session, rows)
  }

  /** What everyone has contributed to the lab so far, by person. */
  private async contributionsNow(workshopId: string): Promise<Map<string, Counts>> {
    const people = await this.facilitation.contributionsByPerson(workshopId)
    return new Map(
      people.map((p) => [p.id, { notes: p.notes, ballots: p.votes, edits: p.edits }] as const),
    )
  }

  private saveStage(
    workshopId: string,
    sessionId: string,
    stage: 'start' | 'end',
    counts: ReadonlyMap<string, Counts>,
  ) {
    return this.storage.saveContributions(
      workshopId,
      sessionId,
      stage,
      [...counts].map(([participantId, entry]) => ({ participantId, ...entry })),
    )
  }

  private async hasEnd(workshopId: string, sessionId: string) {
    const snapshots = await this.storage.listContributions(workshopId)
    return snapshots.some((entry) => entry.sessionId === sessionId && entry.stage === 'end')
  }

  /** A start or end the session's status does not allow is a conflict (409), with its reason. */
  private changing(change: () => void): void {
    try {
      change()
    } catch (error) {
      if (error instanceof SessionStateError) throw new HttpError(409, error.message)
      throw error
    }
  }

  /** The facilitator's session, else 403 naming what only they may do (`what`). */
  private async requireFacilitator(workshopId: string, token: string | null, what: string) {
    const session = await this.workshops.session(workshopId, token)
    if (session.role !== 'facilitator') throw new HttpError(403, `only the facilitator can ${what}`)
    return session
  }
}

const summarize = (session: SessionInfo, rows: readonly AttendanceRow[]): SessionSummary => ({
  sessionId: session.id,
  title: session.title,
  template: session.templateId,
  date: session.date,
  status: session.status,
  current: session.current,
  attendance: attendanceByGroup(rows, session.id),
})
