import * as Y from 'yjs'
import { z } from 'zod'
import { boxKind, isBox } from '../canvas/kinds/index.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import type { Locale } from '../i18n/index.ts'
import type { phaseVote, TemplatePhase } from '../template.ts'
import { listCanvases } from './canvases.ts'
import { type CanvasItem, readCanvasContent, readItem } from './canvasItems.ts'
import { resultsMap } from './roots.ts'
import { displayText } from './seedText.ts'
import { archivedTexts } from './sessionBoards.ts'

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
 * Whether an item takes dots: a box whose kind `takesDots` (notes and texts), as the board
 * offers them, but not a template's prompt (`prompt`: the question the room answers is not one
 * of its answers; seedText.ts). Not one whose id is
 * `__proto__` (only a hostile client makes it: `addBox` draws random ids): the published totals
 * are JSON, and every peer's decoder (and zod) drops that key.
 */
export const takesDots = (item: CanvasItem): boolean =>
  isBox(item) && boxKind(item.kind).takesDots && item.prompt !== true && item.id !== '__proto__'

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

/** The fewest voters a partner group needs for its figures to be published on their own. */
export const MIN_GROUP_VOTERS = 3

/**
 * How a closed result splits its totals: the partner groups shown on their own (`byGroup`) and
 * those counted together as "other groups" (`otherGroups`). Groups nobody from voted are in
 * neither list.
 */
const groupSplit = z.object({
  shown: z.array(z.enum(PARTNER_GROUPS)),
  folded: z.array(z.enum(PARTNER_GROUPS)),
})
export type GroupSplit = z.infer<typeof groupSplit>

/**
 * Which partner groups a closed result shows, from how many people of each voted.
 *
 * A group of 1 or 2 voters is folded into "other groups". That is not enough: a reader knows
 * the total, so total − (the groups shown) = the folded groups together, and a lone patient
 * partner folded alone would be shown by subtraction. So while the folded groups hold 1 or 2
 * voters, the smallest shown group is folded with them (on equal sizes the group listed last
 * in `PARTNER_GROUPS`, so patient and citizen partners stay visible when they can). Every
 * published figure then covers one of disjoint sets of voters (a shown group, or the folded
 * ones together), each of 0 or at least `MIN_GROUP_VOTERS`, and any sum or difference of
 * published figures is a union of those sets: none isolates fewer than 3 people.
 *
 * What this cannot hide (the nature of a count, said in docs/security.md): a group whose
 * members all voted alike, and what 2 members of a group of 3 can work out together.
 */
export const splitGroups = (voters: Readonly<Record<PartnerGroup, number>>): GroupSplit => {
  const present = PARTNER_GROUPS.filter((group) => voters[group] > 0)
  const shown = present.filter((group) => voters[group] >= MIN_GROUP_VOTERS)
  const folded = present.filter((group) => voters[group] < MIN_GROUP_VOTERS)
  const foldedVoters = () => folded.reduce((n, group) => n + voters[group], 0)
  while (shown.length > 0 && foldedVoters() > 0 && foldedVoters() < MIN_GROUP_VOTERS) {
    const smallest = shown.reduce((min, group) => (voters[group] <= voters[min] ? group : min))
    shown.splice(shown.indexOf(smallest), 1)
    folded.push(smallest)
  }
  const order = (groups: PartnerGroup[]) => PARTNER_GROUPS.filter((g) => groups.includes(g))
  return { shown: order(shown), folded: order(folded) }
}

const group = z.enum(PARTNER_GROUPS)
const consentCounts = z.record(z.enum(CONSENT_VALUES), z.number())
type ConsentCounts = z.infer<typeof consentCounts>
const counted = {
  closed: z.boolean(),
  voters: z.number(),
  /**
   * How many people of each partner group voted (a closed result only; results published
   * before it was recorded lack it): who took part, as a decision drawn from the vote records
   * it. It says nothing of what anyone voted: every figure of a ballot stays split as `groups`.
   */
  votersByGroup: z.record(group, z.number().int().nonnegative()).optional(),
}
const scale = z.enum(['five', 'kaner'])
const reasons = z.array(z.object({ value: z.enum(CONSENT_VALUES), reason: z.string() }))

