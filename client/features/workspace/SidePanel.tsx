import { type Component, Index, type JSX, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { nextTabIndex } from '../../ui/tabKeys.ts'

export interface SidePanelTab<T extends string> {
  id: T
  /** Its name in full: what assistive technology says, and the tooltip. */
  label: string
  /** The word it shows, where `label` is too long for a tab: one of its words, so the name holds what is seen. */
  short?: string
}

export interface SidePanelProps<T extends string> {
  /** The element's id (the top bar's buttons control it). */
  id: string
  /** Closed: kept in the page (what was typed there stays), out of sight. */
  hidden: boolean
  tabs: readonly SidePanelTab<T>[]
  /** The picture drawn above a tab's word (hidden from assistive technology). */
  icon: (tab: T) => JSX.Element
  active: T
  onSelect: (tab: T) => void
  onClose: () => void
  /** The panel takes the board's place (a long document, the decision log). */
  wide: boolean
  onWide: (wide: boolean) => void
  /** What the active tab shows. */
  children: JSX.Element
}

export const tabElementId = (panelId: string, tab: string): string => `${panelId}-tab-${tab}`

/**
 * The workspace's one side panel: its tabs (arrow keys move between them), a way to give it the
 * whole width and back, and a close button (or Escape). Beside the board, never above it.
 *
 * Its eight tabs are all in sight, each a picture above a short word, in two rows of four
 * (frame.css; one row of eight where the panel has the width): a row that scrolled sideways
 * showed two or three of them on a laptop, and people never found the others.
 */
export const SidePanel = <T extends string>(props: SidePanelProps<T>): JSX.Element => {
  const { t } = useI18n()
  const tabs: HTMLButtonElement[] = []
  // Escape closes the panel (a dialog or menu inside it takes its own Escape first).
  const onPanelKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    props.onClose()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex((tab) => tab.id === props.active)
    const next = nextTabIndex(event.key, index, props.tabs.length)
    const target = next === null ? undefined : props.tabs[next]
    if (!target) return
    event.preventDefault()
    props.onSelect(target.id)
    tabs[next ?? 0]?.focus()
  }
  return (
    <aside
      id={props.id}
      class="side-panel"
      hidden={props.hidden}
      classList={{ 'side-panel--wide': props.wide }}
      aria-label={t('workspace.panel.label')}
      onKeyDown={onPanelKeyDown}
    >
      <div class="side-panel__bar">
        <div
          class="side-panel__tabs"
          role="tablist"
          aria-label={t('workspace.panel.tabs')}
          onKeyDown={onKeyDown}
        >
          {/* By position: a label changing (its messages loading) keeps the button, and its focus. */}
          <Index each={props.tabs}>
            {(tab, index) => (
              <button
                ref={(element) => {
                  tabs[index] = element
                }}
                type="button"
                role="tab"
                id={tabElementId(props.id, tab().id)}
                class="side-panel__tab"
                aria-label={tab().short === undefined ? undefined : tab().label}
                title={tab().short === undefined ? undefined : tab().label}
                aria-selected={props.active === tab().id ? 'true' : 'false'}
                aria-controls={`${props.id}-content`}
                tabIndex={props.active === tab().id ? 0 : -1}
                onClick={() => props.onSelect(tab().id)}
              >
                {props.icon(tab().id)}
                <span class="side-panel__tab-word">{tab().short ?? tab().label}</span>
              </button>
            )}
          </Index>
        </div>
        <div class="side-panel__actions">
          <button
            type="button"
            class="close-button"
            aria-pressed={props.wide ? 'true' : 'false'}
            aria-label={t('workspace.panel.wide')}
            title={t('workspace.panel.wide')}
            onClick={() => props.onWide(!props.wide)}
          >
            <span aria-hidden="true">⤢</span>
          </button>
          <CloseButton label={t('workspace.panel.close')} onClick={() => props.onClose()} />
        </div>
      </div>
      <Show when={props.wide}>
        <button
          type="button"
          class="button button--secondary button--small side-panel__back"
          onClick={() => props.onWide(false)}
        >
          <span aria-hidden="true">← </span>
          {t('workspace.panel.back')}
        </button>
      </Show>
      <div
        id={`${props.id}-content`}
        class="side-panel__content"
        role="tabpanel"
        aria-labelledby={tabElementId(props.id, props.active)}
      >
        {props.children}
      </div>
    </aside>
  )
}

/** A "×" button named in words (its name is its label; the cross is only drawn). */
export const CloseButton: Component<{ label: string; onClick: () => void }> = (props) => (
  <button
    type="button"
    class="close-button"
    aria-label={props.label}
    title={props.label}
    onClick={() => props.onClick()}
  >
    <span aria-hidden="true">×</span>
  </button>
)
