import { type Component, createSignal, createUniqueId, For, Index, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  ACTION_STATUSES,
  type ActionStatus,
  addAction,
  addQuestion,
  addSection,
  deletePlanEntry,
  type PlanAction,
  type PlanQuestion,
  type PlanSection,
  SECTION_STATUSES,
  type SectionStatus,
  sectionBody,
  setQuestion,
  setSectionStatus,
  updateAction,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDecisions, createPlan } from '../../state/createArtefacts.ts'
import { createBoundType } from '../../state/createBoundType.ts'
import { Field } from '../../ui/Field.tsx'
import { LiveText } from '../../ui/LiveText.tsx'
import { ConfirmAction } from '../artefacts/ConfirmAction.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { formatDate } from '../artefacts/format.ts'
import { TitleForm } from '../artefacts/TitleForm.tsx'
import { RichTextArea } from '../documents/RichTextArea.tsx'

/** The open, changing plan: sections with their text and status, actions, open questions. */
const PlanPanel: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const plan = createPlan(ctx.doc)
  const ids = { sections: createUniqueId(), questions: createUniqueId() }

  const write = (fn: () => void): boolean => attempt(ctx, fn)

  return (
    <div class="artefact plan">
      <h3 class={ctx.snapshot ? undefined : 'visually-hidden'}>{t('plan.title')}</h3>
      <section class="plan__part" aria-labelledby={ids.sections}>
        <h3 id={ids.sections}>{t('plan.sections')}</h3>
        <Show
          when={plan().sections.length > 0}
          fallback={<p class="muted">{t('plan.sections.empty')}</p>}
        >
          <ol class="plan__sections">
            <For each={plan().sections}>
              {(section) => <SectionView section={section} write={write} />}
            </For>
          </ol>
        </Show>
        <Show when={ctx.writable()}>
          <details class="disclosure">
            <summary>{t('plan.section.add')}</summary>
            <TitleForm
              label={t('plan.section.add.label')}
              submit={t('plan.section.add.submit')}
              required={t('plan.section.required')}
              maxLength={120}
              onSubmit={(title) =>
                write(() => {
                  addSection(ctx.doc, { title }, ARTEFACT_ORIGIN)
                  ctx.announce(t('plan.section.added', { title }))
                })
              }
            />
          </details>
        </Show>
      </section>

      <ActionsTable actions={plan().actions} sections={plan().sections} write={write} />

      <section class="plan__part" aria-labelledby={ids.questions}>
        <h3 id={ids.questions}>{t('plan.questions')}</h3>
        <Show
          when={plan().questions.length > 0}
          fallback={<p class="muted">{t('plan.questions.empty')}</p>}
        >
          <ol class="plan__questions">
            <For each={plan().questions}>
              {(question, index) => (
                <QuestionView question={question} number={index() + 1} write={write} />
              )}
            </For>
          </ol>
        </Show>
        <Show when={ctx.writable()}>
          <details class="disclosure">
            <summary>{t('plan.question.add')}</summary>
            <TitleForm
              label={t('plan.question.add.label')}
              submit={t('plan.question.add.submit')}
              required={t('plan.question.required')}
              maxLength={2000}
              multiline
              onSubmit={(text) =>
                write(() => {
                  addQuestion(ctx.doc, { text }, ARTEFACT_ORIGIN)
                  ctx.announce(t('plan.question.added'))
                })
              }
            />
          </details>
        </Show>
      </section>
    </div>
  )
}

const SectionView: Component<{ section: PlanSection; write: (fn: () => void) => boolean }> = (
  props,
) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const statusId = createUniqueId()
  const [open, setOpen] = createSignal(false)
  // Followed: if the body under this section is replaced, the editor rebinds to it.
  const body = createBoundType(ctx.doc, () => sectionBodyOf(ctx.doc, props.section.id))
  return (
    <li class="card plan-section" data-status={props.section.status}>
      <div class="artefact__head">
        <h4>{props.section.title}</h4>
        <span class="badge badge--status" data-status={props.section.status}>
          {t(`plan.section.status.${props.section.status}`)}
        </span>
      </div>
      <Show when={ctx.writable()}>
        <div class="field field--inline">
          <label for={statusId}>{t('plan.section.status', { title: props.section.title })}</label>
          <select
            id={statusId}
            value={props.section.status}
            onChange={(event) =>
              props.write(() =>
                setSectionStatus(
                  ctx.doc,
                  props.section.id,
                  event.currentTarget.value as SectionStatus,
                  ARTEFACT_ORIGIN,
                ),
              )
            }
          >
            <For each={SECTION_STATUSES}>
              {(status) => <option value={status}>{t(`plan.section.status.${status}`)}</option>}
            </For>
          </select>
        </div>
      </Show>
      {/* The editor loads only when the section is opened. */}
      <details class="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('plan.section.body', { title: props.section.title })}</summary>
        <Show when={open()}>
          <Show when={body()} keyed>
            {(fragment) => (
              <RichTextArea
                fragment={fragment}
                label={t('plan.section.body', { title: props.section.title })}
              />
            )}
          </Show>
        </Show>
      </details>
      <Show when={ctx.writable()}>
        <ConfirmAction
          label={t('plan.section.delete', { title: props.section.title })}
          text={t('artefacts.delete')}
          question={t('plan.section.delete.confirm')}
          onConfirm={() => {
            props.write(() =>
              deletePlanEntry(ctx.doc, 'sections', props.section.id, ARTEFACT_ORIGIN),
            )
            ctx.announce(t('artefacts.deleted', { title: props.section.title }))
          }}
        />
      </Show>
    </li>
  )
}

