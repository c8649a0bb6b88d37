import {
  type Accessor,
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  lazy,
  Show,
  Suspense,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import {
  CANVAS_TITLE_MAX,
  type CanvasInfo,
  canvasTitle,
  createCanvas,
  deleteCanvas,
  moveCanvas,
  type ParticipantRecord,
  renameCanvas,
  setCanvasLocked,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCanvasList } from '../../state/createCanvasList.ts'
import { Notice } from '../../ui/Notice.tsx'
import { Board, type BoardApi } from './Board.tsx'
import { Dialog, PromptDialog } from './Dialog.tsx'
import './canvas.css'

// ── Slot of the outline view and the export menu (another part of the canvas feature) ────
// They are loaded only when used: a participant's first screen does not download them.
const CanvasOutline = lazy(() =>
  import('./outline/CanvasOutline.tsx').then((module) => ({ default: module.CanvasOutline })),
)
const ExportMenu = lazy(() =>
  import('./export/ExportMenu.tsx').then((module) => ({ default: module.ExportMenu })),
)

export interface CanvasAreaProps {
  doc: Y.Doc
  awareness: Awareness | null
  role: Role
  identity: { participantId: string; name: string; group: PartnerGroup }
  participants: Accessor<ParticipantRecord[]>
  /** False for observers, for a document from a newer build, or before the first sync. */
  writable: boolean
  /** False until the document's content is known (first sync or local copy). */
  ready: boolean
}

type CanvasDialog =
  | { kind: 'create' }
  | { kind: 'rename'; canvas: CanvasInfo }
  | { kind: 'delete'; canvas: CanvasInfo }

/**
 * The workshop's canvases: a tab per canvas (create, rename, reorder, delete, lock), the
 * board of the chosen one, and, on demand, its outline view beside it.
 */
export const CanvasArea: Component<CanvasAreaProps> = (props) => {
  const { t } = useI18n()
  /**
   * Origin of every change this connection makes to canvases: one object per connection, so
   * each person's undo manager tracks their own changes and never anyone else's.
   */
  const origin = Object.freeze({
    kind: 'fabrique:canvas',
    participant: props.identity.participantId,
  })
  const canvases = createCanvasList(props.doc)
  const [chosenId, setChosenId] = createSignal<string | null>(null)
  const current = createMemo(
    () => canvases().find((canvas) => canvas.id === chosenId()) ?? canvases()[0] ?? null,
  )
  const currentId = createMemo(() => current()?.id ?? null)
  const [dialog, setDialog] = createSignal<CanvasDialog | null>(null)
  const [outline, setOutline] = createSignal(false)
  let boardApi: BoardApi | null = null
  const baseId = createUniqueId()
  const tabId = (id: string) => `${baseId}-tab-${id}`
  const panelId = `${baseId}-panel`

  const isFacilitator = () => props.role === 'facilitator'
  /** May this person change the canvas (its items, its title, its place)? */
  const canEdit = (canvas: CanvasInfo | null) =>
    canvas !== null && props.writable && (!canvas.locked || isFacilitator())

  const indexOf = (canvas: CanvasInfo) => canvases().findIndex((c) => c.id === canvas.id)

  const run = (write: () => void) => {
    try {
      write()
    } catch (error) {
      console.warn('canvas change refused', error)
    }
  }

  const validTitle = (value: string): string | null => {
    const parsed = canvasTitle.safeParse(value)
    if (parsed.success) return null
    return value.trim() === ''
      ? t('canvas.manage.titleRequired')
      : t('canvas.manage.titleTooLong', { max: CANVAS_TITLE_MAX })
  }

  const focusTab = (id: string) => queueMicrotask(() => document.getElementById(tabId(id))?.focus())

  const onTabKeyDown = (event: KeyboardEvent) => {
    const list = canvases()
    const at = list.findIndex((canvas) => canvas.id === current()?.id)
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (at + 1) % list.length
    else if (event.key === 'ArrowLeft') next = (at - 1 + list.length) % list.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = list.length - 1
    if (next === null) return
    event.preventDefault()
    const target = list[next]
    if (!target) return
    setChosenId(target.id)
    focusTab(target.id)
  }

  return (
    <div class="canvas-area">
      <div class="canvas-tabs-bar">
        <Show
          when={canvases().length > 0}
          fallback={
            <p class="muted canvas-tabs-bar__empty">
              {props.ready ? t('canvas.manage.none') : t('canvas.manage.loading')}
            </p>
          }
        >
          <div class="canvas-tabs" role="tablist" aria-label={t('canvas.tabs.label')}>
            <For each={canvases()}>
              {(canvas) => (
                <button
                  type="button"
                  role="tab"
                  id={tabId(canvas.id)}
                  class="canvas-tab"
                  aria-selected={current()?.id === canvas.id ? 'true' : 'false'}
                  aria-controls={panelId}
                  tabindex={current()?.id === canvas.id ? 0 : -1}
                  onClick={() => setChosenId(canvas.id)}
                  onKeyDown={onTabKeyDown}
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
        {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset */}
        <div class="canvas-manage" role="group" aria-label={t('canvas.manage.label')}>
          <Show when={props.writable}>
            <button type="button" class="canvas-tool" onClick={() => setDialog({ kind: 'create' })}>
              <span aria-hidden="true">+ </span>
              {t('canvas.manage.create')}
            </button>
          </Show>
          <Show when={current()}>
            {(canvas) => (
              <>
                <Show when={canEdit(canvas())}>
                  <button
                    type="button"
                    class="canvas-tool"
                    onClick={() => setDialog({ kind: 'rename', canvas: canvas() })}
                  >
                    {t('canvas.manage.rename')}
                  </button>
                  <button
                    type="button"
                    class="canvas-tool"
                    aria-label={t('canvas.manage.moveLeft', { title: canvas().title })}
                    title={t('canvas.manage.moveLeft', { title: canvas().title })}
                    disabled={indexOf(canvas()) <= 0}
                    onClick={() =>
                      run(() => moveCanvas(props.doc, canvas().id, indexOf(canvas()) - 1, origin))
                    }
                  >
                    <span aria-hidden="true">◀</span>
                  </button>
                  <button
                    type="button"
                    class="canvas-tool"
                    aria-label={t('canvas.manage.moveRight', { title: canvas().title })}
                    title={t('canvas.manage.moveRight', { title: canvas().title })}
                    disabled={indexOf(canvas()) >= canvases().length - 1}
                    onClick={() =>
                      run(() => moveCanvas(props.doc, canvas().id, indexOf(canvas()) + 1, origin))
                    }
                  >
                    <span aria-hidden="true">▶</span>
                  </button>
                </Show>
                <Show when={isFacilitator() && props.writable}>
                  <button
                    type="button"
                    class="canvas-tool"
                    aria-pressed={canvas().locked ? 'true' : 'false'}
                    onClick={() =>
                      run(() => setCanvasLocked(props.doc, canvas().id, !canvas().locked, origin))
                    }
                  >
                    {t('canvas.manage.lock')}
                  </button>
                </Show>
                <Show when={canEdit(canvas())}>
                  <button
                    type="button"
                    class="canvas-tool canvas-tool--danger"
                    onClick={() => setDialog({ kind: 'delete', canvas: canvas() })}
                  >
                    {t('canvas.manage.delete')}
                  </button>
                </Show>
              </>
            )}
          </Show>
        </div>
      </div>

      <Show when={currentId()} keyed>
        {(id) => (
          <div
            id={panelId}
            class="canvas-panel"
            classList={{ 'canvas-panel--with-outline': outline() }}
            role="tabpanel"
            aria-labelledby={tabId(id)}
          >
            <Show when={current()?.locked && !isFacilitator()}>
              <Notice>
                <span class="canvas-locked">{t('canvas.locked.participant')}</span>
              </Notice>
            </Show>
            <Show when={current()?.locked && isFacilitator()}>
              <p class="canvas-locked muted">{t('canvas.locked.facilitator')}</p>
            </Show>
            <div class="canvas-panel__body">
              <Show when={outline()}>
                <section class="canvas-outline-slot" aria-label={t('canvas.outline.region')}>
                  {/* ── Slot: the outline view (client/features/canvas/outline/) ── */}
                  <Suspense fallback={<p role="status">{t('canvas.loadingPart')}</p>}>
                    <CanvasOutline
                      doc={props.doc}
                      canvasId={id}
                      origin={origin}
                      readOnly={!canEdit(current())}
                      identity={{
                        participantId: props.identity.participantId,
                        group: props.identity.group,
                      }}
                      onFocusItem={(itemId) => boardApi?.focusItem(itemId)}
                    />
                  </Suspense>
                </section>
              </Show>
              <Board
                doc={props.doc}
                canvasId={id}
                canvasTitle={current()?.title ?? ''}
                origin={origin}
                readOnly={!canEdit(current())}
                identity={props.identity}
                awareness={props.awareness}
                participants={props.participants}
                ref={(api) => {
                  boardApi = api
                }}
                extraTools={
                  <>
                    <button
                      type="button"
                      class="canvas-tool"
                      aria-pressed={outline() ? 'true' : 'false'}
                      onClick={() => setOutline(!outline())}
                    >
                      <span class="canvas-tool__icon" aria-hidden="true">
                        ☰
                      </span>
                      <span class="canvas-tool__text">{t('canvas.outline.toggle')}</span>
                    </button>
                    {/* ── Slot: the export menu (client/features/canvas/export/) ── */}
                    <Suspense>
                      <ExportMenu
                        doc={props.doc}
                        canvasId={id}
                        canvasTitle={current()?.title ?? ''}
                      />
                    </Suspense>
                  </>
                }
              />
            </div>
          </div>
        )}
      </Show>

      <Show when={dialog()}>
        {(open) => {
          const value = open()
          const close = () => setDialog(null)
          if (value.kind === 'create') {
            return (
              <PromptDialog
                title={t('canvas.manage.createTitle')}
                label={t('canvas.manage.titleLabel')}
                initial={t('canvas.manage.defaultTitle', { n: canvases().length + 1 })}
                submit={t('canvas.manage.createSubmit')}
                cancel={t('canvas.dialog.cancel')}
                maxLength={CANVAS_TITLE_MAX}
                onClose={close}
                onSubmit={(title) => {
                  const error = validTitle(title)
                  if (error) return error
                  let id: string | null = null
                  run(() => {
                    id = createCanvas(props.doc, { title }, origin)
                  })
                  close()
                  if (id) {
                    setChosenId(id)
                    focusTab(id)
                  }
                  return null
                }}
              />
            )
          }
          if (value.kind === 'rename') {
            return (
              <PromptDialog
                title={t('canvas.manage.renameTitle')}
                label={t('canvas.manage.titleLabel')}
                initial={value.canvas.title}
                submit={t('canvas.manage.renameSubmit')}
                cancel={t('canvas.dialog.cancel')}
                maxLength={CANVAS_TITLE_MAX}
                onClose={close}
                onSubmit={(title) => {
                  const error = validTitle(title)
                  if (error) return error
                  run(() => renameCanvas(props.doc, value.canvas.id, title, origin))
                  close()
                  return null
                }}
              />
            )
          }
          return (
            <Dialog
              role="alertdialog"
              title={t('canvas.manage.deleteTitle', { title: value.canvas.title })}
              onClose={close}
              actions={
                <>
                  <button
                    type="button"
                    class="button button--danger"
                    onClick={() => {
                      const at = indexOf(value.canvas)
                      run(() => deleteCanvas(props.doc, value.canvas.id, origin))
                      close()
                      const next = canvases()[Math.max(0, at - 1)]
                      setChosenId(next?.id ?? null)
                      if (next) focusTab(next.id)
                    }}
                  >
                    {t('canvas.manage.deleteConfirm')}
                  </button>
                  <button type="button" class="button button--secondary" onClick={close}>
                    {t('canvas.dialog.cancel')}
                  </button>
                </>
              }
            >
              <p>{t('canvas.manage.deleteBody')}</p>
            </Dialog>
          )
        }}
      </Show>
    </div>
  )
}

export default CanvasArea
