import { type Component, createUniqueId, For, Index, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import {
  type DecisionRecord,
  setDecisionText,
  updateDecision,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Field } from '../../ui/Field.tsx'
import { LiveText } from '../../ui/LiveText.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'

export const linesOf = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** Editing a recorded decision: long texts live (Y.Text), other fields saved on change. */
export const DecisionEditor: Component<{
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
export const HintedField: Component<{
  field: 'options' | 'reviewDate'
  name?: string
  value?: string
  onChange?: (value: string) => void
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const date = () => props.field === 'reviewDate'
  return (
    <Field
      for={id}
      label={t(`decisions.field.${props.field}`)}
      hint={t(`decisions.field.${props.field}.hint`)}
    >
      {(aria) => (
        <Dynamic
          component={date() ? 'input' : 'textarea'}
          id={id}
          name={props.name}
          type={date() ? 'date' : undefined}
          rows={date() ? undefined : 3}
          aria-describedby={aria.describedBy()}
          value={props.value ?? ''}
          onChange={(event: Event & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
            props.onChange?.(event.currentTarget.value)
          }
        />
      )}
    </Field>
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

export const DissentFields: Component<{
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

export const ParticipantFields: Component<{
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
