import {
  type Component,
  createEffect,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  Show,
} from 'solid-js'
import type * as Y from 'yjs'
import {
  addQuestion,
  addSection,
  deletePlanEntry,
  fragmentToHtml,
  type PlanQuestion,
  type PlanSection,
  SECTION_STATUSES,
  type SectionStatus,
  sectionBody,
  setQuestion,
  setSectionStatus,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createPlan } from '../../state/createArtefacts.ts'
import { createBoundType } from '../../state/createBoundType.ts'
import { LiveText } from '../../ui/LiveText.tsx'
import { ConfirmAction } from '../artefacts/ConfirmAction.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { TitleForm } from '../artefacts/TitleForm.tsx'
import { RichTextArea } from '../documents/RichTextArea.tsx'
import { ActionsTable } from './PlanActions.tsx'

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
  /** Its text to read while the editor is closed (the editor's code loads only to write). */
  const [text, setText] = createSignal('')
  createEffect(() => {
    const fragment = body()
    if (!fragment) {
      setText('')
      return
    }
    const read = () => setText(fragmentToHtml(fragment))
    read()
    fragment.observeDeep(read)
    onCleanup(() => fragment.unobserveDeep(read))
  })
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
      <Show when={!open() && text()}>
        {/* Sanitised by fragmentToHtml: known blocks and marks only, every text escaped. */}
        <div class="plan-section__text" innerHTML={text()} />
      </Show>
      {/* The editor loads only when the section is opened. */}
      <details class="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('plan.section.edit', { title: props.section.title })}</summary>
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
