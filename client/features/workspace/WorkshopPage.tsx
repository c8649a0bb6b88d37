import { useParams } from '@solidjs/router'
import {
  type Component,
  createEffect,
  createResource,
  createSignal,
  Match,
  Show,
  Switch,
} from 'solid-js'
import { AppShell } from '../../app/AppShell.tsx'
import { ApiRequestError, fetchSession } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { loadIdentity } from '../join/identity.ts'
import { JoinForm } from '../join/JoinForm.tsx'
import { takeToken } from './token.ts'
import { Workspace } from './Workspace.tsx'

/** `/w/:id`: token from the link, then session, then join, then the workspace. */
export const WorkshopRoute: Component<{ workshopId: string }> = (props) => {
  const { t } = useI18n()
  // Read once, before anything renders, so the token leaves the address bar at once.
  const token = takeToken(props.workshopId)
  const [session, { refetch }] = createResource(
    () => (token ? { id: props.workshopId, token } : false),
    (source) => fetchSession(source.id, source.token),
  )
  const [identity, setIdentity] = createSignal(loadIdentity(props.workshopId))

  const invalid = () => session.error instanceof ApiRequestError && session.error.status === 401
  createEffect(() => {
    if (session.state !== 'ready') document.title = t('app.name')
  })

  return (
    <Switch>
      <Match when={!token}>
        <AppShell>
          <section class="page page--narrow">
            <Notice title={t('workshop.noToken.title')}>{t('workshop.noToken.body')}</Notice>
          </section>
        </AppShell>
      </Match>
      <Match when={invalid()}>
        <AppShell>
          <section class="page page--narrow">
            <Notice tone="alert" title={t('workshop.invalid.title')}>
              {t('workshop.invalid.body')}
            </Notice>
          </section>
        </AppShell>
      </Match>
      <Match when={session.error}>
        {(error) => (
          <AppShell>
            <section class="page page--narrow">
              <Notice
                tone="alert"
                actions={
                  <button type="button" class="button button--primary" onClick={refetch}>
                    {t('workshop.retry')}
                  </button>
                }
              >
                {t('workshop.loadError', {
                  error: error() instanceof Error ? error().message : String(error()),
                })}
              </Notice>
            </section>
          </AppShell>
        )}
      </Match>
      <Match when={session.state === 'ready' && token ? { session: session(), token } : null}>
        {(ready) => (
          <Show
            when={identity()}
            fallback={
              <AppShell heading={<h1 class="workshop-title">{ready().session.workshop.title}</h1>}>
                <section class="page page--narrow">
                  <JoinForm
                    workshopId={props.workshopId}
                    workshopRole={ready().session.role}
                    onJoin={setIdentity}
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
                identity={current()}
                onIdentityChange={setIdentity}
              />
            )}
          </Show>
        )}
      </Match>
      <Match when={session.loading}>
        <AppShell>
          <p class="loading" role="status">
            {t('workshop.opening')}
          </p>
        </AppShell>
      </Match>
    </Switch>
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
