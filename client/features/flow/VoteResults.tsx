import { type Component, createMemo, createUniqueId, For, type JSX, Show } from 'solid-js'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import { scalePointKey } from '../../../shared/i18n/voting.ts'
import {
  CONSENT_VALUES,
  type ConsentValue,
  itemTexts,
  type VoteResult,
} from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { createDocVersion } from './docText.ts'
import { GroupKey, groupSegmentStyle, otherGroupsSegmentStyle } from './groupStyle.tsx'
import './flow.css'
import { RESULTS_MESSAGES } from './messages.ts'

export interface VoteResultsProps {
  doc: Y.Doc
  phase: TemplatePhase
  result: VoteResult
  /** `large` on the projector. */
  size?: 'normal' | 'large'
  /** Heading level of the title (h2 in the workspace, h3 inside "earlier results"). */
  level?: 2 | 3
}

interface Row {
  key: string
  label: string
  total: number
  /** The figures of each group the result shows on its own, in its order. */
  byGroup: Array<{ group: PartnerGroup; count: number }>
  /** Those of the folded groups together; with no breakdown, the total. */
  otherGroups: number
  /** The colour of a gradient's point or a consent answer (`data-tone`, vote-results.css). */
  tone?: number
}

/**
 * Each point's colour, from full agreement (1, dark green) through neutral (4, grey) and "more
 * discussion" (5, purple) to a veto (8, dark red): a veto never looks like agreement. The
 * label stays beside it, so colour is never the only carrier.
 */
const TONES = { kaner: [1, 2, 3, 4, 5, 6, 7, 8], five: [8, 7, 4, 2, 1] } as const
const CONSENT_TONES: Record<ConsentValue, number> = { consent: 1, concern: 6, objection: 8 }

/** "Patient partner 3, other groups 2" (figures of 0 left out). */
const breakdown = (t: Translate, row: Row): string =>
  [
    ...row.byGroup
      .filter(({ count }) => count > 0)
      .map(({ group, count }) =>
        t('flow.results.groupCount', { group: t(`group.${group}`), count }),
      ),
    ...(row.otherGroups > 0
      ? [t('flow.results.otherGroupsCount', { count: row.otherGroups })]
      : []),
  ].join(', ')

/**
 * One bar: a segment per group shown (colour + pattern + number), one for the other groups
 * together (or the whole total, with no breakdown), then the totals as text.
 */
const Bar: Component<{
  row: Row
  max: number
  unit: (count: number) => string
  /** Whether the result is split by group (else the bar is one total). */
  split: boolean
}> = (props) => {
  const { t } = useI18n()
  const width = (count: number) => `${(count / Math.max(1, props.max)) * 100}%`
  return (
    <div class="result-bar">
      <div class="result-bar__track" aria-hidden="true">
        <For each={props.row.byGroup.filter(({ count }) => count > 0)}>
          {(entry) => (
            <span
              class="result-bar__segment"
              data-group={entry.group}
              style={{ ...groupSegmentStyle(entry.group), width: width(entry.count) }}
            >
              <span class="result-bar__segment-count">{entry.count}</span>
            </span>
          )}
        </For>
        <Show when={props.row.otherGroups > 0}>
          <span
            class="result-bar__segment"
            data-group="others"
            data-tone={props.split ? undefined : props.row.tone}
            style={{
              ...(props.split || props.row.tone === undefined ? otherGroupsSegmentStyle : {}),
              width: width(props.row.otherGroups),
            }}
          >
            <span class="result-bar__segment-count">{props.row.otherGroups}</span>
          </span>
        </Show>
      </div>
      <p class="result-bar__text">
        <strong class="result-bar__total">{props.unit(props.row.total)}</strong>
        <Show when={props.split && props.row.total > 0}>
          <span class="result-bar__groups">
            {' — '}
            {t('flow.results.byGroup', { list: breakdown(t, props.row) })}
          </span>
        </Show>
      </p>
    </div>
  )
}

