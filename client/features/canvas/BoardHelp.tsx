import { type Component, For } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'

const SHORTCUTS = [
  ['N', 'canvas.shortcuts.new'],
  ['canvas.keys.tab', 'canvas.shortcuts.tab'],
  ['canvas.keys.arrows', 'canvas.shortcuts.arrows'],
  ['canvas.keys.altArrows', 'canvas.shortcuts.resize'],
  ['canvas.keys.enter', 'canvas.shortcuts.edit'],
  ['canvas.keys.escape', 'canvas.shortcuts.escape'],
  ['canvas.keys.space', 'canvas.shortcuts.space'],
  ['C', 'canvas.shortcuts.connect'],
  ['canvas.keys.delete', 'canvas.shortcuts.delete'],
  ['Ctrl+D', 'canvas.shortcuts.duplicate'],
  ['Ctrl+A', 'canvas.shortcuts.all'],
  ['canvas.keys.undo', 'canvas.shortcuts.undo'],
  ['+  −  0  1', 'canvas.shortcuts.zoom'],
] as const

/** The board's hint (its description) and the list of its keyboard shortcuts. */
export const BoardHelp: Component<{ hintId: string; voting: boolean; readOnly: boolean }> = (
  props,
) => {
  const { t } = useI18n()
  const keys = (name: (typeof SHORTCUTS)[number][0]) =>
    name.startsWith('canvas.') ? t(name as Extract<typeof name, `canvas.${string}`>) : name
  return (
    <>
      <p id={props.hintId} class="canvas-hint">
        {props.voting
          ? t('voting.dots.hint')
          : props.readOnly
            ? t('canvas.hint.readOnly')
            : t('canvas.hint.keys')}
      </p>
      <details class="canvas-shortcuts">
        <summary>{t('canvas.shortcuts.title')}</summary>
        <dl>
          <For each={SHORTCUTS}>
            {([name, key]) => (
              <div class="canvas-shortcuts__row">
                <dt>
                  <kbd>{keys(name)}</kbd>
                </dt>
                <dd>{t(key)}</dd>
              </div>
            )}
          </For>
        </dl>
      </details>
    </>
  )
}
