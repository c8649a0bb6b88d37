import * as Y from 'yjs'
import { z } from 'zod'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import { newId } from './ids.ts'
import { currentSessionId } from './meta.ts'
import { decisionsMap } from './roots.ts'
import { replaceText } from './text.ts'
import { type VoteResult, voteResult } from './votes.ts'

/**
 * The decision log: `decisions[<id>]` is a Y.Map per decision record. Long texts (context,
 * the decision, rationale) are Y.Text so several people can write them at once; the rest are
 * plain values. A record moves through `proposed → adopted → revisited → superseded`; every
 * change of status is kept in `history`.
 */

export const DECISION_STATUSES = ['proposed', 'adopted', 'revisited', 'superseded'] as const
export type DecisionStatus = (typeof DECISION_STATUSES)[number]

/** Which status may follow which. `superseded` is final and names the decision that replaced it. */
export const DECISION_TRANSITIONS: Record<DecisionStatus, readonly DecisionStatus[]> = {
  proposed: ['adopted', 'superseded'],
  adopted: ['revisited', 'superseded'],
  revisited: ['adopted', 'superseded'],
  superseded: [],
}

export const DECISION_TEXTS = ['context', 'decision', 'rationale'] as const
export type DecisionText = (typeof DECISION_TEXTS)[number]

/** The longest title and long texts of a decision: the write policy refuses more (`text.tooLong`). */
export const DECISION_LIMITS = { title: 200, text: 20_000 }
const decisionTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(DECISION_LIMITS.title, `must be at most ${DECISION_LIMITS.title} characters`)
const decisionLongText = z.string().max(DECISION_LIMITS.text).default('')

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
const byGroup = z.record(z.enum(PARTNER_GROUPS), z.number().int().nonnegative())

const decisionRecord = z.object({
  id: z.string().min(1),
  title: z.string(),
  context: z.string(),
  options: z.array(z.string()),
  decision: z.string(),
  rationale: z.string(),
  /** Dissent and concerns, each with its reason (no names). */
  dissent: z.array(z.object({ text: z.string(), reason: z.string() })),
  /** How many people of each partner group took part. */
  participants: byGroup,
  /** The vote or gradient that supported it, as published. */
  support: z.object({ phaseId: z.string(), result: voteResult }).nullable(),
  links: z.object({
    notes: z.array(z.string()),
    actions: z.array(z.string()),
    version: z.string().nullable(),
  }),
  reviewDate: isoDate.nullable(),
  status: z.enum(DECISION_STATUSES),
  supersededBy: z.string().nullable(),
  history: z.array(z.object({ status: z.enum(DECISION_STATUSES), at: z.number() })),
  createdAt: z.number(),
  /**
   * The session of the lab it was taken in (the one the flow was for when it was recorded);
   * null in a document with no session. Those recorded before sessions have the lab's first
   * (MIGRATIONS[5]).
   */
  session: z.string().nullable().default(null),
})
export type DecisionRecord = z.infer<typeof decisionRecord>

const read = (id: string, map: unknown): DecisionRecord | null => {
  if (!(map instanceof Y.Map)) return null
  const fields: Record<string, unknown> = {}
  for (const [key, value] of map.entries())
    fields[key] = value instanceof Y.Text ? value.toString() : value
  const parsed = decisionRecord.safeParse(fields)
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

/** Every well-formed decision, oldest first (malformed ones are left out). */
export const listDecisions = (doc: Y.Doc): DecisionRecord[] => {
  const out: DecisionRecord[] = []
  for (const [id, map] of decisionsMap(doc).entries()) {
    const record = read(id, map)
    if (record) out.push(record)
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}

export const getDecision = (doc: Y.Doc, id: string): DecisionRecord | null =>
  read(id, decisionsMap(doc).get(id))

const supportSchema = z.object({ phaseId: z.string(), result: voteResult })
const linksSchema = z.object({
  notes: z.array(z.string()),
  actions: z.array(z.string()),
  version: z.string().nullable(),
})

/** The plain fields of a decision that can be changed after it is recorded (no defaults). */
const decisionChanges = z
  .object({
    title: decisionTitle,
    options: z.array(z.string().trim().min(1)),
    dissent: z.array(z.object({ text: z.string(), reason: z.string() })),
    participants: byGroup,
    support: supportSchema.nullable(),
    links: linksSchema,
    reviewDate: isoDate.nullable(),
  })
  .partial()

export const newDecision = z.object({
  title: decisionTitle,
  context: decisionLongText,
  options: z.array(z.string().trim().min(1)).default([]),
  decision: decisionLongText,
  rationale: decisionLongText,
  dissent: z.array(z.object({ text: z.string(), reason: z.string() })).default([]),
  participants: byGroup.default({ patient: 0, citizen: 0, clinician: 0, other: 0 }),
  support: supportSchema.nullable().default(null),
  links: linksSchema.default({ notes: [], actions: [], version: null }),
  reviewDate: isoDate.nullable().default(null),
})
export type NewDecision = z.input<typeof newDecision>

/** Records a proposed decision, in the lab's current session; returns its id. */
export const createDecision = (
  doc: Y.Doc,
  input: NewDecision,
  origin: unknown,
  now = Date.now(),
): string => {
  const clean = newDecision.parse(input)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('id', id)
    map.set('title', clean.title)
    for (const key of DECISION_TEXTS) {
      const text = new Y.Text()
      text.insert(0, clean[key])
      map.set(key, text)
    }
    map.set('options', clean.options)
    map.set('dissent', clean.dissent)
    map.set('participants', clean.participants)
    map.set('support', clean.support)
    map.set('links', clean.links)
    map.set('reviewDate', clean.reviewDate)
    map.set('status', 'proposed')
    map.set('supersededBy', null)
    map.set('history', [{ status: 'proposed', at: now }])
    map.set('createdAt', now)
    map.set('session', currentSessionId(doc))
    decisionsMap(doc).set(id, map)
  }, origin)
  return id
}

