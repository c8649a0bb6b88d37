import {
  type Accessor,
  type Component,
  createComputed,
  createUniqueId,
  For,
  on,
  onCleanup,
  Show,
} from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { Dynamic } from 'solid-js/web'
import type * as Y from 'yjs'
import { formatDay } from '../../../shared/i18n/dates.ts'
import { dueEn, dueFr } from '../../../shared/i18n/due.ts'
import {
  type DueItem,
  type DueTarget,
  dueItems,
  observeDecisions,
  observePlan,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createToday } from '../../state/createToday.ts'
import './due.css'

/** The list's messages come with its chunk. */
const DUE_MESSAGES = { fr: dueFr, en: dueEn }

/** The projector's stage shows this many items at most: each stays readable at 3 m. */
const STAGE_MAX = 8

export interface DueListProps {
  doc: Y.Doc
  /** Opens an item where it is changed; without it (the projector), items are text. */
  onOpen?: (target: DueTarget) => void
  /** Says so when nothing is due (a review step, the Sessions tab); else nothing shows. */
  showEmpty?: boolean
  /** Its heading's level (3 by default). */
  level?: 2 | 3
  /** The projector's stage: large type (sized in em), at most `STAGE_MAX` items. */
  stage?: boolean
}

/**
 * What is due, live, reconciled by id: an item's row (and the focus on its button) stays while
 * others change. Read again when the plan's actions or the decisions change, and when the day
 * turns in Montréal.
 */
const createDueItems = (doc: Y.Doc, today: Accessor<string>): Accessor<DueItem[]> => {
  const [state, setState] = createStore({ items: dueItems(doc, today()) })
  const refresh = () => setState('items', reconcile(dueItems(doc, today()), { key: 'id' }))
  // A section's text being typed is not an action: only the actions' part, or the parts.
  const stopPlan = observePlan(doc, (events) => {
    if (events.some((event) => event.path.length === 0 || event.path[0] === 'actions')) refresh()
  })
  const stopDecisions = observeDecisions(doc, refresh)
  onCleanup(() => {
    stopPlan()
    stopDecisions()
  })
  createComputed(on(today, refresh, { defer: true }))
  return () => state.items
}

/**
 * « À faire »: the plan's open actions whose day has come and the decisions whose review date
 * has come (`dueItems`, Montréal's today), late first, with how many are late and due today;
 * each with what a person needs to act on it (what it is, who owns it, its day, its status) and
 * a button that opens it in the Plan tab or the decision log. « Plan ouvert »'s review step and
 * the lab's home show it (see CONTEXT.md).
 */
export const DueList: Component<DueListProps> = (props) => {
  const { t, plural, locale, addMessages } = useI18n()
  addMessages(DUE_MESSAGES)
  const headingId = createUniqueId()
  const items = createDueItems(props.doc, createToday())
  const shown = () => (props.stage ? items().slice(0, STAGE_MAX) : items())
  const summary = () => {
    const late = items().filter((item) => item.late).length
    const today = items().length - late
    return [
      ...(late > 0 ? [plural('due.late', late)] : []),
      ...(today > 0 ? [plural('due.today', today)] : []),
    ].join(' · ')
  }
  const label = (item: DueItem) =>
    t(item.kind === 'action' ? 'due.open.action' : 'due.open.decision', { title: item.title })
  const day = (item: DueItem) =>
    t(item.kind === 'action' ? 'due.action.day' : 'due.decision.day', {
      date: formatDay(locale(), item.day),
    })

  return (
    <Show when={items().length > 0 || props.showEmpty}>
      <section
        class="due"
        classList={{ 'due--stage': props.stage === true }}
        aria-labelledby={headingId}
      >
        <Dynamic component={`h${props.level ?? 3}`} id={headingId} class="due__title">
          {t('due.heading', { count: items().length })}
        </Dynamic>
        <Show when={items().length > 0} fallback={<p class="due__empty">{t('due.empty')}</p>}>
          <p class="due__summary">{summary()}</p>
          <ul class="due__list" aria-label={t('due.list')}>
            <For each={shown()}>
              {(item) => (
                <li class="due-item" data-kind={item.kind} data-late={item.late ? 'true' : 'false'}>
                  <p class="due-item__kind">{t(`due.kind.${item.kind}`)}</p>
                  <p class="due-item__head">
                    <Show
                      when={props.onOpen}
                      fallback={<span class="due-item__title">{item.title}</span>}
                    >
                      {(open) => (
                        <button
                          type="button"
                          class="due-item__title due-item__open"
                          aria-label={label(item)}
                          onClick={() => open()({ ...item.target })}
                        >
                          {item.title}
                        </button>
                      )}
                    </Show>
                    <span class="due-item__flag" data-late={item.late ? 'true' : 'false'}>
                      {t(item.late ? 'due.flag.late' : 'due.flag.today')}
                    </span>
                  </p>
                  <p class="due-item__meta">
                    <Show when={item.kind === 'action'}>
                      <span>
                        {item.owner ? t('due.owner', { owner: item.owner }) : t('due.noOwner')}
                      </span>
                    </Show>
                    <span>
                      <time datetime={item.day}>{day(item)}</time>
                    </span>
                    <span>{t(`due.status.${item.status}`)}</span>
                  </p>
                </li>
              )}
            </For>
          </ul>
          <Show when={items().length > shown().length}>
            <p class="due__more">{plural('due.more', items().length - shown().length)}</p>
          </Show>
        </Show>
      </section>
    </Show>
  )
}

export default DueList
