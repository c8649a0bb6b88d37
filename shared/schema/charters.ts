import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { z } from 'zod'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import { type Localized, localized } from '../template.ts'
import { describeIssues } from '../validation.ts'
import { newId } from './ids.ts'
import { listParticipants } from './participants.ts'
import { chartersMap } from './roots.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'
import { replaceText } from './text.ts'
import { MIN_GROUP_VOTERS, splitGroups } from './votes.ts'

/**
 * Role charters: `charters[<id>]` (role, title, rank, items). Each item (`items[<id>]`) is a
 * responsibility, commitment or limit with its text (Y.Text), an agreed status and where each
 * person stands (`positions[<participantId>]`), counted by partner group. A template's charter
 * has its title and items' texts in both languages too (`seedText`, seedText.ts). An item a
 * person added names them (`createdBy`): they may delete it; the template's and the
 * facilitator's items, and the status the group settled, are the facilitator's (policy.ts).
 */

export const ITEM_KINDS = ['responsibility', 'commitment', 'limit'] as const
export type CharterItemKind = (typeof ITEM_KINDS)[number]
export const ITEM_STATUSES = ['to-discuss', 'agreed', 'objected'] as const
export type CharterItemStatus = (typeof ITEM_STATUSES)[number]
export const POSITIONS = ['agree', 'discuss', 'object'] as const
export type Position = (typeof POSITIONS)[number]

const rankOrder = <T extends { rank: string; id: string }>(a: T, b: T) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id.localeCompare(b.id)

export interface CharterItem {
  id: string
  text: string
  kind: CharterItemKind
  rank: string
  status: CharterItemStatus
  /** How many people of each group agree, want to discuss, object. */
  positions: Record<PartnerGroup, Record<Position, number>>
  /** Where each person stands, by participant id. */
  byParticipant: Record<string, Position>
  seedText?: Localized | undefined
  /** Who added it (a participant id); none for the template's and older items. */
  createdBy?: string | undefined
}

export interface Charter {
  id: string
  role: string
  title: string
  rank: string
  items: CharterItem[]
  seedText?: Localized | undefined
}

/** Each item's number within its kind ("Responsabilité 2"), in the charter's order: names that stay unique. */
export const numbersWithinKind = (items: readonly Pick<CharterItem, 'id' | 'kind'>[]) => {
  const seen: Partial<Record<CharterItemKind, number>> = {}
  const out = new Map<string, number>()
  for (const entry of items) {
    const n = (seen[entry.kind] ?? 0) + 1
    seen[entry.kind] = n
    out.set(entry.id, n)
  }
  return out
}

const item = z.object({
  id: z.string().min(1),
  kind: z.enum(ITEM_KINDS),
  rank: z.string().min(1),
  status: z.enum(ITEM_STATUSES),
  seedText: seedTextField,
  createdBy: z.string().min(1).optional(),
})
const charter = z.object({
  id: z.string().min(1),
  role: z.string().min(1),
  title: z.string(),
  rank: z.string().min(1),
  seedText: seedTextField,
})

/** Every field a charter item has. */
const ITEM_FIELDS: ReadonlySet<string> = new Set([...Object.keys(item.shape), 'text', 'positions'])

type ParsedItem =
  | { fields: z.infer<typeof item>; text: Y.Text; positions: Y.Map<unknown>; reason?: never }
  | { reason: string }

/** The entry `id` of a charter's items, validated: its fields, or why it is malformed. */
const parseItem = (id: string, entry: unknown): ParsedItem => {
  if (!(entry instanceof Y.Map)) return { reason: 'not a map' }
  const text = entry.get('text')
  const positions = entry.get('positions')
  const parsed = item.safeParse(
    Object.fromEntries(
      ['id', 'kind', 'rank', 'status', SEED_TEXT, 'createdBy'].map((k) => [k, entry.get(k)]),
    ),
  )
  if (!parsed.success) return { reason: describeIssues(parsed.error) }
  if (parsed.data.id !== id) return { reason: `id: ${parsed.data.id} under key ${id}` }
  if (!(text instanceof Y.Text)) return { reason: 'text: must be a text' }
  if (!(positions instanceof Y.Map)) return { reason: 'positions: must be a map' }
  return { fields: parsed.data, text, positions }
}

/**
 * Why the entry `id` of a charter's items is malformed, holds a field no charter item has, or
 * a position that is none of `POSITIONS`; or null.
 */
