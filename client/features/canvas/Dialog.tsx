import { createUniqueId, type JSX, onCleanup, onMount, type ParentComponent } from 'solid-js'

export interface DialogProps {
  title: string
  onClose: () => void
  /** Shown under the content: the dialog's buttons. */
  actions: JSX.Element
  /** `alertdialog` for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog'
}

/**
 * A small modal dialog: labelled by its title, focus moves into it on open, stays inside it
 * (Tab wraps), Escape closes it, and focus goes back where it was on close.
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
  onMount(() => {
    const first = box.querySelector<HTMLElement>('input, select, textarea') ?? focusables()[0]
    first?.focus()
    if (first instanceof HTMLInputElement) first.select()
  })
  onCleanup(() => {
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
    <div class="canvas-dialog__backdrop">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: its role is dialog or alertdialog */}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: its role is dialog or alertdialog */}
      <div
        ref={box}
        class="canvas-dialog panel"
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} class="canvas-dialog__title">
          {props.title}
        </h2>
        {props.children}
        <div class="form__actions">{props.actions}</div>
      </div>
    </div>
  )
}

export interface PromptDialogProps {
  title: string
  label: string
  initial: string
  submit: string
  cancel: string
  maxLength?: number
  /** Called with the trimmed value; return an error message to keep the dialog open. */
  onSubmit: (value: string) => string | null
  onClose: () => void
}

/** A dialog asking for one line of text (a canvas title, a cluster name). */
export const PromptDialog: ParentComponent<PromptDialogProps> = (props) => {
  const inputId = createUniqueId()
  const errorId = createUniqueId()
  let input!: HTMLInputElement
  let errorText!: HTMLParagraphElement
  const submit = (event: Event) => {
    event.preventDefault()
    const error = props.onSubmit(input.value.trim())
    errorText.textContent = error ?? ''
    input.setAttribute('aria-invalid', error ? 'true' : 'false')
    if (error) input.focus()
  }
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button type="submit" form={`${inputId}-form`} class="button button--primary">
            {props.submit}
          </button>
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {props.cancel}
          </button>
        </>
      }
    >
      <form id={`${inputId}-form`} class="field" onSubmit={submit}>
        <label for={inputId}>{props.label}</label>
        <input
          ref={input}
          id={inputId}
          type="text"
          value={props.initial}
          maxLength={props.maxLength}
          aria-describedby={errorId}
          autocomplete="off"
        />
        <p ref={errorText} id={errorId} class="field__error canvas-dialog__error" role="alert" />
      </form>
    </Dialog>
  )
}
