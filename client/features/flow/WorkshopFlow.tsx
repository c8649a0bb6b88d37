import { type Accessor, type Component, lazy, Show, Suspense } from 'solid-js'
import type * as Y from 'yjs'
import type { Role } from '../../../shared/roles.ts'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { CanvasNavigator } from './canvasBridge.ts'
import { PhaseBanner } from './PhaseBanner.tsx'
import { ResultsArea } from './ResultsArea.tsx'

// Facilitator-only: participants never download the controls.
const FacilitatorBar = lazy(() => import('./FacilitatorBar.tsx'))

export interface WorkshopFlowProps {
  workshopId: string
  token: string
  role: Role
  doc: Y.Doc
  flow: Accessor<FlowState>
  now: Accessor<number>
  origin: unknown
  writable: boolean
  /**
   * False until the document's content is known (first sync or local copy): the controls are
   * loaded only then, so they never compete with the first screen.
   */
  ready?: boolean
  workshopTitle?: string
  navigator?: Accessor<CanvasNavigator | null>
}

/** The top of the workspace: the phase banner (everyone), the controls (facilitator), results. */
export const WorkshopFlow: Component<WorkshopFlowProps> = (props) => {
  const { t } = useI18n()
  return (
    <>
      <PhaseBanner doc={props.doc} flow={props.flow} now={props.now} />
      <Show when={props.role === 'facilitator' && props.ready !== false}>
        <Suspense fallback={<p role="status">{t('flow.controls.loading')}</p>}>
          <FacilitatorBar
            workshopId={props.workshopId}
            token={props.token}
            doc={props.doc}
            flow={props.flow}
            origin={props.origin}
            navigator={props.navigator}
            writable={props.writable}
            workshopTitle={props.workshopTitle}
          />
        </Suspense>
      </Show>
      <ResultsArea doc={props.doc} flow={props.flow} />
    </>
  )
}
