import { type Component, For, Show } from 'solid-js'
import type { CanvasInfo } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'

export interface CanvasTabsProps {
  canvases: CanvasInfo[]
  /** The canvas on screen (its tab is the selected one, the one Tab reaches). */
  currentId: string | null
  /** False until the document's content is known: "loading" rather than "no canvas". */
  ready: boolean
  /** The id of a canvas's tab element (the panel is labelled by it). */
  tabId: (canvasId: string) => string
  /** The id of the panel every tab controls. */
  panelId: string
  /** Shows that canvas; with `focus`, its tab also takes the focus (arrow keys, Home, End). */
  onChoose: (canvasId: string, focus: boolean) => void
}

/**
 * The workshop's canvases as a tab list (one tab per canvas, "locked" said in words): a click
 * or the arrow keys, Home and End choose one. Says so when there is none (yet).
 */
export const CanvasTabs: Component<CanvasTabsProps> = (props) => {
  const { t } = useI18n()

  const onKeyDown = (event: KeyboardEvent) => {
    const list = props.canvases
    const at = list.findIndex((canvas) => canvas.id === props.currentId)
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (at + 1) % list.length
    else if (event.key === 'ArrowLeft') next = (at - 1 + list.length) % list.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = list.length - 1
    if (next === null) return
    event.preventDefault()
    const target = list[next]
    if (target) props.onChoose(target.id, true)
  }

  return (
    <Show
      when={props.canvases.length > 0}
      fallback={
        <p class="muted canvas-tabs-bar__empty">
          {props.ready ? t('canvas.manage.none') : t('canvas.manage.loading')}
        </p>
      }
    >
      <div class="canvas-tabs" role="tablist" aria-label={t('canvas.tabs.label')}>
        <For each={props.canvases}>
          {(canvas) => (
            <button
              type="button"
              role="tab"
              id={props.tabId(canvas.id)}
              class="canvas-tab"
              aria-selected={props.currentId === canvas.id ? 'true' : 'false'}
              aria-controls={props.panelId}
              tabindex={props.currentId === canvas.id ? 0 : -1}
              onClick={() => props.onChoose(canvas.id, false)}
              onKeyDown={onKeyDown}
            >
              {canvas.title}
              <Show when={canvas.locked}>
                <span class="canvas-tab__lock"> {t('canvas.tabs.locked')}</span>
              </Show>
            </button>
          )}
        </For>
      </div>
    </Show>
  )
}
