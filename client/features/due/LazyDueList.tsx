import { type Component, createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js'
import { anyDue } from '../../../shared/schema/dueCheck.ts'
import { observeDecisions, observePlan } from '../../../shared/schema/roots.ts'
import { createToday } from '../../state/createToday.ts'
import type { DueListProps } from './DueList.tsx'

// Its code, the decision log's reader and its messages come when a page first shows it, not
// with every phone's first screen.
const Lazy = lazy(() => import('./DueList.tsx'))

/**
 * `DueList`, loaded only once something may be due (`anyDue`, read on each change to the plan
 * or the decisions) or when it is to say that nothing is (`showEmpty`), in its own Suspense:
 * nothing around it waits for it.
 */
export const DueList: Component<DueListProps> = (props) => {
  const today = createToday()
  const [version, setVersion] = createSignal(0)
  const bump = () => setVersion((n) => n + 1)
  const stops = [observePlan(props.doc, bump), observeDecisions(props.doc, bump)]
  onCleanup(() => {
    for (const stop of stops) stop()
  })
  const shown = () => {
    version()
    return props.showEmpty === true || anyDue(props.doc, today())
  }
  return (
    <Show when={shown()}>
      <Suspense>
        <Lazy {...props} />
      </Suspense>
    </Show>
  )
}
