import { type Component, createUniqueId } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { Dialog } from '../../ui/Dialog.tsx'

export interface LeaveVoteDialogProps {
  /** The title of the step whose vote is open. */
  phase: string
  /** Where the facilitator is going, in words ("go to step 3: Vote", "end the workshop"). */
  destination: string
  /** Close the vote (publish its results), then go. */
  onCloseVote: () => void
  /** Go, leaving the vote open for when the group comes back to its step. */
  onKeepOpen: () => void
  onCancel: () => void
}

/**
 * Asked when the facilitator leaves a step whose vote is still open: close it and go on, keep
 * it open and go on (nobody can vote during other steps; it resumes back on its step), or stay.
 */
export const LeaveVoteDialog: Component<LeaveVoteDialogProps> = (props) => {
  const { t } = useI18n()
  const bodyId = createUniqueId()
  return (
    <Dialog
      block="flow-modal"
      role="alertdialog"
      escapeAnywhere
      describedBy={bodyId}
      title={t('flow.leaveVote.title')}
      onClose={() => props.onCancel()}
      actions={
        <>
          <button type="button" class="button button--primary" onClick={() => props.onCloseVote()}>
            {t('flow.leaveVote.close')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onKeepOpen()}>
            {t('flow.leaveVote.keep')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            data-autofocus
            onClick={() => props.onCancel()}
          >
            {t('flow.controls.cancel')}
          </button>
        </>
      }
    >
      <div id={bodyId}>
        <p>{t('flow.leaveVote.body', { phase: props.phase })}</p>
        <p>{t('flow.leaveVote.destination', { destination: props.destination })}</p>
      </div>
    </Dialog>
  )
}
