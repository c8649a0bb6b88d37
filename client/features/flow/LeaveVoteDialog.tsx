import type { Component } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { ChoiceDialog } from '../../ui/ChoiceDialog.tsx'
import { FACILITATION_MESSAGES } from './messages.ts'

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
  const { t, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  return (
    <ChoiceDialog
      block="flow-modal"
      title={t('flow.leaveVote.title')}
      choices={[
        { label: t('flow.leaveVote.close'), tone: 'primary', onChoose: () => props.onCloseVote() },
        { label: t('flow.leaveVote.keep'), tone: 'secondary', onChoose: () => props.onKeepOpen() },
      ]}
      cancel={t('flow.controls.cancel')}
      onCancel={() => props.onCancel()}
    >
      <p>{t('flow.leaveVote.body', { phase: props.phase })}</p>
      <p>{t('flow.leaveVote.destination', { destination: props.destination })}</p>
    </ChoiceDialog>
  )
}
