import * as Y from 'yjs'
import { z } from 'zod'
import { describeIssues } from '../validation.ts'
import { isId } from './ids.ts'
import { richTextSize } from './richText.ts'
import { type Refusal, refusal } from './rights.ts'
import { planMap } from './roots.ts'

/**
 * What an entry of the open plan is (see plan.ts): a section, an action, a question, with the
 * limits the plan panel keeps. The readers take these fields; the write policy (policy.ts)
 * judges every write under `plan` by them, as it judges canvas items: what would leave an
 * entry that is not one is refused (`invalid`); a text written past its limit (a title, an
 * owner, a question, a section's body) is refused as too long (`text.tooLong`), and one
 * longer from before may still be shortened.
 */

export const SECTION_STATUSES = ['not-started', 'in-progress', 'done', 'blocked'] as const
export type SectionStatus = (typeof SECTION_STATUSES)[number]
export const ACTION_STATUSES = ['todo', 'doing', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const QUESTION_STATUSES = ['open', 'answered'] as const

/**
 * The longest texts of the plan, as the panel's fields stop there; a section's body is
 * measured by `richTextSize` (its characters, one per paragraph, and its attributes').
 */
export const PLAN_LIMITS = {
  sectionTitle: 120,
  actionTitle: 200,
  owner: 80,
  question: 2000,
  sectionBody: 20_000,
}
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

/** A plain text (not rich text's XML); its length is judged where it is written (`textTooLong`). */
const plainText = z
  .instanceof(Y.Text)
  .refine((text) => !(text instanceof Y.XmlText), 'must be a plain text')

/** Each part of the plan, by its key under `plan`: what one of its entries holds, exactly. */
const ENTRIES = {
  sections: planSection.extend({ body: z.instanceof(Y.XmlFragment) }).strict(),
  actions: planAction.strict(),
  questions: z.strictObject({
    id: entryId,
    text: plainText,
    status: z.enum(QUESTION_STATUSES),
    sectionId: entryId.nullable(),
  }),
}

export type PlanPart = keyof typeof ENTRIES
export const PLAN_PARTS = Object.keys(ENTRIES) as PlanPart[]

const isPart = (key: string): key is PlanPart => Object.hasOwn(ENTRIES, key)

/**
 * Which types count as written, for their limits: a live write's, those it wrote into
 * (`listWrites(transaction).under`: a text longer from before may still be shortened); an
 * archive's, every one.
 */
export type Written = (type: unknown) => boolean

/**
 * Why `value`, under the key `id` of the plan's part `part`, is not one of its entries (or
 * one with a text `written` past its limit), or null.
 */
const entryRefuses = (
  written: Written,
  part: PlanPart,
  id: string,
  value: unknown,
): Refusal | null => {
  const at = `plan.${part}.${id.slice(0, 64)}`
  if (!(value instanceof Y.Map)) return refusal('invalid', `${at}: not an entry`)
  const parsed = ENTRIES[part].safeParse(Object.fromEntries(value.entries()))
  if (!parsed.success) {
    const tooLong = parsed.error.issues.every((issue) => issue.code === 'too_big')
    return refusal(tooLong ? 'text.tooLong' : 'invalid', `${at}: ${describeIssues(parsed.error)}`)
  }
  if (parsed.data.id !== id) return refusal('invalid', `${at}: id ${parsed.data.id}`)
  const text = value.get('text')
  if (text instanceof Y.Text && written(text) && text.length > PLAN_LIMITS.question) {
    return refusal('text.tooLong', `${at}.text: more than ${PLAN_LIMITS.question} characters`)
  }
  const body = value.get('body')
  if (
    body instanceof Y.XmlFragment &&
    written(body) &&
    richTextSize(body) > PLAN_LIMITS.sectionBody
  ) {
    return refusal('text.tooLong', `${at}.body: more than ${PLAN_LIMITS.sectionBody} characters`)
  }
  return null
}

/**
 * Why the change to `keys` of the plan type at `path` ([plan, part], or inside an entry:
 * [plan, part, entryId, …]) leaves what is not an entry of that part, or null. An entry is
 * judged whole whatever changed in it: a field, its question's text, its section's body.
 */
export const planWriteRefuses = (
  doc: Y.Doc,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
  written: Written,
): Refusal | null => {
  const part = path[1]
  if (part === undefined) return null
  const entries = planMap(doc).get(part)
  if (!isPart(part) || !(entries instanceof Y.Map)) {
    return refusal('invalid', `plan has no part "${part.slice(0, 64)}"`)
  }
  for (const id of path.length === 2 ? keys : [path[2] ?? null]) {
    if (id === null) return refusal('invalid', `plan.${part}: not an entry`)
    const value = entries.get(id)
    const refused = value === undefined ? null : entryRefuses(written, part, id, value)
    if (refused !== null) return refused
  }
  return null
}
