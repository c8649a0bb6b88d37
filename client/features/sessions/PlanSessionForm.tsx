import {
  type Component,
  createEffect,
  createSignal,
  createUniqueId,
  For,
  type Resource,
  Show,
} from 'solid-js'
import type { SessionSummary } from '../../../shared/api.ts'
import { labDay, plannedSessionDate } from '../../../shared/schema/sessionFields.ts'
import type { TemplateSummary } from '../../../shared/template.ts'
import { ApiRequestError, planSession } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { Field } from '../../ui/Field.tsx'
import { createSessionErrors } from './sessionErrors.ts'

type FieldName = 'title' | 'date' | 'template'
const FIELDS: readonly FieldName[] = ['title', 'date', 'template']

/** The field a 400 names (`title: must not be empty`), if it is one of the form's. */
const fieldOf = (cause: unknown): FieldName | null => {
  if (!(cause instanceof ApiRequestError) || cause.status !== 400) return null
  const name = cause.message.split(':')[0]?.trim()
  return FIELDS.find((field) => field === name) ?? null
}

export interface PlanSessionFormProps {
  workshopId: string
  token: string
  /** The shipped templates (`GET /api/templates`), the panel's. */
  templates: Resource<TemplateSummary[]>
  /** The lab's template: chosen first. */
  defaultTemplate: string
  onPlanned: (session: SessionSummary) => void
}

/**
 * The facilitator's form to plan the next session: a title, a day (today in Montréal unless
 * changed) and a template from the server's list. What is missing is said at its field, and
 * so is a field the server refuses; the form is emptied of its title once planned.
 */
export const PlanSessionForm: Component<PlanSessionFormProps> = (props) => {
  const { t, locale } = useI18n()
  const base = createUniqueId()
  const id = (field: FieldName) => `${base}-${field}`
  const errors = createSessionErrors()
  const [title, setTitle] = createSignal('')
  const [date, setDate] = createSignal(labDay(Date.now()))
  const [template, setTemplate] = createSignal('')
  const [invalid, setInvalid] = createSignal<Partial<Record<FieldName, string>>>({})
  const action = createAction()

  const templates = () => (props.templates.state === 'ready' ? props.templates() : [])
  // The lab's template first, once the list is there (else the list's first).
  createEffect(() => {
    const list = templates()
    if (template() || list.length === 0) return
    setTemplate(
      list.some((entry) => entry.id === props.defaultTemplate)
        ? props.defaultTemplate
        : (list[0]?.id ?? ''),
    )
  })

  const validate = (): boolean => {
    const found: Partial<Record<FieldName, string>> = {}
    if (!title().trim()) found.title = t('sessions.plan.required.title')
    if (!date()) found.date = t('sessions.plan.required.date')
    else if (!plannedSessionDate.safeParse(date()).success)
      found.date = t('sessions.plan.invalid.date')
    if (!template()) found.template = t('sessions.plan.required.template')
    setInvalid(found)
    const first = FIELDS.find((field) => found[field])
    if (first) document.getElementById(id(first))?.focus()
    return first === undefined
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (action.busy() || !validate()) return
    await action.run(
      async () => {
        const planned = await planSession(props.workshopId, props.token, {
          title: title().trim(),
          date: date(),
          template: template(),
        })
        setTitle('')
        props.onPlanned(planned)
      },
      (cause) => {
        const field = fieldOf(cause)
        if (field) {
          setInvalid({ [field]: errors.describe(cause) })
          document.getElementById(id(field))?.focus()
        }
        return t('sessions.error.plan', { error: errors.describe(cause) })
      },
    )
  }

  return (
    <form
      class="form sessions__plan"
      onSubmit={submit}
      novalidate
      aria-labelledby={`${base}-heading`}
    >
      <h3 id={`${base}-heading`} class="sessions__plan-title">
        {t('sessions.plan.title')}
      </h3>
      <Field
        for={id('title')}
        label={t('sessions.plan.field.title')}
        hint={t('sessions.plan.field.title.hint')}
        error={invalid().title}
      >
        {(aria) => (
          <input
            id={id('title')}
            type="text"
            maxLength={200}
            value={title()}
            onInput={(event) => setTitle(event.currentTarget.value)}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
          />
        )}
      </Field>
      <Field
        for={id('date')}
        label={t('sessions.plan.field.date')}
        hint={t('sessions.plan.field.date.hint')}
        error={invalid().date}
      >
        {(aria) => (
          <input
            id={id('date')}
            type="date"
            lang={locale()}
            value={date()}
            onInput={(event) => setDate(event.currentTarget.value)}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
          />
        )}
      </Field>
      <Field
        for={id('template')}
        label={t('sessions.plan.field.template')}
        error={invalid().template}
      >
        {(aria) => (
          <select
            id={id('template')}
            value={template()}
            onChange={(event) => setTemplate(event.currentTarget.value)}
            aria-invalid={aria.invalid()}
            aria-describedby={aria.describedBy()}
          >
            <For each={templates()}>
              {(entry) => <option value={entry.id}>{entry.title[locale()]}</option>}
            </For>
          </select>
        )}
      </Field>
      <Show when={props.templates.loading}>
        <p class="muted" role="status">
          {t('sessions.plan.templates.loading')}
        </p>
      </Show>
      <Show when={props.templates.error}>
        <p class="field__error" role="alert">
          {t('sessions.plan.templates.error', { error: errors.describe(props.templates.error) })}
        </p>
      </Show>
      <Show when={action.error()}>
        <p class="field__error" role="alert">
          {action.error()}
        </p>
      </Show>
      <div class="form__actions">
        <button
          type="submit"
          class="button button--primary"
          aria-disabled={action.busy() ? 'true' : undefined}
        >
          {action.busy() ? t('sessions.plan.submitting') : t('sessions.plan.submit')}
        </button>
      </div>
    </form>
  )
}
