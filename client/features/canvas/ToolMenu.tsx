import {
  createEffect,
  createSignal,
  createUniqueId,
  type JSX,
  onCleanup,
  type ParentComponent,
} from 'solid-js'

export interface ToolMenuProps {
  /** The button's accessible name and tooltip. */
  label: string
  icon: string
  /** Keep the label visible next to the icon (otherwise icon only, name in title and aria). */
  showLabel?: boolean
  /** Open the panel towards the left (for a menu at the end of a row). */
  alignEnd?: boolean
  class?: string
  /** Called with the menu's `close(refocus)`, so an action inside can close it first. */
  ref?: (close: (refocus: boolean) => void) => void
  children: JSX.Element
}

/**
 * A disclosure menu for the canvas toolbar: a button (`aria-expanded`) and, right after it in
 * the DOM, a panel of ordinary buttons, so Tab walks into it and `getByRole('button')` finds
 * them once it is open. Escape closes it and gives the focus back to the button; so does a
 * click elsewhere or the focus leaving it.
 */
export const ToolMenu: ParentComponent<ToolMenuProps> = (props) => {
  const [open, setOpen] = createSignal(false)
  const panelId = createUniqueId()
  let root!: HTMLDivElement
  let button!: HTMLButtonElement
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.focus()
  }
  props.ref?.(close)
  const onOutside = (event: PointerEvent) => {
    if (!root.contains(event.target as Node)) setOpen(false)
  }
  createEffect(() => {
    if (!open()) return
    document.addEventListener('pointerdown', onOutside, true)
    onCleanup(() => document.removeEventListener('pointerdown', onOutside, true))
  })
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) {
      event.preventDefault()
      event.stopPropagation()
      close(true)
    }
  }
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null
    if (next && !root.contains(next)) setOpen(false)
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and focus-out of the menu's own controls
    <div
      ref={root}
      class={`canvas-menu ${props.class ?? ''}`}
      classList={{ 'canvas-menu--end': props.alignEnd === true }}
      onKeyDown={onKeyDown}
      onFocusOut={onFocusOut}
    >
      <button
        ref={button}
        type="button"
        class="canvas-tool canvas-menu__button"
        classList={{ 'canvas-tool--labelled': props.showLabel === true }}
        aria-label={props.label}
        aria-expanded={open() ? 'true' : 'false'}
        aria-controls={panelId}
        title={props.label}
        data-tip={props.label}
        onClick={() => setOpen(!open())}
      >
        <span class="canvas-tool__icon" aria-hidden="true">
          {props.icon}
        </span>
        <span class="canvas-tool__text" aria-hidden="true">
          {props.label}
        </span>
        <span class="canvas-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} class="canvas-menu__panel" hidden={!open()}>
        {props.children}
      </div>
    </div>
  )
}
