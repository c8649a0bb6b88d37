import {
  type Accessor,
  type Component,
  createComputed,
  createResource,
  type JSX,
  Match,
  onCleanup,
  type Resource,
  Switch,
} from 'solid-js'
import type { WorkshopSession } from '../../shared/api.ts'
import { type TokenStorageKey, takeToken } from '../features/workspace/token.ts'
import { Notice } from '../ui/Notice.tsx'
import { ApiRequestError, fetchSession } from './api.ts'
import { useI18n } from './i18n.tsx'

export interface WorkshopSessionState {
  workshopId: string
  /** The token read once from the link or this device, or null. */
  token: string | null
  session: Resource<WorkshopSession>
  refetch: () => void
  /** The server refused the token (401). */
  invalid: () => boolean
}

/**
 * The token for a workshop page and the session it opens. Call it once, before anything
 * renders, so the token leaves the address bar at once. `storageKey` is where the token is kept
 * on this device (the projector keeps its own copy).
 */
export const createWorkshopSession = (
  workshopId: string,
  storageKey?: TokenStorageKey,
): WorkshopSessionState => {
  const token = takeToken(workshopId, window.location, storageKey)
  const [session, { refetch }] = createResource(
    () => (token ? { id: workshopId, token } : false),
    (source) => fetchSession(source.id, source.token),
  )
  const invalid = () => session.error instanceof ApiRequestError && session.error.status === 401
  return { workshopId, token, session, refetch: () => void refetch(), invalid }
}

export interface ReadyWorkshop {
  session: WorkshopSession
  token: string
}

export interface WorkshopGateProps {
  state: WorkshopSessionState
  /** Frames each notice (no token, invalid link, load error); none by default. */
  frameNotice?: (notice: JSX.Element) => JSX.Element
  /** Frames the loading status; none by default. */
  frameLoading?: (status: JSX.Element) => JSX.Element
  /** The page, once the session is loaded. */
  children: (ready: Accessor<ReadyWorkshop>) => JSX.Element
}

/**
 * What a workshop link shows until its session is loaded: a notice when there is no token,
 * when the link is invalid or when loading failed (with a retry), then the page itself, in
 * the workshop's language unless the person chose theirs (and in theirs again once left).
 */
export const WorkshopGate: Component<WorkshopGateProps> = (props) => {
  const { t, setWorkshopLocale } = useI18n()
  const frameNotice = (notice: JSX.Element) => props.frameNotice?.(notice) ?? notice
  const frameLoading = (status: JSX.Element) => props.frameLoading?.(status) ?? status
  const session = props.state.session
  // A computed, not an effect: the page renders in that language from its first frame.
  createComputed(() => {
    if (session.state === 'ready') setWorkshopLocale(session().workshop.locale)
  })
  onCleanup(() => setWorkshopLocale(null))
  return (
    <Switch>
      <Match when={!props.state.token}>
        {frameNotice(
          <Notice title={t('workshop.noToken.title')}>{t('workshop.noToken.body')}</Notice>,
        )}
      </Match>
      <Match when={props.state.invalid()}>
        {frameNotice(
          <Notice tone="alert" title={t('workshop.invalid.title')}>
            {t('workshop.invalid.body')}
          </Notice>,
        )}
      </Match>
      <Match when={session.error}>
        {(error) =>
          frameNotice(
            <Notice
              tone="alert"
              actions={
                <button type="button" class="button button--primary" onClick={props.state.refetch}>
                  {t('workshop.retry')}
                </button>
              }
            >
              {t('workshop.loadError', {
                error: error() instanceof Error ? error().message : String(error()),
              })}
            </Notice>,
          )
        }
      </Match>
      <Match
        when={
          session.state === 'ready' && props.state.token
            ? { session: session(), token: props.state.token }
            : null
        }
      >
        {(ready) => props.children(ready)}
      </Match>
      <Match when={session.loading}>
        {frameLoading(
          <p class="loading" role="status">
            {t('workshop.opening')}
          </p>,
        )}
      </Match>
    </Switch>
  )
}
