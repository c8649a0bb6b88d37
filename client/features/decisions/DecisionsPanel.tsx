import {
  type Component,
  createMemo,
  createResource,
  createSignal,
  createUniqueId,
  For,
  Index,
  Show,
} from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type * as Y from 'yjs'
import { boxKind, isBox } from '../../../shared/canvas/kinds/index.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import type { Locale } from '../../../shared/i18n/index.ts'
import {
  createDecision,
  DECISION_TRANSITIONS,
  type DecisionRecord,
  type DecisionStatus,
  decisionFromVote,
  displayText,
  listCanvases,
  listParticipants,
  readCanvasContent,
  readFlow,
  setDecisionStatus,
  setDecisionText,
  updateDecision,
} from '../../../shared/schema/index.ts'
import { managesWorkshop } from '../../../shared/schema/rights.ts'
import { readResult, type VoteResult } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDecisions, createDocTick, createPlan } from '../../state/createArtefacts.ts'
import { FieldError } from '../../ui/FieldError.tsx'
import { LiveText } from '../../ui/LiveText.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { formatDate } from '../artefacts/format.ts'
import { fetchVersions } from '../versions/api.ts'

/**
 * Texts of every note on every canvas, by item id (for dot votes and linked notes), as a
 * reader of `locale` sees them: every box
 * with text but the frames (and other kinds that hold items), which are places, not ideas.
 */
export const canvasNoteTexts = (doc: Y.Doc, locale: Locale): Map<string, string> => {
  const out = new Map<string, string>()
  for (const canvas of listCanvases(doc)) {
    try {
      for (const item of readCanvasContent(doc, canvas.id).items)
        if (isBox(item) && !boxKind(item.kind).holdsItems && item.text.trim())
          out.set(item.id, displayText(item, locale))
    } catch {
      // a canvas deleted meanwhile
    }
  }
  return out
}

/** Phases whose vote is closed, with their published result. */
export const closedVotes = (doc: Y.Doc): Array<{ phase: TemplatePhase; result: VoteResult }> =>
  readFlow(doc).phases.flatMap((phase) => {
    if (!phase.vote) return []
    const result = readResult(doc, phase.id)
    return result?.closed ? [{ phase, result }] : []
  })

const participantCounts = (doc: Y.Doc): Record<PartnerGroup, number> => {
  const counts = { patient: 0, citizen: 0, clinician: 0, other: 0 }
  for (const person of listParticipants(doc)) counts[person.group]++
  return counts
}

/** Decisions are the facilitator's to record and change (shared/schema/rights.ts); all read them. */
const recordsDecisions = (ctx: ReturnType<typeof useArtefacts>) =>
  ctx.writable() && managesWorkshop(ctx)

const focusDecision = (id: string) =>
  queueMicrotask(() => document.getElementById(`decision-${id}`)?.focus())

/** The decision log: list or timeline, records, status changes, decisions from votes. */
const DecisionsPanel: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const decisions = createDecisions(ctx.doc)
  const [view, setView] = createSignal<'list' | 'timeline'>('list')
  const [creating, setCreating] = createSignal(false)
  const [editing, setEditing] = createSignal<string | null>(null)
  // Names of versions, for decisions linked to one (fetched only when needed).
  const needVersions = () =>
    !ctx.snapshot && (editing() !== null || decisions().some((d) => d.links.version !== null))
  const [versions] = createResource(needVersions, () =>
    fetchVersions(ctx.workshopId, ctx.token).catch(() => []),
  )

  return (
    <div class="artefact decisions">
      <div class="artefact__head">
        <h3>{t('decisions.title')}</h3>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons */}
        <div class="segmented" role="group" aria-label={t('decisions.view')}>
          <For each={['list', 'timeline'] as const}>
            {(option) => (
              <button
                type="button"
                aria-pressed={view() === option ? 'true' : 'false'}
                onClick={() => setView(option)}
              >
                {t(`decisions.view.${option}`)}
              </button>
            )}
          </For>
        </div>
      </div>

      <Show when={ctx.writable() && !recordsDecisions(ctx)}>
        <p class="muted artefacts__note">{t('rights.decisions')}</p>
      </Show>
      <Show when={recordsDecisions(ctx)}>
        <FromVotes
          decisions={decisions()}
          onCreated={(id) => {
            setView('list')
            focusDecision(id)
          }}
        />
      </Show>

      <Show when={recordsDecisions(ctx)}>
        <Show
          when={creating()}
          fallback={
            <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
              {t('decisions.new')}
            </button>
          }
        >
          <NewDecisionForm
            onDone={(id) => {
              setCreating(false)
              if (id) {
                setView('list')
                focusDecision(id)
              }
            }}
          />
        </Show>
      </Show>

      <Show when={view() === 'list'} fallback={<Timeline decisions={decisions()} />}>
        <Show when={decisions().length > 0} fallback={<p class="muted">{t('decisions.empty')}</p>}>
          <ol class="decision-list">
            <For each={decisions()}>
              {(decision) => (
                <DecisionCard
                  decision={decision}
                  all={decisions()}
                  versionName={(id) => versions()?.find((v) => v.id === id)?.name ?? id}
                  editing={editing() === decision.id}
                  onEdit={(on) => setEditing(on ? decision.id : null)}
                  versions={versions() ?? []}
                />
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  )
}

