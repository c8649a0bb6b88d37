import { createUniqueId, type JSX, onCleanup, onMount, type ParentComponent } from 'solid-js'

export interface ModalProps {
  title: string
  onClose: () => void
  /** The dialog's buttons, under its content. */
  actions: JSX.Element
  /** `alertdialog` for confirmations. */
  role?: 'dialog' | 'alertdialog'
}

/**
 * A modal dialog: labelled by its title, focus moves into it on open and stays inside (Tab
 * wraps), Escape closes it, focus returns to what opened it.
 */
export const Modal: ParentComponent<ModalProps> = (props) => {
  const titleId = createUniqueId()
  let box!: HTMLDivElement
  const opener = document.activeElement as HTMLElement | null
  const focusables = () =>
    [
      ...box.querySelectorAll<HTMLElement>(
        'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])',
      ),
    ].filter((el) => !el.hasAttribute('disabled'))
  // Escape closes the dialog even when focus fell out of it (e.g. onto the page's body).
  const onDocumentKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !box.contains(event.target as Node)) {
      event.preventDefault()
      props.onClose()
    }
  }
  onMount(() => {
    const first = box.querySelector<HTMLElement>('input, textarea') ?? focusables()[0]
    first?.focus()
    document.addEventListener('keydown', onDocumentKeyDown)
  })
  onCleanup(() => {
    document.removeEventListener('keydown', onDocumentKeyDown)
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
    <div class="flow-modal__backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: its role is dialog or alertdialog */}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: its role is dialog or alertdialog */}
      <div
        ref={box}
        class="flow-modal panel"
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} class="flow-modal__title">
          {props.title}
        </h2>
        {props.children}
        <div class="form__actions">{props.actions}</div>
      </div>
    </div>
  )
}
