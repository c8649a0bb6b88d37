import { batch, createEffect, createSignal } from 'solid-js'
import type { DueTarget } from '../../../shared/schema/due.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ARTEFACT_TABS, type ArtefactTab } from '../artefacts/tabs.ts'
import { type SidePanelTab, tabElementId } from './SidePanel.tsx'

/** The side panel's tabs, and the parts of it each loaded when first opened. */
export type PanelTab = 'animation' | 'sessions' | 'people' | ArtefactTab
export type PanelPart = 'animation' | 'sessions' | 'people' | 'artefacts'
const isArtefact = (tab: PanelTab): tab is ArtefactTab =>
  (ARTEFACT_TABS as readonly string[]).includes(tab)
const partOf = (tab: PanelTab): PanelPart => (isArtefact(tab) ? 'artefacts' : tab)
/** The side panel's element id: the top bar's buttons control it. */
export const PANEL_ID = 'workspace-panel'

/** What the side panel shows and how it opens, for the top bar, the step card and the phone. */
export type PanelState = ReturnType<typeof createPanelState>

/**
 * The side panel's wiring: closed at first; each part (animation, sessions, people, artefacts)
 * is loaded when first opened, then kept; the focus goes to its tab on opening and back to the button
 * that opened it on closing.
 */
export const createPanelState = (isFacilitator: () => boolean) => {
  const { t } = useI18n()
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
  const tabs = (): SidePanelTab<PanelTab>[] => [
    ...(isFacilitator() ? [{ id: 'animation' as const, label: t('workspace.tab.animation') }] : []),
    { id: 'sessions', label: t('workspace.tab.sessions') },
    // "People" for the facilitator too, whose tab also holds the balance: « Personnes et
    // équilibre » is too long for a tab.
    { id: 'people', label: t('workspace.tab.people') },
    ...ARTEFACT_TABS.map((id) => ({
      id,
      label: t(`artefacts.tab.${id}`),
      ...(id === 'charters' || id === 'versions' ? { short: t(`workspace.tabShort.${id}`) } : {}),
    })),
  ]
  /** The button that opened the panel: the focus goes back to it when the panel closes. */
  let opener: HTMLElement | null = null
  const focusActiveTab = () =>
    queueMicrotask(() => {
      const tab = panel()
      if (tab) document.getElementById(tabElementId(PANEL_ID, tab))?.focus()
    })
  const rememberOpener = () => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  }
  const open = (tab: PanelTab) => {
    rememberOpener()
    setPanel(tab)
    focusActiveTab()
  }
  /**
   * The action or decision last opened from what is due: its panel brings it into view with
   * the focus (each opening is a new object, so the same item opened twice is brought again).
   */
  const [revealed, setRevealed] = createSignal<DueTarget | null>(null)
  /** How many times the top bar's « Partager » was pressed: each brings the share section. */
  const [shareAsked, setShareAsked] = createSignal(0)
  const close = () => {
    setPanel(null)
    setWide(false)
    opener?.focus()
    opener = null
  }
  const showing = (part: PanelPart) => {
    const current = panel()
    return current !== null && partOf(current) === part
  }
  return {
    /** The tab on screen, null while the panel is closed. */
    panel,
    select: setPanel,
    wide,
    setWide,
    tabs,
    /** The tab the panel shows, or showed last while it is closed. */
    active: () => panel() ?? lastTab(),
    /** The artefact tab shown last: the artefacts area keeps it while another part shows. */
    lastArtefact,
    open,
    /**
     * The top bar's « Partager l’atelier »: the Animation tab, its share section in view with
     * the focus on its heading (SharePanel's `bringIntoView`), not on the tab.
     */
    openShare: () => {
      rememberOpener()
      batch(() => {
        setPanel('animation')
        setShareAsked(shareAsked() + 1)
      })
    },
    shareAsked,
    /**
     * An item of what is due: its tab (Plan, Décisions), with the focus on the action or the
     * decision, not on the tab (the panel showing it moves the focus there).
     */
    reveal: (target: DueTarget) => {
      rememberOpener()
      batch(() => {
        setPanel(target.tab)
        setRevealed({ ...target })
      })
    },
    revealed,
    close,
    /**
     * A top bar button: opens its tab, or closes the panel if it shows that tab (from another
     * tab of the same part, it brings its own: "Documents" from « Décisions »).
     */
    toggle: (tab: PanelTab) => (panel() === tab ? close() : open(tab)),
    /**
     * Whether the panel shows `tab`: what the top bar's button named for it says (pressed),
     * "Documents" not while another artefact's tab is on screen.
     */
    shows: (tab: PanelTab) => panel() === tab,
    showing,
    /** Whether a part was ever opened (it is then kept, hidden when another shows). */
    shown: (part: PanelPart) => opened().has(part),
  }
}
