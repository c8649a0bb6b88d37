import { type Component, Show } from 'solid-js'
import type { ParticipantCredentials } from '../../../shared/api.ts'
import { failureText, forgetParticipant } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { createConfirmation } from '../../ui/createAction.ts'

/** Who is forgotten: this person (their secret proves it is them asking), or someone else. */
export type ForgetSubject =
  | { kind: 'self'; credentials: ParticipantCredentials }
  /** By the facilitator, whose token is enough. */
  | { kind: 'other'; participantId: string }

export interface ForgetPersonProps {
  workshopId: string
  /** The role link's token (participant or facilitator; the facilitator's for someone else). */
  token: string
  /** The name shown in the confirmation. */
  name: string
  subject: ForgetSubject
  /** The server forgot the person. */
  onForgotten: () => void
}

/** The words of each kind of subject: the person themselves, or the facilitator about someone. */
const WORDS = {
  self: {
    open: 'identity.forget.open',
    title: 'identity.forget.title',
    name: 'identity.forget.name',
    private: 'identity.forget.private',
    shared: 'identity.forget.shared',
    devices: 'identity.forget.devices',
    final: 'identity.forget.final',
    confirm: 'identity.forget.confirm',
    error: 'identity.forget.error',
  },
  other: {
    open: 'identity.forgetOther.open',
    title: 'identity.forgetOther.title',
    name: 'identity.forgetOther.name',
    private: 'identity.forgetOther.private',
    shared: 'identity.forgetOther.shared',
    devices: 'identity.forget.devices',
    final: 'identity.forgetOther.final',
    confirm: 'identity.forgetOther.confirm',
    error: 'identity.forgetOther.error',
  },
} as const

/**
 * « Retirer mon nom de cet atelier » (or, for the facilitator, « Retirer le nom » of someone):
 * asks first, saying plainly what goes, what stays and what the server cannot reach, then asks
 * the server to forget the person. A failure is said in the dialog, and nothing changes.
 */
export const ForgetPerson: Component<ForgetPersonProps> = (props) => {
  const { t } = useI18n()
  const words = () => WORDS[props.subject.kind]
  const { asking, ask, close, busy, error, run } = createConfirmation()
  const confirm = () => {
    const subject = props.subject
    void run(
      async () => {
        await forgetParticipant(
          props.workshopId,
          props.token,
          subject.kind === 'self' ? subject.credentials.participantId : subject.participantId,
          subject.kind === 'self' ? subject.credentials.secret : undefined,
        )
        close()
        props.onForgotten()
      },
      (cause) =>
        t(words().error, {
          error: failureText(cause, t('identity.error.network')),
          name: props.name,
        }),
    )
  }
  return (
    <>
      <button
        type="button"
        class="button button--danger-outline"
        aria-label={
          props.subject.kind === 'other'
            ? t('identity.forgetOther.openLabel', { name: props.name })
            : undefined
        }
        onClick={ask}
      >
        {t(words().open)}
      </button>
      <Show when={asking()}>
        <ConfirmDialog
          block="identity-dialog"
          title={t(words().title, { name: props.name })}
          confirm={t(words().confirm)}
          tone="danger"
          cancel={t('identity.forget.cancel')}
          busy={busy()}
          busyLabel={t('identity.forget.busy')}
          error={error()}
          onConfirm={confirm}
          onClose={close}
        >
          <ul class="identity-dialog__list">
            <li>{t(words().name, { name: props.name })}</li>
            <li>{t(words().private)}</li>
            <li>{t(words().shared)}</li>
            <li>{t(words().devices)}</li>
          </ul>
          <p class="identity-dialog__final">{t(words().final)}</p>
        </ConfirmDialog>
      </Show>
    </>
  )
}
