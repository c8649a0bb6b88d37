import { createUniqueId, type ParentComponent } from 'solid-js'
import { Dialog } from '../../ui/Dialog.tsx'

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
      block="canvas-dialog"
      selectOnOpen
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
