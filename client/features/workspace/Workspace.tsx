import { type Component, createEffect, createSignal, on, Show } from 'solid-js'
import { AppShell } from '../../app/AppShell.tsx'
import { createResult } from '../../state/createFlow.ts'
import { createMediaQuery } from '../../ui/createMediaQuery.ts'
import { PHONE_QUERY } from '../phone/phoneQuery.ts'
import { BoardOrPhone } from './BoardOrPhone.tsx'
import { createPanelState } from './panelState.ts'
import { RefusalNotice } from './RefusalNotice.tsx'
import { StepCue } from './StepCue.tsx'
import { TopBarHeading, TopBarStatus, TopBarTools } from './TopBar.tsx'
import { WorkspaceNotices } from './WorkspaceNotices.tsx'
import { WorkspacePanel } from './WorkspacePanel.tsx'
import { createWorkspaceState, type WorkspaceProps } from './workspaceState.ts'

/**
 * The workshop once joined: a slim top bar (TopBar.tsx), the notices (WorkspaceNotices.tsx),
 * the board with the step card over its top-left or a phone's step (BoardOrPhone.tsx), and one
 * side panel beside it (WorkspacePanel.tsx, wired by panelState.ts). What they share, the
 * connections and what they tell, is workspaceState.ts.
 */
export const Workspace: Component<WorkspaceProps> = (props) => {
  const workspace = createWorkspaceState(props)
  const panel = createPanelState(workspace.isFacilitator)
  /**
   * A participant's (or an observer's) phone: the step and its action first, the board on
   * demand (client/features/phone). The facilitator keeps the board and the panels.
   */
  const narrow = createMediaQuery(PHONE_QUERY)
  const phone = () => narrow() && !workspace.isFacilitator()

  // The step card: shown again whenever the step changes, and when its vote closes (its
  // results are there).
  const [cardOpen, setCardOpen] = createSignal(true)
  const stepResult = createResult(
    workspace.connection.doc,
    () => workspace.flow().phase?.id ?? null,
  )
  createEffect(
    on(
      [
        () => workspace.flow().status,
        () => workspace.flow().phaseIndex,
        () => stepResult()?.closed === true,
      ],
      () => setCardOpen(true),
      { defer: true },
    ),
  )

  return (
    <AppShell
      fill
      phone={phone()}
      heading={
        <TopBarHeading
          workspace={workspace}
          phone={phone()}
          cardOpen={cardOpen()}
          onToggleCard={() => setCardOpen(!cardOpen())}
        />
      }
      status={<TopBarStatus workspace={workspace} />}
      tools={<TopBarTools workspace={workspace} panel={panel} phone={phone()} />}
    >
      <div
        class="workspace-frame"
        classList={{
          'workspace-frame--panel': panel.panel() !== null,
          // Documents, charters, the plan, decisions: text to read and write, a wider panel.
          'workspace-frame--reading': panel.showing('artefacts'),
          'workspace-frame--wide': panel.panel() !== null && panel.wide(),
        }}
      >
        <WorkspaceNotices
          workspace={workspace}
          phone={phone()}
          onOpenSessions={() => panel.open('sessions')}
        />
        <RefusalNotice
          refusal={workspace.refusals.refusal()}
          onDismiss={workspace.refusals.dismiss}
        />
        <BoardOrPhone
          workspace={workspace}
          phone={phone()}
          cardOpen={cardOpen()}
          onCloseCard={() => setCardOpen(false)}
          onOpen={panel.open}
          onReveal={panel.reveal}
        />
        <WorkspacePanel workspace={workspace} panel={panel} />
        <Show when={!phone()}>
          <StepCue workspace={workspace} panel={panel} />
        </Show>
      </div>
    </AppShell>
  )
}
