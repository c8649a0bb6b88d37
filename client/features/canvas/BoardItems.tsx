import { type Accessor, type Component, createMemo, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { itemColour } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { LayeredContent } from './createLayeredContent.ts'
import { LockIcon } from './DotVotingUi.tsx'
import type { Editor } from './editor/editor.ts'
import { clientKind } from './kinds/index.ts'

/** What every item view reads: the editor, the canvas, and who is editing what. */
export interface ItemContext {
  editor: Editor
  content: LayeredContent
  canvasId: string
  spotlit: Accessor<string | null>
  editorsOf: (id: string) => readonly string[] | undefined
}

/**
 * One box: an `option` of the board's listbox with a roving tabindex, placed in canvas
 * coordinates (where it is dragged or resized to, while that runs).
 */
export const ItemView: Component<{ id: string; context: ItemContext }> = (props) => {
  const { t } = useI18n()
  const { editor, content } = props.context
  const { state, labels } = editor
  const rect = () => editor.rectOf(props.id)
  const selected = () => state.selection.get().has(props.id)
  const editors = () => props.context.editorsOf(props.id)
  const isPrivate = () => editor.isPrivate(props.id)
  const spotlight = () => props.context.spotlit() === props.id
  return (
    <Show when={content.box(props.id)} keyed>
      {(box) => (
        // biome-ignore lint/a11y/useFocusableInteractive: roving tabindex (0 or -1), set below
        <div
          class={`canvas-item ${clientKind(box.kind).className(box)}`}
          classList={{
            'is-private': isPrivate(),
            'is-selected': selected(),
            'is-connect-source': state.connectFrom.get() === props.id,
            'is-edited-by-other': editors() !== undefined,
            'is-spotlight': spotlight(),
          }}
          data-item-id={props.id}
          data-kind={box.kind}
          data-group={box.group ?? undefined}
          role="option"
          aria-selected={selected() ? 'true' : 'false'}
          aria-label={labels.item(box)}
          tabindex={state.activeId.get() === props.id ? 0 : -1}
          onFocus={() => state.activeId.set(props.id)}
          // Placed by left/top, not a transform of its own: hundreds of transformed boxes made
          // every frame's compositing (Layerize) cost milliseconds.
          style={{
            left: `${rect()?.x ?? 0}px`,
            top: `${rect()?.y ?? 0}px`,
            width: `${rect()?.w ?? 0}px`,
            height: `${rect()?.h ?? 0}px`,
            '--item-colour': itemColour(box),
            // Only the spotlight ring reads it: set on the world, each zoom step restyled every box.
            '--inv-scale': spotlight() ? `${1 / state.camera.get().scale}` : undefined,
          }}
        >
          {/* Top to bottom, as its name says them (WCAG 2.5.3: a part cut off by the board's
              edge leaves the rest in the name's order); spaces keep their words apart. */}
          <Show when={editors()}>
            {(names) => (
              <span class="canvas-item__editing" aria-hidden="true">
                {t('canvas.item.editing', { names: names().join(', ') })}
              </span>
            )}
          </Show>{' '}
          <Show when={isPrivate()}>
            <span class="canvas-item__private" aria-hidden="true">
              <LockIcon /> {t('private.badge')}
            </span>
          </Show>{' '}
          <Dynamic
            component={clientKind(box.kind).View}
            item={box}
            text={content.text(box)}
            author={labels.author(box)}
            groupLabel={box.group ? labels.groupName(box.group) : null}
          />
          <Show
            when={
              selected() && state.selection.get().size === 1 && editor.rights.canResize(props.id)
            }
          >
            <span class="canvas-item__handle" aria-hidden="true" />
          </Show>
        </div>
      )}
    </Show>
  )
}

/** A connector's line (its wide twin takes the pointer). */
export const ConnectorView: Component<{ id: string; context: ItemContext }> = (props) => {
  const { editor, content, canvasId } = props.context
  const line = createMemo(() => editor.endsOf(props.id))
  const arrow = () => content.connector(props.id)?.arrow
  return (
    <Show when={line()}>
      {(at) => (
        <g
          class="canvas-connector"
          classList={{ 'is-selected': editor.state.selection.get().has(props.id) }}
          data-connector-id={props.id}
        >
          <line
            class="canvas-connector__hit"
            x1={at().from.x}
            y1={at().from.y}
            x2={at().to.x}
            y2={at().to.y}
          />
          <line
            class="canvas-connector__line"
            x1={at().from.x}
            y1={at().from.y}
            x2={at().to.x}
            y2={at().to.y}
            marker-end={
              arrow() === 'end' || arrow() === 'both' ? `url(#arrow-${canvasId})` : undefined
            }
            marker-start={arrow() === 'both' ? `url(#arrow-${canvasId})` : undefined}
          />
        </g>
      )}
    </Show>
  )
}

/**
 * A connector's label at the middle of its line: an option of the board (Tab reaches it after
 * the boxes), edited in place like a note's text (Enter, F2, double click).
 */
export const ConnectorLabelView: Component<{ id: string; context: ItemContext }> = (props) => {
  const { editor, content } = props.context
  const area = createMemo(() => editor.areaOf(props.id))
  const selected = () => editor.state.selection.get().has(props.id)
  return (
    <Show when={area()}>
      {(at) => (
        // biome-ignore lint/a11y/useFocusableInteractive: roving tabindex (0 or -1), set below
        <div
          class="canvas-connector-label"
          classList={{
            'is-selected': selected(),
            'is-empty': !content.connector(props.id)?.text.trim(),
            'is-private': editor.isPrivate(props.id),
          }}
          data-item-id={props.id}
          data-kind="connector"
          role="option"
          aria-selected={selected() ? 'true' : 'false'}
          aria-label={editor.labels.connector(props.id)}
          tabindex={editor.state.activeId.get() === props.id ? 0 : -1}
          onFocus={() => editor.state.activeId.set(props.id)}
          style={{
            transform: `translate(${at().x + at().w / 2}px, ${at().y + at().h / 2}px) translate(-50%, -50%)`,
            'max-width': `${at().w}px`,
          }}
        >
          {content.connector(props.id)?.text}
        </div>
      )}
    </Show>
  )
}
