import { type Accessor, type Component, type JSX, Match, Show, Switch } from 'solid-js'
import { CloseCode } from '../../../shared/protocol.ts'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { SaveState } from '../../sync/saveState.ts'
import { Notice } from '../../ui/Notice.tsx'

/** What bad news says, in three parts, with what can be done about it. */
const News: Component<{
  title: string
  happened: string
  kept: string
  todo: JSX.Element
  actions?: JSX.Element
}> = (props) => {
  const { t } = useI18n()
  return (
    <Notice tone="alert" title={props.title} actions={props.actions}>
      <dl class="bad-news">
        <dt>{t('news.happened')}</dt>
        <dd>{props.happened}</dd>
        <dt>{t('news.kept')}</dt>
        <dd>{props.kept}</dd>
        <dt>{t('news.todo')}</dt>
        <dd>{props.todo}</dd>
      </dl>
    </Notice>
  )
}

/** How long a sleep must be for the page to say where the workshop is now. */
export const LONG_SLEEP_MS = 2 * 60_000

export interface BadNewsProps {
  /** The workshop connection's save state and the code the server closed it with. */
  state: SaveState
  closeCode: number | null
  /**
   * The server said the page's link no longer works. A 4401 alone may also mean that this
   * person's name was removed, which the page says otherwise (it closes the workspace).
   */
  linkRevoked: boolean
  /** The server refused a change of this device's before the page reloaded (its reason). */
  refused: string | null
  onDismissRefused: () => void
  /** How long the page was asleep, when it just woke from a long sleep; else null. */
  slept: number | null
  onDismissSleep: () => void
  flow: Accessor<FlowState>
  /** An observer's page: it writes nothing, so nothing of theirs waits on this device. */
  readOnly: boolean
}

/**
 * Bad news said plainly, for a phone as for a laptop: the link replaced (4401), the workshop
 * full (4413), a change refused (4400, said after the reload), or back from a long sleep (and,
 * once the connection is back, where the workshop is now). Each says what happened, what is
 * kept and what to do.
 */
export const BadNews: Component<BadNewsProps> = (props) => {
  const { t, locale } = useI18n()
  const where = () => {
    const state = props.flow()
    if (state.status === 'ended') return t('news.slept.ended')
    if (state.status !== 'running' || !state.phase) return t('news.slept.ready')
    return t('news.slept.running', {
      n: state.phaseIndex + 1,
      total: state.phases.length,
      title: state.phase.title[locale()],
    })
  }
  const closed = (code: number) => props.state === 'error' && props.closeCode === code
  const dismiss = (onDismiss: () => void) => (
    <button type="button" class="button" onClick={() => onDismiss()}>
      {t('news.dismiss')}
    </button>
  )
  return (
    <Switch>
      <Match when={closed(CloseCode.unauthorized) && props.linkRevoked}>
        <News
          title={t('news.unauthorized.title')}
          happened={t('news.unauthorized.happened')}
          kept={t('news.unauthorized.kept')}
          todo={t('news.unauthorized.todo')}
        />
      </Match>
      <Match when={closed(CloseCode.roomFull)}>
        <News
          title={t('news.roomFull.title')}
          happened={t('news.roomFull.happened')}
          kept={t('news.roomFull.kept')}
          todo={t('news.roomFull.todo')}
        />
      </Match>
      <Match when={props.refused !== null}>
        <News
          title={t('news.badMessage.title')}
          happened={t('news.badMessage.happened')}
          kept={t('news.badMessage.kept')}
          todo={
            <>
              {t('news.badMessage.todo')}
              <Show when={props.refused}>
                {(reason) => (
                  <span class="bad-news__reason">
                    {t('news.badMessage.reason', { reason: reason() })}
                  </span>
                )}
              </Show>
            </>
          }
          actions={dismiss(props.onDismissRefused)}
        />
      </Match>
      <Match when={props.slept !== null}>
        <News
          title={t('news.slept.title')}
          happened={t('news.slept.happened', {
            minutes: Math.max(1, Math.round((props.slept ?? 0) / 60_000)),
          })}
          kept={props.readOnly ? t('news.slept.keptReadOnly') : t('news.slept.kept')}
          todo={props.state === 'saved' ? where() : t('news.slept.waiting')}
          actions={dismiss(props.onDismissSleep)}
        />
      </Match>
    </Switch>
  )
}
