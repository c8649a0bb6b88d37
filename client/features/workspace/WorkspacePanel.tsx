import { type Component, lazy, Show, Suspense } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { DueList } from '../due/LazyDueList.tsx'
import { PanelIcon } from './PanelIcon.tsx'
import { PeoplePart } from './PeoplePart.tsx'
import { PANEL_ID, type PanelState } from './panelState.ts'
import { SidePanel } from './SidePanel.tsx'
import type { WorkspaceState } from './workspaceState.ts'

// The facilitator's Animation tab: a participant never loads it. (The People tab comes with
// the page: one changes one's name there offline too, when no chunk can be fetched.)
const AnimationPart = lazy(() => import('./AnimationPart.tsx'))
// Documents, charters, plan, decisions and versions: loaded when the side panel first shows
// them, the rich-text editor only when a document is opened.
const ArtefactsArea = lazy(() => import('../artefacts/ArtefactsArea.tsx'))
// The lab's sessions, with the messages of their panel: loaded when the tab is first opened.
const SessionsPanel = lazy(() => import('../sessions/SessionsPanel.tsx'))

/**
 * The side panel with its parts: Animation (the facilitator's), the lab's Sessions (after what
 * is due, while no session runs), People,
 * and the artefacts' tabs. Each part is loaded when first opened, then kept, hidden when closed: what
 * was typed or unfolded there stays.
 */
export const WorkspacePanel: Component<{ workspace: WorkspaceState; panel: PanelState }> = (
  props,
) => {
  const { t } = useI18n()
  const workspace = props.workspace
  const page = workspace.props
  const panel = props.panel
  return (
    <SidePanel
      id={PANEL_ID}
      hidden={panel.panel() === null}
      tabs={panel.tabs()}
      icon={(tab) => <PanelIcon tab={tab} />}
      active={panel.active()}
      onSelect={panel.select}
      onClose={panel.close}
      wide={panel.wide()}
      onWide={panel.setWide}
    >
      <Show when={workspace.isFacilitator() && panel.shown('animation')}>
        <div class="side-panel__part" hidden={!panel.showing('animation')}>
          <Suspense fallback={<p role="status">{t('flow.controls.loading')}</p>}>
            <AnimationPart workspace={workspace} shareAsked={panel.shareAsked()} />
          </Suspense>
        </div>
      </Show>
      <Show when={panel.shown('sessions')}>
        <div class="side-panel__part" hidden={!panel.showing('sessions')}>
          {/* The lab's home between sessions: what is due first, then the sessions. */}
          <Show when={workspace.flow().status !== 'running'}>
            <DueList doc={workspace.connection.doc} onOpen={panel.reveal} showEmpty level={2} />
          </Show>
          <Suspense fallback={<p role="status">{t('workspace.sessions.loading')}</p>}>
            <SessionsPanel
              sessions={workspace.sessions}
              workshopId={page.workshopId}
              token={page.token}
              facilitator={workspace.isFacilitator()}
              online={!workspace.deviceCopy()}
              templateId={workspace.info.meta()?.templateId ?? page.session.workshop.template}
              labDoc={workspace.connection.doc}
              participants={workspace.participants}
              participant={workspace.credentials}
            />
          </Suspense>
        </div>
      </Show>
      <Show when={panel.shown('people')}>
        <div class="side-panel__part" hidden={!panel.showing('people')}>
          <PeoplePart workspace={workspace} />
        </div>
      </Show>
      <Show when={panel.shown('artefacts')}>
        <div class="side-panel__part" hidden={!panel.showing('artefacts')}>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <ArtefactsArea
              doc={workspace.connection.doc}
              awareness={workspace.connection.awareness}
              workshopId={page.workshopId}
              token={page.token}
              role={page.session.role}
              identity={page.identity}
              participant={workspace.credentials}
              writable={workspace.writable()}
              ended={workspace.ended()}
              rights={workspace.artefacts()}
              tab={panel.lastArtefact()}
              focus={workspace.focusArtefact()}
              reveal={panel.revealed()}
            />
          </Suspense>
        </div>
      </Show>
    </SidePanel>
  )
}
