import { type Component, createSignal, createUniqueId, For, Index, Show } from 'solid-js'
import {
  ACTION_STATUSES,
  type ActionStatus,
  addAction,
  deletePlanEntry,
  type PlanAction,
  type PlanSection,
  updateAction,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDecisions } from '../../state/createArtefacts.ts'
import { TextField } from '../../ui/Field.tsx'
import { ScrollTable } from '../../ui/ScrollTable.tsx'
import {
  ARTEFACT_ORIGIN,
  followReveal,
  revealElement,
  useArtefacts,
} from '../artefacts/context.tsx'
import { formatDate } from '../artefacts/format.ts'

/** The plan's actions: a table (each cell edited in place), and a form to add one. */
export const ActionsTable: Component<{
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
  const rowId = (id: string) => `${headingId}-action-${id}`
  // Opened from what is due: its row, with the focus (Tab then reaches its fields).
  followReveal(ctx, 'plan', (id) => revealElement(document.getElementById(rowId(id))))
  const decisionTitle = (id: string | null) =>
    id ? (decisions().find((d) => d.id === id)?.title ?? t('decisions.missing')) : ''
  return (
    <section class="plan__part" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plan.actions')}</h3>
      <Show
        when={props.actions.length > 0}
        fallback={<p class="muted">{t('plan.actions.empty')}</p>}
      >
        <ScrollTable labelledBy={`${headingId}-caption`} class="plan__actions">
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
                  <tr id={rowId(action.id)} tabIndex={-1} data-status={action.status}>
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
        </ScrollTable>
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
        <TextField
          for={`${id}-title`}
          label={t('plan.action.title')}
          error={error()}
          name="title"
          maxLength={200}
        />
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
