import { type Component, createMemo, For, Match, Show, Switch } from 'solid-js'
import type { Participation } from '../../../shared/api.ts'
import { PARTNER_GROUPS } from '../../../shared/groups.ts'
import { failureText } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { GroupBadge } from '../../ui/GroupBadge.tsx'
import { ForgetPerson } from '../join/ForgetPerson.tsx'
import { balanceHints, perPerson } from './balance.ts'
import { groupSegmentStyle } from './groupStyle.tsx'
import { type ParticipationSource, useParticipation } from './participationFeed.ts'
import './flow.css'
import { FACILITATION_MESSAGES } from './messages.ts'

/** Each a count: private notes and votes say how many, never what (the server sends no more). */
const METRICS = ['notes', 'privateNotes', 'edits', 'votes'] as const

export interface BalanceViewProps {
  participation: Participation
  /** The facilitator's means to remove someone's name (a button per person), if given. */
  forget?: { workshopId: string; token: string; onForgotten: () => void }
}

/** The participation figures, drawn: per group (bars with numbers), hints, per person. */
export const BalanceView: Component<BalanceViewProps> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const max = (metric: (typeof METRICS)[number]) =>
    Math.max(1, ...PARTNER_GROUPS.map((group) => props.participation.byGroup[group]?.[metric] ?? 0))
  const hints = createMemo(() => balanceHints(props.participation))
  const format = (value: number) =>
    new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value)
  const people = createMemo(() =>
    [...props.participation.people].sort(
      (a, b) =>
        PARTNER_GROUPS.indexOf(a.group) - PARTNER_GROUPS.indexOf(b.group) ||
        a.name.localeCompare(b.name),
    ),
  )
  return (
    <div class="balance">
      <Show
        when={hints().length > 0}
        fallback={
          <Show when={props.participation.people.length > 0}>
            <p class="balance__ok">{t('flow.balance.balanced')}</p>
          </Show>
        }
      >
        <ul class="balance__hints">
          <For each={hints()}>
            {(hint) => (
              <li class="balance__hint" data-group={hint.group} data-kind={hint.kind}>
                <span aria-hidden="true">⚠ </span>
                {hint.kind === 'quiet'
                  ? t(`flow.balance.hint.${hint.group}`)
                  : t(`flow.balance.absent.${hint.group}`)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ul class="balance__groups">
        <For each={PARTNER_GROUPS}>
          {(group) => {
            const entry = () =>
              props.participation.byGroup[group] ?? {
                people: 0,
                notes: 0,
                privateNotes: 0,
                edits: 0,
                votes: 0,
              }
            return (
              <li class="balance__group" data-group={group}>
                <h3 class="balance__group-title">
                  <GroupBadge group={group} label={t(`group.${group}`)} />
                  <span class="balance__people">
                    {plural('flow.balance.people', entry().people)}
                  </span>
                </h3>
                <dl class="balance__metrics">
                  <For each={METRICS}>
                    {(metric) => (
                      <div class="balance__metric" data-metric={metric}>
                        <dt>{t(`flow.balance.${metric}`)}</dt>
                        <dd>
                          <span class="balance__track" aria-hidden="true">
                            <span
                              class="balance__fill"
                              style={{
                                ...groupSegmentStyle(group),
                                width: `${(entry()[metric] / max(metric)) * 100}%`,
                              }}
                            />
                          </span>
                          <span class="balance__value">{entry()[metric]}</span>
                        </dd>
                      </div>
                    )}
                  </For>
                </dl>
                <Show when={perPerson(props.participation, group)}>
                  {(rate) => (
                    <p class="balance__rate muted">
                      {t('flow.balance.perPerson', { value: format(rate()) })}
                    </p>
                  )}
                </Show>
              </li>
            )
          }}
        </For>
      </ul>
      <Show when={props.participation.anonymousNotes > 0}>
        <p class="muted">{plural('flow.balance.anonymous', props.participation.anonymousNotes)}</p>
      </Show>
      <details class="balance__people-list">
        <summary>{t('flow.balance.byPerson')}</summary>
        <Show when={people().length > 0} fallback={<p class="muted">{t('flow.balance.nobody')}</p>}>
          <div class="result-table__scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('flow.balance.name')}</th>
                  <th scope="col">{t('flow.balance.group')}</th>
                  <For each={METRICS}>
                    {(metric) => <th scope="col">{t(`flow.balance.${metric}`)}</th>}
                  </For>
                  <Show when={props.forget}>
                    <th scope="col">{t('flow.balance.name.remove')}</th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={people()}>
                  {(person) => (
                    <tr>
                      <th scope="row">{person.name}</th>
                      <td>{t(`group.${person.group}`)}</td>
                      <For each={METRICS}>{(metric) => <td>{person[metric]}</td>}</For>
                      <Show when={props.forget}>
                        {(forget) => (
                          <td>
                            <ForgetPerson
                              workshopId={forget().workshopId}
                              token={forget().token}
                              name={person.name}
                              subject={{ kind: 'other', participantId: person.id }}
                              onForgotten={forget().onForgotten}
                            />
                          </td>
                        )}
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </details>
    </div>
  )
}

export type BalancePanelProps = ParticipationSource

/**
 * "Is everyone heard?": contributions by partner group, asked of the server every 5 s (and
 * not while the tab is hidden). The view none of the big whiteboard tools has.
 */
export const BalancePanel: Component<BalancePanelProps> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const feed = useParticipation(props)
  const error = () =>
    feed.error() === null ? null : failureText(feed.error(), t('flow.controls.errorNetwork'))

  return (
    <section class="panel balance-panel" aria-labelledby="balance-title">
      <h2 id="balance-title" class="panel__title">
        {t('flow.balance.title')}
      </h2>
      <p class="muted">{t('flow.balance.intro')}</p>
      <Show when={error()}>
        <p class="field__error" role="alert">
          {t('flow.balance.error', { error: error() ?? '' })}
        </p>
      </Show>
      <Switch>
        <Match when={feed.participation()}>
          {(current) => (
            <BalanceView
              participation={current()}
              forget={{
                workshopId: props.workshopId,
                token: props.token,
                onForgotten: () => void feed.refresh(),
              }}
            />
          )}
        </Match>
        <Match when={!error()}>
          <p role="status">{t('flow.balance.loading')}</p>
        </Match>
      </Switch>
    </section>
  )
}

export default BalancePanel
