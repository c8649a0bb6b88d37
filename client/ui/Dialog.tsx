import { createUniqueId, type JSX, onCleanup, onMount, type ParentComponent } from 'solid-js'

export interface DialogProps {
  title: string
  onClose: () => void
  /** Shown under the content: the dialog's buttons. */
  actions: JSX.Element
  /** `alertdialog` for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog'
  /** Id of the content that says what the dialog asks: read out with its title on open. */
  describedBy?: string
  /**
   * The CSS block of the dialog's own classes (`<block>__backdrop`, `<block>`, `<block>__title`,
   * next to the shared `dialog…` ones of client/styles.css), e.g. `canvas-dialog`.
   */
  block: string
  /** Select the text of the first field when it takes focus on open. */
  selectOnOpen?: boolean
  /** Escape closes the dialog even when focus fell out of it (e.g. onto the page's body). */
  escapeAnywhere?: boolean
}

/**
 * A small modal dialog: labelled by its title, focus moves into it on open (to the element
 * marked `data-autofocus`, else the first field, else the first control: mark "cancel" in a
 * confirmation nobody may take back), stays inside it (Tab wraps), Escape closes it, and focus
 * goes back where it was on close.
 */
export const Dialog: ParentComponent<DialogProps> = (props) => {
  const titleId = createUniqueId()
  let box!: HTMLDivElement
  const opener = document.activeElement as HTMLElement | null
  const focusables = () =>
    [
      ...box.querySelectorAll<HTMLElement>(
        'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])',
      ),
    ].filter((el) => !el.hasAttribute('disabled'))
  const onDocumentKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !box.contains(event.target as Node)) {
      event.preventDefault()
      props.onClose()
    }
  }
  const escapeAnywhere = props.escapeAnywhere === true
  onMount(() => {
    const first =
      box.querySelector<HTMLElement>('[data-autofocus]') ??
      box.querySelector<HTMLElement>('input, select, textarea') ??
      focusables()[0]
    first?.focus()
    if (props.selectOnOpen && first instanceof HTMLInputElement) first.select()
    if (escapeAnywhere) document.addEventListener('keydown', onDocumentKeyDown)
  })
  onCleanup(() => {
    if (escapeAnywhere) document.removeEventListener('keydown', onDocumentKeyDown)
    if (opener?.isConnected) opener.focus()
  })
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      props.onClose()
    } else if (event.key === 'Tab') {
      const list = focusables()
      const first = list[0]
      const last = list.at(-1)
      if (!first || !last) return
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    }
  }
  return (
    <div class={`dialog__backdrop ${props.block}__backdrop`}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: its role is dialog or alertdialog */}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: its role is dialog or alertdialog */}
      <div
        ref={box}
        class={`dialog ${props.block} panel`}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={props.describedBy}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} class={`dialog__title ${props.block}__title`}>
          {props.title}
        </h2>
        {props.children}
        <div class="form__actions">{props.actions}</div>
      </div>
    </div>
  )
}
