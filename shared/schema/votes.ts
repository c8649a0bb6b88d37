import * as Y from 'yjs'
import { z } from 'zod'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import type { phaseVote, TemplatePhase } from '../template.ts'
import { listCanvases } from './canvases.ts'
import { type CanvasItem, readItem } from './canvasItems.ts'
import { resultsMap } from './roots.ts'

/**
 * Votes. Each participant's ballot lives in their private document (`votes[<phaseId>]`, a
 * Y.Map), so nobody else's browser ever receives it; the server checks it against the phase's
 * rules and, when the facilitator closes the vote (or live, for a vote that is not hidden),
 * writes only the totals into the shared document (`results[<phaseId>]`).
 *
 * Ballots: dots → `{ <itemId>: count }`; gradient → `{ value: 1..n }`; consent →
 * `{ value: 'consent' | 'concern' | 'objection', reason }` (a reason is required to object).
 *
 * Item ids are whatever a client wrote (`constructor`, `__proto__`…): they are only ever keys
 * of a `Y.Map` or a `Map`, never looked up in a plain object.
 */

export type PhaseVote = z.infer<typeof phaseVote>

export const PRIVATE_VOTES_ROOT = 'votes'

/** The 8-point gradient of agreement (Kaner) and the 1–5 scale. */
export const GRADIENT_POINTS = { five: 5, kaner: 8 } as const
export const CONSENT_VALUES = ['consent', 'concern', 'objection'] as const
export type ConsentValue = (typeof CONSENT_VALUES)[number]
export const REASON_MAX = 1000

const ballotsOf = (privateDoc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  privateDoc.getMap(PRIVATE_VOTES_ROOT)

const ballotMap = (privateDoc: Y.Doc, phaseId: string): Y.Map<unknown> => {
  const all = ballotsOf(privateDoc)
  const existing = all.get(phaseId)
  if (existing instanceof Y.Map) return existing
  const created = new Y.Map<unknown>()
  all.set(phaseId, created)
  return created
}

export type Ballot =
  | { kind: 'dots'; dots: ReadonlyMap<string, number> }
  | { kind: 'gradient'; value: number }
  | { kind: 'consent'; value: ConsentValue; reason: string }

const dotCounts = z.map(z.string(), z.number().int().nonnegative())

/** A participant's ballot for a phase, read as that vote's kind; null if none (or malformed). */
export const readBallot = (privateDoc: Y.Doc, vote: PhaseVote, phaseId: string): Ballot | null => {
  const map = ballotsOf(privateDoc).get(phaseId)
  if (!(map instanceof Y.Map)) return null
  if (vote.kind === 'dots') {
    // From the Y.Map's own entries: `toJSON` builds a plain object, which drops `__proto__`.
    const dots = dotCounts.safeParse(new Map(map.entries()))
    return dots.success ? { kind: 'dots', dots: dots.data } : null
  }
  if (vote.kind === 'gradient') {
    const value = z
      .number()
      .int()
      .min(1)
      .max(GRADIENT_POINTS[vote.scale])
      .safeParse(map.get('value'))
    return value.success ? { kind: 'gradient', value: value.data } : null
  }
  const consent = z
    .object({ value: z.enum(CONSENT_VALUES), reason: z.string().max(REASON_MAX).default('') })
    .safeParse({ value: map.get('value'), reason: map.get('reason') })
  return consent.success ? { kind: 'consent', ...consent.data } : null
}

/** Whether an id is one of the items a vote is about (the ideas dots can go on). */
export type IsVoteItem = (itemId: string) => boolean

/** What a gradient of agreement or a consent round is about: no item. */
export const NO_ITEMS: IsVoteItem = () => false

/**
 * Whether an item takes dots: notes and texts, as the board offers them. Not one whose id is
 * `__proto__` (only a hostile client makes it: `addBox` draws random ids): the published totals
 * are JSON, and every peer's decoder (and zod) drops that key.
 */
export const takesDots = (item: CanvasItem): boolean =>
  (item.kind === 'note' || item.kind === 'text') && item.id !== '__proto__'

/**
 * The items a phase's dot vote is about: the notes and texts of its canvas, or of every canvas
 * when its focus is not a canvas (the board offers dots there). Each id is looked up on its own,
 * when asked, so checking a ballot costs the ballot's size, not the canvases'.
 */
export const voteItems = (workshopDoc: Y.Doc, phase: TemplatePhase): IsVoteItem => {
  if (phase.vote?.kind !== 'dots') return NO_ITEMS
  const focus = phase.focus && 'canvas' in phase.focus ? phase.focus.canvas : null
  return (itemId) =>
    (focus === null ? listCanvases(workshopDoc).map((canvas) => canvas.id) : [focus]).some(
      (canvasId) => {
        const item = readItem(workshopDoc, canvasId, itemId)
        return item !== null && takesDots(item)
      },
    )
}

/**
 * The ids a change to this participant's ballot may hold: the vote's items, and the ids the
 * ballot holds now (an item deleted since keeps its dots until they are taken back, so the rest
 * of the ballot can still change). Taken before the change; the server and the client's check
 * before writing both use it.
 */
export const keptOrItems = (privateDoc: Y.Doc, phaseId: string, isItem: IsVoteItem): IsVoteItem => {
  const ballot = ballotsOf(privateDoc).get(phaseId)
  const held = new Set(ballot instanceof Y.Map ? ballot.keys() : [])
  return (itemId) => held.has(itemId) || isItem(itemId)
}

/** An id as an error message quotes it: a client may have written anything there. */
const quoted = (id: string) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)