/** A long text of a decision, as a term and its description; nothing when it is empty. */
const ProseEntry: Component<{ label: string; value: string }> = (props) => (
  <Show when={props.value}>
    <dt>{props.label}</dt>
    <dd class="prewrap">{props.value}</dd>
  </Show>
)

const StatusBadge: Component<{ status: DecisionStatus }> = (props) => {
  const { t } = useI18n()
  return (
    <span class="badge badge--status" data-status={props.status}>
      {t(`decisions.status.${props.status}`)}
    </span>
  )
}

const DecisionCard: Component<{
  decision: DecisionRecord
  all: DecisionRecord[]
  versionName: (id: string) => string
  versions: Array<{ id: string; name: string }>
  editing: boolean
  onEdit: (on: boolean) => void
}> = (props) => {
  const { t, locale } = useI18n()
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
                    {t('decisions.support', {
                      kind: t(`decisions.support.${support().result.kind}`),
                      voters: String(support().result.voters),
                    })}
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
          <button
            type="button"
            class="button button--secondary button--small"
            aria-expanded={props.editing ? 'true' : 'false'}
            aria-label={
              props.editing ? undefined : t('decisions.edit', { title: props.decision.title })
            }
            onClick={() => props.onEdit(!props.editing)}
          >
            {props.editing ? t('decisions.edit.done') : t('decisions.editShort')}
          </button>
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
  const { t } = useI18n()
  const ctx = useArtefacts()
  const [superseding, setSuperseding] = createSignal(false)
  const [by, setBy] = createSignal('')
  const selectId = createUniqueId()
  const others = () => props.all.filter((d) => d.id !== props.decision.id)
  const move = (to: DecisionStatus, supersededBy?: string) =>
    attempt(ctx, () => {
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
  return (
    <>
      <For each={DECISION_TRANSITIONS[props.decision.status]}>
        {(to) => (
          <Show
            when={to === 'superseded'}
            fallback={
              <button
                type="button"
                class="button button--primary button--small"
                aria-label={t(`decisions.to.${to as 'adopted' | 'revisited'}`, {
                  title: props.decision.title,
                })}
                onClick={() => move(to)}
              >
                {t(`decisions.to.${to as 'adopted' | 'revisited'}Short`)}
              </button>
            }
          >
            <button
              type="button"
              class="button button--secondary button--small"
              aria-label={t('decisions.to.superseded', { title: props.decision.title })}
              aria-expanded={superseding() ? 'true' : 'false'}
              onClick={() => setSuperseding((open) => !open)}
            >
              {t('decisions.to.supersededShort')}
            </button>
          </Show>
        )}
      </For>
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
              <button
                type="button"
                class="button button--primary button--small"
                disabled={!by()}
                onClick={() => {
                  move('superseded', by())
                  setSuperseding(false)
                }}
              >
                {t('decisions.supersede.confirm')}
              </button>
              <button
                type="button"
                class="button button--secondary button--small"
                onClick={() => setSuperseding(false)}
              >
                {t('artefacts.cancel')}
              </button>
            </div>
          </Show>
        </div>
      </Show>
    </>
  )
}

const linesOf = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** Editing a recorded decision: long texts live (Y.Text), other fields saved on change. */
const DecisionEditor: Component<{
  decision: DecisionRecord
  notes: Map<string, string>
  actions: Array<{ id: string; title: string }>
  versions: Array<{ id: string; name: string }>
}> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const update = (changes: Parameters<typeof updateDecision>[2]) =>
    attempt(ctx, () => updateDecision(ctx.doc, props.decision.id, changes, ARTEFACT_ORIGIN))
  /** A long text, written live to its Y.Text as it is typed. */
  const prose = (field: 'context' | 'decision' | 'rationale') => (
    <LiveText
      label={t(`decisions.field.${field}`)}
      value={props.decision[field]}
      rows={3}
      onInput={(value) =>
        attempt(ctx, () =>
          setDecisionText(ctx.doc, props.decision.id, field, value, ARTEFACT_ORIGIN),
        )
      }
    />
  )

  return (
    // biome-ignore lint/a11y/useSemanticElements: fields saved one by one, not a form
    <div class="card decision-editor" role="group" aria-label={t('decisions.edit.title')}>
      <div class="field">
        <label for={`${id}-title`}>{t('decisions.field.title')}</label>
        <input
          id={`${id}-title`}
          type="text"
          maxLength={200}
          value={props.decision.title}
          onChange={(event) => {
            const value = event.currentTarget.value.trim()
            if (value) update({ title: value })
            else event.currentTarget.value = props.decision.title
          }}
        />
      </div>
      {prose('context')}
      <HintedField
        field="options"
        value={props.decision.options.join('\n')}
        onChange={(value) => update({ options: linesOf(value) })}
      />
      {prose('decision')}
      {prose('rationale')}
      <DissentFields value={props.decision.dissent} onChange={(dissent) => update({ dissent })} />
      <HintedField
        field="reviewDate"
        value={props.decision.reviewDate ?? ''}
        onChange={(value) => update({ reviewDate: value || null })}
      />
      <ParticipantFields
        value={props.decision.participants}
        onChange={(participants) => update({ participants })}
      />
      <fieldset class="decision-editor__links">
        <legend>{t('decisions.field.links')}</legend>
        <LinkChecks
          legend={t('decisions.field.linkedActions')}
          empty={t('decisions.field.noActions')}
          options={props.actions.map((action) => ({ id: action.id, label: action.title }))}
          checked={props.decision.links.actions}
          onChange={(actions) => update({ links: { ...props.decision.links, actions } })}
        />
        <LinkChecks
          legend={t('decisions.field.linkedNotes')}
          empty={t('decisions.field.noNotes')}
          options={[...props.notes.entries()].map(([noteId, text]) => ({
            id: noteId,
            label: text,
          }))}
          checked={props.decision.links.notes}
          onChange={(notes) => update({ links: { ...props.decision.links, notes } })}
          scroll
        />
        <div class="field">
          <label for={`${id}-version`}>{t('decisions.field.linkedVersion')}</label>
          <select
            id={`${id}-version`}
            value={props.decision.links.version ?? ''}
            onChange={(event) =>
              update({
                links: { ...props.decision.links, version: event.currentTarget.value || null },
              })
            }
          >
            <option value="">{t('artefacts.none')}</option>
            <For each={props.versions}>
              {(version) => (
                <option value={version.id} selected={version.id === props.decision.links.version}>
                  {version.name}
                </option>
              )}
            </For>
          </select>
        </div>
      </fieldset>
    </div>
  )
}

/**
 * The options considered (one a line) or the review date, with its hint: named `name` in the
 * new decision's form, or saved by `onChange` in the editor.
 */
const HintedField: Component<{
  field: 'options' | 'reviewDate'
  name?: string
  value?: string
  onChange?: (value: string) => void
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const date = () => props.field === 'reviewDate'
  return (
    <div class="field">
      <label for={id}>{t(`decisions.field.${props.field}`)}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {t(`decisions.field.${props.field}.hint`)}
      </p>
      <Dynamic
        component={date() ? 'input' : 'textarea'}
        id={id}
        name={props.name}
        type={date() ? 'date' : undefined}
        rows={date() ? undefined : 3}
        aria-describedby={`${id}-hint`}
        value={props.value ?? ''}
        onChange={(event: Event & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
          props.onChange?.(event.currentTarget.value)
        }
      />
    </div>
  )
}

/** A checkbox per thing a decision may link to (plan actions, canvas notes). */
const LinkChecks: Component<{
  legend: string
  /** Said when there is nothing to link to. */
  empty: string
  options: Array<{ id: string; label: string }>
  checked: string[]
  onChange: (checked: string[]) => void
  /** A long list: scrolls within a bounded height. */
  scroll?: boolean
}> = (props) => {
  const toggle = (value: string, on: boolean) =>
    on ? [...new Set([...props.checked, value])] : props.checked.filter((entry) => entry !== value)
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <Show when={props.options.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="checks" classList={{ 'checks--scroll': props.scroll === true }}>
          <For each={props.options}>
            {(option) => (
              <li>
                <label>
                  <input
                    type="checkbox"
                    checked={props.checked.includes(option.id)}
                    onChange={(event) =>
                      props.onChange(toggle(option.id, event.currentTarget.checked))
                    }
                  />
                  {option.label}
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </fieldset>
  )
}

const DissentFields: Component<{
  value: Array<{ text: string; reason: string }>
  onChange: (value: Array<{ text: string; reason: string }>) => void
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const set = (index: number, field: 'text' | 'reason', value: string) =>
    props.onChange(
      props.value.map((entry, i) => (i === index ? { ...entry, [field]: value } : entry)),
    )
  return (
    <fieldset class="dissent">
      <legend>{t('decisions.field.dissent')}</legend>
      <p class="field__hint">{t('decisions.field.dissent.hint')}</p>
      <Index each={props.value}>
        {(entry, index) => (
          <div class="dissent__row">
            <For each={['text', 'reason'] as const}>
              {(field) => (
                <div class="field">
                  <label for={`${id}-${index}-${field}`}>
                    {t(`decisions.field.dissent.${field}`, { number: String(index + 1) })}
                  </label>
                  <input
                    id={`${id}-${index}-${field}`}
                    type="text"
                    value={entry()[field]}
                    onChange={(event) => set(index, field, event.currentTarget.value)}
                  />
                </div>
              )}
            </For>
            <button
              type="button"
              class="button button--secondary button--small"
              onClick={() => props.onChange(props.value.filter((_, i) => i !== index))}
            >
              {t('decisions.field.dissent.remove', { number: String(index + 1) })}
            </button>
          </div>
        )}
      </Index>
      <button
        type="button"
        class="button button--secondary button--small"
        onClick={() => props.onChange([...props.value, { text: '', reason: '' }])}
      >
        {t('decisions.field.dissent.add')}
      </button>
    </fieldset>
  )
}

const ParticipantFields: Component<{
  value: Partial<Record<PartnerGroup, number>>
  onChange: (value: Record<PartnerGroup, number>) => void
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const full = (): Record<PartnerGroup, number> => ({
    patient: props.value.patient ?? 0,
    citizen: props.value.citizen ?? 0,
    clinician: props.value.clinician ?? 0,
    other: props.value.other ?? 0,
  })
  return (
    <fieldset class="participants-fields">
      <legend>{t('decisions.field.participants')}</legend>
      <div class="participants-fields__grid">
        <For each={PARTNER_GROUPS}>
          {(group) => (
            <div class="field">
              <label for={`${id}-${group}`}>{t(`group.${group}`)}</label>
              <input
                id={`${id}-${group}`}
                type="number"
                inputMode="numeric"
                min="0"
                step="1"
                aria-label={t('decisions.field.participantsOf', { group: t(`group.${group}`) })}
                value={String(full()[group])}
                onChange={(event) => {
                  const n = Math.max(0, Math.floor(Number(event.currentTarget.value) || 0))
                  props.onChange({ ...full(), [group]: n })
                }}
              />
            </div>
          )}
        </For>
      </div>
    </fieldset>
  )
}

/** Recording a new decision (proposed). */
const NewDecisionForm: Component<{ onDone: (id: string | null) => void }> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const [error, setError] = createSignal('')
  const [dissent, setDissent] = createSignal<Array<{ text: string; reason: string }>>([])
  const [participants, setParticipants] = createSignal(participantCounts(ctx.doc))
  let titleInput: HTMLInputElement | undefined
  return (
    <form
      class="card decision-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const data = new FormData(event.currentTarget)
        const title = String(data.get('title') ?? '').trim()
        if (!title) {
          setError(t('decisions.field.title.required'))
          titleInput?.focus()
          return
        }
        attempt(ctx, () => {
          const created = createDecision(
            ctx.doc,
            {
              title,
              context: String(data.get('context') ?? ''),
              options: linesOf(String(data.get('options') ?? '')),
              decision: String(data.get('decision') ?? ''),
              rationale: String(data.get('rationale') ?? ''),
              dissent: dissent().filter((d) => d.text.trim() || d.reason.trim()),
              participants: participants(),
              reviewDate: String(data.get('reviewDate') ?? '') || null,
            },
            ARTEFACT_ORIGIN,
          )
          ctx.announce(t('decisions.created', { title }))
          props.onDone(created)
        })
      }}
    >
      <h4 id={`${id}-heading`}>{t('decisions.new')}</h4>
      <div class="field">
        <label for={`${id}-title`}>{t('decisions.field.title')}</label>
        <input
          ref={(element) => {
            titleInput = element
            queueMicrotask(() => element.focus())
          }}
          id={`${id}-title`}
          name="title"
          type="text"
          maxLength={200}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} when={error()}>
          {error()}
        </FieldError>
      </div>
      <div class="field">
        <label for={`${id}-context`}>{t('decisions.field.context')}</label>
        <textarea id={`${id}-context`} name="context" rows={3} />
      </div>
      <HintedField field="options" name="options" />
      <div class="field">
        <label for={`${id}-decision`}>{t('decisions.field.decision')}</label>
        <textarea id={`${id}-decision`} name="decision" rows={3} />
      </div>
      <div class="field">
        <label for={`${id}-rationale`}>{t('decisions.field.rationale')}</label>
        <textarea id={`${id}-rationale`} name="rationale" rows={3} />
      </div>
      <DissentFields value={dissent()} onChange={setDissent} />
      <HintedField field="reviewDate" name="reviewDate" />
      <ParticipantFields value={participants()} onChange={setParticipants} />
      <div class="form__actions">
        <button type="submit" class="button button--primary">
          {t('decisions.submit')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
          {t('artefacts.cancel')}
        </button>
      </div>
    </form>
  )
}

/** For the facilitator: each closed vote, and a button to turn it into a proposed decision. */
const FromVotes: Component<{ decisions: DecisionRecord[]; onCreated: (id: string) => void }> = (
  props,
) => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const tick = createDocTick(ctx.doc)
  const votes = createMemo(() => {
    tick()
    return closedVotes(ctx.doc)
  })
  const headingId = createUniqueId()
  const create = (phase: TemplatePhase, result: VoteResult) => {
    const title = phase.title[locale()]
    const proposal =
      phase.vote && phase.vote.kind !== 'dots' ? phase.vote.proposal[locale()] : undefined
    const itemTexts = result.kind === 'dots' ? canvasNoteTexts(ctx.doc, locale()) : undefined
    attempt(ctx, () => {
      const id = createDecision(
        ctx.doc,
        decisionFromVote(result, {
          phaseId: phase.id,
          title,
          ...(proposal ? { proposal } : {}),
          ...(itemTexts ? { itemTexts } : {}),
          // Who voted comes with the result; a result published before it did falls back
          // to everyone in the workshop.
          participants: participantCounts(ctx.doc),
        }),
        ARTEFACT_ORIGIN,
      )
      ctx.announce(t('decisions.created', { title }))
      props.onCreated(id)
    })
  }
  return (
    <Show when={votes().length > 0}>
      <section class="from-votes" aria-labelledby={headingId}>
        <h4 id={headingId}>{t('decisions.fromVote.title')}</h4>
        <p class="muted">{t('decisions.fromVote.intro')}</p>
        <ul class="from-votes__list">
          <For each={votes()}>
            {(entry) => {
              const existing = () =>
                props.decisions.find((d) => d.support?.phaseId === entry.phase.id)
              return (
                <li class="from-votes__item">
                  <span class="from-votes__phase">{entry.phase.title[locale()]}</span>
                  <span class="muted">
                    {t('decisions.fromVote.summary', {
                      kind: t(`decisions.support.${entry.result.kind}`),
                      voters: String(entry.result.voters),
                    })}
                  </span>
                  <Show
                    when={existing()}
                    fallback={
                      <button
                        type="button"
                        class="button button--primary button--small"
                        aria-label={t('decisions.fromVote.buttonFor', {
                          phase: entry.phase.title[locale()],
                        })}
                        onClick={() => create(entry.phase, entry.result)}
                      >
                        {t('decisions.fromVote.button')}
                      </button>
                    }
                  >
                    {(decision) => (
                      <a
                        href={`#decision-${decision().id}`}
                        onClick={(event) => {
                          event.preventDefault()
                          focusDecision(decision().id)
                        }}
                      >
                        {t('decisions.fromVote.done', { title: decision().title })}
                      </a>
                    )}
                  </Show>
                </li>
              )
            }}
          </For>
        </ul>
      </section>
    </Show>
  )
}

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

const Timeline: Component<{ decisions: DecisionRecord[] }> = (props) => {
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

export default DecisionsPanel