export const charterItemProblem = (id: string, entry: unknown): string | null => {
  const parsed = parseItem(id, entry)
  if (parsed.reason !== undefined) return parsed.reason
  const extra = [...(entry as Y.Map<unknown>).keys()].find((key) => !ITEM_FIELDS.has(key))
  if (extra !== undefined) return `no charter item has a field "${extra.slice(0, 64)}"`
  for (const value of parsed.positions.values()) {
    if (!z.enum(POSITIONS).safeParse(value).success) return 'positions: not a position'
  }
  return null
}

const zeroPositions = () =>
  Object.fromEntries(
    PARTNER_GROUPS.map((g) => [g, { agree: 0, discuss: 0, object: 0 }]),
  ) as CharterItem['positions']

/**
 * How an item's positions may be shown by group: the same rule as a closed vote's results
 * (`splitGroups`), each person who gave a position counted as a voter of their group. `shown`
 * are the groups with a line of their own; `folded` the positions of the other groups added
 * together (null when there are none), so that no line, nor a difference of lines, tells
 * where fewer than 3 people stand; and nothing at all while fewer than 3 people in all gave one
 * (`withheld`): with two, each would read the other's from the total.
 */
export const positionsToShow = (
  item: Pick<CharterItem, 'positions'>,
): {
  shown: Array<{ group: PartnerGroup; counts: Record<Position, number> }>
  folded: Record<Position, number> | null
  /** Fewer than 3 people gave a position: no count at all (each would read the others'). */
  withheld: boolean
} => {
  const people = (group: PartnerGroup) =>
    POSITIONS.reduce((n, position) => n + item.positions[group][position], 0)
  const everyone = PARTNER_GROUPS.reduce((n, group) => n + people(group), 0)
  if (everyone > 0 && everyone < MIN_GROUP_VOTERS)
    return { shown: [], folded: null, withheld: true }
  const split = splitGroups(
    Object.fromEntries(PARTNER_GROUPS.map((g) => [g, people(g)])) as Record<PartnerGroup, number>,
  )
  const sum = (groups: readonly PartnerGroup[]) =>
    Object.fromEntries(
      POSITIONS.map((p) => [p, groups.reduce((n, g) => n + item.positions[g][p], 0)]),
    ) as Record<Position, number>
  return {
    shown: split.shown.map((group) => ({ group, counts: item.positions[group] })),
    folded: split.folded.length > 0 ? sum(split.folded) : null,
    withheld: false,
  }
}

/** Every charter with its items, in order; malformed entries left out. */
export const listCharters = (doc: Y.Doc): Charter[] => {
  const groups = new Map(listParticipants(doc).map((p) => [p.id, p.group]))
  const out: Charter[] = []
  for (const [id, map] of chartersMap(doc).entries()) {
    if (!(map instanceof Y.Map)) continue
    const head = charter.safeParse(
      Object.fromEntries(['id', 'role', 'title', 'rank', SEED_TEXT].map((k) => [k, map.get(k)])),
    )
    const items = map.get('items')
    if (!head.success || head.data.id !== id || !(items instanceof Y.Map)) continue
    const list: CharterItem[] = []
    for (const [itemId, entry] of items.entries()) {
      const parsed = parseItem(itemId, entry)
      if (parsed.reason !== undefined) continue
      const positions = zeroPositions()
      const byParticipant: Record<string, Position> = {}
      for (const [participantId, value] of parsed.positions.entries()) {
        const position = z.enum(POSITIONS).safeParse(value)
        // Only people who joined are counted: an invented id would add to the totals.
        const group = groups.get(participantId)
        if (!position.success || group === undefined) continue
        byParticipant[participantId] = position.data
        positions[group][position.data]++
      }
      list.push({ ...parsed.fields, text: parsed.text.toString(), positions, byParticipant })
    }
    out.push({ ...head.data, items: list.sort(rankOrder) })
  }
  return out.sort(rankOrder)
}

const requireMap = (map: unknown, what: string): Y.Map<unknown> => {
  if (!(map instanceof Y.Map)) throw new Error(`no ${what}`)
  return map
}
const itemsOf = (doc: Y.Doc, charterId: string) =>
  requireMap(
    requireMap(chartersMap(doc).get(charterId), `charter ${charterId}`).get('items'),
    'items',
  )
const itemOf = (doc: Y.Doc, charterId: string, itemId: string) =>
  requireMap(itemsOf(doc, charterId).get(itemId), `charter item ${itemId}`)

