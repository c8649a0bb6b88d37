import { type Component, lazy, Show, Suspense } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { BadNews } from './BadNews.tsx'
import type { WorkspaceState } from './workspaceState.ts'

// Only for a device a personal link signed in just now.
const DeviceClaimed = lazy(() =>
  import('../join/DeviceSignIn.tsx').then((m) => ({ default: m.DeviceClaimed })),
)

/**
 * The notices above the board (or the phone's step): as whom a personal link just signed this
 * device in, this device's copy while offline, the bad
 * news (BadNews.tsx), a document newer than this page, and the session ended (not on a phone,
 * whose step card says it, with what the person can still do below it; for the facilitator,
 * with the way to the next session).
 */
export const WorkspaceNotices: Component<{
  workspace: WorkspaceState
  phone: boolean
  /** Opens the side panel's Sessions tab (to plan or start the next session). */
  onOpenSessions: () => void
}> = (props) => {
  const { t } = useI18n()
  const workspace = props.workspace
  const endedSession = () =>
    workspace.isFacilitator() && workspace.flow().status === 'ended'
      ? workspace.currentSession()
      : null
  return (
    <div class="workspace-frame__notices">
      <Show when={workspace.props.claimed}>
        <Suspense>
          <DeviceClaimed name={workspace.props.identity.name} />
        </Suspense>
      </Show>
      <Show when={workspace.deviceCopy()}>
        <Notice title={t('workshop.deviceCopy.title')}>{t('workshop.deviceCopy.body')}</Notice>
      </Show>
      <BadNews
        state={workspace.status().state}
        closeCode={workspace.status().closeCode}
        linkRevoked={workspace.revoked()}
        refused={workspace.refused()}
        onDismissRefused={workspace.dismissRefused}
        slept={workspace.slept()}
        onDismissSleep={workspace.dismissSleep}
        flow={workspace.flow}
        readOnly={workspace.readOnly()}
      />
      <Show when={workspace.info.newerSchema()}>
        <Notice
          tone="alert"
          actions={
            <button
              type="button"
              class="button button--primary"
              onClick={() => window.location.reload()}
            >
              {t('workshop.reload')}
            </button>
          }
        >
          {t('workshop.newerSchema')}
        </Notice>
      </Show>
      <Show when={workspace.ended() && !props.phone}>
        <Notice>{t('workshop.ended')}</Notice>
      </Show>
      <Show when={endedSession()}>
        {(session) => (
          <Notice
            actions={
              <button
                type="button"
                class="button button--primary button--small"
                onClick={() => props.onOpenSessions()}
              >
                {t('workshop.sessionEnded.open')}
              </button>
            }
          >
            {t('workshop.sessionEnded', { title: session().title })}
          </Notice>
        )}
      </Show>
    </div>
  )
}
