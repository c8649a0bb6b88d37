import type { Logger } from 'pino'
import type * as Y from 'yjs'
import type { CarriedBoard, PlanSessionRequest, SessionSummary } from '../../shared/api.ts'
import { toCsv } from '../../shared/export/csv.ts'
import { exportFileName } from '../../shared/export/fileName.ts'
import type { Locale } from '../../shared/i18n/locales.ts'
import { parseRoomName, type RoomAddress, roomName } from '../../shared/rooms.ts'
import {
  boardsLeaving,
  carryIntoLab,
  displayTitle,
  endSession,
  followFlow,
  getSession,
  type LeavingBoards,
  listParticipants,
  listSessions,
  planSession,
  readLocale,
  SCHEMA_VERSION,
  type SessionInfo,
  SessionStateError,
  startSession,
} from '../../shared/schema/index.ts'
import { boardsFingerprint, CarryError, writeBoards } from '../../shared/schema/sessionBoards.ts'
import type { WorkshopTemplate } from '../../shared/template.ts'
import type { Download } from '../exports/ExportService.ts'
import type { FacilitationService } from '../facilitation/FacilitationService.ts'
import type { Clock } from '../lib/clock.ts'
import type { HeavyReads } from '../lib/HeavyReads.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { TemplateCatalog } from '../templates/TemplateCatalog.ts'
import type { RoomGrant, WorkshopService } from '../workshops/WorkshopService.ts'
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
 * Tries of the move of an ended session's boards: each writes them to the session's room, then
 * finds them unchanged in the lab (the facilitator may still edit them meanwhile) to delete them.
 */
const MOVE_ATTEMPTS = 3