/** The longest text of a charter item: the write policy refuses more (`text.tooLong`). */
export const CHARTER_ITEM_TEXT_MAX = 2000

const title = z.string().trim().min(1, 'must not be empty').max(120)
const itemText = z.string().trim().min(1, 'must not be empty').max(CHARTER_ITEM_TEXT_MAX)

/**
 * Adds a charter for a partner role (or a custom role) with its items; returns its id. A
 * template's charter gives its title and items' texts in both languages (`seedText`).
 */
export const createCharter = (
  doc: Y.Doc,
  input: {
    role: PartnerGroup | string
    title: string
    id?: string
    seedText?: Localized
    items?: Array<NewCharterItem>
  },
  origin: unknown,
): string => {
  const clean = {
    role: z.string().trim().min(1).parse(input.role),
    title: title.parse(input.title),
    seed: input.seedText && localized.parse(input.seedText),
  }
  const texts = (input.items ?? []).map((entry) => ({
    ...entry,
    text: itemText.parse(entry.text),
  }))
  const id = input.id ?? newId()
  const last = listCharters(doc).at(-1)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('id', id)
    map.set('role', clean.role)
    map.set('title', clean.title)
    map.set('rank', generateKeyBetween(last?.rank ?? null, null))
    if (clean.seed) map.set(SEED_TEXT, clean.seed)
    map.set('items', new Y.Map())
    chartersMap(doc).set(id, map)
    for (const entry of texts) addCharterItem(doc, id, entry, origin)
  }, origin)
  return id
}

export interface NewCharterItem {
  text: string
  kind?: CharterItemKind
  /** A template's item: its text in both languages. */
  seedText?: Localized
  /** The participant who adds it (they may delete it again). */
  createdBy?: string
}

/** Adds an item at the end of a charter; returns its id. */
export const addCharterItem = (
  doc: Y.Doc,
  charterId: string,
  input: NewCharterItem,
  origin: unknown,
): string => {
  const text = itemText.parse(input.text)
  const seed = input.seedText && localized.parse(input.seedText)
  const items = itemsOf(doc, charterId)
  let last: string | null = null
  for (const entry of items.values()) {
    const rank = entry instanceof Y.Map ? entry.get('rank') : null
    if (typeof rank === 'string' && (last === null || rank > last)) last = rank
  }
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const ytext = new Y.Text()
    ytext.insert(0, text)
    map.set('id', id)
    map.set('kind', input.kind ?? 'responsibility')
    map.set('rank', generateKeyBetween(last, null))
    map.set('status', 'to-discuss')
    if (seed) map.set(SEED_TEXT, seed)
    if (input.createdBy) map.set('createdBy', input.createdBy)
    map.set('text', ytext)
    map.set('positions', new Y.Map())
    items.set(id, map)
  }, origin)
  return id
}

export const setCharterItemText = (
  doc: Y.Doc,
  charterId: string,
  itemId: string,
  value: string,
  origin: unknown,
) => {
  const text = itemOf(doc, charterId, itemId).get('text')
  if (!(text instanceof Y.Text)) throw new Error(`charter item ${itemId} has no text`)
  doc.transact(() => replaceText(text, value), origin)
}

/** Marks an item agreed, to discuss, or objected (what the group settled). */
export const setCharterItemStatus = (
  doc: Y.Doc,
  charterId: string,
  itemId: string,
  status: CharterItemStatus,
  origin: unknown,
) => {
  const map = itemOf(doc, charterId, itemId)
  const clean = z.enum(ITEM_STATUSES).parse(status)
  doc.transact(() => map.set('status', clean), origin)
}

/** Where one person stands on an item (null takes their position back). */
export const setPosition = (
  doc: Y.Doc,
  charterId: string,
  itemId: string,
  participantId: string,
  position: Position | null,
  origin: unknown,
) => {
  const positions = requireMap(itemOf(doc, charterId, itemId).get('positions'), 'positions')
  doc.transact(() => {
    if (position === null) positions.delete(participantId)
    else positions.set(participantId, z.enum(POSITIONS).parse(position))
  }, origin)
}

export const deleteCharterItem = (
  doc: Y.Doc,
  charterId: string,
  itemId: string,
  origin: unknown,
) => {
  const items = itemsOf(doc, charterId)
  doc.transact(() => items.delete(itemId), origin)
}

export const observeCharters = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const root = chartersMap(doc)
  const handler = () => onChange()
  root.observeDeep(handler)
  return () => root.unobserveDeep(handler)
}
