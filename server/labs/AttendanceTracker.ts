import type { Logger } from 'pino'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../shared/groups.ts'
import { parseRoomName } from '../../shared/rooms.ts'
import { getParticipant } from '../../shared/schema/participants.ts'
import { labDay, listSessions } from '../../shared/schema/sessions.ts'
import type { Clock } from '../lib/clock.ts'
import type { Storage } from '../storage/Storage.ts'
import type { Connection } from '../sync/Connection.ts'
import type { SyncServer } from '../sync/SyncServer.ts'

/** Where a connection's time goes: the session and the interval it is extending. */
interface Tracked {
  workshopId: string
  participantId: string
  sessionId: string | null
  intervalId: number | null
}

/**
 * The session a connection's time counts toward now: the running one, else the first one
 * planned for today (people arrive before the start). Between sessions, reading the lab
 * counts for none.
 */
export const countingSession = (doc: Y.Doc, now: number): string | null => {
  const sessions = listSessions(doc)
  const today = labDay(now)
  return (
    (
      sessions.find((session) => session.status === 'running') ??
      sessions.find((session) => session.status === 'planned' && session.date === today)
    )?.id ?? null
  )
}

/**
 * Records, for each connection of a person to a lab's room, the intervals they were
 * connected during a session: an interval opens when they join (or when a session starts
 * while they are here) and its end is moved to now on each tick, when they leave and when the
 * session changes, so a crash loses at most one tick. Minutes are their union (attendance.ts).
 */
export class AttendanceTracker {
  private readonly tracked = new Map<Connection, Tracked>()
  private readonly timer: NodeJS.Timeout
  /** Writes in flight, in order: each waits for the one before (an interval opens before it extends). */
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly clock: Clock,
    private readonly log: Logger,
    tickMs: number,
  ) {
    sync.onConnection({
      joined: (conn, roomId) => {
        const address = parseRoomName(roomId)
        if (address?.kind !== 'workshop' || conn.participantId === null || this.closed) return
        const entry: Tracked = {
          workshopId: address.workshopId,
          participantId: conn.participantId,
          sessionId: null,
          intervalId: null,
        }
        this.tracked.set(conn, entry)
        // Only this one: a room of 60 joining at once makes 60 small writes, not 60 × 60.
        this.refresh(address.workshopId, [entry])
      },
      left: (conn) => {
        const entry = this.tracked.get(conn)
        if (!entry) return
        this.tracked.delete(conn)
        const at = this.clock.now()
        this.enqueue(() => this.extend([entry], at))
      },
    })
    this.timer = setInterval(() => {
      for (const workshopId of new Set([...this.tracked.values()].map((e) => e.workshopId)))
        this.refresh(workshopId)
    }, tickMs)
    this.timer.unref()
  }

  /**
   * Brings a lab's open intervals (or `only` these) up to now, and onto the session that
   * counts now. An entry whose connection left meanwhile is left alone (its leave ends it).
   */
  refresh(workshopId: string, only?: readonly Tracked[]): Promise<void> {
    return this.enqueue(async () => {
      const open = new Set(this.tracked.values())
      const entries = (only ?? [...open]).filter((e) => e.workshopId === workshopId && open.has(e))
      if (entries.length === 0) return
      const at = this.clock.now()
      const { sessionId, groups } = await this.sync.withRoom(workshopId, (room) => ({
        sessionId: countingSession(room.doc, at),
        groups: new Map(
          entries.map((e) => [e.participantId, getParticipant(room.doc, e.participantId)?.group]),
        ),
      }))
      await this.extend(entries, at, groups)
      for (const entry of entries) {
        if (entry.sessionId === sessionId && entry.intervalId !== null) continue
        entry.sessionId = sessionId
        entry.intervalId =
          sessionId === null
            ? null
            : await this.storage.openAttendance(workshopId, {
                sessionId,
                participantId: entry.participantId,
                group: groups.get(entry.participantId) ?? null,
                startedAt: at,
                endedAt: at,
              })
      }
    })
  }

  /** Extends the open intervals to now and stops (before the storage closes). */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.timer)
    const at = this.clock.now()
    const entries = [...this.tracked.values()]
    this.tracked.clear()
    await this.enqueue(() => this.extend(entries, at))
  }

  private async extend(
    entries: readonly Tracked[],
    at: number,
    groups: ReadonlyMap<string, PartnerGroup | undefined> = new Map(),
  ): Promise<void> {
    const open = entries.flatMap((e) =>
      e.intervalId === null
        ? []
        : [{ id: e.intervalId, group: groups.get(e.participantId) ?? null }],
    )
    if (open.length > 0) await this.storage.extendAttendance(open, at)
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch((error: unknown) => {
      this.log.error({ err: error }, 'attendance could not be recorded')
    })
    this.queue = next
    return next
  }
}
