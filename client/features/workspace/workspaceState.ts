import { createEffect, createSignal, onCleanup } from 'solid-js'
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
import { checkAccess } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocInfo } from '../../state/createDocInfo.ts'
import { createFlow, createNow } from '../../state/createFlow.ts'
import { createParticipants } from '../../state/createParticipants.ts'
import { createSessions } from '../../state/createSessions.ts'
import { openWorkshopConnection } from '../../sync/connection.ts'
import { createSaveStatus } from '../../sync/createSaveStatus.ts'
import { openPrivateConnection } from '../../sync/privateConnection.ts'
import { rememberRefusal, takeRefusal } from '../../sync/refusal.ts'
import { watchWake } from '../../sync/wake.ts'
import { type CanvasNavigator, followFlow } from '../flow/canvasBridge.ts'
import { credentialsOf, type Identity } from '../join/identity.ts'
import { LONG_SLEEP_MS } from './BadNews.tsx'
import { createRefusals } from './RefusalNotice.tsx'

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
  /** Joined through the form just now: the focus, left on nothing, goes to the step card. */
  joined?: boolean
  /** Signed in just now with a personal link: the page says as whom. */
  claimed?: boolean
  onIdentityChange: (identity: Identity) => void
  /** The server no longer knows this person (their name was removed): the page stops here. */
  onForgotten: () => void
}

/** What the workspace's parts share: its props, its connections, and what they tell. */
export type WorkspaceState = ReturnType<typeof createWorkspaceState>

/**
 * The workshop's connections (its document, and this person's private one) and what they tell:
 * the save state, the flow, who may write what, whether the document is known yet. It writes
 * this person's record once it may, and keeps the page's title the workshop's.
 */
export const createWorkspaceState = (props: WorkspaceProps) => {
  const { t } = useI18n()
  // An observer is never named: their presence is their id and role alone.
  const toPresence = (identity: Identity): PresenceUser => {
    const role = props.session.role
    if (role === 'observer') return { id: identity.participantId, role }
    return { id: identity.participantId, name: identity.name, group: identity.group, role }
  }

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
  /** The server said this page's link no longer works (it was replaced): the page says so. */
  const [revoked, setRevoked] = createSignal(false)
  const connection = openWorkshopConnection({
    onRefused,
    onDenied: refusals.report,
    workshopId: props.workshopId,
    token: props.token,
    participant: credentials,
    user: toPresence(props.identity),
    checkAccess: async () => {
      const access = await checkAccess(props.workshopId, props.token, credentials)
      if (access === 'revoked') setRevoked(true)
      return access
    },
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
  /** Back from a long sleep: how long it was (the page then says where the workshop is). */
  const [slept, setSlept] = createSignal<number | null>(null)
  onCleanup(watchWake(LONG_SLEEP_MS, setSlept))
  const info = createDocInfo(connection.doc)
  const participants = createParticipants(connection.doc)
  const flow = createFlow(connection.doc)
  const sessions = createSessions(connection.doc)
  const readOnly = () => !canWrite(props.session.role)
  /** Once the facilitator ends the workshop, only they change it (the server says the same). */
  const ended = () => endedFor({ role: props.session.role }, flow().status)
  /** Whether this person may write their own record (their name stays theirs after the end). */
  const deviceCopy = () => props.offline === true
  const recordWritable = () => !readOnly() && !deviceCopy() && !info.newerSchema()

  // Write to the document only once we know what it holds (its schema version): after the
  // first sync with the server, or after loading a copy kept on this device.
  const [synced, setSynced] = createSignal(connection.provider.synced)
  const [localLoaded, setLocalLoaded] = createSignal(false)
  const onSync = (state: boolean) => setSynced(state)
  connection.provider.on('sync', onSync)
  onCleanup(() => connection.provider.off('sync', onSync))
  void connection.whenLocalLoaded.then(() => setLocalLoaded(true))
  const docKnown = () => synced() || (localLoaded() && info.meta() !== null)
  /** May this person change the workshop now: the document known, not ended, not read-only. */
  const writable = () => recordWritable() && !ended() && docKnown()

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
        {
          id: identity.participantId,
          name: identity.name,
          group: identity.group,
          sector: identity.sector,
          recognitionOptOut: identity.recognitionOptOut,
        },
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

  /** The document or charter the running step is about: the side panel shows it first. */
  const focusArtefact = () => {
    const state = flow()
    const focus = state.status === 'running' ? state.phase?.focus : undefined
    if (!focus) return null
    return 'document' in focus ? focus.document : 'charter' in focus ? focus.charter : null
  }
  /**
   * The canvas board's view and navigation (see flow/canvasBridge.ts). Null until the canvas
   * area hands one over (its `navigator` prop); meanwhile the step card names the phase's
   * canvas and quotes the spotlighted note in text.
   */
  const [canvasNavigator, setCanvasNavigator] = createSignal<CanvasNavigator | null>(null)
  followFlow(flow, canvasNavigator, docKnown)

  return {
    props,
    credentials,
    connection,
    privateConnection,
    writer,
    status,
    /** A change the server refused, until its notice is put away. */
    refused: () => (showRefused() ? refused : null),
    dismissRefused: () => setShowRefused(false),
    refusals,
    revoked,
    slept,
    dismissSleep: () => setSlept(null),
    info,
    participants,
    flow,
    /** The lab's sessions, oldest first (the current one is the flow's). */
    sessions,
    /** The session the flow runs (or ran, or will run). */
    currentSession: () => sessions().find((session) => session.current) ?? null,
    now: createNow(),
    readOnly,
    ended,
    deviceCopy,
    writable,
    docKnown,
    title,
    isFacilitator: () => props.session.role === 'facilitator',
    /** What the running phase lets this person do to documents, charters and the plan. */
    artefacts: () => artefactRights({ role: props.session.role }, runningAllow(flow())),
    focusArtefact,
    canvasNavigator,
    setCanvasNavigator,
  }
}