/** The same numbers as a table (screen readers and anyone who prefers figures). */
const DataTable: Component<{
  rows: Row[]
  firstColumn: string
  groups: readonly PartnerGroup[]
  others: boolean
}> = (props) => {
  const { t } = useI18n()
  return (
    <details class="result-table">
      <summary>{t('flow.results.table')}</summary>
      <div class="result-table__scroll">
        <table>
          <caption>{t('flow.results.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{props.firstColumn}</th>
              <For each={props.groups}>{(group) => <th scope="col">{t(`group.${group}`)}</th>}</For>
              <Show when={props.others}>
                <th scope="col">{t('flow.results.otherGroups')}</th>
              </Show>
              <th scope="col">{t('flow.results.total')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <For each={row.byGroup}>{(entry) => <td>{entry.count}</td>}</For>
                  <Show when={props.others}>
                    <td>{row.otherGroups}</td>
                  </Show>
                  <td>{row.total}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  )
}

/**
 * A published result's figures: the groups' key, why some groups are not shown on their own,
 * a bar per idea (most dots first), per point of a gradient or per consent answer, and the same
 * figures as a table. Every bar shows its split by partner group with colour, pattern AND
 * numbers; with no split, a gradient's or a consent round's bar takes its point's colour.
 * Only the groups the server shows (3 voters or more) appear on their own; the others are
 * "other groups", together, and it says why (and when there is no breakdown at all: live
 * totals, or a vote that any breakdown would give away). The results and the decision card
 * (the vote behind a decision) both show it.
 */
export const ResultFigures: Component<{
  doc: Y.Doc
  result: VoteResult
  /** On the projector: no table (it is read from afar). */
  large?: boolean
}> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(RESULTS_MESSAGES)
  const version = createDocVersion(props.doc)

  const shown = () => props.result.groups?.shown ?? []
  const folded = () => props.result.groups?.folded ?? []
  const split = () => shown().length > 0
  const rows = createMemo((): Row[] => {
    const result = props.result
    const figures = (count: (group: PartnerGroup) => number | undefined) =>
      shown().map((group) => ({ group, count: count(group) ?? 0 }))
    if (result.kind === 'dots') {
      version()
      const texts = itemTexts(props.doc, locale())
      return Object.entries(result.items)
        .map(([id, entry]) => ({
          key: id,
          label: texts.get(id)?.trim() || t('flow.results.unknownItem'),
          total: entry.total,
          byGroup: figures((group) => entry.byGroup[group]),
          otherGroups: entry.otherGroups,
        }))
        .filter((row) => row.total > 0)
        .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
    }
    if (result.kind === 'gradient') {
      return result.counts.map((count, index) => ({
        key: String(index + 1),
        label: t('voting.gradient.point', {
          n: index + 1,
          label: t(scalePointKey(result.scale, index + 1)),
        }),
        total: count,
        byGroup: figures((group) => result.byGroup[group]?.[index]),
        otherGroups: result.otherGroups[index] ?? 0,
        tone: TONES[result.scale][index],
      }))
    }
    return CONSENT_VALUES.map((value) => ({
      key: value,
      label: t(`flow.consent.${value}`),
      total: result.counts[value] ?? 0,
      byGroup: figures((group) => result.byGroup[group]?.[value]),
      otherGroups: result.otherGroups[value] ?? 0,
      tone: CONSENT_TONES[value],
    }))
  })
  /** Why some or all groups are not shown on their own, in plain words (or nothing to say). */
  const splitNote = () => {
    if (!props.result.closed) return t('flow.results.liveSplit')
    if (folded().length === 0) return null
    if (!split()) return t('flow.results.noSplit')
    return t('flow.results.otherGroupsNote', {
      groups: folded()
        .map((group) => t(`group.${group}`))
        .join(', '),
    })
  }
  const max = () => Math.max(1, ...rows().map((row) => row.total))
  const unit = (count: number) =>
    props.result.kind === 'dots'
      ? plural('flow.results.points', count)
      : plural('flow.results.people', count)

  return (
    <>
      <Show when={split()}>
        <GroupKey groups={shown()} others={folded().length > 0} />
      </Show>
      <Show when={splitNote()}>{(note) => <p class="vote-results__split muted">{note()}</p>}</Show>
      <Show
        when={rows().some((row) => row.total > 0)}
        fallback={
          <p class="muted">
            {t(props.result.closed ? 'flow.results.noneClosed' : 'flow.results.none')}
          </p>
        }
      >
        <ol class="vote-results__rows" data-kind={props.result.kind}>
          <For each={rows()}>
            {(row) => (
              <li class="vote-results__row" data-key={row.key} data-tone={row.tone}>
                <span class="vote-results__label">
                  <Show when={row.tone !== undefined}>
                    <span class="vote-results__tone" aria-hidden="true" />
                  </Show>
                  {row.label}
                </span>
                <Bar row={row} max={max()} unit={unit} split={split()} />
              </li>
            )}
          </For>
        </ol>
        <Show when={!props.large}>
          <DataTable
            rows={rows()}
            groups={shown()}
            others={split() && folded().length > 0}
            firstColumn={
              props.result.kind === 'dots' ? t('flow.results.item') : t('flow.results.choice')
            }
          />
        </Show>
      </Show>
    </>
  )
}

/**
 * A published vote result: its title, whether it is live or closed, how many voted, the
 * proposal, its figures (`ResultFigures`), and for a consent round the reasons given, without
 * names.
 */
export const VoteResults: Component<VoteResultsProps> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(RESULTS_MESSAGES)
  const titleId = createUniqueId()
  const proposal = () => {
    const vote = props.phase.vote
    return vote && vote.kind !== 'dots' ? vote.proposal[locale()] : null
  }
  const reasons = (value: ConsentValue) =>
    props.result.kind === 'consent'
      ? props.result.reasons.filter((reason) => reason.value === value)
      : []
  const heading = (children: JSX.Element) =>
    props.level === 3 ? (
      <h3 id={titleId} class="vote-results__title">
        {children}
      </h3>
    ) : (
      <h2 id={titleId} class="vote-results__title">
        {children}
      </h2>
    )

  return (
    <section
      class="vote-results"
      classList={{ 'vote-results--large': props.size === 'large' }}
      aria-labelledby={titleId}
      data-kind={props.result.kind}
      data-closed={props.result.closed ? 'true' : 'false'}
    >
      <div class="vote-results__head">
        {heading(t('flow.results.title', { phase: props.phase.title[locale()] }))}
        <span
          class="vote-results__state"
          classList={{ 'vote-results__state--live': !props.result.closed }}
        >
          <Show when={!props.result.closed}>
            <span class="vote-results__live-dot" aria-hidden="true" />
          </Show>
          {props.result.closed ? t('flow.results.closed') : t('flow.results.live')}
        </span>
      </div>
      <p class="vote-results__voters">{plural('flow.results.voters', props.result.voters)}</p>
      <Show when={proposal()}>
        <p class="vote-results__proposal">
          {t('flow.results.proposal', { proposal: proposal() ?? '' })}
        </p>
      </Show>
      <ResultFigures doc={props.doc} result={props.result} large={props.size === 'large'} />
      <Show when={props.result.kind === 'consent'}>
        <div class="vote-results__reasons">
          <h4>{t('flow.results.reasons')}</h4>
          <Show
            when={props.result.kind === 'consent' && props.result.reasons.length > 0}
            fallback={<p class="muted">{t('flow.results.noReasons')}</p>}
          >
            <For each={['objection', 'concern'] as const}>
              {(value) => (
                <Show when={reasons(value).length > 0}>
                  <h5 class="vote-results__reason-kind">{t(`flow.consent.${value}`)}</h5>
                  <ul class="vote-results__reason-list">
                    <For each={reasons(value)}>{(reason) => <li>{reason.reason}</li>}</For>
                  </ul>
                </Show>
              )}
            </For>
          </Show>
        </div>
      </Show>
    </section>
  )
}

export default VoteResults