/**
 * A published result. `groups` says how it is split (`splitGroups`): `byGroup` holds the
 * figures of each shown group, `otherGroups` those of the folded groups added together.
 * `groups` is null for live totals, which are never split by group, so that two of them with a
 * person changing group in between cannot be subtracted from each other; then `byGroup` is
 * empty and `otherGroups` holds the totals.
 */
const current = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dots'),
    ...counted,
    groups: groupSplit.nullable(),
    /** Per item: total dots, those of each shown group, those of the folded groups together. */
    items: z.record(
      z.string(),
      z.object({
        total: z.number(),
        byGroup: z.partialRecord(group, z.number()),
        otherGroups: z.number(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('gradient'),
    ...counted,
    groups: groupSplit.nullable(),
    scale,
    /** `counts[i]` people chose point i + 1; `byGroup[g][i]` of them from the shown group g. */
    counts: z.array(z.number()),
    byGroup: z.partialRecord(group, z.array(z.number())),
    otherGroups: z.array(z.number()),
  }),
  z.object({
    kind: z.literal('consent'),
    ...counted,
    groups: groupSplit.nullable(),
    counts: consentCounts,
    byGroup: z.partialRecord(group, consentCounts),
    otherGroups: consentCounts,
    /** The reasons given with concerns and objections, without who gave them. */
    reasons,
  }),
])
export type VoteResult = z.infer<typeof current>

/**
 * A result published before groups of fewer than 3 voters were folded (decisions keep theirs
 * as support): read as its totals only, since its split by group may show a lone voter.
 */
const unsplit = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('dots'),
      ...counted,
      items: z.record(z.string(), z.object({ total: z.number() })),
    }),
    z.object({ kind: z.literal('gradient'), ...counted, scale, counts: z.array(z.number()) }),
    z.object({ kind: z.literal('consent'), ...counted, counts: consentCounts, reasons }),
  ])
  .transform((old): VoteResult => {
    if (old.kind === 'gradient')
      return { ...old, groups: null, byGroup: {}, otherGroups: old.counts }
    if (old.kind === 'consent')
      return { ...old, groups: null, byGroup: {}, otherGroups: old.counts }
    const items = Object.entries(old.items).map(
      ([id, { total }]) => [id, { total, byGroup: {}, otherGroups: total }] as const,
    )
    return { ...old, groups: null, items: Object.fromEntries(items) }
  })

export const voteResult = z.union([current, unsplit])

/**
 * What a result publishes of figures counted per group: each shown group's, and the folded
 * groups' added together (with no split, every group's: the totals).
 */
const publish = <T>(
  perGroup: Record<PartnerGroup, T>,
  split: GroupSplit | null,
  add: (sum: T, more: T) => T,
  zero: () => T,
): { byGroup: Partial<Record<PartnerGroup, T>>; otherGroups: T } => {
  const folded: readonly PartnerGroup[] = split ? split.folded : PARTNER_GROUPS
  return {
    byGroup: Object.fromEntries((split?.shown ?? []).map((g) => [g, perGroup[g]] as const)),
    otherGroups: folded.reduce((sum, g) => add(sum, perGroup[g]), zero()),
  }
}

/**
 * Totals of the ballots (each with its voter's group, as it is at tally time); no voter is
 * named in the result. A closed tally is split by group as `splitGroups` says; a live one
 * (`closed` false) is never split.
 */
