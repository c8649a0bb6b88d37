import {
  type Component,
  createEffect,
  createSignal,
  createUniqueId,
  lazy,
  onCleanup,
  Show,
  Suspense,
} from 'solid-js'
import type { WorkshopSession } from '../../../shared/api.ts'
import type { PresenceUser } from '../../../shared/presence.ts'
import { canWrite } from '../../../shared/roles.ts'
import { runningAllow, upsertParticipant } from '../../../shared/schema/index.ts'
import {
  artefactRights,
  endedFor,
  mayWriteParticipant,
  type Writer,
} from '../../../shared/schema/rights.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { checkAccess } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocInfo } from '../../state/createDocInfo.ts'
import { createFlow, createNow } from '../../state/createFlow.ts'
import { createParticipants } from '../../state/createParticipants.ts'
import { openWorkshopConnection } from '../../sync/connection.ts'
import { createSaveStatus } from '../../sync/createSaveStatus.ts'
import { openPrivateConnection } from '../../sync/privateConnection.ts'
import { rememberRefusal, takeRefusal } from '../../sync/refusal.ts'
import { Notice } from '../../ui/Notice.tsx'
import { OnScreen } from '../../ui/OnScreen.tsx'
import { type CanvasNavigator, followFlow } from '../flow/canvasBridge.ts'
import { WorkshopFlow } from '../flow/WorkshopFlow.tsx'
import { ForgetPerson } from '../join/ForgetPerson.tsx'
import { credentialsOf, type Identity } from '../join/identity.ts'
import { JoinForm } from '../join/JoinForm.tsx'
import { ParticipantsList } from '../presence/ParticipantsList.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { createRefusals, RefusalNotice } from './RefusalNotice.tsx'

// QR codes are only for facilitators: participants never download the encoder.
const SharePanel = lazy(() => import('../role-links/SharePanel.tsx'))
// The canvas is its own chunk, loaded once the workspace is on screen.
const CanvasArea = lazy(() => import('../canvas/CanvasArea.tsx'))
// Documents, charters, plan, decisions and versions: loaded when their area comes on screen
// (below the board, a phone's person may never scroll there), the rich-text editor only when
// a document is opened.
const ArtefactsArea = lazy(() => import('../artefacts/ArtefactsArea.tsx'))
// The participation balance is for facilitators only: participants never load it.
const BalancePanel = lazy(() => import('../flow/BalancePanel.tsx'))

/** Origin of the transactions this client makes (see `doc.transact(fn, origin)`). */
export const CLIENT_ORIGIN = 'fabrique:client'

export interface WorkspaceProps {
  workshopId: string
  token: string
  session: WorkshopSession
  /**
   * The page opened without the server, on this device's copy of the session and document:
   * read-only (nothing is written, so nothing claims to be saved) until the server answers.
   */
  offline?: boolean
  identity: Identity
  onIdentityChange: (identity: Identity) => void
  /** The server no longer knows this person (their name was removed): the page stops here. */
  onForgotten: () => void
}

