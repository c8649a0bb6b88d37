import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { z } from 'zod'
import type { Locale } from '../i18n/locales.ts'
import type { TemplatePlan } from '../template.ts'
import { newId } from './ids.ts'
import {
  ACTION_STATUSES,
  line,
  PLAN_LIMITS,
  PLAN_PARTS,
  type PlanPart,
  planAction,
  planSection,
  QUESTION_STATUSES,
  SECTION_STATUSES,
  type SectionStatus,
} from './planEntries.ts'
import { writePlainText } from './richText.ts'
import { planMap } from './roots.ts'
import { replaceText } from './text.ts'

/**
 * The open, changing plan, under the root `plan`: `sections` (title, rank, a "where are we"
 * status, a rich-text `body` Y.XmlFragment), `actions` (title, owner, due date, status, the
 * section and the decision behind it) and `questions` (open questions, Y.Text); what each
 * entry holds, and its limits, is planEntries.ts's.
 */

export {
  ACTION_STATUSES,
  type ActionStatus,
  PLAN_LIMITS,
  PLAN_PARTS,
  QUESTION_STATUSES,
  SECTION_STATUSES,
  type SectionStatus,
} from './planEntries.ts'
export type PlanSection = z.infer<typeof planSection>
export type PlanAction = z.infer<typeof planAction>

export interface PlanQuestion {
  id: string
  sectionId: string | null
  text: string
  status: (typeof QUESTION_STATUSES)[number]
}

export interface Plan {
  sections: PlanSection[]
  actions: PlanAction[]
  questions: PlanQuestion[]
}

/**
 * Creates the plan's three maps. Run by the server only (the schema migration, seeding a new
 * workshop): two clients creating the same nested map at the same moment would each get their
 * own and lose the other's entries.
 */
export const initPlan = (doc: Y.Doc, origin: unknown): void => {
  const root = planMap(doc)
  doc.transact(() => {
    for (const part of PLAN_PARTS)
      if (!(root.get(part) instanceof Y.Map)) root.set(part, new Y.Map())
  }, origin)
}

const child = (doc: Y.Doc, key: PlanPart): Y.Map<Y.Map<unknown>> => {
  const root = planMap(doc)
  const existing = root.get(key)
  if (!(existing instanceof Y.Map))
    throw new Error('the plan is not initialised (schema migration 4)')
  return existing as Y.Map<Y.Map<unknown>>
}

const read = <T>(
  map: Y.Map<Y.Map<unknown>> | undefined,
  schema: z.ZodType<T>,
  keys: string[],
): T[] => {
  const out: T[] = []
  for (const [id, entry] of map?.entries() ?? []) {
    if (!(entry instanceof Y.Map)) continue
    const parsed = schema.safeParse(Object.fromEntries(keys.map((k) => [k, entry.get(k)])))
    if (parsed.success && (parsed.data as { id: string }).id === id) out.push(parsed.data)
  }
  return out
}

/** The whole plan, validated and in order (sections by rank, actions by creation). */
export const readPlan = (doc: Y.Doc): Plan => {
  const root = planMap(doc)
  const get = (key: string) => {
    const value = root.get(key)
    return value instanceof Y.Map ? (value as Y.Map<Y.Map<unknown>>) : undefined
  }
  const sections = read(get('sections'), planSection, ['id', 'title', 'rank', 'status']).sort(
    (a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id.localeCompare(b.id)),
  )
  const actions = read(get('actions'), planAction, [
    'id',
    'sectionId',
    'title',
    'owner',
    'due',
    'status',
    'decisionId',
    'createdAt',
  ]).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  const questions: PlanQuestion[] = []
  for (const [id, entry] of get('questions')?.entries() ?? []) {
    if (!(entry instanceof Y.Map)) continue
    const text = entry.get('text')
    const status = z.enum(QUESTION_STATUSES).safeParse(entry.get('status'))
    const sectionId = entry.get('sectionId')
    if (!(text instanceof Y.Text) || !status.success) continue
    questions.push({
      id,
      text: text.toString(),
      status: status.data,
      sectionId: typeof sectionId === 'string' ? sectionId : null,
    })
  }
  return { sections, actions, questions: questions.sort((a, b) => a.id.localeCompare(b.id)) }
}

/** Whether the plan holds anything: a section, an action or a question. */
export const planIsEmpty = (doc: Y.Doc): boolean => {
  const root = planMap(doc)
  return PLAN_PARTS.every((part) => {
    const map = root.get(part)
    return !(map instanceof Y.Map) || map.size === 0
  })
}

/**
 * A template's plan (`templatePlan`), in the workshop's language, into a plan that holds nothing
 * yet: the plan is the lab's, so a later session of the template finds it as the group left it.
 */
