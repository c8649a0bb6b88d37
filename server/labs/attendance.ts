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

const keyOf = (sessionId: string, participantId: string) => `${sessionId}\u0000${participantId}`

/**
 * One row per person and session they came to or contributed in, sessions in the order given.
 * `live` is what everyone has contributed now: the end of the current session while it has
 * no stored end (running, or ended by the flow's own button).
 */
export const attendanceRows = (
  sessions: readonly SessionInfo[],
  intervals: readonly AttendanceInterval[],
  snapshots: readonly ContributionSnapshot[],
  live: ReadonlyMap<string, Counts>,
  groupOf: (participantId: string) => PartnerGroup | null,
): AttendanceRow[] => {
  const byKey = new Map<string, AttendanceInterval[]>()
  for (const interval of intervals) {
    const key = keyOf(interval.sessionId, interval.participantId)
    byKey.set(key, [...(byKey.get(key) ?? []), interval])
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
    const people = new Set([
      ...ends.keys(),
      ...intervals.filter((i) => i.sessionId === session.id).map((i) => i.participantId),
    ])
    for (const participantId of people) {
      const own = byKey.get(keyOf(session.id, participantId)) ?? []
      const end = ends.get(participantId) ?? ZERO
      const start = starts.get(participantId) ?? ZERO
      const counts = {
        notes: Math.max(0, end.notes - start.notes),
        ballots: Math.max(0, end.ballots - start.ballots),
        edits: Math.max(0, end.edits - start.edits),
      }
      if (own.length === 0 && counts.notes + counts.ballots + counts.edits === 0) continue
      rows.push({
        sessionId: session.id,
        participantId,
        group: own.findLast((i) => i.group !== null)?.group ?? groupOf(participantId),
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
