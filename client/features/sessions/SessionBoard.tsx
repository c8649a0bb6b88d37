import {
  type Accessor,
  type Component,
  createSignal,
  createUniqueId,
  onCleanup,
  Show,
} from 'solid-js'
import type * as Y from 'yjs'
import { formatDay } from '../../../shared/i18n/dates.ts'
import { CloseCode } from '../../../shared/protocol.ts'
import type { ParticipantRecord, SessionInfo } from '../../../shared/schema/index.ts'
import { displayTitle, getCanvas } from '../../../shared/schema/index.ts'
import type { SessionBoard as Kept } from '../../../shared/schema/sessionBoards.ts'
import { carryBoard } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCanvasList } from '../../state/createCanvasList.ts'
import { openSessionBoards } from '../../sync/sessionBoardsConnection.ts'
import { createAction } from '../../ui/createAction.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { Board } from '../canvas/Board.tsx'
import { createSessionErrors } from './sessionErrors.ts'
import '../canvas/canvas.css'

export interface SessionBoardProps {
  workshopId: string
  token: string
  /** This person's identity, if any: the room is opened with it, as the lab's is. */
  participant: { participantId: string; secret: string } | null
  session: SessionInfo
  board: Kept
  /** The lab's document: whether it holds the board already (carried before). */
  labDoc: Y.Doc
  /** The lab's people: the board names each note's author as the lab's board does. */
  participants: Accessor<ParticipantRecord[]>
  /** The facilitator carries the board into the session. */
  facilitator: boolean
  online: boolean
  onClose: () => void
}

/** Nobody writes there: a viewer's origin, for the board's (unused) undo history. */
const ORIGIN = Object.freeze({ kind: 'fabrique:session-boards' })

/**
 * A board of an ended session, opened from the sessions panel: read from the session's room
 * (the server's, read-only for everyone) in a dialog, with the canvas board in its read-only
 * mode, opened on what is written at a size one reads. The facilitator may carry it into the session: the server
 * copies it into the lab's canvases (`POST …/boards/<canvasId>/carry`).
 */
export const SessionBoard: Component<SessionBoardProps> = (props) => {
  const { t, locale } = useI18n()
  const errors = createSessionErrors()
  const noteId = createUniqueId()
  const connection = openSessionBoards({
    workshopId: props.workshopId,
    sessionId: props.session.id,
    token: props.token,
    participant: props.participant,
  })
  onCleanup(connection.destroy)
  const [synced, setSynced] = createSignal(connection.provider.synced)
  const [failed, setFailed] = createSignal(false)
  const onSync = (state: boolean) => {
    if (state) setSynced(true)
  }
  // Refused at the upgrade (a link replaced meanwhile) or closed by the server: it says so.
  let failures = 0
  const onClose = (event: { code: number } | null) => {
    failures++
    if ((event?.code ?? 0) >= CloseCode.badMessage || failures >= 3) setFailed(true)
  }
  connection.provider.on('sync', onSync)
  connection.provider.on('connection-close', onClose)
  onCleanup(() => {
    connection.provider.off('sync', onSync)
    connection.provider.off('connection-close', onClose)
  })
  const shown = () => (synced() ? getCanvas(connection.doc, props.board.id) : null)

  const labCanvases = createCanvasList(props.labDoc, locale)
  const inLab = () => labCanvases().some((canvas) => canvas.id === props.board.id)
  let closeButton: HTMLButtonElement | undefined
  const carrying = createAction()
  const [carried, setCarried] = createSignal('')
  const title = () => displayTitle(props.board, locale())
  const hintId = createUniqueId()
  /** The facilitator may carry it while the lab does not hold it (and it was not just carried). */
  const mayCarry = () => props.facilitator && !carried() && !inLab()
  const carry = () =>
    void carrying.run(
      async () => {
        const board = await carryBoard(
          props.workshopId,
          props.token,
          props.session.id,
          props.board.id,
        )
        setCarried(t('sessions.board.carried', { title: board.title }))
        // The button pressed is gone: the focus goes to what comes next, closing.
        queueMicrotask(() => closeButton?.focus())
      },
      (cause) => t('sessions.error.carry', { error: errors.describe(cause) }),
    )

  return (
    <Dialog
      block="session-board"
      title={t('sessions.board.title', {
        board: title(),
        session: props.session.title,
        date: formatDay(locale(), props.session.date),
      })}
      describedBy={noteId}
      onClose={props.onClose}
      escapeAnywhere
      actions={
        <>
          <Show when={mayCarry()}>
            <button
              type="button"
              class="button button--primary"
              aria-describedby={hintId}
              aria-disabled={carrying.busy() || !props.online ? 'true' : undefined}
              onClick={() => !carrying.busy() && props.online && carry()}
            >
              {carrying.busy() ? t('sessions.board.carrying') : t('sessions.board.carry')}
            </button>
          </Show>
          <button
            ref={closeButton}
            type="button"
            class="button button--secondary"
            data-autofocus
            onClick={props.onClose}
          >
            {t('sessions.board.close')}
          </button>
        </>
      }
    >
      <p id={noteId} class="muted">
        {t('sessions.board.readOnly')}
      </p>
      <div class="session-board__board">
        <Show
          when={shown()}
          fallback={
            <p role={failed() ? 'alert' : 'status'} class={failed() ? 'field__error' : 'muted'}>
              {failed() ? t('sessions.board.failed') : t('sessions.board.opening')}
            </p>
          }
        >
          {(canvas) => (
            <Board
              doc={connection.doc}
              canvasId={canvas().id}
              canvasTitle={displayTitle(canvas(), locale())}
              origin={ORIGIN}
              readOnly
              identity={{ participantId: '', name: '', group: 'other' }}
              writer={{ role: 'observer', participantId: null }}
              awareness={null}
              participants={props.participants}
            />
          )}
        </Show>
      </div>
      <Show when={props.facilitator}>
        <div class="session-board__carry">
          <p role="status" class="session-board__carried">
            {carried()}
          </p>
          <Show when={mayCarry()}>
            <p id={hintId} class="muted">
              {t('sessions.board.carry.hint')}
            </p>
          </Show>
          <Show when={!carried() && inLab()}>
            <p class="muted">{t('sessions.board.inLab')}</p>
          </Show>
          <Show when={carrying.error()}>
            <p class="field__error" role="alert">
              {carrying.error()}
            </p>
          </Show>
        </div>
      </Show>
    </Dialog>
  )
}

export default SessionBoard
