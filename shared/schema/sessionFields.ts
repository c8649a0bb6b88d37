import { z } from 'zod'

/** A session's fields as requests and the document give them (sessions.ts holds the sessions). */

export const SESSION_STATUSES = ['planned', 'running', 'ended'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** The time zone a session's day is in: the labs this serves meet in Québec. */
export const LAB_TIME_ZONE = 'America/Montreal'

const isCalendarDay = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export const sessionDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine(isCalendarDay, 'must be a day of the calendar')

/** Years a session may be planned in: 0000-01-01 is on no calendar anyone meets by. */
const PLANNED_YEARS = { from: 1900, to: 9999 } as const

/**
 * A day a session may be planned on (`POST …/sessions`): a calendar day of a year from 1900.
 * Days already stored are read with `sessionDate`, so a session planned before stays listed.
 */
export const plannedSessionDate = sessionDate.refine(
  (value) => !/^\d{4}-/.test(value) || Number(value.slice(0, 4)) >= PLANNED_YEARS.from,
  `must be in a year from ${PLANNED_YEARS.from} to ${PLANNED_YEARS.to}`,
)

export const sessionTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')

// en-CA writes dates as YYYY-MM-DD. Made once: pages ask for today every minute, and what is
// due reads the day of each decision's history.
const LAB_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: LAB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * The day `at` falls on in Montréal, as YYYY-MM-DD: on the server and on every device (never
 * the device's own time zone, nor UTC's day).
 */
export const labDay = (at: number): string => LAB_DAY.format(new Date(at))
