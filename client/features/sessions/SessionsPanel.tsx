import {
  type Accessor,
  type Component,
  createEffect,
  createResource,
  createSignal,
  createUniqueId,
  Index,
  lazy,
  on,
  onCleanup,
  Show,
  Suspense,
} from 'solid-js'
import type * as Y from 'yjs'
import type { SessionSummary } from '../../../shared/api.ts'
import { PARTNER_GROUPS } from '../../../shared/groups.ts'
import { formatDay } from '../../../shared/i18n/dates.ts'
import { sessionsEn, sessionsFr } from '../../../shared/i18n/sessions.ts'
import {
  displayTitle,
  type ParticipantRecord,
  type SessionInfo,
} from '../../../shared/schema/index.ts'
import type { SessionBoard as KeptBoard } from '../../../shared/schema/sessionBoards.ts'
import { fetchSessions, fetchTemplates, moveSession } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { createConfirmation } from '../../ui/createAction.ts'
import { GroupBadge } from '../../ui/GroupBadge.tsx'
import { PlanSessionForm } from './PlanSessionForm.tsx'
import { createSessionErrors } from './sessionErrors.ts'
import './sessions.css'

/** The panel's messages come with its chunk. */
const SESSION_MESSAGES = { fr: sessionsFr, en: sessionsEn }

// An ended session's board, read-only in a dialog: loaded when one is first opened.
const SessionBoard = lazy(() => import('./SessionBoard.tsx'))

/** How often the attendance counts are asked again while a session runs (people arrive). */
const ATTENDANCE_REFRESH_MS = 60_000

export interface SessionsPanelProps {
  /** The lab's sessions, live from the document (`createSessions`). */
  sessions: Accessor<SessionInfo[]>
  workshopId: string
  token: string
  /** The facilitator plans, starts and ends sessions; everyone else reads the list. */
  facilitator: boolean
  /** The server can be reached (not this device's copy): attendance and actions need it. */
  online: boolean
  /** The lab's template: the one the plan form offers first. */
  templateId: string
  /** The lab's document and people: an ended session's board is shown as the lab's are. */
  labDoc: Y.Doc
  participants: Accessor<ParticipantRecord[]>
  /** This person's identity, if any: the boards' room is opened with it. */
  participant: { participantId: string; secret: string } | null
}

/**
 * The lab's sessions, oldest first: each one's title, day (« 1er mars 2027 »), status, template
 * and attendance by partner group. The list is the document's (live, and on this device's copy
 * too); the attendance is the server's (`GET …/sessions`), asked again when a status changes
 * and every minute while one runs. The facilitator starts and ends sessions (the HTTP routes,
 * which also count contributions) and plans the next one. An ended session lists its boards
 * once they moved to its room (the next session started): each opens read-only, and the
 * facilitator may carry it into the session (SessionBoard.tsx).
 */
