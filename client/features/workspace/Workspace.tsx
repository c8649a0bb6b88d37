import {
  type Component,
  createEffect,
  createSignal,
  lazy,
  on,
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
import { watchWake } from '../../sync/wake.ts'
import { createMediaQuery } from '../../ui/createMediaQuery.ts'
import { Notice } from '../../ui/Notice.tsx'
import { ARTEFACT_TABS, type ArtefactTab } from '../artefacts/tabs.ts'
import { type CanvasNavigator, followFlow } from '../flow/canvasBridge.ts'
import { StepChip } from '../flow/StepChip.tsx'
import { ForgetPerson } from '../join/ForgetPerson.tsx'
import { credentialsOf, type Identity } from '../join/identity.ts'
import { JoinForm } from '../join/JoinForm.tsx'
import { PHONE_QUERY } from '../phone/phoneQuery.ts'
import { ParticipantsList } from '../presence/ParticipantsList.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { BadNews, LONG_SLEEP_MS } from './BadNews.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { PeopleButton } from './PeopleButton.tsx'
import { createRefusals, RefusalNotice } from './RefusalNotice.tsx'
import { SidePanel, type SidePanelTab, tabElementId } from './SidePanel.tsx'
import { StepCard } from './StepCard.tsx'

// QR codes are only for facilitators: participants never download the encoder.
const SharePanel = lazy(() => import('../role-links/SharePanel.tsx'))
// The canvas is its own chunk, loaded once the workspace is on screen.
const CanvasArea = lazy(() => import('../canvas/CanvasArea.tsx'))
// Documents, charters, plan, decisions and versions: loaded when the side panel first shows
// them, the rich-text editor only when a document is opened.
const ArtefactsArea = lazy(() => import('../artefacts/ArtefactsArea.tsx'))
// The participation balance is for facilitators only: participants never load it.
const BalancePanel = lazy(() => import('../flow/BalancePanel.tsx'))
// Facilitator-only: participants never download the controls, nor the projector's.
const FacilitatorBar = lazy(() => import('../flow/FacilitatorBar.tsx'))
const ProjectorControls = lazy(() => import('../projector/ProjectorControls.tsx'))
// A participant's phone: what its screen shows instead of the board (the board comes on demand).
const PhoneMain = lazy(() => import('../phone/PhoneMain.tsx'))

/** The side panel's tabs, and the three parts of it each loaded when first opened. */
type PanelTab = 'animation' | 'people' | ArtefactTab
type PanelPart = 'animation' | 'people' | 'artefacts'
const isArtefact = (tab: PanelTab): tab is ArtefactTab =>
  (ARTEFACT_TABS as readonly string[]).includes(tab)
const partOf = (tab: PanelTab): PanelPart => (isArtefact(tab) ? 'artefacts' : tab)
const PANEL_ID = 'workspace-panel'
const STEP_CARD_ID = 'step-card'

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
  onIdentityChange: (identity: Identity) => void
  /** The server no longer knows this person (their name was removed): the page stops here. */
  onForgotten: () => void
}

