import { type Accessor, type Component, createSignal, For, type JSX, Show } from 'solid-js'
import type { BoxKind, Shape } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { LAYERED_TOOLS } from './editor/commands.ts'
import type { Editor } from './editor/editor.ts'
import { ToolMenu } from './ToolMenu.tsx'

/** Colours offered besides the author's group colour; each has a name, never colour alone. */
const PALETTE = [
  { value: '#FFF4B3', key: 'yellow' },
  { value: '#CDE8FF', key: 'blue' },
  { value: '#D5F5DC', key: 'green' },
  { value: '#FFD9D2', key: 'red' },
  { value: '#E8DDFB', key: 'purple' },
  { value: '#E6E6E6', key: 'grey' },
] as const

/** The secondary tools that add an item (the note has its own, always shown). */
const ADD_TOOLS: ReadonlyArray<{
  key: 'text' | 'rect' | 'ellipse' | 'frame'
  icon: string
  kind: BoxKind
  shape?: Shape
}> = [
  { key: 'text', icon: 'T', kind: 'text' },
  { key: 'rect', icon: '▭', kind: 'shape', shape: 'rect' },
  { key: 'ellipse', icon: '◯', kind: 'shape', shape: 'ellipse' },
  { key: 'frame', icon: '⬚', kind: 'frame' },
]

const LAYERED_ICONS = { front: '⇡', align: '#' } as const

/** The ARIA key names a tooltip spells in the reader's language ("Control+Z": "Ctrl+Z"). */
const NAMED_KEYS = ['Control', 'Shift', 'Enter', 'Delete'] as const
const isNamedKey = (key: string): key is (typeof NAMED_KEYS)[number] =>
  (NAMED_KEYS as readonly string[]).includes(key)

/** A tool button (toolbar, its menus, canvas management): an icon, its name as name and tooltip. */
export const ToolButton: Component<{
  label: string
  icon: JSX.Element
  onClick: () => void
  disabled?: boolean
  pressed?: boolean
  shortcut?: string
  /** Phones: hidden until the "Tools" disclosure is open. */
  secondary?: boolean
  /** The label stays visible next to the icon (otherwise only in the tooltip). */
  labelled?: boolean
  /** No text beside the icon where no toolbar hides it (the canvas management row). */
  iconOnly?: boolean
  /** A destructive action (deleting a canvas), drawn in the error colour. */
  danger?: boolean
}> = (button) => {
  const { t } = useI18n()
  const keys = (shortcut: string) =>
    shortcut
      .split('+')
      .map((key) => (isNamedKey(key) ? t(`canvas.key.${key}`) : key))
      .join('+')
  return (
    <button
      type="button"
      class="canvas-tool"
      classList={{
        'canvas-tool--secondary': button.secondary === true,
        'canvas-tool--labelled': button.labelled === true,
        'canvas-tool--danger': button.danger === true,
      }}
      aria-label={button.label}
      aria-pressed={button.pressed === undefined ? undefined : button.pressed ? 'true' : 'false'}
      aria-keyshortcuts={button.shortcut}
      title={button.shortcut ? `${button.label} (${keys(button.shortcut)})` : button.label}
      data-tip={button.label}
      disabled={button.disabled}
      onClick={() => button.onClick()}
    >
      <span class="canvas-tool__icon" aria-hidden="true">
        {button.icon}
      </span>
      <Show when={button.iconOnly !== true}>
        <span class="canvas-tool__text" aria-hidden="true">
          {button.label}
        </span>
      </Show>
    </button>
  )
}

export interface BoardToolbarProps {
  editor: Editor
  canvasId: string
  readOnly: boolean
  spotlit: Accessor<string | null>
  onSpotlight?: ((itemId: string | null) => void) | undefined
  extraTools?: JSX.Element
  toolsOpen?: boolean | undefined
  onToolsOpen?: ((open: boolean) => void) | undefined
}

