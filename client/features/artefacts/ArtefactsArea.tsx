import {
  type Component,
  createSignal,
  createUniqueId,
  For,
  lazy,
  Match,
  Show,
  Suspense,
  Switch,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { ParticipantCredentials } from '../../../shared/api.ts'
import type { PartnerGroup } from '../../../shared/groups.ts'
import { documentsEn, documentsFr } from '../../../shared/i18n/documents.ts'
import { canWrite, type Role } from '../../../shared/roles.ts'
import type { DueTarget } from '../../../shared/schema/due.ts'
import { type ArtefactRights, artefactRights } from '../../../shared/schema/rights.ts'
import { useI18n } from '../../app/i18n.tsx'
import { nextTabIndex } from '../../ui/tabKeys.ts'
import { type ArtefactsContextValue, ArtefactsProvider, errorMessage } from './context.tsx'
import { ARTEFACT_TABS, type ArtefactTab } from './tabs.ts'
import './artefacts.css'

// Each panel is its own chunk, loaded when its tab is first opened; the rich-text editor
// (Tiptap) is a further chunk that only documents and plan sections load.
const DocumentsPanel = lazy(() => import('../documents/DocumentsPanel.tsx'))
const ChartersPanel = lazy(() => import('../charters/ChartersPanel.tsx'))
const PlanPanel = lazy(() => import('../plan/PlanPanel.tsx'))
const DecisionsPanel = lazy(() => import('../decisions/DecisionsPanel.tsx'))
const VersionsPanel = lazy(() => import('../versions/VersionsPanel.tsx'))

/** The artefacts' messages come with this chunk (see documents.ts). */
const ARTEFACT_MESSAGES = { fr: documentsFr, en: documentsEn }

export interface ArtefactsAreaProps {
  doc: Y.Doc
  awareness: Awareness
  workshopId: string
  token: string
  role: Role
  identity: { participantId: string; name: string; group: PartnerGroup }
  /** The identity issued at join (see `ArtefactsContextValue.participant`). */
  participant: ParticipantCredentials | null
  /**
   * May this person write now? Defaults to "not an observer". Pass the workspace's
   * `writable() && docKnown()` so nothing is written before the document is loaded.
   */
  writable?: boolean
  /** What the running phase lets this person do (`artefactRights`); everything by default. */
  rights?: ArtefactRights
  /**
   * The workshop has ended (`endedFor`: this person is not its facilitator): the panels say so
   * rather than "connecting", and offer no change.
   */
  ended?: boolean
  /** The tab open at first (documents by default). */
  initialTab?: ArtefactTab
  /**
   * The tab shown, chosen elsewhere: the workspace's side panel has one row of tabs for all its
   * panels, so this area then shows no tabs of its own (and is not itself a tab panel).
   */
  tab?: ArtefactTab
  /** The document or charter the running step is about: shown first in its tab. */
  focus?: string | null
  /** An action or decision opened from what is due: its panel brings it, with the focus. */
  reveal?: DueTarget | null
}

/**
 * What the group produces: documents, role charters, the open plan, the decision log, versions
 * and exports, as tabs (arrow keys move between them), or one of them chosen by `tab`.
 */
export const ArtefactsArea: Component<ArtefactsAreaProps> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(ARTEFACT_MESSAGES)
  const id = createUniqueId()
  const [ownTab, setTab] = createSignal<ArtefactTab>(props.initialTab ?? 'documents')
  const embedded = () => props.tab !== undefined
  const tab = () => props.tab ?? ownTab()
  const [message, setMessage] = createSignal('')
  const [error, setError] = createSignal('')
  const tabs: HTMLButtonElement[] = []

  const loaded = () => (props.writable ?? true) && canWrite(props.role)
  const rights = () => props.rights ?? artefactRights({ role: props.role }, null)
  const writable = () => loaded() && rights().edit
  const announce = (text: string) => {
    // Cleared first so the same message twice is announced twice.
    setMessage('')
    queueMicrotask(() => setMessage(text))
  }
  const context: ArtefactsContextValue = {
    get doc() {
      return props.doc
    },
    get awareness() {
      return props.awareness
    },
    get workshopId() {
      return props.workshopId
    },
    get token() {
      return props.token
    },
    get role() {
      return props.role
    },
    get identity() {
      return props.identity
    },
    get participant() {
      return props.participant
    },
    writable,
    ended: () => props.ended === true,
    positions: () => loaded() && rights().position,
    manages: () => loaded() && rights().manage,
    preferred: () => props.focus ?? null,
    revealed: () => props.reveal ?? null,
    snapshot: false,
    announce,
    fail: (failure) => {
      console.error(failure)
      setError(t('artefacts.error', { error: errorMessage(failure) }))
    },
  }

  const select = (next: ArtefactTab, focus = false) => {
    setTab(next)
    setError('')
    if (focus) tabs[ARTEFACT_TABS.indexOf(next)]?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextTabIndex(event.key, ARTEFACT_TABS.indexOf(tab()), ARTEFACT_TABS.length)
    if (next === null) return
    event.preventDefault()
    select(ARTEFACT_TABS[next] ?? 'documents', true)
  }

  const content = () => (
    <>
      <Show when={props.role === 'observer'}>
        <p class="muted artefacts__note">{t('artefacts.readOnly')}</p>
      </Show>
      <Show when={props.role !== 'observer' && props.writable === false}>
        <p class="muted artefacts__note" role="status">
          {props.ended ? t('artefacts.ended') : t('artefacts.waiting')}
        </p>
      </Show>
      <Show when={loaded() && !rights().edit}>
        <p class="muted artefacts__note" role="status">
          {t('artefacts.phaseReadOnly')}
        </p>
      </Show>
      <Show when={error()}>
        <p class="field__error artefacts__error" role="alert">
          {error()}
        </p>
      </Show>
      <Suspense fallback={<p role="status">{t('artefacts.loading')}</p>}>
        <Switch>
          <Match when={tab() === 'documents'}>
            <DocumentsPanel />
          </Match>
          <Match when={tab() === 'charters'}>
            <ChartersPanel />
          </Match>
          <Match when={tab() === 'plan'}>
            <PlanPanel />
          </Match>
          <Match when={tab() === 'decisions'}>
            <DecisionsPanel />
          </Match>
          <Match when={tab() === 'versions'}>
            <VersionsPanel />
          </Match>
        </Switch>
      </Suspense>
    </>
  )

  return (
    <ArtefactsProvider value={context}>
      <section class="artefacts" classList={{ panel: !embedded() }} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} class={embedded() ? 'visually-hidden' : 'panel__title'}>
          {t('artefacts.title')}
        </h2>
        <Show when={!embedded()}>
          <div
            class="artefacts__tabs"
            role="tablist"
            aria-label={t('artefacts.tabs')}
            onKeyDown={onKeyDown}
          >
            <For each={ARTEFACT_TABS}>
              {(name, index) => (
                <button
                  ref={(element) => {
                    tabs[index()] = element
                  }}
                  type="button"
                  role="tab"
                  id={`${id}-tab-${name}`}
                  class="artefacts__tab"
                  aria-selected={tab() === name ? 'true' : 'false'}
                  aria-controls={`${id}-panel`}
                  tabIndex={tab() === name ? 0 : -1}
                  onClick={() => select(name)}
                >
                  {t(`artefacts.tab.${name}`)}
                </button>
              )}
            </For>
          </div>
        </Show>
        <Show when={!embedded()} fallback={<div class="artefacts__panel">{content()}</div>}>
          <div
            id={`${id}-panel`}
            class="artefacts__panel"
            role="tabpanel"
            aria-labelledby={`${id}-tab-${tab()}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable (ARIA tabs pattern)
            tabIndex={0}
          >
            {content()}
          </div>
        </Show>
        <div class="visually-hidden" role="status" aria-live="polite">
          {message()}
        </div>
      </section>
    </ArtefactsProvider>
  )
}

export default ArtefactsArea