const sectionBodyOf = (doc: Y.Doc, id: string): Y.XmlFragment | null => {
  try {
    return sectionBody(doc, id)
  } catch {
    return null
  }
}

const ActionsTable: Component<{
  actions: PlanAction[]
  sections: PlanSection[]
  write: (fn: () => void) => boolean
}> = (props) => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const decisions = createDecisions(ctx.doc)
  const update = (id: string, changes: Parameters<typeof updateAction>[2]) =>
    props.write(() => updateAction(ctx.doc, id, changes, ARTEFACT_ORIGIN))
  const headingId = createUniqueId()
  const decisionTitle = (id: string | null) =>
    id ? (decisions().find((d) => d.id === id)?.title ?? t('decisions.missing')) : ''
  return (
    <section class="plan__part" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plan.actions')}</h3>
      <Show
        when={props.actions.length > 0}
        fallback={<p class="muted">{t('plan.actions.empty')}</p>}
      >
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
        <section class="table-scroll" aria-labelledby={`${headingId}-caption`} tabIndex={0}>
          <table class="data-table plan__actions">
            <caption id={`${headingId}-caption`}>{t('plan.actions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.action.title')}</th>
                <th scope="col">{t('plan.action.owner')}</th>
                <th scope="col">{t('plan.action.due')}</th>
                <th scope="col">{t('plan.action.status')}</th>
                <th scope="col">{t('plan.action.decision')}</th>
                <Show when={ctx.writable()}>
                  <td />
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={props.actions}>
                {(action, index) => {
                  const n = () => ({ number: String(index() + 1) })
                  return (
                    <tr data-status={action.status}>
                      <Show
                        when={ctx.writable()}
                        fallback={
                          <>
                            <th scope="row">{action.title}</th>
                            <td>{action.owner}</td>
                            <td>{action.due ? formatDate(locale(), action.due) : ''}</td>
                            <td>{t(`plan.action.status.${action.status}`)}</td>
                            <td>{decisionTitle(action.decisionId)}</td>
                          </>
                        }
                      >
                        <th scope="row">
                          <input
                            type="text"
                            aria-label={t('plan.action.titleOf', n())}
                            value={action.title}
                            maxLength={200}
                            onChange={(event) => {
                              const value = event.currentTarget.value.trim()
                              if (value) update(action.id, { title: value })
                              else event.currentTarget.value = action.title
                            }}
                          />
                        </th>
                        <td>
                          <input
                            type="text"
                            aria-label={t('plan.action.ownerOf', n())}
                            value={action.owner}
                            maxLength={80}
                            onChange={(event) =>
                              update(action.id, { owner: event.currentTarget.value })
                            }
                          />
                        </td>
                        <td>
                          <input
                            type="date"
                            aria-label={t('plan.action.dueOf', n())}
                            value={action.due ?? ''}
                            onChange={(event) =>
                              update(action.id, { due: event.currentTarget.value || null })
                            }
                          />
                        </td>
                        <td>
                          <select
                            aria-label={t('plan.action.statusOf', n())}
                            value={action.status}
                            onChange={(event) =>
                              update(action.id, {
                                status: event.currentTarget.value as ActionStatus,
                              })
                            }
                          >
                            <For each={ACTION_STATUSES}>
                              {(status) => (
                                <option value={status}>{t(`plan.action.status.${status}`)}</option>
                              )}
                            </For>
                          </select>
                        </td>
                        <td>
                          <select
                            aria-label={t('plan.action.decisionOf', n())}
                            value={action.decisionId ?? ''}
                            onChange={(event) =>
                              update(action.id, { decisionId: event.currentTarget.value || null })
                            }
                          >
                            <option value="">{t('plan.action.noDecision')}</option>
                            <Index each={decisions()}>
                              {(decision) => (
                                <option
                                  value={decision().id}
                                  selected={decision().id === action.decisionId}
                                >
                                  {decision().title}
                                </option>
                              )}
                            </Index>
                          </select>
                        </td>
                        <td>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-label={t('plan.action.deleteOf', n())}
                            onClick={() => {
                              if (
                                props.write(() =>
                                  deletePlanEntry(ctx.doc, 'actions', action.id, ARTEFACT_ORIGIN),
                                )
                              )
                                ctx.announce(t('plan.action.deleted'))
                            }}
                          >
                            {t('artefacts.delete')}
                          </button>
                        </td>
                      </Show>
                    </tr>
                  )
                }}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
      <Show when={ctx.writable()}>
        <NewActionForm sections={props.sections} write={props.write} />
      </Show>
    </section>
  )
}

