import {
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Index,
  Show,
} from 'solid-js'
import { describeSession, type SessionName } from '../../../shared/export/decisionLog.ts'
import { PARTNER_GROUPS } from '../../../shared/groups.ts'
import { scalePointKey } from '../../../shared/i18n/voting.ts'
import {
  DECISION_TRANSITIONS,
  type DecisionRecord,
  type DecisionStatus,
  setDecisionStatus,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocTick, createPlan } from '../../state/createArtefacts.ts'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { formatDate } from '../artefacts/format.ts'
import { ResultFigures } from '../flow/VoteResults.tsx'

import { DecisionEditor } from './DecisionEditor.tsx'
import { canvasNoteTexts, focusDecision, recordsDecisions } from './decisionSources.ts'
import { type Opposed, opposition } from './opposition.ts'

/** A long text of a decision, as a term and its description; nothing when it is empty. */
const ProseEntry: Component<{ label: string; value: string }> = (props) => (
  <Show when={props.value}>
    <dt>{props.label}</dt>
    <dd class="prewrap">{props.value}</dd>
  </Show>
)

export const StatusBadge: Component<{ status: DecisionStatus }> = (props) => {
  const { t } = useI18n()
  return (
    <span class="badge badge--status" data-status={props.status}>
      {t(`decisions.status.${props.status}`)}
    </span>
  )
}

