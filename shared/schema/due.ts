import type * as Y from 'yjs'
import { type DecisionRecord, type DecisionStatus, listDecisions } from './decisions.ts'
import { hasCome } from './dueCheck.ts'
import { readPlan } from './plan.ts'
import type { ActionStatus } from './planEntries.ts'
import { labDay } from './sessionFields.ts'

/**
 * What a lab has to come back to: the plan's open actions whose due day has come, and the
 * decisions whose review date has come. The « Plan ouvert » flow starts from it (a step with
 * `reviewsDue`), and the lab's home shows it between sessions. Days are Montréal's
 * (`labDay`): the caller gives today as YYYY-MM-DD, so the device's time zone never moves it.
 * `anyDue` (dueCheck.ts, apart so a page holds it without this) says cheaply whether to look.
 */

export { anyDue } from './dueCheck.ts'

/** Where a person acts on an item: the action in the Plan tab, the decision in the log. */
export interface DueTarget {
  tab: 'plan' | 'decisions'
  id: string
}

interface DueBase {
  id: string
  title: string
  /** Who takes care of it (an action's owner), if anyone is named. */
  owner: string | null
  /** The action's due day, or the decision's review date (YYYY-MM-DD). */
  day: string
  /** The day is past (due today is not late). */
  late: boolean
  target: DueTarget
}

export type DueItem =
  | (DueBase & { kind: 'action'; status: Exclude<ActionStatus, 'done'> })
  | (DueBase & { kind: 'decision'; status: Exclude<DecisionStatus, 'superseded'> })

/**
 * Whether a decision (not superseded) whose review day has come is still to review: not
 * settled since, i.e. its last change of status is not an adoption on or after that day (a
 * decision reopened for review stays due until it is adopted again or replaced).
 */
const awaitsReview = (decision: DecisionRecord, day: string): boolean => {
  const last = decision.history.at(-1)
  return !(decision.status === 'adopted' && last?.status === 'adopted' && labDay(last.at) >= day)
}

const KIND_ORDER = { action: 0, decision: 1 } as const

/**
 * The items due on `today` (YYYY-MM-DD), late ones first, then by day, actions before
 * decisions, then by title: open actions (to do, doing) due today or before, and decisions
 * whose review date is today or before and which await their review.
 */
export const dueItems = (doc: Y.Doc, today: string): DueItem[] => {
  const items: DueItem[] = []
  for (const action of readPlan(doc).actions) {
    if (action.status === 'done' || !hasCome(action.due, today)) continue
    items.push({
      kind: 'action',
      id: action.id,
      title: action.title,
      owner: action.owner.trim() || null,
      day: action.due,
      late: action.due < today,
      status: action.status,
      target: { tab: 'plan', id: action.id },
    })
  }
  for (const decision of listDecisions(doc)) {
    const day = decision.reviewDate
    if (decision.status === 'superseded' || !hasCome(day, today)) continue
    if (!awaitsReview(decision, day)) continue
    items.push({
      kind: 'decision',
      id: decision.id,
      title: decision.title,
      owner: null,
      day,
      late: day < today,
      status: decision.status,
      target: { tab: 'decisions', id: decision.id },
    })
  }
  return items.sort(
    (a, b) =>
      Number(b.late) - Number(a.late) ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.title.localeCompare(b.title),
  )
}
