import { type Component, createMemo, createSignal, createUniqueId, For, Show } from 'solid-js'
import type { BoxItem } from '../../../../shared/schema/index.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { isSection, type OutlineContext, shorten } from './outlineModel.ts'

/** "→ linked to: …" / "← linked from: …" for every connector at this item. */
export const Connections: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const links = createMemo(() => props.context.connectorsOf(props.item.id))
  return (
    <Show when={links().length > 0}>
      <ul class="outline__links" aria-label={t('outline.connections')}>
        <For each={links()}>
          {(link) => {
            const outgoing = () => link.from === props.item.id
            const other = () => props.context.box(outgoing() ? link.to : link.from)
            const text = () => {
              const found = other()
              return found ? props.context.name(found) : t('outline.untitledItem')
            }
            return (
              <li>
                {outgoing()
                  ? t('outline.linkedTo', { text: text() })
                  : t('outline.linkedFrom', { text: text() })}
                <Show when={link.text.trim()}>
                  {' '}
                  {t('outline.linkLabel', { label: shorten(link.text) })}
                </Show>
              </li>
            )
          }}
        </For>
      </ul>
    </Show>
  )
}

/** Show on canvas; and unless read-only: move to another frame, delete (with confirmation). */
export const ItemActions: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const selectId = createUniqueId()
  const questionId = createUniqueId()
  const [confirming, setConfirming] = createSignal(false)
  let deleteButton: HTMLButtonElement | undefined
  let select: HTMLSelectElement | undefined
  const label = () => props.context.name(props.item)

  const startDelete = () => {
    setConfirming(true)
    // The confirmation replaced nothing: move focus into it so a keyboard user lands there.
    queueMicrotask(() =>
      deleteButton?.parentElement?.querySelector<HTMLButtonElement>('[data-confirm]')?.focus(),
    )
  }
  const cancel = () => {
    setConfirming(false)
    deleteButton?.focus()
  }
  const confirm = (event: MouseEvent & { currentTarget: HTMLButtonElement }) => {
    const section = event.currentTarget.closest('section')
    const heading = section?.querySelector<HTMLElement>('h3') ?? null
    setConfirming(false)
    props.context.remove(props.item, isSection(props.item) ? null : heading)
  }

  return (
    <div class="outline__actions">
      <Show when={props.context.mayMove() && !isSection(props.item)}>
        <div class="outline__move">
          <label for={selectId}>{t('outline.move.label')}</label>
          <select
            id={selectId}
            ref={(element) => {
              select = element
            }}
            value={props.item.frame ?? ''}
          >
            <option value="">{t('outline.move.none')}</option>
            <For each={props.context.frames()}>
              {(frame) => <option value={frame.id}>{props.context.name(frame)}</option>}
            </For>
          </select>
          <button
            type="button"
            class="button button--secondary"
            aria-label={t('outline.move.submitLabel', { item: label() })}
            onClick={() => props.context.move(props.item, select?.value ? select.value : null)}
          >
            {t('outline.move.submit')}
          </button>
        </div>
      </Show>
      <button
        type="button"
        class="button button--secondary"
        aria-label={t('outline.showLabel', { item: label() })}
        onClick={() => props.context.focusItem(props.item.id)}
      >
        {t('outline.show')}
      </button>
      <Show when={props.context.mayDelete(props.item)}>
        <button
          type="button"
          class="button button--secondary"
          ref={(element) => {
            deleteButton = element
          }}
          aria-label={t('outline.deleteLabel', { item: label() })}
          aria-expanded={confirming()}
          onClick={startDelete}
        >
          {t('outline.delete')}
        </button>
        <Show when={confirming()}>
          <div class="outline__confirm">
            <p id={questionId}>{t('outline.delete.question', { item: label() })}</p>
            <button
              type="button"
              class="button button--primary"
              data-confirm
              aria-describedby={questionId}
              onClick={confirm}
            >
              {t('outline.delete.confirm')}
            </button>
            <button type="button" class="button button--secondary" onClick={cancel}>
              {t('outline.delete.cancel')}
            </button>
          </div>
        </Show>
      </Show>
    </div>
  )
}
