import { type Component, lazy, Suspense } from 'solid-js'
import type { DueListProps } from './DueList.tsx'

// Its code, the decisions' reader and its messages come when a page first shows it (a review
// step, the lab's home between sessions), not with every phone's first screen.
const Lazy = lazy(() => import('./DueList.tsx'))

/** `DueList`, loaded when first shown, in its own Suspense: nothing around it waits for it. */
export const DueList: Component<DueListProps> = (props) => (
  <Suspense>
    <Lazy {...props} />
  </Suspense>
)