/** The room an ended session's boards are kept in. */
const boardsRoom = (workshopId: string, sessionId: string) =>
  roomName({ kind: 'session', workshopId, sessionId })

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
      const { sessions, rows, locale } = await this.attendance(workshopId)
      return sessions.map((session) => summarize(workshopId, session, rows, locale))
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
    const moved = await this.startKeepingBoards(workshopId, sessionId, template)
    // The notes on the boards that moved out are no longer counted in the lab: the session
    // counts from what the lab holds once they left.
    const start = moved ? await this.contributionsNow(workshopId) : now
    await this.saveStage(workshopId, sessionId, 'start', start)
    await this.tracker.refresh(workshopId)
    return this.summary(workshopId, sessionId)
  }

  /**
   * Starts a session on the lab. The boards of the ended session that had the flow move to
   * its room first: written there whole and durably, then, found unchanged in the lab, deleted
   * from it in the very transaction that starts the next session. A server that dies between
   * the two has both (nothing is lost); the next start writes the room again, which changes
   * only what differs, and deletes them then. Whether boards moved.
   */
  private async startKeepingBoards(
    workshopId: string,
    sessionId: string,
    template: WorkshopTemplate,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
      const kept = await this.sync.withRoom(workshopId, (lab) => {
        const leaving = mayStart(lab.doc, sessionId) ? boardsLeaving(lab.doc, sessionId) : null
        const session = leaving && getSession(lab.doc, leaving.sessionId)
        if (!leaving || !session) return null
        return this.sync.withRoom(boardsRoom(workshopId, session.id), async (room) => {
          const fingerprint = boardsFingerprint(lab.doc, leaving.canvasIds)
          writeBoards(
            lab.doc,
            room.doc,
            leaving.canvasIds,
            {
              sessionId: session.id,
              title: session.title,
              date: session.date,
              schemaVersion: SCHEMA_VERSION,
              archivedAt: this.clock.now(),
            },
            SERVER_ACTIONS.boards,
          )
          await room.whenDurable()
          return { leaving, fingerprint }
        })
      })
      const started = await this.sync.withRoom(workshopId, (lab) => {
        const leaving = boardsLeaving(lab.doc, sessionId)
        // One that cannot start is refused by `startSession`, saying why (409).
        if (
          mayStart(lab.doc, sessionId) &&
          (!sameBoards(leaving, kept?.leaving ?? null) ||
            (leaving && boardsFingerprint(lab.doc, leaving.canvasIds) !== kept?.fingerprint))
        )
          return null
        this.changing(() =>
          startSession(
            lab.doc,
            sessionId,
            template,
            SERVER_ACTIONS.sessions,
            this.clock.now(),
            leaving,
          ),
        )
        return { moved: leaving !== null }
      })
      if (started) return started.moved
    }
    throw new HttpError(
      409,
      'the last session’s boards kept changing while they were being kept; try again',
    )
  }

  /**
   * Who may open the room of a session's boards: any valid link of the lab (see
   * `WorkshopService.authorize`), once that session's boards were moved there.
   */
  async authorizeBoards(
    address: Extract<RoomAddress, { kind: 'session' }>,
    params: URLSearchParams,
  ): Promise<RoomGrant | null> {
    const grant = await this.workshops.authorize(address, params)
    if (!grant) return null
    const kept = await this.sync.withRoom(address.workshopId, (room) =>
      listSessions(room.doc).some(
        (session) => session.id === address.sessionId && session.boards.length > 0,
      ),
    )
    return kept ? grant : null
  }

  /**
   * Copies a board of an ended session back into the lab (facilitator), for the session
   * running or the next one, with its ids and authors as they were. An unknown session or
   * board → 404; one the lab holds already → 409.
   */
  async carry(
    workshopId: string,
    token: string | null,
    sessionId: string,
    canvasId: string,
  ): Promise<CarriedBoard> {
    await this.requireFacilitator(workshopId, token, 'carry a board into the session')
    const title = await this.sync.withRoom(workshopId, (lab) => {
      const session = getSession(lab.doc, sessionId)
      if (!session) throw new HttpError(404, `no session ${sessionId} in this lab`)
      const board = session.boards.find((entry) => entry.id === canvasId)
      if (!board)
        throw new HttpError(404, `no board ${canvasId} kept from the session "${session.title}"`)
      const named = displayTitle(board, readLocale(lab.doc))
      return this.sync.withRoom(boardsRoom(workshopId, sessionId), (room) => {
        try {
          return carryIntoLab(room.doc, lab.doc, session, board, SERVER_ACTIONS.boards)
        } catch (error) {
          if (!(error instanceof CarryError)) throw error
          throw new HttpError(
            error.reason === 'present' ? 409 : 404,
            error.reason === 'present'
              ? `the board "${named}" is in the lab already`
              : `the board "${named}" is not in the session's room`,
          )
        }
      })
    })
    return { canvasId, title, from: sessionId }
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
        locale: readLocale(room.doc),
        rows: attendanceRows(sessions, intervals, snapshots, live, groups),
      }
    })
  }

  private async summary(workshopId: string, sessionId: string): Promise<SessionSummary> {
    const { sessions, rows, locale } = await this.attendance(workshopId)
    const session = sessions.find((entry) => entry.id === sessionId)
    if (!session) throw new HttpError(404, `no session ${sessionId} in this lab`)
    return summarize(workshopId, session, rows, locale)
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

const summarize = (
  workshopId: string,
  session: SessionInfo,
  rows: readonly AttendanceRow[],
  locale: Locale,
): SessionSummary => ({
  sessionId: session.id,
  title: session.title,
  template: session.templateId,
  date: session.date,
  status: session.status,
  current: session.current,
  attendance: attendanceByGroup(rows, session.id),
  boards: session.boards.map((board) => ({
    canvasId: board.id,
    title: displayTitle(board, locale),
  })),
  boardsRoom: session.boards.length > 0 ? boardsRoom(workshopId, session.id) : null,
})

/** Whether session `id` may start now: planned, and no other running. */
const mayStart = (doc: Y.Doc, id: string): boolean => {
  const sessions = listSessions(doc)
  return (
    sessions.find((session) => session.id === id)?.status === 'planned' &&
    !sessions.some((session) => session.status === 'running')
  )
}

/** Whether two moves are of the same session's same boards. */
const sameBoards = (a: LeavingBoards | null, b: LeavingBoards | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.sessionId === b.sessionId &&
    a.canvasIds.join('\n') === b.canvasIds.join('\n'))
