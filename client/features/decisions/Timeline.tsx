import { type Component, For, Show } from 'solid-js'
import type { DecisionRecord, DecisionStatus } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { formatDate } from '../artefacts/format.ts'

import { StatusBadge } from './DecisionCard.tsx'

interface TimelineEvent {
  key: string
  date: string
  at: number
  decision: DecisionRecord
  kind: 'status' | 'review'
  status: DecisionStatus
}

/** The committee's view: every change of status and every review date, in time order. */
export const timelineEvents = (decisions: DecisionRecord[]): TimelineEvent[] => {
  const events: TimelineEvent[] = []
  for (const decision of decisions) {
    decision.history.forEach((entry, index) => {
      events.push({
        key: `${decision.id}:${index}`,
        date: new Date(entry.at).toISOString(),
        at: entry.at,
        decision,
        kind: 'status',
        status: entry.status,
      })
    })
    if (decision.reviewDate) {
      const at = new Date(`${decision.reviewDate}T12:00:00`).getTime()
      events.push({
        key: `${decision.id}:review`,
        date: decision.reviewDate,
        at,
        decision,
        kind: 'review',
        status: decision.status,
      })
    }
  }
  return events.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
}

export const Timeline: Component<{ decisions: DecisionRecord[] }> = (props) => {
  const { t, locale } = useI18n()
  const events = () => timelineEvents(props.decisions)
  const now = Date.now()
  return (
    <section class="timeline" aria-label={t('decisions.timeline')}>
      <Show
        when={events().length > 0}
        fallback={<p class="muted">{t('decisions.timeline.empty')}</p>}
      >
        <ol class="timeline__list">
          <For each={events()}>
            {(event) => (
              <li class="timeline__event" data-kind={event.kind} data-status={event.status}>
                <time datetime={event.date} class="timeline__date">
                  {formatDate(locale(), event.kind === 'review' ? event.date : event.at)}
                </time>
                <span class="timeline__text">
                  <Show
                    when={event.kind === 'review'}
                    fallback={
                      <>
                        {t('decisions.timeline.status', {
                          title: event.decision.title,
                          status: t(`decisions.status.${event.status}`),
                        })}{' '}
                        <StatusBadge status={event.status} />
                      </>
                    }
                  >
                    {t('decisions.timeline.review', { title: event.decision.title })}
                    <Show when={event.at > now}>
                      {' '}
                      <span class="badge">{t('decisions.timeline.upcoming')}</span>
                    </Show>
                  </Show>
                  <Show when={event.kind === 'status' && event.status === 'superseded'}>
                    {' '}
                    <span>
                      {t('decisions.supersededBy')}{' '}
                      {props.decisions.find((d) => d.id === event.decision.supersededBy)?.title ??
                        t('decisions.missing')}
                    </span>
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}