export const tally = (
  vote: PhaseVote,
  ballots: ReadonlyArray<{ group: PartnerGroup; ballot: Ballot }>,
  closed: boolean,
): VoteResult => {
  const voterCounts = zeroByGroup()
  for (const { group } of ballots) voterCounts[group]++
  const split = closed ? splitGroups(voterCounts) : null
  // Live totals say no group, not even how many of each voted (see `groups` above).
  const head = {
    closed,
    voters: ballots.length,
    groups: split,
    ...(closed ? { votersByGroup: voterCounts } : {}),
  }
  if (vote.kind === 'dots') {
    const items = new Map<string, { total: number; perGroup: ByGroup }>()
    for (const { group, ballot } of ballots) {
      if (ballot.kind !== 'dots') continue
      for (const [itemId, count] of ballot.dots) {
        const entry = items.get(itemId) ?? { total: 0, perGroup: zeroByGroup() }
        items.set(itemId, entry)
        entry.total += count
        entry.perGroup[group] += count
      }
    }
    const add = (a: number, b: number) => a + b
    const published = [...items].map(
      ([itemId, { total, perGroup }]) =>
        [itemId, { total, ...publish(perGroup, split, add, () => 0) }] as const,
    )
    // Own properties (`Object.fromEntries` defines them): a key `constructor` is just a key.
    return { kind: 'dots', ...head, items: Object.fromEntries(published) }
  }
  if (vote.kind === 'gradient') {
    const points = GRADIENT_POINTS[vote.scale]
    const zero = () => Array<number>(points).fill(0)
    const counts = zero()
    const perGroup = Object.fromEntries(PARTNER_GROUPS.map((g) => [g, zero()])) as Record<
      PartnerGroup,
      number[]
    >
    for (const { group, ballot } of ballots) {
      if (ballot.kind !== 'gradient') continue
      counts[ballot.value - 1] = (counts[ballot.value - 1] ?? 0) + 1
      perGroup[group][ballot.value - 1] = (perGroup[group][ballot.value - 1] ?? 0) + 1
    }
    const add = (a: number[], b: number[]) => a.map((n, i) => n + (b[i] ?? 0))
    return {
      kind: 'gradient',
      ...head,
      scale: vote.scale,
      counts,
      ...publish(perGroup, split, add, zero),
    }
  }
  const zero = (): ConsentCounts => ({ consent: 0, concern: 0, objection: 0 })
  const counts = zero()
  const perGroup = Object.fromEntries(PARTNER_GROUPS.map((g) => [g, zero()])) as Record<
    PartnerGroup,
    ConsentCounts
  >
  const reasons: Array<{ value: ConsentValue; reason: string }> = []
  for (const { group, ballot } of ballots) {
    if (ballot.kind !== 'consent') continue
    counts[ballot.value]++
    perGroup[group][ballot.value]++
    if (ballot.value !== 'consent' && ballot.reason.trim())
      reasons.push({ value: ballot.value, reason: ballot.reason.trim() })
  }
  reasons.sort((a, b) => a.value.localeCompare(b.value) || a.reason.localeCompare(b.reason))
  const add = (a: ConsentCounts, b: ConsentCounts) => ({
    consent: a.consent + b.consent,
    concern: a.concern + b.concern,
    objection: a.objection + b.objection,
  })
  return { kind: 'consent', ...head, counts, ...publish(perGroup, split, add, zero), reasons }
}

/**
 * Texts of every box on every canvas, by item id (validated reads; malformed items skipped):
 * how results and exports name what a dot went on, as a reader of `locale` sees them. Those
 * of an ended session's boards, moved out of the lab, are the texts it kept of them.
 */
export const itemTexts = (doc: Y.Doc, locale: Locale): Map<string, string> => {
  const out = archivedTexts(doc, locale)
  for (const canvas of listCanvases(doc)) {
    try {
      for (const item of readCanvasContent(doc, canvas.id).items) {
        if (isBox(item)) out.set(item.id, displayText(item, locale))
      }
    } catch {
      // a canvas deleted meanwhile: nothing to name
    }
  }
  return out
}

/** The published result of a phase's vote, or null if none was published. */
export const readResult = (doc: Y.Doc, phaseId: string): VoteResult | null => {
  const parsed = voteResult.safeParse(resultsMap(doc).get(phaseId))
  return parsed.success ? parsed.data : null
}

export const writeResult = (doc: Y.Doc, phaseId: string, result: VoteResult, origin: unknown) => {
  doc.transact(() => resultsMap(doc).set(phaseId, result), origin)
}
