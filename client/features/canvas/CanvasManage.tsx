import { type Component, createSignal, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  CANVAS_TITLE_MAX,
  type CanvasInfo,
  canvasTitle,
  createCanvas,
  deleteCanvas,
  moveCanvas,
  renameCanvas,
  setCanvasLocked,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { ToolButton } from './BoardToolbar.tsx'
import { LockIcon } from './DotVotingUi.tsx'
import { PromptDialog } from './PromptDialog.tsx'

/** Runs a change of the workshop's canvases or flow; a refused one is logged, not thrown. */
export const runCanvasChange = (write: () => void) => {
  try {
    write()
  } catch (error) {
    console.warn('canvas change refused', error)
  }
}

/** A waste bin (delete the canvas); system fonts may lack an emoji for it. */
const TrashIcon: Component = () => (
  <svg width="0.9em" height="0.9em" viewBox="0 0 16 16" aria-hidden="true">
    <path
      fill="currentColor"
      d="M6 1h4l.5 1H14v2H2V2h3.5L6 1ZM3 5h10l-.8 10H3.8L3 5Zm3 2v6h1.2V7H6Zm2.8 0v6H10V7H8.8Z"
    />
  </svg>
)

type CanvasDialog =
  | { kind: 'create' }
  | { kind: 'rename'; canvas: CanvasInfo }
  | { kind: 'delete'; canvas: CanvasInfo }

/** Asks for a canvas's title (a new canvas, a new name); closes, then `onSave` gets it. */
const TitleDialog: Component<{
  title: string
  initial: string
  submit: string
  onClose: () => void
  onSave: (title: string) => void
}> = (props) => {
  const { t } = useI18n()
  const titleProblem = (value: string): string | null => {
    if (canvasTitle.safeParse(value).success) return null
    return value.trim() === ''
      ? t('canvas.manage.titleRequired')
      : t('canvas.manage.titleTooLong', { max: CANVAS_TITLE_MAX })
  }
  return (
    <PromptDialog
      title={props.title}
      label={t('canvas.manage.titleLabel')}
      initial={props.initial}
      submit={props.submit}
      cancel={t('canvas.dialog.cancel')}
      maxLength={CANVAS_TITLE_MAX}
      onClose={props.onClose}
      onSubmit={(value) => {
        const problem = titleProblem(value)
        if (problem) return problem
        props.onClose()
        props.onSave(value)
        return null
      }}
    />
  )
}

export interface CanvasManageProps {
  doc: Y.Doc
  /** The connection's origin of canvas changes (see CanvasArea). */
  origin: object
  canvases: CanvasInfo[]
  /** The canvas on screen: the one renamed, moved, locked or deleted. */
  current: CanvasInfo | null
  /** May this person create, rename, reorder, lock and delete canvases (the facilitator)? */
  canManage: boolean
  /** Shows that canvas (none: the first) and moves the focus to its tab. */
  onChoose: (canvasId: string | null) => void
}

/**
 * The canvas management row beside the tabs (create, rename, move left or right, lock,
 * delete: icon buttons named in words) and its dialogs. Empty for who may not manage.
 */
export const CanvasManage: Component<CanvasManageProps> = (props) => {
  const { t } = useI18n()
  const [dialog, setDialog] = createSignal<CanvasDialog | null>(null)
  const indexOf = (canvas: CanvasInfo) => props.canvases.findIndex((c) => c.id === canvas.id)

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset */}
      <div class="canvas-manage" role="group" aria-label={t('canvas.manage.label')}>
        <Show when={props.canManage}>
          <ToolButton
            label={t('canvas.manage.create')}
            icon="+"
            iconOnly
            onClick={() => setDialog({ kind: 'create' })}
          />
          <Show when={props.current}>
            {(canvas) => (
              <>
                <ToolButton
                  label={t('canvas.manage.rename')}
                  icon="✎"
                  iconOnly
                  onClick={() => setDialog({ kind: 'rename', canvas: canvas() })}
                />
                <ToolButton
                  label={t('canvas.manage.moveLeft', { title: canvas().title })}
                  icon="◀"
                  iconOnly
                  disabled={indexOf(canvas()) <= 0}
                  onClick={() =>
                    runCanvasChange(() =>
                      moveCanvas(props.doc, canvas().id, indexOf(canvas()) - 1, props.origin),
                    )
                  }
                />
                <ToolButton
                  label={t('canvas.manage.moveRight', { title: canvas().title })}
                  icon="▶"
                  iconOnly
                  disabled={indexOf(canvas()) >= props.canvases.length - 1}
                  onClick={() =>
                    runCanvasChange(() =>
                      moveCanvas(props.doc, canvas().id, indexOf(canvas()) + 1, props.origin),
                    )
                  }
                />
                <ToolButton
                  label={t('canvas.manage.lock')}
                  icon={<LockIcon />}
                  iconOnly
                  pressed={canvas().locked}
                  onClick={() =>
                    runCanvasChange(() =>
                      setCanvasLocked(props.doc, canvas().id, !canvas().locked, props.origin),
                    )
                  }
                />
                <ToolButton
                  label={t('canvas.manage.delete')}
                  icon={<TrashIcon />}
                  iconOnly
                  danger
                  onClick={() => setDialog({ kind: 'delete', canvas: canvas() })}
                />
              </>
            )}
          </Show>
        </Show>
      </div>

      <Show when={dialog()}>
        {(open) => {
          const value = open()
          const close = () => setDialog(null)
          if (value.kind === 'create') {
            return (
              <TitleDialog
                title={t('canvas.manage.createTitle')}
                initial={t('canvas.manage.defaultTitle', { n: props.canvases.length + 1 })}
                submit={t('canvas.manage.createSubmit')}
                onClose={close}
                onSave={(title) => {
                  let id: string | null = null
                  runCanvasChange(() => {
                    id = createCanvas(props.doc, { title }, props.origin)
                  })
                  if (id) props.onChoose(id)
                }}
              />
            )
          }
          if (value.kind === 'rename') {
            const { canvas } = value
            return (
              <TitleDialog
                title={t('canvas.manage.renameTitle')}
                initial={canvas.title}
                submit={t('canvas.manage.renameSubmit')}
                onClose={close}
                onSave={(title) =>
                  runCanvasChange(() => renameCanvas(props.doc, canvas.id, title, props.origin))
                }
              />
            )
          }
          return (
            <Dialog
              block="canvas-dialog"
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
                      runCanvasChange(() => deleteCanvas(props.doc, value.canvas.id, props.origin))
                      close()
                      props.onChoose(props.canvases[Math.max(0, at - 1)]?.id ?? null)
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
    </>
  )
}