export const DecisionCard: Component<{
  decision: DecisionRecord
  all: DecisionRecord[]
  /** The lab's sessions by id, to name the one it was taken in. */
  sessions: ReadonlyMap<string, SessionName>
  versionName: (id: string) => string
  versions: Array<{ id: string; name: string }>
  editing: boolean
  onEdit: (on: boolean) => void
}> = (props) => {
  const { t, locale, plural } = useI18n()
  const ctx = useArtefacts()
  const headingId = createUniqueId()
  const plan = createPlan(ctx.doc)
  const tick = createDocTick(ctx.doc)
  const notes = createMemo(() => {
    tick()
    return canvasNoteTexts(ctx.doc, locale())
  })
  const titleOf = (id: string) =>
    props.all.find((d) => d.id === id)?.title ?? t('decisions.missing')
  const supersedes = () => props.all.filter((d) => d.supersededBy === props.decision.id)
  const participants = () =>
    PARTNER_GROUPS.filter((g) => (props.decision.participants[g] ?? 0) > 0)
      .map((g) =>
        t('decisions.participants.group', {
          group: t(`group.${g}`),
          count: String(props.decision.participants[g]),
        }),
      )
      .join(' · ')

  return (
    <li
      id={`decision-${props.decision.id}`}
      class="card decision"
      tabIndex={-1}
      data-status={props.decision.status}
      aria-labelledby={headingId}
    >
      <div class="artefact__head">
        <h4 id={headingId}>{props.decision.title}</h4>
        <StatusBadge status={props.decision.status} />
      </div>
      <p class="decision__meta muted">
        {t('decisions.createdOn', { date: formatDate(locale(), props.decision.createdAt) })}
        {' · '}
        {props.decision.reviewDate
          ? t('decisions.reviewOn', { date: formatDate(locale(), props.decision.reviewDate) })
          : t('decisions.noReview')}
      </p>
      <Show when={describeSession(props.decision, props.sessions, locale())}>
        {(session) => (
          <p class="decision__meta muted">{t('decisions.takenIn', { session: session() })}</p>
        )}
      </Show>
      <Show when={props.decision.supersededBy}>
        {(by) => (
          <p class="decision__link">
            {t('decisions.supersededBy')}{' '}
            <a
              href={`#decision-${by()}`}
              onClick={(event) => {
                event.preventDefault()
                focusDecision(by())
              }}
            >
              {titleOf(by())}
            </a>
          </p>
        )}
      </Show>
      <Show when={supersedes().length > 0}>
        <p class="decision__link">
          {t('decisions.supersedes')}{' '}
          <Index each={supersedes()}>
            {(old, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a
                  href={`#decision-${old().id}`}
                  onClick={(event) => {
                    event.preventDefault()
                    focusDecision(old().id)
                  }}
                >
                  {old().title}
                </a>
              </>
            )}
          </Index>
        </p>
      </Show>

      <Show
        when={props.editing && recordsDecisions(ctx)}
        fallback={
          <dl class="decision__fields">
            <ProseEntry label={t('decisions.field.context')} value={props.decision.context} />
            <Show when={props.decision.options.length > 0}>
              <dt>{t('decisions.field.options')}</dt>
              <dd>
                <ul>
                  <Index each={props.decision.options}>{(option) => <li>{option()}</li>}</Index>
                </ul>
              </dd>
            </Show>
            <ProseEntry label={t('decisions.field.decision')} value={props.decision.decision} />
            <ProseEntry label={t('decisions.field.rationale')} value={props.decision.rationale} />
            <Show when={props.decision.dissent.length > 0}>
              <dt>{t('decisions.field.dissent')}</dt>
              <dd>
                <ul>
                  <Index each={props.decision.dissent}>
                    {(entry) => (
                      <li>
                        {entry().text}
                        <Show when={entry().reason && entry().reason !== entry().text}>
                          {' — '}
                          {entry().reason}
                        </Show>
                      </li>
                    )}
                  </Index>
                </ul>
              </dd>
            </Show>
            <dt>{t('decisions.field.participants')}</dt>
            <dd>{participants() || t('decisions.participants.none')}</dd>
            <Show when={props.decision.support}>
              {(support) => (
                <>
                  <dt>{t('decisions.fromVote.title')}</dt>
                  <dd>
                    {plural('decisions.support', support().result.voters, {
                      kind: t(`decisions.support.${support().result.kind}`),
                    })}
                    <ResultFigures doc={ctx.doc} result={support().result} />
                  </dd>
                </>
              )}
            </Show>
            <Show when={props.decision.links.actions.length > 0}>
              <dt>{t('decisions.linkedActions')}</dt>
              <dd>
                <ul>
                  <Index each={props.decision.links.actions}>
                    {(id) => (
                      <li>
                        {plan().actions.find((a) => a.id === id())?.title ?? t('decisions.missing')}
                      </li>
                    )}
                  </Index>
                </ul>
              </dd>
            </Show>
            <Show when={props.decision.links.notes.length > 0}>
              <dt>{t('decisions.linkedNotes')}</dt>
              <dd>
                <ul>
                  <Index each={props.decision.links.notes}>
                    {(id) => <li>{notes().get(id()) ?? t('decisions.missing')}</li>}
                  </Index>
                </ul>
              </dd>
            </Show>
            <Show when={props.decision.links.version}>
              {(version) => (
                <>
                  <dt>{t('decisions.field.linkedVersion')}</dt>
                  <dd>{t('decisions.linkedVersion', { name: props.versionName(version()) })}</dd>
                </>
              )}
            </Show>
            <dt>{t('decisions.history')}</dt>
            <dd>
              <ol class="decision__history">
                <Index each={props.decision.history}>
                  {(entry) => (
                    <li>
                      {t('decisions.historyEntry', {
                        date: formatDate(locale(), entry().at),
                        status: t(`decisions.status.${entry().status}`),
                      })}
                    </li>
                  )}
                </Index>
              </ol>
            </dd>
          </dl>
        }
      >
        <DecisionEditor
          decision={props.decision}
          notes={notes()}
          actions={plan().actions.map((a) => ({ id: a.id, title: a.title }))}
          versions={props.versions}
        />
      </Show>

      <Show when={recordsDecisions(ctx)}>
        <div class="form__actions decision__actions">
          <Button
            variant="secondary"
            small
            aria-expanded={props.editing ? 'true' : 'false'}
            aria-label={
              props.editing ? undefined : t('decisions.edit', { title: props.decision.title })
            }
            onClick={() => props.onEdit(!props.editing)}
          >
            {props.editing ? t('decisions.edit.done') : t('decisions.editShort')}
          </Button>
          <Transitions decision={props.decision} all={props.all} />
        </div>
      </Show>
    </li>
  )
}

