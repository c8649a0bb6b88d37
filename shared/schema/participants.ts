import type * as Y from 'yjs'
import { z } from 'zod'
import { PARTNER_GROUPS } from '../groups.ts'
import { SECTORS } from '../sectors.ts'
import { participantsMap } from './roots.ts'

export const DISPLAY_NAME_MAX = 60

export const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(DISPLAY_NAME_MAX, `must be at most ${DISPLAY_NAME_MAX} characters`)

/** A participant id: random, made by the browser at join and kept in its local storage. */
export const participantId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 URL-safe characters')

/**
 * A person's record, written by that person's browser (the policy refuses anyone else's): the
 * name and partner group they chose, and what else they chose to say — their sector or
 * organisation (`sector`, absent when not given) and whether they opted out of the
 * recognition export (`recognitionOptOut`, absent unless they did; README, attendance.csv).
 * Records written before either existed have neither.
 */
export const participantRecord = z.object({
  id: participantId,
  name: displayName,
  group: z.enum(PARTNER_GROUPS),
  sector: z.enum(SECTORS, { error: `must be one of ${SECTORS.join(', ')}` }).optional(),
  recognitionOptOut: z.boolean({ error: 'must be true or false' }).optional(),
  joinedAt: z.number(),
})
export type ParticipantRecord = z.infer<typeof participantRecord>

/**
 * Everyone who joined the workshop, oldest first. Entries a faulty or hostile client wrote
 * with missing or wrong fields are skipped.
 */
export const listParticipants = (doc: Y.Doc): ParticipantRecord[] => {
  const out: ParticipantRecord[] = []
  for (const [key, value] of participantsMap(doc).entries()) {
    const parsed = participantRecord.safeParse(value)
    if (parsed.success && parsed.data.id === key) out.push(parsed.data)
  }
  return out.sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id))
}

/**
 * Why `value` is not exactly a participant record for `id` (a field too many, another id),
 * or null: what a client may write under `participants[id]`.
 */
export const recordProblem = (id: string, value: unknown): string | null => {
  const parsed = participantRecord.strict().safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (!issue) return 'not a participant record'
    return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message
  }
  return parsed.data.id === id ? null : `the record of ${parsed.data.id} under ${id}`
}

/** The record of `id`, or null when there is none or it is malformed (or names another id). */
export const getParticipant = (doc: Y.Doc, id: string): ParticipantRecord | null => {
  const parsed = participantRecord.safeParse(participantsMap(doc).get(id))
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

/**
 * Adds the participant, or updates what they chose (keeping when they first joined). A sector
 * not given and an opt-out not taken are left out of the record, as in one written before
 * they existed: a record says only what the person said.
 */
export const upsertParticipant = (
  doc: Y.Doc,
  input: Omit<ParticipantRecord, 'joinedAt'> & { joinedAt?: number },
  origin: unknown,
): ParticipantRecord => {
  const existing = getParticipant(doc, input.id)
  const { sector, recognitionOptOut, ...rest } = input
  const record = participantRecord.parse({
    ...rest,
    ...(sector === undefined ? {} : { sector }),
    ...(recognitionOptOut === true ? { recognitionOptOut } : {}),
    joinedAt: existing?.joinedAt ?? input.joinedAt ?? Date.now(),
  })
  const unchanged =
    existing !== null &&
    existing.name === record.name &&
    existing.group === record.group &&
    existing.sector === record.sector &&
    (existing.recognitionOptOut ?? false) === (record.recognitionOptOut ?? false)
  if (!unchanged) doc.transact(() => participantsMap(doc).set(record.id, record), origin)
  return record
}

export const observeParticipants = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const map = participantsMap(doc)
  map.observe(onChange)
  return () => map.unobserve(onChange)
}
