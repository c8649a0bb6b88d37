import type { Accessor } from 'solid-js'
import type * as Y from 'yjs'
import type { FlowState } from '../../../shared/schema/index.ts'

/** What each group of the facilitator's controls (FacilitatorBar) needs to change the flow. */
export interface FlowControls {
  doc: Y.Doc
  flow: Accessor<FlowState>
  /** Origin of this connection's transactions. */
  origin: unknown
  /** True before the first sync or for a document from a newer build. */
  disabled: Accessor<boolean>
  /** Runs a change of the document; a refusal is shown, never thrown; `done` is said after. */
  act: (write: () => void, done?: string) => void
}
