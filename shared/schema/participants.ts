import type * as Y from 'yjs'
import { z } from 'zod'
import { PARTNER_GROUPS } from '../groups.ts'
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

export const participantRecord = z.object({
  id: participantId,
  name: displayName,
  group: z.enum(PARTNER_GROUPS),
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
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'not a participant record'
  return parsed.data.id === id ? null : `the record of ${parsed.data.id} under ${id}`
}

/** The record of `id`, or null when there is none or it is malformed (or names another id). */
export const getParticipant = (doc: Y.Doc, id: string): ParticipantRecord | null => {
  const parsed = participantRecord.safeParse(participantsMap(doc).get(id))
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

/** Adds the participant, or updates their name and group (keeping when they first joined). */
export const upsertParticipant = (
  doc: Y.Doc,
  input: Omit<ParticipantRecord, 'joinedAt'> & { joinedAt?: number },
  origin: unknown,
): ParticipantRecord => {
  const existing = getParticipant(doc, input.id)
  const record = participantRecord.parse({
    ...input,
    joinedAt: existing?.joinedAt ?? input.joinedAt ?? Date.now(),
  })
  const unchanged =
    existing !== null && existing.name === record.name && existing.group === record.group
  if (!unchanged) doc.transact(() => participantsMap(doc).set(record.id, record), origin)
  return record
}

export const observeParticipants = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const map = participantsMap(doc)
  map.observe(onChange)
  return () => map.unobserve(onChange)
}
