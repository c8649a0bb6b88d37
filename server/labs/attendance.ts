import { PARTNER_GROUPS, type PartnerGroup } from '../../shared/groups.ts'
import type { SessionInfo } from '../../shared/schema/sessions.ts'
import type { AttendanceInterval, ContributionSnapshot } from '../storage/Storage.ts'

/**
 * Who came to each session of a lab, for how long, and what they contributed, from what the
 * storage keeps: connected intervals (AttendanceTracker.ts) and, per person, what they had
 * contributed to the lab when the session started and when it ended. A session's notes,
 * ballots and items edited are the difference (never below 0): the counts are read from the
 * lab's document (FacilitationService.participation), where one person's work of every
 * session adds up.
 */

export interface Counts {
  notes: number
  ballots: number
  edits: number
}

export interface AttendanceRow extends Counts {
  sessionId: string
  participantId: string
  group: PartnerGroup | null
  minutes: number
}

const ZERO: Counts = { notes: 0, ballots: 0, edits: 0 }

/** Minutes covered by the union of the intervals (two devices at once count once), rounded. */
export const unionMinutes = (
  intervals: ReadonlyArray<Pick<AttendanceInterval, 'startedAt' | 'endedAt'>>,
) => {
  const sorted = [...intervals].sort((a, b) => a.startedAt - b.startedAt)
  let total = 0
  let start = Number.NEGATIVE_INFINITY
  let end = Number.NEGATIVE_INFINITY
  for (const { startedAt, endedAt } of sorted) {
    if (startedAt > end) {
      if (end > start) total += end - start
      start = startedAt
      end = endedAt
    } else end = Math.max(end, endedAt)
  }
  if (end > start) total += end - start
  return Math.round(total / 60_000)
}

/**
 * One row per person and session they came to (connected during it, on this server), with
 * what they added during it; sessions in the order given. A person is one of the lab's
 * `people` (their participant record: a name and a partner group, `group` here): an identity
 * that never gave a name is nobody a facilitator could recognise, and has no row. Someone who
 * never came has none either, whatever their work in the lab (an imported lab's people came
 * to another server). `live` is what everyone has contributed now: the end of the current
 * session while it has no stored end (running, or ended by the flow's own button).
 */
export const attendanceRows = (
  sessions: readonly SessionInfo[],
  intervals: readonly AttendanceInterval[],
  snapshots: readonly ContributionSnapshot[],
  live: ReadonlyMap<string, Counts>,
  people: ReadonlyMap<string, PartnerGroup>,
): AttendanceRow[] => {
  /** By session, the intervals of each person who came to it. */
  const came = new Map<string, Map<string, AttendanceInterval[]>>()
  for (const interval of intervals) {
    const { sessionId, participantId } = interval
    if (!people.has(participantId)) continue
    const bySession = came.get(sessionId) ?? new Map<string, AttendanceInterval[]>()
    came.set(sessionId, bySession)
    bySession.set(participantId, [...(bySession.get(participantId) ?? []), interval])
  }
  const stage = (sessionId: string, which: ContributionSnapshot['stage']) =>
    new Map(
      snapshots
        .filter((entry) => entry.sessionId === sessionId && entry.stage === which)
        .map((entry) => [entry.participantId, entry] as const),
    )
  const rows: AttendanceRow[] = []
  for (const session of sessions) {
    const starts = stage(session.id, 'start')
    const stored = stage(session.id, 'end')
    const ends: ReadonlyMap<string, Counts> =
      stored.size > 0 || !session.current || session.status === 'planned' ? stored : live
    for (const [participantId, own] of came.get(session.id) ?? []) {
      const end = ends.get(participantId) ?? ZERO
      const start = starts.get(participantId) ?? ZERO
      const counts = {
        notes: Math.max(0, end.notes - start.notes),
        ballots: Math.max(0, end.ballots - start.ballots),
        edits: Math.max(0, end.edits - start.edits),
      }
      rows.push({
        sessionId: session.id,
        participantId,
        group: own.findLast((i) => i.group !== null)?.group ?? people.get(participantId) ?? null,
        minutes: unionMinutes(own),
        ...counts,
      })
    }
  }
  return rows
}

/** How many people came to a session (connected at least once), by partner group. */
export const attendanceByGroup = (
  rows: readonly AttendanceRow[],
  sessionId: string,
): Record<PartnerGroup, number> => {
  const counts = Object.fromEntries(PARTNER_GROUPS.map((group) => [group, 0])) as Record<
    PartnerGroup,
    number
  >
  for (const row of rows) if (row.sessionId === sessionId && row.group) counts[row.group]++
  return counts
}
