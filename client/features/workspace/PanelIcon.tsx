import type { Component, JSX } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import type { PanelTab } from './panelState.ts'

/**
 * The picture above each side-panel tab's word (SidePanel.tsx), in the text's colour and hidden
 * from assistive technology (the tab is named in words). Each is drawn the way most tools draw
 * what its tab holds: the facilitator's controls, a calendar, people, a page, a checklist, a flag
 * for where the group is going, a decision ticked, a clock turning back.
 */
export const PanelIcon: Component<{ tab: PanelTab }> = (props) => (
  <svg
    class="side-panel__icon"
    aria-hidden="true"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    <Dynamic component={DRAWINGS[props.tab]} />
  </svg>
)

const DRAWINGS: Record<PanelTab, () => JSX.Element> = {
  animation: () => <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4" />,
  sessions: () => (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </>
  ),
  people: () => (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.8a3.5 3.5 0 0 1 0 6.4M18.5 14.5a6.5 6.5 0 0 1 3 5.5" />
    </>
  ),
  documents: () => (
    <>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5M9 13h6M9 17h6" />
    </>
  ),
  charters: () => (
    <path d="M4 6.5l1.5 1.5L8 5.5M4 12.5l1.5 1.5L8 11.5M4 18.5l1.5 1.5L8 17.5M11 7h9M11 13h9M11 19h9" />
  ),
  plan: () => <path d="M5 21V4M5 4h11l-2 4 2 4H5" />,
  decisions: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12.5l3 3 5-6" />
    </>
  ),
  versions: () => <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3 3v5h5M12 7.5V12l3 2" />,
}
