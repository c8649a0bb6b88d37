import {
  type Accessor,
  type Component,
  createComputed,
  createEffect,
  createResource,
  createSignal,
  type JSX,
  Match,
  onCleanup,
  type Resource,
  Switch,
} from 'solid-js'
import type { WorkshopSession } from '../../shared/api.ts'
import { tokenStorageKey } from '../features/workspace/token.ts'
import { Notice } from '../ui/Notice.tsx'
import { ApiRequestError, fetchSession } from './api.ts'
import { useI18n } from './i18n.tsx'
import { dropSession, keepSession, keptSession } from './sessionCopy.ts'

/** While the page runs on this device's copy of its session, the server is asked this often. */
const RETRY_MS = 5000

const unreachable = (error: unknown) => error instanceof ApiRequestError && error.status === 0
const refused = (error: unknown) => error instanceof ApiRequestError && error.status === 401

export interface WorkshopSessionState {
  workshopId: string
  /** The token read once from the link or this device, or null. */
  token: string | null
  session: Resource<WorkshopSession>
  refetch: () => void
  /** The server refused the token (401). */
  invalid: () => boolean
  /**
   * The server could not be reached when the page opened, and the session is the last one
   * this device had (sessionCopy.ts): the page shows what the device kept, read-only, until
   * the server answers again (asked every few seconds), then goes on as usual.
   */
  offline: Accessor<boolean>
}

/**
 * The session a workshop page's token opens (the token read from the link or this device, once,
 * before anything renders, so it leaves the address bar at once). `copyKey` is where this
 * device keeps the last session it had, for a page opened while the server is unreachable
 * (sessionCopy.ts); null keeps none.
 */
export const createWorkshopSession = (
  workshopId: string,
  token: string | null,
  copyKey: string | null = `${tokenStorageKey(workshopId)}:session`,
): WorkshopSessionState => {
  const [offline, setOffline] = createSignal(false)
  const ask = async (source: { id: string; token: string }) => {
    try {
      const fresh = await fetchSession(source.id, source.token)
      if (copyKey) keepSession(copyKey, source.token, fresh)
      setOffline(false)
      return fresh
    } catch (error) {
      if (refused(error) && copyKey) dropSession(copyKey)
      throw error
    }
  }
  const [session, { refetch, mutate }] = createResource(
    () => (token ? { id: workshopId, token } : false),
    (source) =>
      ask(source).catch((error: unknown) => {
        const kept = copyKey && unreachable(error) ? keptSession(copyKey, source.token) : null
        if (!kept) throw error
        setOffline(true)
        return kept
      }),
  )
  createEffect(() => {
    if (!offline() || !token) return
    // The answer replaces the copy in place (a refetch would take the page down meanwhile). A
    // refused link stops the asking, the page still read-only: its connection finds out too
    // and says so (connection.ts, checkAccess).
    const stop = () => {
      clearInterval(timer)
      window.removeEventListener('online', again)
    }
    const again = () => {
      ask({ id: workshopId, token }).then(mutate, (error: unknown) => {
        if (refused(error)) stop()
      })
    }
    const timer = setInterval(again, RETRY_MS)
    window.addEventListener('online', again)
    onCleanup(stop)
  })
  const invalid = () => refused(session.error)
  return { workshopId, token, session, refetch: () => void refetch(), invalid, offline }
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