/** The board's toolbar: every action of the editor, as buttons that say when they apply. */
export const BoardToolbar: Component<BoardToolbarProps> = (props) => {
  const { t } = useI18n()
  const editor = props.editor
  const { rights, state, labels, model } = editor
  // Phones: the secondary tools behind "Tools" (the canvas area may hold this state, so its
  // canvas management follows the same disclosure).
  const [ownToolsOpen, setOwnToolsOpen] = createSignal(false)
  const toolsOpen = () => props.toolsOpen ?? ownToolsOpen()
  const setToolsOpen = (open: boolean) => {
    setOwnToolsOpen(open)
    props.onToolsOpen?.(open)
  }
  /** Closes the "More actions" menu (focus back on its button) before one of its actions. */
  let closeMore: ((refocus: boolean) => void) | undefined
  const fromMenu = (action: () => void) => () => {
    closeMore?.(true)
    action()
  }
  const targets = editor.targets
  const boxTargets = editor.boxTargets
  const colourValue = () => {
    const first = boxTargets()[0]
    return (first ? model.box(first)?.colour : null) ?? ''
  }
  const zoomPercent = () => Math.round(state.camera.get().scale * 100)
  const zoomLabel = () => t('canvas.tool.zoomReset', { percent: zoomPercent() })
  const spotlight = () => editor.spotlightTarget()

  return (
    <div
      id={`canvas-toolbar-${props.canvasId}`}
      class="canvas-toolbar"
      classList={{ 'is-tools-open': toolsOpen() }}
      role="toolbar"
      aria-label={t('canvas.toolbar.label')}
    >
      {/* Phones: the most used tools stay; this discloses the others (shown after it). */}
      <button
        type="button"
        class="canvas-tool canvas-tool--labelled canvas-tools-toggle"
        aria-expanded={toolsOpen() ? 'true' : 'false'}
        onClick={() => setToolsOpen(!toolsOpen())}
      >
        {t('canvas.tool.tools')}
        <span class="canvas-menu__caret" aria-hidden="true">
          {toolsOpen() ? '▴' : '▾'}
        </span>
      </button>
      <Show when={!props.readOnly}>
        <div class="canvas-toolbar__group">
          <ToolButton
            label={t('canvas.tool.note')}
            icon="▢"
            shortcut="N"
            labelled
            disabled={!rights.targetLayer('note')}
            onClick={() => editor.add('note')}
          />
          <For each={ADD_TOOLS}>
            {(tool) => (
              <ToolButton
                label={t(`canvas.tool.${tool.key}`)}
                icon={tool.icon}
                secondary
                disabled={!rights.targetLayer(tool.kind)}
                onClick={() => editor.add(tool.kind, tool.shape)}
              />
            )}
          </For>
          <ToolButton
            label={t('canvas.tool.addMode')}
            icon="✚"
            disabled={!rights.targetLayer('note')}
            pressed={state.addMode.get()}
            onClick={editor.toggleAddMode}
          />
        </div>
        <div class="canvas-toolbar__group">
          <ToolButton
            label={t('canvas.tool.undo')}
            icon="↶"
            shortcut="Control+Z"
            disabled={!state.undo.get().canUndo}
            onClick={editor.undo}
          />
          <ToolButton
            label={t('canvas.tool.redo')}
            icon="↷"
            shortcut="Control+Shift+Z"
            secondary
            disabled={!state.undo.get().canRedo}
            onClick={editor.redo}
          />
        </div>
        <div class="canvas-toolbar__group canvas-toolbar__group--secondary">
          <ToolButton
            label={t('canvas.tool.edit')}
            icon="✎"
            shortcut="Enter"
            disabled={targets().length !== 1 || !targets().every(rights.canWrite)}
            onClick={() => {
              const id = targets()[0]
              if (id) editor.edit(id)
            }}
          />
          <ToolButton
            label={t('canvas.tool.connect')}
            icon="→"
            shortcut="C"
            disabled={
              boxTargets().length !== 1 ||
              model.boxIds().length < 2 ||
              !boxTargets().every(rights.canAddFrom)
            }
            onClick={() => {
              const id = boxTargets()[0]
              editor.startConnect(id)
              if (id) editor.focusItem(id)
            }}
          />
          <ToolButton
            label={t('canvas.tool.delete')}
            icon="✕"
            shortcut="Delete"
            disabled={!targets().some(rights.canDelete)}
            onClick={() => editor.remove(targets())}
          />
          <ToolMenu
            label={t('canvas.tool.more')}
            icon="⋯"
            ref={(close) => {
              closeMore = close
            }}
          >
            <ToolButton
              label={t('canvas.tool.duplicate')}
              icon="❐"
              shortcut="Control+D"
              disabled={!boxTargets().some(rights.canAddFrom)}
              onClick={fromMenu(editor.duplicate)}
            />
            <For each={LAYERED_TOOLS}>
              {(tool) => (
                <ToolButton
                  label={t(`canvas.tool.${tool}`)}
                  icon={LAYERED_ICONS[tool]}
                  disabled={editor.layeredTargets(tool).length === 0}
                  onClick={fromMenu(() => editor.runLayered(tool))}
                />
              )}
            </For>
            <ToolButton
              label={t('canvas.tool.cluster')}
              icon="⊞"
              disabled={!editor.canCreateCluster()}
              onClick={fromMenu(editor.startCluster)}
            />
            <ToolButton
              label={t('canvas.tool.renameCluster')}
              icon="✎"
              disabled={!rights.canRenameClusters() || editor.renameTarget() === null}
              onClick={fromMenu(() => editor.startRename(editor.renameTarget()))}
            />
            <ToolButton
              label={t('canvas.tool.uncluster')}
              icon="⊟"
              disabled={!editor.canUncluster()}
              onClick={fromMenu(editor.uncluster)}
            />
            <label class="canvas-colour">
              <span class="canvas-colour__text">{t('canvas.tool.colour')}</span>
              <select
                aria-label={t('canvas.tool.colour')}
                disabled={!boxTargets().some(rights.canWrite)}
                value={colourValue()}
                onChange={(event) => editor.setColour(event.currentTarget.value || null)}
              >
                <option value="">{t('canvas.colour.group')}</option>
                <For each={PALETTE}>
                  {(colour) => (
                    <option value={colour.value}>{t(`canvas.colour.${colour.key}`)}</option>
                  )}
                </For>
              </select>
            </label>
          </ToolMenu>
        </div>
      </Show>
      <Show when={props.onSpotlight}>
        {(onSpotlight) => (
          <div class="canvas-toolbar__group canvas-toolbar__group--secondary">
            <ToolButton
              label={t('canvas.tool.spotlight')}
              icon="★"
              disabled={spotlight() === null}
              pressed={spotlight() !== null && spotlight() === props.spotlit()}
              onClick={() => {
                const id = spotlight()
                if (!id) return
                if (id === props.spotlit()) {
                  onSpotlight()(null)
                  editor.announce(t('canvas.announce.spotlightOff'))
                } else {
                  onSpotlight()(id)
                  editor.announce(t('canvas.announce.spotlight', { item: labels.short(id) }))
                }
              }}
            />
          </div>
        )}
      </Show>
      <div class="canvas-toolbar__group">
        <ToolButton
          label={t('canvas.tool.zoomOut')}
          icon="−"
          shortcut="-"
          secondary
          onClick={() => editor.zoomBy(1 / 1.25)}
        />
        <button
          type="button"
          class="canvas-tool canvas-tool--zoom canvas-tool--secondary"
          aria-label={zoomLabel()}
          aria-keyshortcuts="0"
          title={zoomLabel()}
          data-tip={zoomLabel()}
          onClick={editor.resetZoom}
        >
          {zoomPercent()} %
        </button>
        <ToolButton
          label={t('canvas.tool.zoomIn')}
          icon="+"
          shortcut="+"
          secondary
          onClick={() => editor.zoomBy(1.25)}
        />
        <ToolButton label={t('canvas.tool.fit')} icon="⤢" shortcut="1" onClick={editor.zoomToFit} />
      </div>
      <Show when={props.extraTools}>
        <div class="canvas-toolbar__group canvas-toolbar__group--secondary">{props.extraTools}</div>
      </Show>
    </div>
  )
}
