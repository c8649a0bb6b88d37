import { type Component, createMemo, createUniqueId, For, Show } from 'solid-js'
import { boxKind } from '../../../../shared/canvas/kinds/index.ts'
import { summariseCounts } from '../../../../shared/export/words.ts'
import { type BoxItem, ITEM_TEXT_MAX } from '../../../../shared/schema/index.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { GroupBadge } from '../../../ui/GroupBadge.tsx'
import { LiveText } from '../../../ui/LiveText.tsx'
import { clientKind } from '../kinds/index.ts'
import { AddNote } from './AddNote.tsx'
import { Connections, ItemActions } from './ItemActions.tsx'
import { countKinds, type OutlineContext } from './outlineModel.ts'

/** One frame (or "Not in a frame"): its clusters, its other items, and a form to add a note. */
export const OutlineSection: Component<{
  frame: BoxItem | null
  items: BoxItem[]
  context: OutlineContext
}> = (props) => {
  const { t, words } = useI18n()
  const headingId = createUniqueId()
  const title = () => (props.frame ? props.context.name(props.frame) : t('outline.noFrame'))
  const known = createMemo(() => new Set(props.context.clusters().map((cluster) => cluster.id)))
  const clustersHere = createMemo(() =>
    props.context.clusters().filter((cluster) => props.items.some((i) => i.cluster === cluster.id)),
  )
  const loose = createMemo(() =>
    props.items.filter((item) => item.cluster === null || !known().has(item.cluster)),
  )
  const count = () => summariseCounts(words(), countKinds(props.items)) || t('outline.sectionEmpty')

  return (
    <section class="outline__section" aria-labelledby={headingId}>
      <h3 id={headingId} class="outline__heading" tabindex="-1">
        {title()} <span class="outline__count">({count()})</span>
      </h3>
      <Show when={props.frame}>
        {(frame) => (
          <div class="outline__frame-tools">
            <Show when={props.context.mayEdit(frame())}>
              <LiveText
                wrapperClass="outline__field"
                label={t(clientKind(frame().kind).outline.editLabel)}
                value={props.context.text(frame())}
                multiline={false}
                maxLength={ITEM_TEXT_MAX}
                onInput={(value) => props.context.editText(frame().id, value)}
              />
            </Show>
            <Connections item={frame()} context={props.context} />
            <ItemActions item={frame()} context={props.context} />
          </div>
        )}
      </Show>
      <For each={clustersHere()}>
        {(cluster) => {
          const clusterHeading = createUniqueId()
          const members = createMemo(() => props.items.filter((i) => i.cluster === cluster.id))
          return (
            <div class="outline__cluster">
              <h4 id={clusterHeading} class="outline__cluster-title">
                {t('outline.cluster', {
                  name: cluster.name.trim() || t('outline.cluster.untitled'),
                })}{' '}
                <span class="outline__count">
                  ({summariseCounts(words(), countKinds(members()))})
                </span>
              </h4>
              <ul class="outline__list" aria-labelledby={clusterHeading}>
                <For each={members()}>
                  {(item) => <OutlineEntry item={item} context={props.context} />}
                </For>
              </ul>
            </div>
          )
        }}
      </For>
      <Show
        when={loose().length > 0}
        fallback={
          <Show when={props.items.length === 0}>
            <p class="muted">{t('outline.sectionEmpty')}</p>
          </Show>
        }
      >
        <ul class="outline__list">
          <For each={loose()}>{(item) => <OutlineEntry item={item} context={props.context} />}</For>
        </ul>
      </Show>
      <Show when={props.context.mayAdd()}>
        <AddNote frame={props.frame} place={title()} context={props.context} />
      </Show>
    </section>
  )
}

/** One note, text or shape: its text, kind, author group (as text), links, and actions. */
const OutlineEntry: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const textId = createUniqueId()
  const editLabel = () => t(clientKind(props.item.kind).outline.editLabel)
  const text = () => props.context.text(props.item)
  return (
    <li class="outline__item" data-item-id={props.item.id} tabindex="-1" aria-labelledby={textId}>
      <Show
        when={props.context.mayEdit(props.item)}
        fallback={
          <p id={textId} class="outline__text">
            {text().trim() ? text() : t('outline.untitledItem')}
          </p>
        }
      >
        <span id={textId} class="visually-hidden">
          {props.context.name(props.item)}
        </span>
        <LiveText
          wrapperClass="outline__field"
          label={editLabel()}
          value={text()}
          rows={3}
          maxLength={ITEM_TEXT_MAX}
          onInput={(value) => props.context.editText(props.item.id, value)}
        />
      </Show>
      <p class="outline__meta">
        <span class="outline__kind">{t(boxKind(props.item.kind).messages.name(props.item))}</span>
        <span aria-hidden="true"> · </span>
        <Show
          when={props.item.group}
          fallback={
            <span class="outline__group">
              {t('outline.author', { group: t('outline.group.unknown') })}
            </span>
          }
        >
          {(group) => (
            <GroupBadge
              group={group()}
              label={t('outline.author', { group: t(`group.${group()}`) })}
            />
          )}
        </Show>
        {/* Someone else's, while this person may write: readable (and movable), not theirs to change. */}
        <Show when={props.context.mayAdd() && !props.context.mayEdit(props.item)}>
          <span aria-hidden="true"> · </span>
          <span class="outline__not-yours">{t('rights.item.readOnly')}</span>
        </Show>
      </p>
      <Connections item={props.item} context={props.context} />
      <ItemActions item={props.item} context={props.context} />
    </li>
  )
}
