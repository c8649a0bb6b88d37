import { createUniqueId, type JSX, type ParentComponent } from 'solid-js'
import { Dialog } from './Dialog.tsx'
import { FieldError } from './FieldError.tsx'

export interface ConfirmDialogProps {
  title: string
  /** The CSS block of the dialog's own classes (see Dialog). */
  block: string
  /** The confirming button's text, and its style: `danger` for what cannot be taken back. */
  confirm: string
  tone: 'danger' | 'primary'
  cancel: string
  onConfirm: () => void
  onClose: () => void
  /** While the confirmed action runs: the confirming button says so and does nothing more. */
  busy?: boolean
  busyLabel?: string
  /** Why the action failed, said in the dialog (nothing changed). */
  error?: string
  /** What the dialog asks, read out with its title when it opens. */
  children: JSX.Element
}

/**
 * A confirmation before an action nobody may take back (replacing a link, forgetting a person,
 * revealing private notes): an alert dialog whose body says what happens, "cancel" focused
 * first, Escape closes it from anywhere, and a failure said inside it.
 */
export const ConfirmDialog: ParentComponent<ConfirmDialogProps> = (props) => {
  const bodyId = createUniqueId()
  return (
    <Dialog
      block={props.block}
      role="alertdialog"
      describedBy={bodyId}
      escapeAnywhere
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button
            type="button"
            class={`button button--${props.tone}`}
            aria-disabled={props.busy ? 'true' : undefined}
            onClick={() => {
              if (!props.busy) props.onConfirm()
            }}
          >
            {props.busy && props.busyLabel ? props.busyLabel : props.confirm}
          </button>
          <button
            type="button"
            class="button button--secondary"
            data-autofocus
            onClick={props.onClose}
          >
            {props.cancel}
          </button>
        </>
      }
    >
      <div id={bodyId} class={`${props.block}__body`}>
        {props.children}
      </div>
      <FieldError when={props.error} alert>
        {props.error}
      </FieldError>
    </Dialog>
  )
}