/** The workshop once joined: header with title, role and status; presence; the share panel. */
export const Workspace: Component<WorkspaceProps> = (props) => {
  const { t } = useI18n()
  const toPresence = (identity: Identity): PresenceUser => ({
    id: identity.participantId,
    name: identity.name,
    group: identity.group,
    role: props.session.role,
  })

  // The identity issued at join (none for observers): tells the server who edits.
  const credentials = credentialsOf(props.identity)
  // A change the server refused is gone from this device: start again from the server's copy.
  const refused = takeRefusal(props.workshopId)
  const [showRefused, setShowRefused] = createSignal(refused !== null)
  const onRefused = (reason: string) => {
    rememberRefusal(props.workshopId, reason)
    window.location.reload()
  }
  // A change the server reverted (its write policy): the page goes on, and says what it was.
  const refusals = createRefusals()
  const connection = openWorkshopConnection({
    onRefused,
    onDenied: refusals.report,
    workshopId: props.workshopId,
    token: props.token,
    participant: credentials,
    user: toPresence(props.identity),
    checkAccess: () => checkAccess(props.workshopId, props.token, credentials),
    onForgotten: () => props.onForgotten(),
  })
  onCleanup(connection.destroy)
  // This person's private document: private notes and ballots (participants, facilitators).
  const privateConnection =
    credentials && canWrite(props.session.role)
      ? openPrivateConnection({
          workshopId: props.workshopId,
          token: props.token,
          onRefused,
          onDenied: refusals.report,
          ...credentials,
        })
      : null
  onCleanup(() => privateConnection?.destroy())

  /** Who edits, as the server's write policy sees this connection (shared/schema/rights.ts). */
  const writer = (): Writer => ({
    role: props.session.role,
    participantId: credentials?.participantId ?? null,
  })

  const status = createSaveStatus(connection.tracker)
  const info = createDocInfo(connection.doc)
  const participants = createParticipants(connection.doc)
  const flow = createFlow(connection.doc)
  const readOnly = () => !canWrite(props.session.role)
  /** Once the facilitator ends the workshop, only they change it (the server says the same). */
  const ended = () => endedFor({ role: props.session.role }, flow().status)
  /** Whether this person may write their own record (their name stays theirs after the end). */
  const deviceCopy = () => props.offline === true
  const recordWritable = () => !readOnly() && !deviceCopy() && !info.newerSchema()
  const writable = () => recordWritable() && !ended()

  // Write to the document only once we know what it holds (its schema version): after the
  // first sync with the server, or after loading a copy kept on this device.
  const [synced, setSynced] = createSignal(connection.provider.synced)
  const [localLoaded, setLocalLoaded] = createSignal(false)
  const onSync = (state: boolean) => setSynced(state)
  connection.provider.on('sync', onSync)
  onCleanup(() => connection.provider.off('sync', onSync))
  void connection.whenLocalLoaded.then(() => setLocalLoaded(true))
  const docKnown = () => synced() || (localLoaded() && info.meta() !== null)

  createEffect(() => connection.setUser(toPresence(props.identity)))
  createEffect(() => {
    if (!docKnown() || !recordWritable()) return
    const identity = props.identity
    // Only that person writes their record: the server refuses it from a connection that did
    // not prove who it is (an identity kept without a secret).
    if (!mayWriteParticipant(writer(), identity.participantId)) return
    try {
      upsertParticipant(
        connection.doc,
        { id: identity.participantId, name: identity.name, group: identity.group },
        CLIENT_ORIGIN,
      )
    } catch (error) {
      console.error('could not record the participant', error)
    }
  })

  const title = () => info.meta()?.title ?? props.session.workshop.title
  createEffect(() => {
    document.title = `${title()} — ${t('app.name')}`
  })

  const [editing, setEditing] = createSignal(false)
  /** The artefacts area until its chunk is there: its title, so the page does not jump. */
  const artefactsTitleId = createUniqueId()
  const artefactsLoading = () => (
    <section class="panel" aria-labelledby={artefactsTitleId}>
      <h2 id={artefactsTitleId} class="panel__title">
        {t('artefacts.title')}
      </h2>
      <p role="status">{t('app.loading')}</p>
    </section>
  )

  // ── Workshop flow: the phase banner for everyone, the controls for the facilitator ──────
  /** What the running phase lets this person do to documents, charters and the plan. */
  const artefacts = () => artefactRights({ role: props.session.role }, runningAllow(flow()))
  const now = createNow()
  const isFacilitator = () => props.session.role === 'facilitator'
  /**
   * The canvas board's view and navigation (see flow/canvasBridge.ts). Null until the canvas
   * area hands one over (its `navigator` prop); meanwhile the banner names the phase's canvas
   * and quotes the spotlighted note in text.
   */
  const [canvasNavigator, setCanvasNavigator] = createSignal<CanvasNavigator | null>(null)
  followFlow(flow, canvasNavigator, docKnown)

  return (
    <AppShell
      heading={
        <>
          <h1 class="workshop-title">{title()}</h1>
          <p class="workshop-role">
            {t('workshop.yourRole', { role: t(`role.${props.session.role}`) })}
          </p>
        </>
      }
      status={
        <ConnectionStatus
          state={status().state}
          closeCode={status().closeCode}
          readOnly={readOnly()}
          deviceCopy={deviceCopy()}
        />
      }
    >
      <Show when={deviceCopy()}>
        <Notice title={t('workshop.deviceCopy.title')}>{t('workshop.deviceCopy.body')}</Notice>
      </Show>
      <Show when={showRefused()}>
        <Notice
          tone="alert"
          actions={
            <button type="button" class="button" onClick={() => setShowRefused(false)}>
              {t('workshop.refused.dismiss')}
            </button>
          }
        >
          {t('workshop.refused', { reason: refused ?? '' })}
        </Notice>
      </Show>
      <RefusalNotice refusal={refusals.refusal()} onDismiss={refusals.dismiss} />
      <Show when={info.newerSchema()}>
        <Notice
          tone="alert"
          actions={
            <button
              type="button"
              class="button button--primary"
              onClick={() => window.location.reload()}
            >
              {t('workshop.reload')}
            </button>
          }
        >
          {t('workshop.newerSchema')}
        </Notice>
      </Show>
      <Show when={ended()}>
        <Notice>{t('workshop.ended')}</Notice>
      </Show>
      <WorkshopFlow
        workshopId={props.workshopId}
        token={props.token}
        role={props.session.role}
        doc={connection.doc}
        flow={flow}
        now={now}
        origin={CLIENT_ORIGIN}
        writable={writable() && docKnown()}
        ready={docKnown()}
        workshopTitle={title()}
        navigator={canvasNavigator}
      />
      <div class="workspace">
        <section class="workspace__canvas panel" aria-labelledby="canvas-title">
          <h2 id="canvas-title" class="panel__title">
            {title()}
          </h2>
          <Show when={readOnly() && !ended()}>
            <p class="muted">{t('workshop.readOnly')}</p>
          </Show>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <CanvasArea
              doc={connection.doc}
              awareness={connection.awareness}
              role={props.session.role}
              identity={props.identity}
              writer={writer()}
              participants={participants}
              writable={writable() && docKnown()}
              ready={docKnown()}
              privateConnection={privateConnection}
              navigator={(nav) => setCanvasNavigator(() => nav)}
            />
          </Suspense>
        </section>
        <div class="workspace__artefacts">
          {/* Watched once the board (above) shows the workshop: until then this is on screen. */}
          <OnScreen
            placeholder={artefactsLoading()}
            armed={docKnown() && canvasNavigator() !== null}
          >
            <Suspense fallback={artefactsLoading()}>
              <ArtefactsArea
                doc={connection.doc}
                awareness={connection.awareness}
                workshopId={props.workshopId}
                token={props.token}
                role={props.session.role}
                identity={props.identity}
                participant={credentials}
                writable={writable() && docKnown()}
                rights={artefacts()}
              />
            </Suspense>
          </OnScreen>
        </div>
        <aside class="workspace__side" aria-label={t('presence.title')}>
          <PresenceList awareness={connection.awareness} />
          <ParticipantsList participants={participants()} waiting={!docKnown()} />
          {/* Renaming, forgetting, links and participation all need the server. */}
          <Show when={!deviceCopy()}>
            <Show
              when={editing()}
              fallback={
                <div class="identity-actions">
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => setEditing(true)}
                  >
                    {t('join.edit')}
                  </button>
                  <Show when={credentials}>
                    {(issued) => (
                      <ForgetPerson
                        workshopId={props.workshopId}
                        token={props.token}
                        name={props.identity.name}
                        subject={{ kind: 'self', credentials: issued() }}
                        onForgotten={() => props.onForgotten()}
                      />
                    )}
                  </Show>
                </div>
              }
            >
              <div class="panel">
                <JoinForm
                  workshopId={props.workshopId}
                  workshopRole={props.session.role}
                  initial={props.identity}
                  onJoin={(identity) => {
                    setEditing(false)
                    props.onIdentityChange(identity)
                  }}
                  onCancel={() => setEditing(false)}
                />
              </div>
            </Show>
            <Show when={isFacilitator()}>
              <Suspense fallback={<p role="status">{t('share.loading')}</p>}>
                <SharePanel workshopId={props.workshopId} token={props.token} />
              </Suspense>
              <Show when={docKnown()}>
                <Suspense fallback={<p role="status">{t('flow.balance.loading')}</p>}>
                  <BalancePanel workshopId={props.workshopId} token={props.token} />
                </Suspense>
              </Show>
            </Show>
          </Show>
        </aside>
      </div>
    </AppShell>
  )
}
