import { type Component, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { StepChip } from '../flow/StepChip.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { PeopleButton } from './PeopleButton.tsx'
import { PANEL_ID, type PanelState } from './panelState.ts'
import type { WorkspaceState } from './workspaceState.ts'
import './workspace.css'

/** The id of the step card, which the top bar's step chip shows and hides. */
export const STEP_CARD_ID = 'step-card'

/** The top bar's heading: the workshop's title, one's role, and the step chip with its timer. */
export const TopBarHeading: Component<{
  workspace: WorkspaceState
  /** A participant's phone: the step card itself is on top, so no chip. */
  phone: boolean
  cardOpen: boolean
  onToggleCard: () => void
}> = (props) => {
  const { t } = useI18n()
  return (
    <>
      <div class="workspace-heading">
        <h1 class="workshop-title">{props.workspace.title()}</h1>
        <p class="workshop-role">
          {t('workshop.yourRole', { role: t(`role.${props.workspace.props.session.role}`) })}
        </p>
      </div>
      <Show when={!props.phone}>
        <StepChip
          flow={props.workspace.flow}
          now={props.workspace.now}
          expanded={props.cardOpen}
          cardId={STEP_CARD_ID}
          onToggle={() => props.onToggleCard()}
        />
      </Show>
    </>
  )
}

/** The top bar's connection state: saved, saving, offline, read-only, this device's copy. */
export const TopBarStatus: Component<{ workspace: WorkspaceState }> = (props) => (
  <ConnectionStatus
    state={props.workspace.status().state}
    closeCode={props.workspace.status().closeCode}
    readOnly={props.workspace.readOnly()}
    deviceCopy={props.workspace.deviceCopy()}
  />
)

/**
 * The top bar's buttons to the side panel's tabs: people, documents, and for the facilitator
 * animation and « Partager l’atelier » (the links to share, in the Animation tab). Each of the
 * first three is pressed (`aria-pressed`, and drawn so) while the panel shows its own tab, and
 * only then: with « Décisions » on screen, none is.
 */
export const TopBarTools: Component<{
  workspace: WorkspaceState
  panel: PanelState
  /** A participant's phone: people as a number, so the connection state beside it is whole. */
  phone: boolean
}> = (props) => {
  const { t } = useI18n()
  const panel = props.panel
  return (
    <>
      <PeopleButton
        awareness={props.workspace.connection.awareness}
        pressed={panel.shows('people')}
        controls={PANEL_ID}
        onClick={() => panel.toggle('people')}
        compact={props.phone}
      />
      <button
        type="button"
        class="button button--secondary button--small"
        aria-pressed={panel.shows('documents') ? 'true' : 'false'}
        aria-controls={PANEL_ID}
        onClick={() => panel.toggle('documents')}
      >
        {t('workspace.documents')}
      </button>
      <Show when={props.workspace.isFacilitator()}>
        <button
          type="button"
          class="button button--small"
          classList={{
            'button--primary': !panel.shows('animation'),
            'button--secondary': panel.shows('animation'),
          }}
          aria-pressed={panel.shows('animation') ? 'true' : 'false'}
          aria-controls={PANEL_ID}
          onClick={() => panel.toggle('animation')}
        >
          {t('workspace.tab.animation')}
        </button>
        {/* The links need the server: none on this device's copy. */}
        <Show when={!props.workspace.deviceCopy()}>
          <button
            type="button"
            class="button button--secondary button--small share-button"
            aria-label={t('share.title')}
            title={t('share.title')}
            aria-controls={PANEL_ID}
            onClick={() => panel.openShare()}
          >
            <ShareIcon />
            <span class="share-button__text">{t('share.title')}</span>
          </button>
        </Show>
      </Show>
    </>
  )
}

/** Three linked dots: what sharing is drawn as in most tools. */
const ShareIcon: Component = () => (
  <svg
    class="share-button__icon"
    aria-hidden="true"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
  >
    <circle cx="18" cy="5" r="3" />
    <circle cx="6" cy="12" r="3" />
    <circle cx="18" cy="19" r="3" />
    <path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4" />
  </svg>
)
