import { type Accessor, type Component, For, Index, Show } from 'solid-js'
import { GROUP_COLOURS } from '../../../shared/groups.ts'
import { CLUSTER_NAME_MAX } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { RemotePresence } from '../../state/createCanvasPresence.ts'
import type { LayeredContent } from './createLayeredContent.ts'
import { LockIcon } from './DotVotingUi.tsx'
import type { Editor } from './editor/editor.ts'
import { boundsOf, type Rect, toScreen } from './geometry.ts'
import { ItemEditor } from './ItemEditor.tsx'
import { PromptDialog } from './PromptDialog.tsx'

const place = (rect: Rect, pad = { x: 0, top: 0, bottom: 0 }) => ({
  transform: `translate(${rect.x - pad.x}px, ${rect.y - pad.top}px)`,
  width: `${rect.w + 2 * pad.x}px`,
  height: `${rect.h + pad.top + pad.bottom}px`,
})

/** Named clusters: an outline round their boxes, with the name above (double click: rename). */
export const ClusterOutlines: Component<{ content: LayeredContent }> = (props) => {
  const outlines = () =>
    props.content.state.clusters.flatMap((cluster) => {
      const bounds = boundsOf(
        props.content.snapshot().filter((box) => props.content.box(box.id)?.cluster === cluster.id),
      )
      return bounds ? [{ id: cluster.id, name: cluster.name, bounds }] : []
    })
  return (
    <For each={outlines()}>
      {(cluster) => (
        <div
          class="canvas-cluster"
          aria-hidden="true"
          style={place(cluster.bounds, { x: 10, top: 30, bottom: 10 })}
        >
          <span class="canvas-cluster__name" data-cluster-id={cluster.id}>
            {cluster.name}
          </span>
        </div>
      )}
    </For>
  )
}

/** The marquee being drawn, the spotlight's label, and the text editor of the edited item. */
export const WorldOverlays: Component<{
  editor: Editor
  canvasId: string
  origin: object
  spotlit: Accessor<string | null>
}> = (props) => {
  const { t } = useI18n()
  const { editor } = props
  const { state } = editor
  const spotlightRect = () => {
    const id = props.spotlit()
    return id ? editor.rectOf(id) : null
  }
  return (
    <>
      <Show when={state.marquee.get()}>
        {(area) => <div class="canvas-marquee" aria-hidden="true" style={place(area())} />}
      </Show>
      <Show when={spotlightRect()}>
        {(rect) => (
          <div
            class="canvas-spotlight-label"
            aria-hidden="true"
            style={{
              transform: `translate(${rect().x}px, ${rect().y}px) scale(${1 / state.camera.get().scale}) translateY(calc(-100% - 16px))`,
            }}
          >
            <span aria-hidden="true">★ </span>
            {t('canvas.item.spotlight')}
          </div>
        )}
      </Show>
      <Show when={state.editingId.get()} keyed>
        {(id) => {
          const rect = () => editor.areaOf(id) ?? { x: 0, y: 0, w: 160, h: 80 }
          return (
            <div
              class="canvas-editor-wrap canvas-board__overlay-ui"
              style={{
                transform: `translate(${rect().x}px, ${rect().y}px)`,
                width: `${Math.max(rect().w, 160)}px`,
                height: `${Math.max(rect().h, 80)}px`,
              }}
            >
              <ItemEditor
                doc={editor.docOf(id)}
                canvasId={props.canvasId}
                itemId={id}
                seedText={editor.model.box(id)?.seedText}
                origin={props.origin}
                label={editor.labels.editor(id)}
                onClose={editor.closeEditor}
                onUndo={editor.undo}
                onRedo={editor.redo}
              />
            </div>
          )
        }}
      </Show>
    </>
  )
}

/** Everyone else's pointer on this canvas, with their name and group. */
export const Cursors: Component<{ editor: Editor; presence: Accessor<RemotePresence[]> }> = (
  props,
) => {
  const { t } = useI18n()
  const cursors = () => props.presence().filter((person) => person.cursor !== null)
  return (
    <div class="canvas-cursors" aria-hidden="true">
      <Index each={cursors()}>
        {(person) => {
          const at = () => {
            const cursor = person().cursor
            return cursor ? toScreen(props.editor.state.camera.get(), cursor) : { x: -100, y: -100 }
          }
          return (
            <div
              class="canvas-cursor"
              data-group={person().user.group}
              style={{
                transform: `translate(${at().x}px, ${at().y}px)`,
                '--cursor-colour': GROUP_COLOURS[person().user.group],
              }}
            >
              <svg
                width="16"
                height="16"
                viewBox="0 0 16 16"
                class="canvas-cursor__arrow"
                aria-hidden="true"
              >
                <path d="M1 1 L14 7 L8 9 L6 15 z" />
              </svg>
              <span class="canvas-cursor__name">
                {person().user.name} · {t(`group.${person().user.group}`)}
              </span>
            </div>
          )
        }}
      </Index>
    </div>
  )
}

/** Private writing: whose notes these are, how many, and whether they are saved. */
export const PrivateBanner: Component<{
  canvasId: string
  count: number
  status?: string | undefined
}> = (props) => {
  const { t, plural } = useI18n()
  return (
    <section class="canvas-private-banner" aria-labelledby={`private-banner-${props.canvasId}`}>
      <h3 id={`private-banner-${props.canvasId}`} class="canvas-private-banner__title">
        <LockIcon /> {t('private.banner.title')}
      </h3>
      <p>{t('private.banner.body')}</p>
      <p>
        {plural('private.banner.count', props.count)}{' '}
        <span class="canvas-private-banner__status">{props.status}</span>
      </p>
    </section>
  )
}

/** Naming a new group of items, or renaming one. */
export const ClusterDialog: Component<{ editor: Editor }> = (props) => {
  const { t } = useI18n()
  const dialog = props.editor.state.clusterDialog
  return (
    <Show when={dialog.get()} keyed>
      {(open) => (
        <PromptDialog
          title={
            open.kind === 'create'
              ? t('canvas.cluster.title')
              : t('canvas.cluster.renameTitle', { name: open.cluster.name })
          }
          label={t('canvas.cluster.name')}
          initial={open.kind === 'create' ? '' : open.cluster.name}
          submit={t(
            open.kind === 'create' ? 'canvas.cluster.submit' : 'canvas.cluster.renameSubmit',
          )}
          cancel={t('canvas.dialog.cancel')}
          maxLength={CLUSTER_NAME_MAX}
          onClose={() => dialog.set(null)}
          onSubmit={props.editor.submitCluster}
        />
      )}
    </Show>
  )
}
