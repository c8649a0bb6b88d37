import { type Component, createSignal, lazy, Show, Suspense } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { ForgetPerson } from '../join/ForgetPerson.tsx'
import { JoinForm } from '../join/JoinForm.tsx'
import { ParticipantsList } from '../presence/ParticipantsList.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import type { WorkspaceState } from './workspaceState.ts'

// The participation balance is for facilitators only: participants never load it.
const BalancePanel = lazy(() => import('../flow/BalancePanel.tsx'))
// For the few who move to another device: not on a phone's path to its first screen.
const PersonalLink = lazy(() => import('../join/PersonalLink.tsx'))

/**
 * The side panel's People tab: who is online, who joined, changing or forgetting one's own
 * name, one's personal link (for another device), and (for the facilitator) the participation
 * balance.
 */
export const PeoplePart: Component<{ workspace: WorkspaceState }> = (props) => {
  const { t } = useI18n()
  const workspace = props.workspace
  const page = workspace.props
  const [editing, setEditing] = createSignal(false)
  return (
    <>
      <PresenceList awareness={workspace.connection.awareness} />
      <ParticipantsList participants={workspace.participants()} waiting={!workspace.docKnown()} />
      {/* An observer has no name to change or remove: the page says so. */}
      <Show when={page.identity.observer}>
        <p class="muted">{t('join.observer.unnamed')}</p>
      </Show>
      {/* Renaming, forgetting, links and participation all need the server. */}
      <Show when={!workspace.deviceCopy() && !page.identity.observer}>
        <Show
          when={editing()}
          fallback={
            <div class="identity-actions">
              <button
                type="button"
                class="button button--secondary"
                onClick={() => setEditing(true)}
              >
                {t('join.edit')}
              </button>
              {/* Another device of this person's: their personal link (never on the projector). */}
              <Show when={workspace.credentials}>
                {(issued) => (
                  // Its own boundary: while it loads, the rest of the tab stays as it is.
                  <Suspense>
                    <PersonalLink
                      workshopId={page.workshopId}
                      token={page.token}
                      of={{ participantId: issued().participantId, proof: issued() }}
                      name={page.identity.name}
                    />
                  </Suspense>
                )}
              </Show>
              <Show when={workspace.credentials}>
                {(issued) => (
                  <ForgetPerson
                    workshopId={page.workshopId}
                    token={page.token}
                    name={page.identity.name}
                    subject={{ kind: 'self', credentials: issued() }}
                    onForgotten={() => page.onForgotten()}
                  />
                )}
              </Show>
            </div>
          }
        >
          <div class="panel">
            <JoinForm
              workshopId={page.workshopId}
              workshopRole={page.session.role}
              initial={page.identity}
              onJoin={(identity) => {
                setEditing(false)
                page.onIdentityChange(identity)
              }}
              onCancel={() => setEditing(false)}
            />
          </div>
        </Show>
        <Show when={workspace.isFacilitator() && workspace.docKnown()}>
          <Suspense fallback={<p role="status">{t('flow.balance.loading')}</p>}>
            <BalancePanel workshopId={page.workshopId} token={page.token} />
          </Suspense>
        </Show>
      </Show>
    </>
  )
}
