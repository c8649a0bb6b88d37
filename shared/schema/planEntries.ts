import * as Y from 'yjs'
import { z } from 'zod'
import { describeIssues } from '../validation.ts'
import { isId } from './ids.ts'
import { planMap } from './roots.ts'

/**
 * What an entry of the open plan is (see plan.ts): a section, an action, a question, with the
 * limits the plan panel keeps. The readers take these fields; the write policy (policy.ts)
 * judges every write under `plan` by them, as it judges canvas items: what would leave an
 * entry that is not one, or longer than the panel writes, is refused (`invalid`).
 */

export const SECTION_STATUSES = ['not-started', 'in-progress', 'done', 'blocked'] as const
export type SectionStatus = (typeof SECTION_STATUSES)[number]
export const ACTION_STATUSES = ['todo', 'doing', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const QUESTION_STATUSES = ['open', 'answered'] as const

/** The longest texts of the plan, as the panel's fields stop there. */
export const PLAN_LIMITS = { sectionTitle: 120, actionTitle: 200, owner: 80, question: 2000 }
/** A section's rank (a fractional index: a few characters for each section put before another). */
const RANK_MAX = 256

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
export const line = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const entryId = z.string().refine(isId, 'must be an id')

export const planSection = z.object({
  id: entryId,
  title: line(PLAN_LIMITS.sectionTitle),
  rank: z.string().min(1).max(RANK_MAX),
  status: z.enum(SECTION_STATUSES),
})

export const planAction = z.object({
  id: entryId,
  sectionId: entryId.nullable(),
  title: line(PLAN_LIMITS.actionTitle),
  owner: z.string().trim().max(PLAN_LIMITS.owner),
  due: isoDate.nullable(),
  status: z.enum(ACTION_STATUSES),
  decisionId: entryId.nullable(),
  createdAt: z.number(),
})

/** A plain text (not rich text's XML), of at most `max` characters. */
const plainText = (max: number) =>
  z
    .instanceof(Y.Text)
    .refine((text) => !(text instanceof Y.XmlText), 'must be a plain text')
    .refine((text) => text.length <= max, `must be at most ${max} characters`)

/** Each part of the plan, by its key under `plan`: what one of its entries holds, exactly. */
const ENTRIES = {
  sections: planSection.extend({ body: z.instanceof(Y.XmlFragment) }).strict(),
  actions: planAction.strict(),
  questions: z.strictObject({
    id: entryId,
    text: plainText(PLAN_LIMITS.question),
    status: z.enum(QUESTION_STATUSES),
    sectionId: entryId.nullable(),
  }),
}

export type PlanPart = keyof typeof ENTRIES
export const PLAN_PARTS = Object.keys(ENTRIES) as PlanPart[]

const isPart = (key: string): key is PlanPart => Object.hasOwn(ENTRIES, key)

/** Why `value`, under the key `id` of the plan's part `part`, is not one of its entries, or null. */
const entryProblem = (part: PlanPart, id: string, value: unknown): string | null => {
  const at = `plan.${part}.${id.slice(0, 64)}`
  if (!(value instanceof Y.Map)) return `${at}: not an entry`
  const parsed = ENTRIES[part].safeParse(Object.fromEntries(value.entries()))
  if (!parsed.success) return `${at}: ${describeIssues(parsed.error)}`
  return parsed.data.id === id ? null : `${at}: id ${parsed.data.id}`
}

/**
 * Why the change to `keys` of the plan type at `path` ([plan, part], or inside an entry:
 * [plan, part, entryId, …]) leaves what is not an entry of that part, or null. An entry is
 * judged whole whatever changed in it: a field, its question's text, its section's body.
 */
export const planWriteProblem = (
  doc: Y.Doc,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
): string | null => {
  const part = path[1]
  if (part === undefined) return null
  const entries = planMap(doc).get(part)
  if (!isPart(part) || !(entries instanceof Y.Map)) return `plan has no part "${part.slice(0, 64)}"`
  for (const id of path.length === 2 ? keys : [path[2] ?? null]) {
    if (id === null) return `plan.${part}: not an entry`
    const value = entries.get(id)
    const problem = value === undefined ? null : entryProblem(part, id, value)
    if (problem !== null) return problem
  }
  return null
}