const requireDecision = (
  doc: Y.Doc,
  id: string,
): { map: Y.Map<unknown>; record: DecisionRecord } => {
  const map = decisionsMap(doc).get(id)
  const record = read(id, map)
  if (!record || !(map instanceof Y.Map)) throw new Error(`no decision ${id}`)
  return { map, record }
}

export class DecisionTransitionError extends Error {
  constructor(
    readonly from: DecisionStatus,
    readonly to: DecisionStatus,
  ) {
    super(
      `a ${from} decision cannot become ${to} (allowed: ${DECISION_TRANSITIONS[from].join(', ') || 'none'})`,
    )
    this.name = 'DecisionTransitionError'
  }
}

/**
 * Moves a decision to a new status, if the transitions allow it. Superseding needs the id of
 * the decision that replaces it.
 */
export const setDecisionStatus = (
  doc: Y.Doc,
  id: string,
  to: DecisionStatus,
  origin: unknown,
  options: { supersededBy?: string; now?: number } = {},
): void => {
  const { map, record } = requireDecision(doc, id)
  if (!DECISION_TRANSITIONS[record.status].includes(to))
    throw new DecisionTransitionError(record.status, to)
  if (to === 'superseded') {
    const by = options.supersededBy
    if (!by || by === id || !getDecision(doc, by))
      throw new Error('superseding needs the id of another decision')
  }
  doc.transact(() => {
    map.set('status', to)
    if (to === 'superseded') map.set('supersededBy', options.supersededBy ?? null)
    map.set('history', [...record.history, { status: to, at: options.now ?? Date.now() }])
  }, origin)
}

/** The Y.Text of a long field, for an editor to bind to. */
export const decisionText = (doc: Y.Doc, id: string, field: DecisionText): Y.Text => {
  const text = requireDecision(doc, id).map.get(field)
  if (!(text instanceof Y.Text)) throw new Error(`decision ${id} has no ${field} text`)
  return text
}

export const setDecisionText = (
  doc: Y.Doc,
  id: string,
  field: DecisionText,
  value: string,
  origin: unknown,
) => {
  const text = decisionText(doc, id, field)
  doc.transact(() => replaceText(text, value), origin)
}

/** Changes the plain fields of a decision (title, options, dissent, links, review date…). */
export const updateDecision = (
  doc: Y.Doc,
  id: string,
  changes: z.input<typeof decisionChanges>,
  origin: unknown,
): void => {
  const { map } = requireDecision(doc, id)
  const clean = decisionChanges.parse(changes)
  doc.transact(() => {
    for (const [key, value] of Object.entries(clean)) if (value !== undefined) map.set(key, value)
  }, origin)
}

/**
 * A proposed decision drawn from a closed vote: its proposal, the published result as support,
 * who voted by partner group (as the result counts them; `participants` stands in for a result
 * published before it did) and, for a consent round, the objections and concerns as dissent.
 */
export const decisionFromVote = (
  result: VoteResult,
  input: {
    phaseId: string
    title: string
    proposal?: string
    itemTexts?: ReadonlyMap<string, string>
    /** How many people of each partner group took part, when the result does not say. */
    participants?: Record<PartnerGroup, number>
  },
): NewDecision => {
  const participants = result.votersByGroup ?? input.participants
  const options =
    result.kind === 'dots'
      ? Object.entries(result.items)
          .sort(([, a], [, b]) => b.total - a.total)
          .map(([itemId, entry]) => `${input.itemTexts?.get(itemId) ?? itemId} (${entry.total})`)
      : []
  return {
    title: input.title,
    context: input.proposal ?? '',
    options,
    decision: input.proposal ?? '',
    dissent:
      result.kind === 'consent'
        ? result.reasons.map((entry) => ({ text: entry.value, reason: entry.reason }))
        : [],
    ...(participants ? { participants } : {}),
    support: { phaseId: input.phaseId, result },
  }
}

/**
 * Migration: the decisions recorded before sessions were taken in the lab's one session, the
 * one its flow is for (a workshop made before sessions has only that one).
 */
export const sessionForDecisions = (doc: Y.Doc): void => {
  const session = currentSessionId(doc)
  if (session === null) return
  for (const map of decisionsMap(doc).values())
    if (map instanceof Y.Map && !map.has('session')) map.set('session', session)
}
