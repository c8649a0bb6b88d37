import type { JSX, ParentComponent } from 'solid-js'
import { ChoiceDialog } from './ChoiceDialog.tsx'

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
 * revealing private notes) or that stops everyone (ending the workshop): a ChoiceDialog with
 * one answer, "cancel" focused first.
 */
export const ConfirmDialog: ParentComponent<ConfirmDialogProps> = (props) => (
  <ChoiceDialog
    title={props.title}
    block={props.block}
    choices={[
      {
        label: props.busy && props.busyLabel ? props.busyLabel : props.confirm,
        tone: props.tone,
        busy: props.busy,
        onChoose: () => props.onConfirm(),
      },
    ]}
    cancel={props.cancel}
    onCancel={() => props.onClose()}
    error={props.error}
  >
    {props.children}
  </ChoiceDialog>
)
