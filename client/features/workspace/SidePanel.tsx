import {
  type Component,
  createEffect,
  createSignal,
  Index,
  type JSX,
  onCleanup,
  onMount,
  Show,
} from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { nextTabIndex } from '../../ui/tabKeys.ts'

export interface SidePanelTab<T extends string> {
  id: T
  label: string
}

export interface SidePanelProps<T extends string> {
  /** The element's id (the top bar's buttons control it). */
  id: string
  /** Closed: kept in the page (what was typed there stays), out of sight. */
  hidden: boolean
  tabs: readonly SidePanelTab<T>[]
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

/** Which way the row of tabs can scroll, for its arrows; none when every tab is in sight. */
interface Overflow {
  back: boolean
  forward: boolean
}

/**
 * The workspace's one side panel: one row of tabs (arrow keys move between them), a way to give
 * it the whole width and back, and a close button (or Escape). Beside the board, never above it.
 *
 * Its seven tabs do not fit a laptop's panel (about 24rem, French labels longer): the row
 * scrolls sideways rather than wrapping to three or four rows over what the tab shows. The
 * selected tab is kept in sight (the focus brings it too); where tabs are out of sight, an arrow
 * at that end scrolls the row for a pointer. The arrows are pictures for the mouse (out of the
 * Tab order, hidden from assistive technology): the keyboard has the tabs' arrow keys, which
 * reach every tab, and a screen reader has the tab list whole.
 */
export const SidePanel = <T extends string>(props: SidePanelProps<T>): JSX.Element => {
  const { t } = useI18n()
  const tabs: HTMLButtonElement[] = []
  let strip: HTMLDivElement | undefined
  const [overflow, setOverflow] = createSignal<Overflow>({ back: false, forward: false })
  const measure = () => {
    if (!strip) return
    const { scrollLeft, scrollWidth, clientWidth } = strip
    const back = scrollLeft > 1
    const forward = scrollLeft + clientWidth < scrollWidth - 1
    const now = overflow()
    if (now.back !== back || now.forward !== forward) setOverflow({ back, forward })
  }
  /** Scrolls the row so that the selected tab is whole in sight (and measures again). */
  const revealActive = () => {
    const index = props.tabs.findIndex((tab) => tab.id === props.active)
    const tab = tabs[index]
    if (strip && tab) {
      // The row is the tabs' offset parent (position: relative), so this is within its scroll.
      const left = tab.offsetLeft
      const right = left + tab.offsetWidth
      if (left < strip.scrollLeft) strip.scrollLeft = left
      else if (right > strip.scrollLeft + strip.clientWidth)
        strip.scrollLeft = right - strip.clientWidth
    }
    measure()
  }
  const scrollRow = (direction: -1 | 1) =>
    strip?.scrollBy({ left: direction * strip.clientWidth * 0.75, behavior: 'smooth' })
  onMount(() => {
    if (!strip || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(revealActive)
    observer.observe(strip)
    onCleanup(() => observer.disconnect())
  })
  createEffect(() => {
    if (props.hidden) return
    props.active
    props.tabs.length
    queueMicrotask(revealActive)
  })
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
      <div
        class="side-panel__bar"
        data-overflow={overflow().back || overflow().forward ? 'true' : undefined}
      >
        <ScrollArrow
          label={t('workspace.panel.tabsBack')}
          shown={overflow().back}
          onClick={() => scrollRow(-1)}
        >
          ‹
        </ScrollArrow>
        <div
          class="side-panel__tabs"
          ref={strip}
          role="tablist"
          aria-label={t('workspace.panel.tabs')}
          onKeyDown={onKeyDown}
          onScroll={measure}
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
                aria-selected={props.active === tab().id ? 'true' : 'false'}
                aria-controls={`${props.id}-content`}
                tabIndex={props.active === tab().id ? 0 : -1}
                onClick={() => props.onSelect(tab().id)}
              >
                {tab().label}
              </button>
            )}
          </Index>
        </div>
        <ScrollArrow
          label={t('workspace.panel.tabsForward')}
          shown={overflow().forward}
          onClick={() => scrollRow(1)}
        >
          ›
        </ScrollArrow>
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

/**
 * An arrow at one end of the row of tabs, for a pointer (see `SidePanel`): its place is kept
 * while the row overflows (hidden, not removed, at the end already reached), so the row does
 * not move under the pointer.
 */
const ScrollArrow: Component<{
  label: string
  shown: boolean
  onClick: () => void
  children: string
}> = (props) => (
  <button
    type="button"
    class="side-panel__scroll"
    tabIndex={-1}
    aria-hidden="true"
    title={props.label}
    data-shown={props.shown ? 'true' : 'false'}
    onClick={() => props.onClick()}
  >
    {props.children}
  </button>
)

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