export const SessionsPanel: Component<SessionsPanelProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(SESSION_MESSAGES)
  const base = createUniqueId()
  const sessions = props.sessions
  const errors = createSessionErrors()

  const [templates] = createResource(fetchTemplates)
  /** A template's title once the list is there (its id if the server no longer has it). */
  const templateTitle = (id: string): string | null =>
    templates.state === 'ready'
      ? (templates().find((template) => template.id === id)?.title[locale()] ?? id)
      : null

  // What changes the attendance: a session starting or ending (or a new one).
  const statusKey = () => sessions().map((session) => `${session.id}:${session.status}`)
  const [attendance, { refetch }] = createResource(
    () => (props.online ? statusKey().join() : false),
    () => fetchSessions(props.workshopId, props.token),
  )
  createEffect(
    on(
      () => sessions().some((session) => session.status === 'running'),
      (running) => {
        if (!running) return
        const timer = setInterval(() => void refetch(), ATTENDANCE_REFRESH_MS)
        onCleanup(() => clearInterval(timer))
      },
    ),
  )
  const attendanceOf = (id: string): SessionSummary['attendance'] | null =>
    attendance.state === 'ready'
      ? (attendance().find((entry) => entry.sessionId === id)?.attendance ?? null)
      : null

  /** The ended session's board open in the dialog, if any. */
  const [opened, setOpened] = createSignal<{ session: SessionInfo; board: KeptBoard } | null>(null)
  const [message, setMessage] = createSignal('')
  const headingId = (id: string) => `${base}-session-${id}`
  /** The button pressed is gone (its session moved on): the focus goes to the session's title. */
  const focusSession = (id: string) =>
    queueMicrotask(() => document.getElementById(headingId(id))?.focus())

  const starting = createConfirmation()
  const start = (session: SessionInfo) => {
    setMessage('')
    const running = sessions().find((entry) => entry.status === 'running')
    if (running) {
      starting.setError(
        t('sessions.error.start', {
          error: t('sessions.error.running', { title: running.title }),
        }),
      )
      return
    }
    void starting.run(
      async () => {
        await moveSession(props.workshopId, props.token, session.id, 'start')
        setMessage(t('sessions.started', { title: session.title }))
        focusSession(session.id)
      },
      (cause) => t('sessions.error.start', { error: errors.describe(cause) }),
    )
  }
  const ending = createConfirmation()
  const [toEnd, setToEnd] = createSignal<SessionInfo | null>(null)
  const end = (session: SessionInfo) => {
    // What the last start said no longer holds once a session ends.
    starting.setError('')
    void ending.run(
      async () => {
        await moveSession(props.workshopId, props.token, session.id, 'end')
        ending.close()
        setToEnd(null)
        setMessage(t('sessions.ended', { title: session.title }))
        focusSession(session.id)
      },
      (cause) => t('sessions.error.end', { error: errors.describe(cause) }),
    )
  }

  return (
    <section class="sessions" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} class="panel__title">
        {t('sessions.title')}
      </h2>
      <p class="muted">{t('sessions.intro')}</p>
      <Show when={!props.facilitator}>
        <p class="muted">{t('sessions.readOnly')}</p>
      </Show>
      <p class="sessions__message" role="status">
        {message()}
      </p>
      <Show when={starting.error()}>
        <p class="field__error" role="alert">
          {starting.error()}
        </p>
      </Show>
      <Show when={sessions().length > 0} fallback={<p class="muted">{t('sessions.empty')}</p>}>
        <ol class="sessions__list" aria-label={t('sessions.list')}>
          {/* By position: an item keeps its elements (and the focus) when its status changes. */}
          <Index each={sessions()}>
            {(session) => (
              <li class="session-card" data-status={session().status}>
                <h3 id={headingId(session().id)} class="session-card__title" tabindex="-1">
                  {session().title}
                </h3>
                <p class="session-card__when">
                  <time datetime={session().date}>{formatDay(locale(), session().date)}</time>
                  <span class="session-card__status" data-status={session().status}>
                    {t(`sessions.status.${session().status}`)}
                  </span>
                </p>
                <Show when={templateTitle(session().templateId)}>
                  {(title) => (
                    <p class="session-card__template muted">
                      {t('sessions.template', { title: title() })}
                    </p>
                  )}
                </Show>
                <Boards
                  session={session()}
                  onOpen={(board) => setOpened({ session: session(), board })}
                />
                <Show when={props.online}>
                  <Attendance
                    counts={attendanceOf(session().id)}
                    error={attendance.error}
                    describe={errors.describe}
                  />
                </Show>
                <Show when={props.facilitator && props.online}>
                  <Show when={session().status === 'planned'}>
                    <button
                      type="button"
                      class="button button--primary button--small"
                      aria-label={t('sessions.start.label', { title: session().title })}
                      aria-disabled={starting.busy() ? 'true' : undefined}
                      onClick={() => !starting.busy() && start(session())}
                    >
                      {starting.busy() ? t('sessions.starting') : t('sessions.start')}
                    </button>
                  </Show>
                  <Show when={session().status === 'running'}>
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      aria-label={t('sessions.end.label', { title: session().title })}
                      onClick={() => {
                        setToEnd(session())
                        ending.ask()
                      }}
                    >
                      {t('sessions.end')}
                    </button>
                  </Show>
                </Show>
              </li>
            )}
          </Index>
        </ol>
      </Show>
      <Show when={props.facilitator && props.online}>
        <PlanSessionForm
          workshopId={props.workshopId}
          token={props.token}
          templates={templates}
          defaultTemplate={props.templateId}
          onPlanned={(session) =>
            setMessage(
              t('sessions.planned', {
                title: session.title,
                date: formatDay(locale(), session.date),
              }),
            )
          }
        />
      </Show>
      <Show when={opened()}>
        {(open) => (
          <Suspense fallback={<p role="status">{t('sessions.board.opening')}</p>}>
            <SessionBoard
              workshopId={props.workshopId}
              token={props.token}
              participant={props.participant}
              session={open().session}
              board={open().board}
              labDoc={props.labDoc}
              participants={props.participants}
              facilitator={props.facilitator}
              online={props.online}
              onClose={() => setOpened(null)}
            />
          </Suspense>
        )}
      </Show>
      <Show when={ending.asking() && toEnd()}>
        {(session) => (
          <ConfirmDialog
            block="flow-modal"
            title={t('sessions.end.title', { title: session().title })}
            confirm={t('sessions.end.confirm')}
            tone="primary"
            cancel={t('sessions.cancel')}
            busy={ending.busy()}
            busyLabel={t('sessions.end.busy')}
            error={ending.error()}
            onClose={() => {
              ending.close()
              setToEnd(null)
            }}
            onConfirm={() => end(session())}
          >
            <p>{t('sessions.end.body')}</p>
          </ConfirmDialog>
        )}
      </Show>
    </section>
  )
}