/** Why a well-formed ballot breaks the vote's rules (budget, cap, a reason to object), or null. */
const ruleProblem = (ballot: Ballot, vote: PhaseVote): string | null => {
  if (ballot.kind === 'dots' && vote.kind === 'dots') {
    const counts = [...ballot.dots.values()]
    const used = counts.reduce((sum, n) => sum + n, 0)
    if (used > vote.budget) return `${used} dots used, the budget is ${vote.budget}`
    if (counts.some((n) => n > vote.perItemCap))
      return `at most ${vote.perItemCap} dots on one item`
  }
  if (ballot.kind === 'consent' && ballot.value === 'objection' && ballot.reason.trim() === '') {
    return 'an objection needs a reason'
  }
  return null
}

/**
 * Why this ballot may not be written, or null when it is valid: malformed, a dot on an id that
 * `isItem` refuses, or against the vote's rules.
 */
export const ballotProblem = (
  privateDoc: Y.Doc,
  vote: PhaseVote,
  phaseId: string,
  isItem: IsVoteItem,
): string | null => {
  if (!ballotsOf(privateDoc).has(phaseId)) return null
  const ballot = readBallot(privateDoc, vote, phaseId)
  if (!ballot) return 'malformed ballot'
  if (ballot.kind === 'dots') {
    for (const itemId of ballot.dots.keys()) {
      if (!isItem(itemId)) return `${quoted(itemId)} is not an item of this vote`
    }
  }
  return ruleProblem(ballot, vote)
}

/**
 * This participant's ballot as the tally counts it: null when there is none; why it is left
 * out when it is malformed or breaks the vote's rules; else the ballot, its dots only on the
 * vote's items, and the ids it holds that are not (an item deleted since, or what a client
 * wrote before ballots were checked against the items).
 */
export const ballotToCount = (
  privateDoc: Y.Doc,
  vote: PhaseVote,
  phaseId: string,
  isItem: IsVoteItem,
): { ballot: Ballot; notItems: string[] } | { problem: string } | null => {
  if (!ballotsOf(privateDoc).has(phaseId)) return null
  const ballot = readBallot(privateDoc, vote, phaseId)
  if (!ballot) return { problem: 'malformed ballot' }
  const problem = ruleProblem(ballot, vote)
  if (problem) return { problem }
  if (ballot.kind !== 'dots') return { ballot, notItems: [] }
  const counted = new Map<string, number>()
  const notItems: string[] = []
  for (const [itemId, count] of ballot.dots) {
    if (isItem(itemId)) counted.set(itemId, count)
    else notItems.push(itemId)
  }
  return { ballot: { kind: 'dots', dots: counted }, notItems }
}

/** Sets the dots this participant puts on an item (0 takes them back). */
export const setDots = (
  privateDoc: Y.Doc,
  phaseId: string,
  itemId: string,
  count: number,
  origin: unknown,
) => {
  privateDoc.transact(() => {
    const map = ballotMap(privateDoc, phaseId)
    if (count <= 0) map.delete(itemId)
    else map.set(itemId, Math.floor(count))
  }, origin)
}

export const setGradient = (privateDoc: Y.Doc, phaseId: string, value: number, origin: unknown) => {
  privateDoc.transact(() => ballotMap(privateDoc, phaseId).set('value', value), origin)
}

export const setConsent = (
  privateDoc: Y.Doc,
  phaseId: string,
  answer: { value: ConsentValue; reason: string },
  origin: unknown,
) => {
  privateDoc.transact(() => {
    const map = ballotMap(privateDoc, phaseId)
    map.set('value', answer.value)
    map.set('reason', answer.reason.slice(0, REASON_MAX))
  }, origin)
}

