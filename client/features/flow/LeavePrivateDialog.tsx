import { type Component, createUniqueId } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { Dialog } from '../../ui/Dialog.tsx'

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
  const { t, plural } = useI18n()
  const bodyId = createUniqueId()
  return (
    <Dialog
      block="flow-modal"
      role="alertdialog"
      escapeAnywhere
      describedBy={bodyId}
      title={t('flow.leavePrivate.title')}
      onClose={() => props.onCancel()}
      actions={
        <>
          <button
            type="button"
            class="button button--primary"
            onClick={() => props.onReveal(false)}
          >
            {t('flow.leavePrivate.revealNamed')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => props.onReveal(true)}
          >
            {t('flow.leavePrivate.revealAnonymous')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onSkip()}>
            {t('flow.leavePrivate.skip')}
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
        <p>
          {t('flow.leavePrivate.body', {
            notes: plural('flow.leavePrivate.notes', props.notes),
            phase: props.phase,
          })}
        </p>
        <p>{t('flow.reveal.final')}</p>
        <p>{t('flow.leaveVote.destination', { destination: props.destination })}</p>
      </div>
    </Dialog>
  )
}