/**
 * An ended session's boards, each a button that opens it read-only; while the session is the
 * current one (ended, the next not started), its boards are still the lab's: it says so.
 */
const Boards: Component<{ session: SessionInfo; onOpen: (board: KeptBoard) => void }> = (props) => {
  const { t, locale } = useI18n()
  return (
    <Show
      when={props.session.boards.length > 0}
      fallback={
        <Show when={props.session.current && props.session.status === 'ended'}>
          <p class="muted">{t('sessions.boards.inLab')}</p>
        </Show>
      }
    >
      <div class="session-card__boards">
        <h4 class="session-card__label">{t('sessions.boards')}</h4>
        <ul class="session-card__board-list">
          <Index each={props.session.boards}>
            {(board) => (
              <li>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  aria-label={t('sessions.boards.open.label', {
                    board: displayTitle(board(), locale()),
                    session: props.session.title,
                  })}
                  onClick={() => props.onOpen(board())}
                >
                  {displayTitle(board(), locale())}
                </button>
              </li>
            )}
          </Index>
        </ul>
      </div>
    </Show>
  )
}

/** Who came to a session, by partner group (a swatch and the group's name, then how many). */
const Attendance: Component<{
  counts: SessionSummary['attendance'] | null
  error: unknown
  describe: (cause: unknown) => string
}> = (props) => {
  const { t } = useI18n()
  const groups = () => {
    const counts = props.counts
    return counts ? PARTNER_GROUPS.filter((group) => counts[group] > 0) : []
  }
  return (
    <div class="session-card__attendance">
      <h4 class="session-card__label">{t('sessions.attendance')}</h4>
      <Show
        when={props.counts}
        fallback={
          <p class="muted">
            {props.error
              ? t('sessions.attendance.error', { error: props.describe(props.error) })
              : t('sessions.attendance.loading')}
          </p>
        }
      >
        {(counts) => (
          <Show
            when={groups().length > 0}
            fallback={<p class="muted">{t('sessions.attendance.none')}</p>}
          >
            <ul class="session-card__groups">
              <Index each={groups()}>
                {(group) => (
                  <li>
                    <GroupBadge
                      group={group()}
                      label={t('sessions.attendance.group', {
                        group: t(`group.${group()}`),
                        count: counts()[group()],
                      })}
                    />
                  </li>
                )}
              </Index>
            </ul>
          </Show>
        )}
      </Show>
    </div>
  )
}

export default SessionsPanel
