import { type Component, lazy, Show, Suspense } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { FACILITATION_MESSAGES } from '../flow/messages.ts'
import { CLIENT_ORIGIN, type WorkspaceState } from './workspaceState.ts'

// QR codes are only for facilitators: participants never download the encoder.
const SharePanel = lazy(() => import('../role-links/SharePanel.tsx'))
// Facilitator-only: participants never download the controls, nor the projector's.
const FacilitatorBar = lazy(() => import('../flow/FacilitatorBar.tsx'))
const ProjectorControls = lazy(() => import('../projector/ProjectorControls.tsx'))

/**
 * The side panel's Animation tab (the facilitator's): the workshop's steps and timer
 * (FacilitatorBar), the projector's controls, and the links to share.
 */
export const AnimationPart: Component<{
  workspace: WorkspaceState
  /** Each new number (the top bar's « Partager l’atelier ») brings the share section. */
  shareAsked: number
}> = (props) => {
  const { t, addMessages } = useI18n()
  // Its parts' messages (the links' loading line is its own), before any of them shows.
  addMessages(FACILITATION_MESSAGES)
  const workspace = props.workspace
  const page = workspace.props
  /** What the facilitator's controls and the projector's both steer the workshop with. */
  const steering = {
    get workshopId() {
      return page.workshopId
    },
    get token() {
      return page.token
    },
    doc: workspace.connection.doc,
    flow: workspace.flow,
    origin: CLIENT_ORIGIN,
    get writable() {
      return workspace.writable()
    },
  }
  return (
    <>
      <Show when={workspace.docKnown()}>
        <Suspense fallback={<p role="status">{t('flow.controls.loading')}</p>}>
          <FacilitatorBar
            {...steering}
            navigator={workspace.canvasNavigator}
            workshopTitle={workspace.title()}
          />
          <ProjectorControls {...steering} />
        </Suspense>
      </Show>
      <Show when={!workspace.deviceCopy()}>
        <Suspense fallback={<p role="status">{t('share.loading')}</p>}>
          <SharePanel
            workshopId={page.workshopId}
            token={page.token}
            bringIntoView={props.shareAsked}
          />
        </Suspense>
      </Show>
    </>
  )
}

export default AnimationPart
