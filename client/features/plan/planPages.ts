import type * as Y from 'yjs'
import {
  fragmentToHtml,
  type PlanAction,
  type PlanQuestion,
  type PlanSection,
  readPlan,
  sectionBody,
} from '../../../shared/schema/index.ts'

/**
 * The open plan as pages to read one at a time (the projector's stage, its facilitator's
 * chooser) or in a row (a phone): each section with its text, then the actions, then the open
 * questions, those two only when there are some. Sections first, in their order, so a section's
 * page has the index a document's section had (planFromDocument.ts).
 */
export type PlanPage =
  | { kind: 'section'; section: PlanSection; html: string }
  | { kind: 'actions'; actions: PlanAction[] }
  | { kind: 'questions'; questions: PlanQuestion[] }

const bodyHtml = (doc: Y.Doc, id: string): string => {
  try {
    const body = sectionBody(doc, id)
    return body ? fragmentToHtml(body) : ''
  } catch {
    return ''
  }
}

export const planPages = (doc: Y.Doc): PlanPage[] => {
  const plan = readPlan(doc)
  return [
    ...plan.sections.map((section) => ({
      kind: 'section' as const,
      section,
      html: bodyHtml(doc, section.id),
    })),
    ...(plan.actions.length > 0 ? [{ kind: 'actions' as const, actions: plan.actions }] : []),
    ...(plan.questions.length > 0
      ? [{ kind: 'questions' as const, questions: plan.questions }]
      : []),
  ]
}

/** A page's title: its section's, or what the part is. */
export const planPageTitle = (
  page: PlanPage,
  t: (key: 'projector.plan.actions' | 'projector.plan.questions') => string,
): string =>
  page.kind === 'section'
    ? page.section.title
    : t(page.kind === 'actions' ? 'projector.plan.actions' : 'projector.plan.questions')

/**
 * The page a change to the plan is on, or null: `events` from `observeDeep` on the plan's root,
 * whose paths start at the part (sections, actions, questions) and, but for an entry added to
 * or taken from a part, the entry's id.
 */
export const pageOfChange = (
  pages: readonly PlanPage[],
  events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>,
): number | null => {
  for (const event of events) {
    const [part, entry] = event.path
    const id = entry ?? (event.path.length === 1 ? [...event.keys.keys()][0] : undefined)
    const index = pages.findIndex((page) =>
      part === 'sections' ? page.kind === 'section' && page.section.id === id : page.kind === part,
    )
    if (index >= 0) return index
  }
  return null
}
