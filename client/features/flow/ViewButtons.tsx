import { type Accessor, type Component, createMemo, Show } from 'solid-js'
import {
  bringEveryoneTo,
  type CanvasInfo,
  setCanvasLocked,
  setSpotlight,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { type CanvasNavigator, markBringToMeSent } from './canvasBridge.ts'
import { itemText } from './docText.ts'
import type { FlowControls } from './flowControls.ts'

export interface ViewButtonsProps {
  controls: FlowControls
  /** The canvas board's view, when the canvas feature provides it ("bring everyone to me"). */
  navigator?: Accessor<CanvasNavigator | null>
  canvases: Accessor<CanvasInfo[]>
  /** Bumped after every change of the document (the spotlighted note's text may change). */
  version: Accessor<number>
}

/** What everyone sees: bring them to my view, the spotlighted note, every canvas locked. */
export const ViewButtons: Component<ViewButtonsProps> = (props) => {
  const { t, locale } = useI18n()
  const c = props.controls
  const allLocked = () =>
    props.canvases().length > 0 && props.canvases().every((canvas) => canvas.locked)
  const spotlightText = createMemo(() => {
    props.version()
    const target = c.flow().spotlight
    return target ? (itemText(c.doc, target.canvasId, target.itemId, locale()) ?? '') : null
  })
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons
    <div class="facilitator-bar__group" role="group" aria-label={t('flow.controls.viewGroup')}>
      <Show when={props.navigator?.()}>
        {(nav) => (
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={c.disabled()}
            onClick={() => {
              const view = nav().currentView()
              if (!view) return
              const at = Date.now()
              markBringToMeSent(at)
              c.act(
                () => bringEveryoneTo(c.doc, view, c.origin, at),
                t('flow.controls.bringToMeDone'),
              )
            }}
          >
            {t('flow.controls.bringToMe')}
          </button>
        )}
      </Show>
      <Show when={spotlightText() !== null}>
        <span class="facilitator-bar__note">
          {t('flow.controls.spotlightNow', { text: spotlightText() ?? '' })}
        </span>
        <button
          type="button"
          class="button button--secondary button--small"
          disabled={c.disabled()}
          onClick={() => c.act(() => setSpotlight(c.doc, null, c.origin))}
        >
          {t('flow.controls.spotlightClear')}
        </button>
      </Show>
      <Show when={props.canvases().length > 0}>
        <button
          type="button"
          class="button button--secondary button--small"
          aria-pressed={allLocked() ? 'true' : 'false'}
          disabled={c.disabled()}
          onClick={() => {
            const lock = !allLocked()
            c.act(() =>
              c.doc.transact(() => {
                for (const canvas of props.canvases())
                  setCanvasLocked(c.doc, canvas.id, lock, c.origin)
              }, c.origin),
            )
          }}
        >
          {allLocked() ? t('flow.controls.unlockAll') : t('flow.controls.lockAll')}
        </button>
      </Show>
    </div>
  )
}