/** One button per status the decision may move to (DECISION_TRANSITIONS), no others. */
export const Transitions: Component<{ decision: DecisionRecord; all: DecisionRecord[] }> = (
  props,
) => {
  const { t, plural } = useI18n()
  const ctx = useArtefacts()
  const [superseding, setSuperseding] = createSignal(false)
  /** Adopting over a veto, a serious disagreement or an objection asks first, naming them. */
  const [askAdopt, setAskAdopt] = createSignal(false)
  const opposed = () => {
    const support = props.decision.support
    return support ? opposition(support.result) : []
  }
  const opposedLine = (entry: Opposed) =>
    plural('decisions.adoptOver.point', entry.count, {
      point:
        entry.kind === 'gradient'
          ? t('voting.gradient.point', {
              n: entry.point,
              label: t(scalePointKey(entry.scale, entry.point)),
            })
          : t('flow.consent.objection'),
    })
  const [by, setBy] = createSignal('')
  const selectId = createUniqueId()
  const others = () => props.all.filter((d) => d.id !== props.decision.id)
  const move = (to: DecisionStatus, supersededBy?: string) => {
    const card = document.getElementById(`decision-${props.decision.id}`)
    const moved = attempt(ctx, () => {
      setDecisionStatus(
        ctx.doc,
        props.decision.id,
        to,
        ARTEFACT_ORIGIN,
        supersededBy ? { supersededBy } : {},
      )
      ctx.announce(
        t('decisions.statusChanged', {
          title: props.decision.title,
          status: t(`decisions.status.${to}`),
        }),
      )
    })
    // The button that moved it may be gone with its status: the focus stays on the decision.
    if (moved)
      queueMicrotask(
        () => card?.isConnected && !card.contains(document.activeElement) && card.focus(),
      )
  }
  return (
    <>
      <For each={DECISION_TRANSITIONS[props.decision.status]}>
        {(to) => (
          <Show
            when={to === 'superseded'}
            fallback={
              <Button
                variant="primary"
                small
                aria-label={t(`decisions.to.${to as 'adopted' | 'revisited'}`, {
                  title: props.decision.title,
                })}
                onClick={() =>
                  to === 'adopted' && opposed().length > 0 ? setAskAdopt(true) : move(to)
                }
              >
                {t(`decisions.to.${to as 'adopted' | 'revisited'}Short`)}
              </Button>
            }
          >
            <Button
              variant="secondary"
              small
              aria-label={t('decisions.to.superseded', { title: props.decision.title })}
              aria-expanded={superseding() ? 'true' : 'false'}
              onClick={() => setSuperseding((open) => !open)}
            >
              {t('decisions.to.supersededShort')}
            </Button>
          </Show>
        )}
      </For>
      <Show when={askAdopt()}>
        <ConfirmDialog
          block="decision-dialog"
          title={t('decisions.adoptOver.title')}
          confirm={t('decisions.adoptOver.confirm')}
          tone="primary"
          cancel={t('artefacts.cancel')}
          onClose={() => setAskAdopt(false)}
          onConfirm={() => {
            setAskAdopt(false)
            move('adopted')
          }}
        >
          <p>{t('decisions.adoptOver.body', { title: props.decision.title })}</p>
          <ul>
            <For each={opposed()}>{(entry) => <li>{opposedLine(entry)}</li>}</For>
          </ul>
          <p>{t('decisions.adoptOver.hint')}</p>
        </ConfirmDialog>
      </Show>
      <Show when={superseding()}>
        <div class="card card--info supersede">
          <Show when={others().length > 0} fallback={<p>{t('decisions.supersede.none')}</p>}>
            <div class="field">
              <label id={`${selectId}-label`} for={selectId}>
                {t('decisions.supersede.label', { title: props.decision.title })}
              </label>
              <select id={selectId} value={by()} onChange={(e) => setBy(e.currentTarget.value)}>
                <option value="">{t('decisions.supersede.choose')}</option>
                <For each={others()}>{(d) => <option value={d.id}>{d.title}</option>}</For>
              </select>
            </div>
            <div class="form__actions">
              <Button
                variant="primary"
                small
                disabled={!by()}
                onClick={() => {
                  move('superseded', by())
                  setSuperseding(false)
                }}
              >
                {t('decisions.supersede.confirm')}
              </Button>
              <Button variant="secondary" small onClick={() => setSuperseding(false)}>
                {t('artefacts.cancel')}
              </Button>
            </div>
          </Show>
        </div>
      </Show>
    </>
  )
}
