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
import { type ArtefactRights, artefactRights } from '../../../shared/schema/rights.ts'
import { useI18n } from '../../app/i18n.tsx'
import { type ArtefactsContextValue, ArtefactsProvider, errorMessage } from './context.tsx'
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

export const ARTEFACT_TABS = ['documents', 'charters', 'plan', 'decisions', 'versions'] as const
export type ArtefactTab = (typeof ARTEFACT_TABS)[number]

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
  /** The tab open at first (documents by default). */
  initialTab?: ArtefactTab
}

/**
 * What the group produces, next to the canvas: documents, role charters, the open plan, the
 * decision log, versions and exports, as tabs (arrow keys move between them).
 */
export const ArtefactsArea: Component<ArtefactsAreaProps> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(ARTEFACT_MESSAGES)
  const id = createUniqueId()
  const [tab, setTab] = createSignal<ArtefactTab>(props.initialTab ?? 'documents')
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
    positions: () => loaded() && rights().position,
    manages: () => loaded() && rights().manage,
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
    const index = ARTEFACT_TABS.indexOf(tab())
    const count = ARTEFACT_TABS.length
    const target: Record<string, number> = {
      ArrowRight: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      Home: 0,
      End: count - 1,
    }
    const next = target[event.key]
    if (next === undefined) return
    event.preventDefault()
    select(ARTEFACT_TABS[next] ?? 'documents', true)
  }

  return (
    <ArtefactsProvider value={context}>
      <section class="artefacts panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} class="panel__title">
          {t('artefacts.title')}
        </h2>
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
        <div
          id={`${id}-panel`}
          class="artefacts__panel"
          role="tabpanel"
          aria-labelledby={`${id}-tab-${tab()}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable (ARIA tabs pattern)
          tabIndex={0}
        >
          <Show when={props.role === 'observer'}>
            <p class="muted artefacts__note">{t('artefacts.readOnly')}</p>
          </Show>
          <Show when={props.role !== 'observer' && props.writable === false}>
            <p class="muted artefacts__note" role="status">
              {t('artefacts.waiting')}
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
        </div>
        <div class="visually-hidden" role="status" aria-live="polite">
          {message()}
        </div>
      </section>
    </ArtefactsProvider>
  )
}

export default ArtefactsArea
