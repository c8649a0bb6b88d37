import { createUniqueId, Index, type JSX, type ParentComponent } from 'solid-js'
import { Dialog } from './Dialog.tsx'
import { FieldError } from './FieldError.tsx'

/** One answer to a ChoiceDialog's question: a button, and what it does. */
export interface Choice {
  label: string
  /** `primary` for the answer proposed, `danger` for what cannot be taken back. */
  tone: 'primary' | 'secondary' | 'danger'
  onChoose: () => void
  /** While the choice runs: its button is marked disabled (and stays focusable) and does nothing. */
  busy?: boolean
}

export interface ChoiceDialogProps {
  title: string
  /** The CSS block of the dialog's own classes (see Dialog). */
  block: string
  /** The answers, in order, before "cancel". */
  choices: readonly Choice[]
  cancel: string
  onCancel: () => void
  /** Why the chosen action failed, said in the dialog (nothing changed). */
  error?: string
  /** The question, read out with the title when the dialog opens. */
  children: JSX.Element
}

/**
 * A question before an action that changes things for everyone (leaving a step whose vote is
 * open, or whose private notes are not revealed): an alert dialog whose body says what
 * happens, its answers as buttons, then "cancel", focused first; Escape closes it from
 * anywhere, and a failure is said inside it. ConfirmDialog is the one with a single answer.
 */
export const ChoiceDialog: ParentComponent<ChoiceDialogProps> = (props) => {
  const bodyId = createUniqueId()
  return (
    <Dialog
      block={props.block}
      role="alertdialog"
      describedBy={bodyId}
      escapeAnywhere
      title={props.title}
      onClose={() => props.onCancel()}
      actions={
        <>
          {/* By position: a label changing (busy) keeps the button, and its focus. */}
          <Index each={props.choices}>
            {(choice) => (
              <button
                type="button"
                class={`button button--${choice().tone}`}
                aria-disabled={choice().busy ? 'true' : undefined}
                onClick={() => {
                  if (!choice().busy) choice().onChoose()
                }}
              >
                {choice().label}
              </button>
            )}
          </Index>
          <button
            type="button"
            class="button button--secondary"
            data-autofocus
            onClick={() => props.onCancel()}
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