/** Per partner group, how many (people, dots or answers): every group is present, 0 or more. */
export type ByGroup = Record<PartnerGroup, number>
const zeroByGroup = (): ByGroup => ({ patient: 0, citizen: 0, clinician: 0, other: 0 })

export const voteResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dots'),
    closed: z.boolean(),
    voters: z.number(),
    /** Per item: total dots and their split by the voters' partner groups. */
    items: z.record(
      z.string(),
      z.object({ total: z.number(), byGroup: z.record(z.enum(PARTNER_GROUPS), z.number()) }),
    ),
  }),
  z.object({
    kind: z.literal('gradient'),
    closed: z.boolean(),
    voters: z.number(),
    scale: z.enum(['five', 'kaner']),
    /** `counts[i]` people chose point i + 1; `byGroup[g][i]` of them from group g. */
    counts: z.array(z.number()),
    byGroup: z.record(z.enum(PARTNER_GROUPS), z.array(z.number())),
  }),
  z.object({
    kind: z.literal('consent'),
    closed: z.boolean(),
    voters: z.number(),
    counts: z.record(z.enum(CONSENT_VALUES), z.number()),
    byGroup: z.record(z.enum(PARTNER_GROUPS), z.record(z.enum(CONSENT_VALUES), z.number())),
    /** The reasons given with concerns and objections, without who gave them. */
    reasons: z.array(z.object({ value: z.enum(CONSENT_VALUES), reason: z.string() })),
  }),
])
export type VoteResult = z.infer<typeof voteResult>

/** Totals of the ballots (each with its voter's group); no voter is named in the result. */
export const tally = (
  vote: PhaseVote,
  ballots: ReadonlyArray<{ group: PartnerGroup; ballot: Ballot }>,
  closed: boolean,
): VoteResult => {
  if (vote.kind === 'dots') {
    const items = new Map<string, { total: number; byGroup: ByGroup }>()
    for (const { group, ballot } of ballots) {
      if (ballot.kind !== 'dots') continue
      for (const [itemId, count] of ballot.dots) {
        const entry = items.get(itemId) ?? { total: 0, byGroup: zeroByGroup() }
        items.set(itemId, entry)
        entry.total += count
        entry.byGroup[group] += count
      }
    }
    // Own properties (`Object.fromEntries` defines them): a key `constructor` is just a key.
    return { kind: 'dots', closed, voters: ballots.length, items: Object.fromEntries(items) }
  }
  if (vote.kind === 'gradient') {
    const points = GRADIENT_POINTS[vote.scale]
    const counts = Array<number>(points).fill(0)
    const byGroup = Object.fromEntries(
      PARTNER_GROUPS.map((g) => [g, Array<number>(points).fill(0)]),
    ) as Record<PartnerGroup, number[]>
    for (const { group, ballot } of ballots) {
      if (ballot.kind !== 'gradient') continue
      counts[ballot.value - 1] = (counts[ballot.value - 1] ?? 0) + 1
      byGroup[group][ballot.value - 1] = (byGroup[group][ballot.value - 1] ?? 0) + 1
    }
    return { kind: 'gradient', closed, voters: ballots.length, scale: vote.scale, counts, byGroup }
  }
  const zero = () => ({ consent: 0, concern: 0, objection: 0 })
  const counts = zero()
  const byGroup = Object.fromEntries(PARTNER_GROUPS.map((g) => [g, zero()])) as Record<
    PartnerGroup,
    Record<ConsentValue, number>
  >
  const reasons: Array<{ value: ConsentValue; reason: string }> = []
  for (const { group, ballot } of ballots) {
    if (ballot.kind !== 'consent') continue
    counts[ballot.value]++
    byGroup[group][ballot.value]++
    if (ballot.value !== 'consent' && ballot.reason.trim())
      reasons.push({ value: ballot.value, reason: ballot.reason.trim() })
  }
  reasons.sort((a, b) => a.value.localeCompare(b.value) || a.reason.localeCompare(b.reason))
  return { kind: 'consent', closed, voters: ballots.length, counts, byGroup, reasons }
}

/** The published result of a phase's vote, or null if none was published. */
export const readResult = (doc: Y.Doc, phaseId: string): VoteResult | null => {
  const parsed = voteResult.safeParse(resultsMap(doc).get(phaseId))
  return parsed.success ? parsed.data : null
}

export const writeResult = (doc: Y.Doc, phaseId: string, result: VoteResult, origin: unknown) => {
  doc.transact(() => resultsMap(doc).set(phaseId, result), origin)
}
