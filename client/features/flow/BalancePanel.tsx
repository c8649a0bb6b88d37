import {
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Match,
  Show,
  Switch,
} from 'solid-js'
import type { Participation } from '../../../shared/api.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import { DEVICE_LINK_MESSAGES } from '../../../shared/i18n/deviceLink.ts'
import { SECTORS_OR_NONE } from '../../../shared/sectors.ts'
import { failureText } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { GroupBadge } from '../../ui/GroupBadge.tsx'
import { ForgetPerson } from '../join/ForgetPerson.tsx'
import { PersonalLink } from '../join/PersonalLink.tsx'
import { balanceHints, perPerson, perPersonOf } from './balance.ts'
import { groupSegmentStyle } from './groupStyle.tsx'
import { type ParticipationSource, useParticipation } from './participationFeed.ts'
import './flow.css'
import { FACILITATION_MESSAGES } from './messages.ts'

/** Each a count: private notes and votes say how many, never what (the server sends no more). */
const METRICS = ['notes', 'privateNotes', 'edits', 'votes'] as const

type Sums = Participation['byGroup'][PartnerGroup]

/** How the figures are read: by partner group (who the lab is for) or by sector. */
type Reading = 'group' | 'sector'

const NOBODY: Sums = { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 }

export interface BalanceViewProps {
  participation: Participation
  /**
   * The facilitator's means to handle someone's personal link and remove their name (buttons
   * per person), if given.
   */
  forget?: { workshopId: string; token: string; onForgotten: () => void }
}

/**
 * The participation figures, drawn: hints, then per group or per sector (« Par groupe / Par
 * secteur ») bars with their numbers and the same figures as a table, then per person.
 */
export const BalanceView: Component<BalanceViewProps> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const id = createUniqueId()
  const [reading, setReading] = createSignal<Reading>('group')
  /** The rows of the reading chosen: each key with its name, its figures and its bars' fill. */
  const rows = createMemo(() => {
    const { byGroup, bySector } = props.participation
    if (reading() === 'group')
      return PARTNER_GROUPS.map((group) => ({
        key: group,
        name: t(`group.${group}`),
        badge: () => <GroupBadge group={group} label={t(`group.${group}`)} />,
        sums: byGroup[group] ?? NOBODY,
        fill: groupSegmentStyle(group),
        rate: perPerson(props.participation, group),
      }))
    return SECTORS_OR_NONE.map((sector) => ({
      key: sector,
      name: t(`sector.${sector}`),
      badge: () => <span>{t(`sector.${sector}`)}</span>,
      sums: bySector[sector] ?? NOBODY,
      fill: undefined,
      rate: perPersonOf(bySector[sector]),
    }))
  })
  // The personal links' column heading.
  addMessages(DEVICE_LINK_MESSAGES)
  const max = (metric: (typeof METRICS)[number]) =>
    Math.max(1, ...rows().map((row) => row.sums[metric]))
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
      <fieldset class="balance__reading">
        <legend class="visually-hidden">{t('flow.balance.reading')}</legend>
        <For each={['group', 'sector'] as const}>
          {(option) => (
            <label class="balance__reading-choice">
              <input
                type="radio"
                name={`${id}-reading`}
                value={option}
                checked={reading() === option}
                onChange={() => setReading(option)}
              />
              <span>
                {t(option === 'group' ? 'flow.balance.byGroup' : 'flow.balance.bySector')}
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <ul class="balance__groups">
        <For each={rows()}>
          {(row) => (
            <li
              class="balance__group"
              data-group={reading() === 'group' ? row.key : undefined}
              data-sector={reading() === 'sector' ? row.key : undefined}
            >
              <h3 class="balance__group-title">
                {row.badge()}
                <span class="balance__people">
                  {plural('flow.balance.people', row.sums.people)}
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
                            classList={{ 'balance__fill--plain': row.fill === undefined }}
                            style={{
                              ...row.fill,
                              width: `${(row.sums[metric] / max(metric)) * 100}%`,
                            }}
                          />
                        </span>
                        <span class="balance__value">{row.sums[metric]}</span>
                      </dd>
                    </div>
                  )}
                </For>
              </dl>
              <Show when={row.rate}>
                {(rate) => (
                  <p class="balance__rate muted">
                    {t('flow.balance.perPerson', { value: format(rate()) })}
                  </p>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <details class="balance__people-list">
        <summary>{t('flow.balance.table')}</summary>
        <div class="result-table__scroll">
          <table>
            <caption class="visually-hidden">
              {t(reading() === 'group' ? 'flow.balance.table.group' : 'flow.balance.table.sector')}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {t(reading() === 'group' ? 'flow.balance.group' : 'flow.balance.sector')}
                </th>
                <th scope="col">{t('flow.balance.peopleColumn')}</th>
                <For each={METRICS}>
                  {(metric) => <th scope="col">{t(`flow.balance.${metric}`)}</th>}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <td>{row.sums.people}</td>
                    <For each={METRICS}>{(metric) => <td>{row.sums[metric]}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
      <Show when={props.participation.anonymousNotes > 0}>
        <p class="muted">{plural('flow.balance.anonymous', props.participation.anonymousNotes)}</p>
      </Show>
      <details class="balance__people-list">
        <summary id={`${id}-people`}>{t('flow.balance.byPerson')}</summary>
        <Show when={people().length > 0} fallback={<p class="muted">{t('flow.balance.nobody')}</p>}>
          <div class="result-table__scroll">
            <table aria-labelledby={`${id}-people`}>
              <thead>
                <tr>
                  <th scope="col">{t('flow.balance.name')}</th>
                  <th scope="col">{t('flow.balance.group')}</th>
                  <th scope="col">{t('flow.balance.sector')}</th>
                  <For each={METRICS}>
                    {(metric) => <th scope="col">{t(`flow.balance.${metric}`)}</th>}
                  </For>
                  <Show when={props.forget}>
                    <th scope="col">{t('device.link')}</th>
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
                      <td>{t(`sector.${person.sector ?? 'none'}`)}</td>
                      <For each={METRICS}>{(metric) => <td>{person[metric]}</td>}</For>
                      <Show when={props.forget}>
                        {(forget) => (
                          <>
                            <td>
                              <PersonalLink
                                workshopId={forget().workshopId}
                                token={forget().token}
                                of={{ participantId: person.id, proof: null }}
                                name={person.name}
                              />
                            </td>
                            <td>
                              <ForgetPerson
                                workshopId={forget().workshopId}
                                token={forget().token}
                                name={person.name}
                                subject={{ kind: 'other', participantId: person.id }}
                                onForgotten={forget().onForgotten}
                              />
                            </td>
                          </>
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
