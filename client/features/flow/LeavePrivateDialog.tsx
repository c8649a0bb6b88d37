import type { Component } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { ChoiceDialog } from '../../ui/ChoiceDialog.tsx'
import { FACILITATION_MESSAGES } from './messages.ts'

export interface LeavePrivateDialogProps {
  /** The title of the private-writing step being left. */
  phase: string
  /** How many private notes wait to be revealed on the step's canvas. */
  notes: number
  /** Where the facilitator is going, in words ("go to step 3: Vote", "end the workshop"). */
  destination: string
  /** Reveal the notes (with their authors' names or not), then go. */
  onReveal: (anonymous: boolean) => void
  /** Go, the notes staying private (a reveal later still brings them). */
  onSkip: () => void
  onCancel: () => void
}

/**
 * Asked when the facilitator leaves a step of private writing while private notes wait: the
 * next step usually works on them ("all notes are now visible"), so reveal them (named or not)
 * and go on, go on without revealing, or stay.
 */
export const LeavePrivateDialog: Component<LeavePrivateDialogProps> = (props) => {
  const { t, plural, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  return (
    <ChoiceDialog
      block="flow-modal"
      title={t('flow.leavePrivate.title')}
      choices={[
        {
          label: t('flow.leavePrivate.revealNamed'),
          tone: 'primary',
          onChoose: () => props.onReveal(false),
        },
        {
          label: t('flow.leavePrivate.revealAnonymous'),
          tone: 'secondary',
          onChoose: () => props.onReveal(true),
        },
        { label: t('flow.leavePrivate.skip'), tone: 'secondary', onChoose: () => props.onSkip() },
      ]}
      cancel={t('flow.controls.cancel')}
      onCancel={() => props.onCancel()}
    >
      <p>{plural('flow.leavePrivate.body', props.notes, { phase: props.phase })}</p>
      <p>{t('flow.reveal.final')}</p>
      <p>{t('flow.leaveVote.destination', { destination: props.destination })}</p>
    </ChoiceDialog>
  )
}
