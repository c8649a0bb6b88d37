import { type Component, createMemo, createUniqueId, For, Match, Show, Switch } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type * as Y from 'yjs'
import { formatDay } from '../../../shared/i18n/dates.ts'
import { documentsEn, documentsFr } from '../../../shared/i18n/documents.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocVersion } from '../flow/docText.ts'
import { type PlanPage, planPages, planPageTitle } from './planPages.ts'
import './planReading.css'

/** The plan's messages come with this chunk, as with the artefacts area. */
const PLAN_MESSAGES = { fr: documentsFr, en: documentsEn }

/**
 * One page of the plan to read (`planPages`): a section's title and text, the actions (who
 * does what, by when, where it stands), or the open questions. No editor's code: the Plan tab
 * is where it is written.
 */
export const PlanPageView: Component<{
  page: PlanPage
  /** Its title as a heading of this level; none where a caption already names it. */
  level?: 2 | 3
}> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(PLAN_MESSAGES)
  return (
    <div class="plan-reading__page">
      <Show when={props.level}>
        {(level) => <Dynamic component={`h${level()}`}>{planPageTitle(props.page, t)}</Dynamic>}
      </Show>
      <Switch>
        <Match when={props.page.kind === 'section' && props.page}>
          {(page) => (
            <Show
              when={page().html}
              fallback={<p class="muted">{t('projector.stage.emptySection')}</p>}
            >
              {/* Sanitised by fragmentToHtml: known blocks and marks only, every text escaped. */}
              <div innerHTML={page().html} />
            </Show>
          )}
        </Match>
        <Match when={props.page.kind === 'actions' && props.page}>
          {(page) => (
            <ul class="plan-reading__list">
              <For each={page().actions}>
                {(action) => (
                  <li>
                    <strong>{action.title}</strong>
                    <span class="plan-reading__meta">
                      {[
                        action.owner,
                        action.due ? formatDay(locale(), action.due) : '',
                        t(`plan.action.status.${action.status}`),
                      ]
                        .filter(Boolean)
                        .join(' — ')}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
        <Match when={props.page.kind === 'questions' && props.page}>
          {(page) => (
            <ul class="plan-reading__list">
              <For each={page().questions}>
                {(question) => (
                  <li>
                    {question.text}
                    <Show when={question.status === 'answered'}>
                      <span class="plan-reading__meta">{t('plan.question.answered')}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </div>
  )
}

export interface PlanReaderProps {
  doc: Y.Doc
  /** May this person write in it now? Then "Modifier" opens it in the Plan tab. */
  canEdit: boolean
  onEdit: () => void
}

/** A phone's step about the plan: the whole plan to read, as the group writes it. */
export const PlanReader: Component<PlanReaderProps> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(PLAN_MESSAGES)
  const headingId = createUniqueId()
  const version = createDocVersion(props.doc)
  const pages = createMemo(() => {
    version()
    return planPages(props.doc)
  })
  return (
    <article class="phone-doc plan-reading" aria-labelledby={headingId}>
      <div class="phone-doc__head">
        <h2 id={headingId} class="phone-section-title">
          {t('plan.title')}
        </h2>
        <Show when={props.canEdit}>
          <button
            type="button"
            class="button button--primary"
            aria-label={t('phone.doc.editLabel', { title: t('plan.title') })}
            onClick={() => props.onEdit()}
          >
            {t('phone.doc.edit')}
          </button>
        </Show>
      </div>
      <Show when={pages().length > 0} fallback={<p class="muted">{t('plan.sections.empty')}</p>}>
        <div class="phone-doc__body">
          <For each={pages()}>{(page) => <PlanPageView page={page} level={3} />}</For>
        </div>
      </Show>
    </article>
  )
}

export default PlanReader
