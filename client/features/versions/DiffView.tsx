import { type Component, For, Show } from 'solid-js'
import { isConnector } from '../../../shared/canvas/kinds/index.ts'
import type {
  EntriesDiff,
  ItemSummary,
  TextDiff,
  VersionDiff,
} from '../../../shared/schema/versions.ts'
import { useI18n } from '../../app/i18n.tsx'
import { clientKind } from '../canvas/kinds/index.ts'

const KNOWN_CHANGES = ['text', 'position', 'size', 'frame', 'cluster', 'colour', 'ends'] as const
const DECISION_FIELDS = ['title', 'context', 'decision', 'rationale'] as const

/** A readable comparison of two versions: canvases (notes added, removed, changed), decisions. */
export const DiffView: Component<{ diff: VersionDiff; title: string }> = (props) => {
  const { t } = useI18n()
  const changeName = (change: string) =>
    (KNOWN_CHANGES as readonly string[]).includes(change) ||
    (DECISION_FIELDS as readonly string[]).includes(change)
      ? t(`diff.change.${change as (typeof KNOWN_CHANGES)[number]}`)
      : change
  const item = (entry: ItemSummary) => (
    <>
      <span class="diff__kind">
        {t(isConnector(entry) ? 'diff.kind.connector' : clientKind(entry.kind).diffLabel)}
      </span>{' '}
      <span class="diff__text">{entry.text.trim() || t('diff.emptyText')}</span>
    </>
  )
  const count = (entries: { added: unknown[]; removed: unknown[]; changed: unknown[] }) =>
    entries.added.length + entries.removed.length + entries.changed.length
  const { plan } = props.diff
  const planCount = () =>
    count(plan.sections) + count(plan.actions) + count(plan.questions) + plan.text.length
  const empty = () =>
    props.diff.canvases.length === 0 &&
    count(props.diff.decisions) === 0 &&
    props.diff.documents.length === 0 &&
    count(props.diff.charters) === 0 &&
    planCount() === 0
  /** Lines added and removed in a text (a document or a plan section). */
  const texts = (list: readonly TextDiff[]) => (
    <ul class="diff__texts">
      <For each={list}>
        {(entry) => (
          <li>
            <strong>{entry.title}</strong>
            <ul class="diff__items">
              <For each={entry.added}>
                {(line) => <li data-change="added">{t('diff.line.added', { text: line })}</li>}
              </For>
              <For each={entry.removed}>
                {(line) => <li data-change="removed">{t('diff.line.removed', { text: line })}</li>}
              </For>
            </ul>
          </li>
        )}
      </For>
    </ul>
  )
  /** Records added, removed and changed (plan entries, charter items). */
  const entries = (diff: EntriesDiff) => (
    <ul class="diff__items">
      <For each={diff.added}>
        {(e) => <li data-change="added">{t('diff.entry.added', { label: e.label })}</li>}
      </For>
      <For each={diff.removed}>
        {(e) => <li data-change="removed">{t('diff.entry.removed', { label: e.label })}</li>}
      </For>
      <For each={diff.changed}>
        {(e) => (
          <li data-change="changed">
            {t('diff.entry.changed', { label: e.label, fields: e.fields.join(', ') })}
          </li>
        )}
      </For>
    </ul>
  )
  return (
    <div class="card diff">
      <h5 class="diff__title">{props.title}</h5>
      <Show when={!empty()} fallback={<p>{t('diff.none')}</p>}>
        <Show when={props.diff.documents.length > 0}>
          <h6>{t('diff.documents')}</h6>
          {texts(props.diff.documents)}
        </Show>
        <Show when={planCount() > 0}>
          <h6>{t('diff.planTitle')}</h6>
          {entries(plan.sections)}
          {entries(plan.actions)}
          {entries(plan.questions)}
          {texts(plan.text)}
        </Show>
        <Show when={count(props.diff.charters) > 0}>
          <h6>{t('diff.chartersTitle')}</h6>
          {entries(props.diff.charters)}
        </Show>
        <Show when={props.diff.canvases.length > 0}>
          <h6>{t('diff.canvases')}</h6>
          <ul class="diff__canvases">
            <For each={props.diff.canvases}>
              {(canvas) => (
                <li class="diff__canvas" data-status={canvas.status}>
                  <p class="diff__canvas-title">
                    <strong>{canvas.title}</strong>{' '}
                    <span class="badge" data-status={canvas.status}>
                      {t(`diff.canvas.${canvas.status}`)}
                    </span>
                  </p>
                  <Show when={canvas.added.length > 0}>
                    <p class="diff__group diff__group--added">
                      {t('diff.added', { count: String(canvas.added.length) })}
                    </p>
                    <ul class="diff__items" data-change="added">
                      <For each={canvas.added}>{(entry) => <li>{item(entry)}</li>}</For>
                    </ul>
                  </Show>
                  <Show when={canvas.removed.length > 0}>
                    <p class="diff__group diff__group--removed">
                      {t('diff.removed', { count: String(canvas.removed.length) })}
                    </p>
                    <ul class="diff__items" data-change="removed">
                      <For each={canvas.removed}>
                        {(entry) => (
                          <li>
                            <del>{item(entry)}</del>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <Show when={canvas.changed.length > 0}>
                    <p class="diff__group diff__group--changed">
                      {t('diff.changed', { count: String(canvas.changed.length) })}
                    </p>
                    <ul class="diff__items" data-change="changed">
                      <For each={canvas.changed}>
                        {(entry) => (
                          <li>
                            {item(entry)}
                            <Show when={entry.changes.includes('text')}>
                              <br />
                              <span class="muted">
                                {t('diff.before', { text: entry.before || t('diff.emptyText') })}
                              </span>
                            </Show>
                            <br />
                            <span class="muted">
                              {t('diff.changes', {
                                list: entry.changes.map(changeName).join(', '),
                              })}
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show
          when={
            props.diff.decisions.added.length +
              props.diff.decisions.removed.length +
              props.diff.decisions.changed.length >
            0
          }
        >
          <h6>{t('diff.decisions')}</h6>
          <ul class="diff__decisions">
            <For each={props.diff.decisions.added}>
              {(entry) => (
                <li data-change="added">
                  {t('diff.decision.added', {
                    title: entry.title,
                    status: t(`decisions.status.${entry.status}`),
                  })}
                </li>
              )}
            </For>
            <For each={props.diff.decisions.removed}>
              {(entry) => (
                <li data-change="removed">{t('diff.decision.removed', { title: entry.title })}</li>
              )}
            </For>
            <For each={props.diff.decisions.changed}>
              {(entry) => (
                <li data-change="changed">
                  <Show when={entry.from !== entry.to}>
                    {t('diff.decision.status', {
                      title: entry.title,
                      from: t(`decisions.status.${entry.from}`),
                      to: t(`decisions.status.${entry.to}`),
                    })}
                  </Show>
                  <Show when={entry.from !== entry.to && entry.edited.length > 0}>
                    <br />
                  </Show>
                  <Show when={entry.edited.length > 0}>
                    {t('diff.decision.edited', {
                      title: entry.title,
                      list: entry.edited.map(changeName).join(', '),
                    })}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  )
}