const NewActionForm: Component<{
  sections: PlanSection[]
  write: (fn: () => void) => boolean
}> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const [error, setError] = createSignal('')
  return (
    <details class="disclosure">
      <summary>{t('plan.action.add')}</summary>
      <form
        class="inline-form inline-form--grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          const form = event.currentTarget
          const data = new FormData(form)
          const title = String(data.get('title') ?? '').trim()
          if (!title) {
            setError(t('plan.action.required'))
            ;(form.elements.namedItem('title') as HTMLInputElement | null)?.focus()
            return
          }
          setError('')
          const ok = props.write(() =>
            addAction(
              ctx.doc,
              {
                title,
                owner: String(data.get('owner') ?? '').trim(),
                due: String(data.get('due') ?? '') || null,
                sectionId: String(data.get('section') ?? '') || null,
              },
              ARTEFACT_ORIGIN,
            ),
          )
          if (ok) {
            form.reset()
            ctx.announce(t('plan.action.added'))
          }
        }}
      >
        <Field for={`${id}-title`} label={t('plan.action.title')} error={error()}>
          {(aria) => (
            <input
              id={`${id}-title`}
              name="title"
              type="text"
              maxLength={200}
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          )}
        </Field>
        <div class="field">
          <label for={`${id}-owner`}>{t('plan.action.owner')}</label>
          <input id={`${id}-owner`} name="owner" type="text" maxLength={80} />
        </div>
        <div class="field">
          <label for={`${id}-due`}>{t('plan.action.due')}</label>
          <input id={`${id}-due`} name="due" type="date" />
        </div>
        <Show when={props.sections.length > 0}>
          <div class="field">
            <label for={`${id}-section`}>{t('plan.action.section')}</label>
            <select id={`${id}-section`} name="section">
              <option value="">{t('plan.action.noSection')}</option>
              <For each={props.sections}>
                {(section) => <option value={section.id}>{section.title}</option>}
              </For>
            </select>
          </div>
        </Show>
        <div class="form__actions">
          <button type="submit" class="button button--primary button--small">
            {t('plan.action.add.submit')}
          </button>
        </div>
      </form>
    </details>
  )
}

const QuestionView: Component<{
  question: PlanQuestion
  number: number
  write: (fn: () => void) => boolean
}> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const n = () => ({ number: String(props.number) })
  return (
    <li class="card plan-question" data-status={props.question.status}>
      <LiveText
        label={t('plan.question.text', n())}
        value={props.question.text}
        readOnly={!ctx.writable()}
        maxLength={2000}
        onInput={(value) =>
          props.write(() =>
            setQuestion(ctx.doc, props.question.id, { text: value }, ARTEFACT_ORIGIN),
          )
        }
      />
      <div class="form__actions">
        <span class="badge badge--status" data-status={props.question.status}>
          {props.question.status === 'answered'
            ? t('plan.question.answered')
            : t('plan.question.open')}
        </span>
        <Show when={ctx.writable()}>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() =>
              props.write(() =>
                setQuestion(
                  ctx.doc,
                  props.question.id,
                  { status: props.question.status === 'answered' ? 'open' : 'answered' },
                  ARTEFACT_ORIGIN,
                ),
              )
            }
          >
            {props.question.status === 'answered'
              ? t('plan.question.reopen', n())
              : t('plan.question.markAnswered', n())}
          </button>
          <ConfirmAction
            label={t('plan.question.delete', n())}
            text={t('artefacts.delete')}
            question={t('artefacts.delete')}
            confirmLabel={t('artefacts.confirmDelete')}
            onConfirm={() => {
              props.write(() =>
                deletePlanEntry(ctx.doc, 'questions', props.question.id, ARTEFACT_ORIGIN),
              )
            }}
          />
        </Show>
      </div>
    </li>
  )
}

export default PlanPanel
