import * as Y from 'yjs'
import { decisionsMap, planMap } from './roots.ts'

/**
 * Whether anything may have come due (due.ts says what): apart from `dueItems` so that a
 * page holds this test without the list's code, which it loads only when the test says so.
 */

/** A day (YYYY-MM-DD) that is `today` or before it. */
export const hasCome = (day: unknown, today: string): day is string =>
  typeof day === 'string' && day <= today

/**
 * Whether anything may be due on `today`, read from the document as it is (nothing validated,
 * no decision history): a cheap test a page runs on every change to decide whether to load
 * the list at all. Never false when `dueItems` finds something; `dueItems` says what is.
 */
export const anyDue = (doc: Y.Doc, today: string): boolean => {
  const actions = planMap(doc).get('actions')
  const entries = (map: unknown) => (map instanceof Y.Map ? [...map.values()] : [])
  return (
    entries(actions).some(
      (entry) =>
        entry instanceof Y.Map &&
        entry.get('status') !== 'done' &&
        hasCome(entry.get('due'), today),
    ) ||
    entries(decisionsMap(doc)).some(
      (entry) =>
        entry instanceof Y.Map &&
        entry.get('status') !== 'superseded' &&
        hasCome(entry.get('reviewDate'), today),
    )
  )
}
