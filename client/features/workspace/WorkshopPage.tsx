import { useParams } from '@solidjs/router'
import { type Component, createEffect, createSignal, lazy, Show, Suspense } from 'solid-js'
import type { Role } from '../../../shared/roles.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { useI18n } from '../../app/i18n.tsx'
import { createWorkshopSession, WorkshopGate } from '../../app/WorkshopGate.tsx'
import { createMediaQuery } from '../../ui/createMediaQuery.ts'
import { Notice } from '../../ui/Notice.tsx'
import { createDeviceClaim } from '../join/deviceClaim.ts'
import { forgetIdentity, type Identity, loadIdentity } from '../join/identity.ts'
import { JoinForm } from '../join/JoinForm.tsx'
import { PHONE_QUERY } from '../phone/phoneQuery.ts'
import { takeToken } from './token.ts'
import { Workspace } from './Workspace.tsx'

// Only for a page opened with a personal link that did not work.
const DeviceClaimFailure = lazy(() =>
  import('../join/DeviceSignIn.tsx').then((m) => ({ default: m.DeviceClaimFailure })),
)

/** `/w/:id`: token from the link, then session, then join, then the workspace. */
export const WorkshopRoute: Component<{ workshopId: string }> = (props) => {
  const { t } = useI18n()
  // Read once, before anything renders, so the token leaves the address bar at once.
  const state = createWorkshopSession(props.workshopId, takeToken(props.workshopId))
  const [identity, setIdentity] = createSignal(loadIdentity(props.workshopId))
  // The server forgot this person: the workspace closes, and they may join as someone new.
  const [forgotten, setForgotten] = createSignal(false)
  const onForgotten = () => {
    const gone = identity()
    setIdentity(null)
    setForgotten(true)
    if (gone) void forgetIdentity(props.workshopId, gone.participantId)
  }
  /**
   * The identity kept on this device, if it is one for this link's role: an observer's is no
   * participant's (it has no name), and a name kept for an observer link (by an older build)
   * is not used, so it is never shown: the observer enters unnamed, and that replaces it.
   */
  const usable = (role: Role): Identity | null => {
    const kept = identity()
    return kept && (kept.observer === true) === (role === 'observer') ? kept : null
  }
  // Joined through the form just now: its button had the focus, and the form is gone.
  const [joinedNow, setJoinedNow] = createSignal(false)
  const onJoin = (joined: Identity) => {
    setForgotten(false)
    setJoinedNow(true)
    setIdentity(joined)
  }
  // Opened with a personal link: this device becomes that person's, without the join form.
  const claim = createDeviceClaim(props.workshopId, state, (claimed) => {
    setForgotten(false)
    setIdentity(claimed)
  })

  createEffect(() => {
    if (state.session.state !== 'ready') document.title = t('app.name')
  })

  // A participant's phone shows its own screen once joined (PhoneMain, lazy in Workspace.tsx):
  // it loads while they fill in the join form, so "Rejoindre" brings it at once.
  const narrow = createMediaQuery(PHONE_QUERY)
  createEffect(() => {
    if (identity() || state.session.state !== 'ready' || !narrow()) return
    if (state.session().role !== 'facilitator') void import('../phone/PhoneMain.tsx')
  })

  return (
    <WorkshopGate
      state={state}
      frameNotice={(notice) => (
        <AppShell>
          <section class="page page--narrow">{notice}</section>
        </AppShell>
      )}
      frameLoading={(status) => <AppShell>{status}</AppShell>}
    >
      {(ready) => (
        <Show
          when={claim().kind !== 'pending'}
          fallback={
            <AppShell>
              <p class="loading" role="status">
                {t('workshop.opening')}
              </p>
            </AppShell>
          }
        >
          <Show
            when={usable(ready().session.role)}
            fallback={
              <AppShell heading={<h1 class="workshop-title">{ready().session.workshop.title}</h1>}>
                <section class="page page--narrow">
                  <Show when={claim().kind === 'gone' || claim().kind === 'failed'}>
                    <Suspense>
                      <DeviceClaimFailure claim={claim()} />
                    </Suspense>
                  </Show>
                  <Show when={forgotten()}>
                    {/* The focus comes here: what was focused (the workspace) is gone. */}
                    <div tabindex="-1" ref={(notice) => queueMicrotask(() => notice.focus())}>
                      <Notice tone="alert" title={t('identity.forgotten.title')}>
                        {t('identity.forgotten.body')}
                      </Notice>
                    </div>
                  </Show>
                  <JoinForm
                    workshopId={props.workshopId}
                    workshopRole={ready().session.role}
                    onJoin={onJoin}
                  />
                </section>
              </AppShell>
            }
          >
            {(current) => (
              <Workspace
                workshopId={props.workshopId}
                token={ready().token}
                session={ready().session}
                offline={state.offline()}
                identity={current()}
                joined={joinedNow()}
                claimed={claim().kind === 'claimed'}
                onIdentityChange={setIdentity}
                onForgotten={onForgotten}
              />
            )}
          </Show>
        </Show>
      )}
    </WorkshopGate>
  )
}

export const WorkshopPage: Component = () => {
  const params = useParams()
  return (
    <Show when={params.id} keyed>
      {(id) => <WorkshopRoute workshopId={id} />}
    </Show>
  )
}

export default WorkshopPage