/**
 * The workshop once joined: a slim top bar (title, step and timer, connection state, people,
 * the panels, language), the board filling the rest with the step card over its top-left, and
 * one side panel beside it (facilitation, people and balance, documents and the rest).
 */
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

  // ── Workshop flow: the step for everyone, the controls for the facilitator ─────────────
  /** What the running phase lets this person do to documents, charters and the plan. */
  const artefacts = () => artefactRights({ role: props.session.role }, runningAllow(flow()))
  const now = createNow()
  const isFacilitator = () => props.session.role === 'facilitator'
  /**
   * A participant's (or an observer's) phone: the step and its action first, the board on
   * demand (client/features/phone). The facilitator keeps the board and the panels.
   */
  const narrow = createMediaQuery(PHONE_QUERY)
  const phone = () => narrow() && !isFacilitator()
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

  // ── The step card: shown again whenever the step changes ────────────────────────────────
  const [cardOpen, setCardOpen] = createSignal(true)
  createEffect(
    on([() => flow().status, () => flow().phaseIndex], () => setCardOpen(true), { defer: true }),
  )

  // ── The side panel: closed at first; each part is loaded when first opened, then kept ───
  const [panel, setPanel] = createSignal<PanelTab | null>(null)
  const [wide, setWide] = createSignal(false)
  const [lastArtefact, setLastArtefact] = createSignal<ArtefactTab>('documents')
  const [lastTab, setLastTab] = createSignal<PanelTab>('people')
  const [opened, setOpened] = createSignal<ReadonlySet<PanelPart>>(new Set())
  createEffect(() => {
    const tab = panel()
    if (!tab) return
    setLastTab(tab)
    if (isArtefact(tab)) setLastArtefact(tab)
    const part = partOf(tab)
    if (!opened().has(part)) setOpened(new Set([...opened(), part]))
  })
  const panelTabs = (): SidePanelTab<PanelTab>[] => [
    ...(isFacilitator() ? [{ id: 'animation' as const, label: t('workspace.tab.animation') }] : []),
    {
      id: 'people',
      label: isFacilitator() ? t('workspace.tab.peopleBalance') : t('workspace.tab.people'),
    },
    ...ARTEFACT_TABS.map((id) => ({ id, label: t(`artefacts.tab.${id}`) })),
  ]
  /** The button that opened the panel: the focus goes back to it when the panel closes. */
  let opener: HTMLElement | null = null
  const focusActiveTab = () =>
    queueMicrotask(() => {
      const tab = panel()
      if (tab) document.getElementById(tabElementId(PANEL_ID, tab))?.focus()
    })
  const openPanel = (tab: PanelTab) => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setPanel(tab)
    focusActiveTab()
  }
  const closePanel = () => {
    setPanel(null)
    setWide(false)
    opener?.focus()
    opener = null
  }
  /** A top bar button: opens its part of the panel, or closes the panel if it shows it. */
  const togglePart = (tab: PanelTab) => {
    const current = panel()
    if (current && partOf(current) === partOf(tab)) closePanel()
    else openPanel(tab)
  }
  const showing = (part: PanelPart) => {
    const current = panel()
    return current !== null && partOf(current) === part
  }
  const shown = (part: PanelPart) => opened().has(part)

  /** The board: the desktop's main area, a phone's on demand ("Voir le tableau"). */
  const canvasArea = () => (
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
  )

  return (
    <AppShell
      fill
      phone={phone()}
      heading={
        <>
          <div class="workspace-heading">
            <h1 class="workshop-title">{title()}</h1>
            <p class="workshop-role">
              {t('workshop.yourRole', { role: t(`role.${props.session.role}`) })}
            </p>
          </div>
          {/* On a phone the step card itself is on top. */}
          <Show when={!phone()}>
            <StepChip
              flow={flow}
              now={now}
              expanded={cardOpen()}
              cardId={STEP_CARD_ID}
              onToggle={() => setCardOpen(!cardOpen())}
            />
          </Show>
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
      tools={
        <>
          <PeopleButton
            awareness={connection.awareness}
            expanded={showing('people')}
            controls={PANEL_ID}
            onClick={() => togglePart('people')}
          />
          <button
            type="button"
            class="button button--secondary button--small"
            aria-expanded={showing('artefacts') ? 'true' : 'false'}
            aria-controls={PANEL_ID}
            onClick={() => togglePart(lastArtefact())}
          >
            {t('workspace.documents')}
          </button>
          <Show when={isFacilitator()}>
            <button
              type="button"
              class="button button--small"
              classList={{
                'button--primary': !showing('animation'),
                'button--secondary': showing('animation'),
              }}
              aria-expanded={showing('animation') ? 'true' : 'false'}
              aria-controls={PANEL_ID}
              onClick={() => togglePart('animation')}
            >
              {t('workspace.tab.animation')}
            </button>
          </Show>
        </>
      }
    >
      <div
        class="workspace-frame"
        classList={{
          'workspace-frame--panel': panel() !== null,
          'workspace-frame--wide': panel() !== null && wide(),
        }}
      >
        <div class="workspace-frame__notices">
          <Show when={deviceCopy()}>
            <Notice title={t('workshop.deviceCopy.title')}>{t('workshop.deviceCopy.body')}</Notice>
          </Show>
          <BadNews
            state={status().state}
            closeCode={status().closeCode}
            linkRevoked={revoked()}
            refused={showRefused() ? refused : null}
            onDismissRefused={() => setShowRefused(false)}
            slept={slept()}
            onDismissSleep={() => setSlept(null)}
            flow={flow}
            readOnly={readOnly()}
          />
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
        </div>
        <RefusalNotice refusal={refusals.refusal()} onDismiss={refusals.dismiss} />
        <Show
          when={phone()}
          fallback={
            <section class="workspace-frame__board" aria-labelledby="canvas-title">
              <h2 id="canvas-title" class="visually-hidden">
                {t('workspace.board')}
              </h2>
              <StepCard
                id={STEP_CARD_ID}
                doc={connection.doc}
                flow={flow}
                open={cardOpen()}
                takeFocus={props.joined}
                onClose={() => setCardOpen(false)}
                onOpenFocus={(tab) => openPanel(tab)}
              />
              <Show when={readOnly() && !ended()}>
                <p class="workspace-frame__read-only muted">{t('workshop.readOnly')}</p>
              </Show>
              {canvasArea()}
            </section>
          }
        >
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <PhoneMain
              doc={connection.doc}
              flow={flow}
              now={now}
              role={props.session.role}
              identity={props.identity}
              writer={writer()}
              writable={writable() && docKnown()}
              ready={docKnown()}
              privateConnection={privateConnection}
              artefacts={artefacts()}
              board={canvasArea}
              navigator={canvasNavigator}
              joined={props.joined}
              onOpen={(tab) => openPanel(tab)}
            />
          </Suspense>
        </Show>
        {/* Kept once opened, hidden when closed: what was typed or unfolded there stays. */}
        <SidePanel
          id={PANEL_ID}
          hidden={panel() === null}
          tabs={panelTabs()}
          active={panel() ?? lastTab()}
          onSelect={setPanel}
          onClose={closePanel}
          wide={wide()}
          onWide={setWide}
        >
          <Show when={isFacilitator() && shown('animation')}>
            <div class="side-panel__part" hidden={!showing('animation')}>
              <Show when={docKnown()}>
                <Suspense fallback={<p role="status">{t('flow.controls.loading')}</p>}>
                  <FacilitatorBar
                    workshopId={props.workshopId}
                    token={props.token}
                    doc={connection.doc}
                    flow={flow}
                    origin={CLIENT_ORIGIN}
                    navigator={canvasNavigator}
                    writable={writable() && docKnown()}
                    workshopTitle={title()}
                  />
                  <ProjectorControls
                    workshopId={props.workshopId}
                    token={props.token}
                    doc={connection.doc}
                    flow={flow}
                    origin={CLIENT_ORIGIN}
                    writable={writable() && docKnown()}
                  />
                </Suspense>
              </Show>
              <Show when={!deviceCopy()}>
                <Suspense fallback={<p role="status">{t('share.loading')}</p>}>
                  <SharePanel workshopId={props.workshopId} token={props.token} />
                </Suspense>
              </Show>
            </div>
          </Show>
          <Show when={shown('people')}>
            <div class="side-panel__part" hidden={!showing('people')}>
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
                <Show when={isFacilitator() && docKnown()}>
                  <Suspense fallback={<p role="status">{t('flow.balance.loading')}</p>}>
                    <BalancePanel workshopId={props.workshopId} token={props.token} />
                  </Suspense>
                </Show>
              </Show>
            </div>
          </Show>
          <Show when={shown('artefacts')}>
            <div class="side-panel__part" hidden={!showing('artefacts')}>
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
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
                  tab={lastArtefact()}
                  focus={focusArtefact()}
                />
              </Suspense>
            </div>
          </Show>
        </SidePanel>
      </div>
    </AppShell>
  )
}