export const seedPlan = (doc: Y.Doc, plan: TemplatePlan, locale: Locale, origin: unknown) => {
  doc.transact(() => {
    initPlan(doc, origin)
    if (!planIsEmpty(doc)) return
    for (const section of plan.sections)
      addSection(doc, { title: section.title[locale], text: section.body[locale] }, origin)
    for (const question of plan.questions) addQuestion(doc, { text: question.text[locale] }, origin)
  }, origin)
}

/** The rich-text body of a section, for the editor. */
export const sectionBody = (doc: Y.Doc, sectionId: string): Y.XmlFragment | null => {
  const body = child(doc, 'sections').get(sectionId)?.get('body')
  return body instanceof Y.XmlFragment ? body : null
}

export const addSection = (
  doc: Y.Doc,
  input: { title: string; text?: string },
  origin: unknown,
): string => {
  const title = line(PLAN_LIMITS.sectionTitle).parse(input.title)
  const last = readPlan(doc).sections.at(-1)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const body = new Y.XmlFragment()
    map.set('id', id)
    map.set('title', title)
    map.set('rank', generateKeyBetween(last?.rank ?? null, null))
    map.set('status', 'not-started')
    map.set('body', body)
    child(doc, 'sections').set(id, map)
    if (input.text) writePlainText(body, input.text)
  }, origin)
  return id
}

export const setSectionStatus = (
  doc: Y.Doc,
  sectionId: string,
  status: SectionStatus,
  origin: unknown,
) => {
  const map = child(doc, 'sections').get(sectionId)
  if (!(map instanceof Y.Map)) throw new Error(`no section ${sectionId}`)
  const clean = z.enum(SECTION_STATUSES).parse(status)
  doc.transact(() => map.set('status', clean), origin)
}

const actionFields = planAction.pick({
  title: true,
  owner: true,
  due: true,
  sectionId: true,
  decisionId: true,
}).shape

export const newAction = z.object({
  title: actionFields.title,
  owner: actionFields.owner.default(''),
  due: actionFields.due.default(null),
  sectionId: actionFields.sectionId.default(null),
  decisionId: actionFields.decisionId.default(null),
})

/** Changes to an action: only the fields given (no defaults filled in). */
const actionChanges = z.object({ ...actionFields, status: z.enum(ACTION_STATUSES) }).partial()

export const addAction = (
  doc: Y.Doc,
  input: z.input<typeof newAction>,
  origin: unknown,
  now = Date.now(),
): string => {
  const clean = newAction.parse(input)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('id', id)
    for (const [key, value] of Object.entries(clean)) map.set(key, value)
    map.set('status', 'todo')
    map.set('createdAt', now)
    child(doc, 'actions').set(id, map)
  }, origin)
  return id
}

/** Changes an action's fields (title, owner, due date, status, section, decision). */
export const updateAction = (
  doc: Y.Doc,
  actionId: string,
  changes: z.input<typeof actionChanges>,
  origin: unknown,
) => {
  const map = child(doc, 'actions').get(actionId)
  if (!(map instanceof Y.Map)) throw new Error(`no action ${actionId}`)
  const clean = actionChanges.parse(changes)
  doc.transact(() => {
    for (const [key, value] of Object.entries(clean)) if (value !== undefined) map.set(key, value)
  }, origin)
}

export const addQuestion = (
  doc: Y.Doc,
  input: { text: string; sectionId?: string | null },
  origin: unknown,
): string => {
  const value = line(PLAN_LIMITS.question).parse(input.text)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, value)
    map.set('id', id)
    map.set('text', text)
    map.set('status', 'open')
    map.set('sectionId', input.sectionId ?? null)
    child(doc, 'questions').set(id, map)
  }, origin)
  return id
}

export const setQuestion = (
  doc: Y.Doc,
  questionId: string,
  changes: { text?: string; status?: (typeof QUESTION_STATUSES)[number] },
  origin: unknown,
) => {
  const map = child(doc, 'questions').get(questionId)
  const text = map?.get('text')
  if (!(map instanceof Y.Map) || !(text instanceof Y.Text))
    throw new Error(`no question ${questionId}`)
  const status =
    changes.status === undefined ? undefined : z.enum(QUESTION_STATUSES).parse(changes.status)
  doc.transact(() => {
    if (changes.text !== undefined) replaceText(text, changes.text)
    if (status) map.set('status', status)
  }, origin)
}

export const deletePlanEntry = (doc: Y.Doc, kind: PlanPart, id: string, origin: unknown) => {
  doc.transact(() => child(doc, kind).delete(id), origin)
}
