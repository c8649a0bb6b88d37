import { type Component, createSignal, createUniqueId, Show } from 'solid-js'
import type { ParticipantCredentials } from '../../../shared/api.ts'
import { failureText, forgetParticipant } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { FieldError } from '../../ui/FieldError.tsx'

export interface ForgetIdentityProps {
  workshopId: string
  /** The role link's token (participant or facilitator). */
  token: string
  /** The name shown in the confirmation. */
  name: string
  /** The identity the server issued at join: the secret proves it is this person asking. */
  credentials: ParticipantCredentials
  /** The server forgot this person: the page goes to its "your name was removed" state. */
  onForgotten: () => void
}

/**
 * « Retirer mon nom de cet atelier »: asks first, saying plainly what goes, what stays and
 * what the server cannot reach, then asks the server to forget this person. A failure is said
 * in the dialog, and the person stays in the workshop.
 */
export const ForgetIdentity: Component<ForgetIdentityProps> = (props) => {
  const { t } = useI18n()
  const bodyId = createUniqueId()
  const [asking, setAsking] = createSignal(false)
  const { busy, error, setError, run } = createAction()
  const close = () => {
    setError('')
    setAsking(false)
  }
  const confirm = () => {
    if (busy()) return
    void run(
      async () => {
        await forgetParticipant(props.workshopId, props.token, props.credentials)
        props.onForgotten()
      },
      (cause) =>
        t('identity.forget.error', { error: failureText(cause, t('identity.error.network')) }),
    )
  }
  return (
    <>
      <button type="button" class="button button--danger-outline" onClick={() => setAsking(true)}>
        {t('identity.forget.open')}
      </button>
      <Show when={asking()}>
        <Dialog
          block="identity-dialog"
          role="alertdialog"
          describedBy={bodyId}
          escapeAnywhere
          title={t('identity.forget.title')}
          onClose={close}
          actions={
            <>
              <button
                type="button"
                class="button button--danger"
                aria-disabled={busy() ? 'true' : undefined}
                onClick={confirm}
              >
                {busy() ? t('identity.forget.busy') : t('identity.forget.confirm')}
              </button>
              <button type="button" class="button button--secondary" data-autofocus onClick={close}>
                {t('identity.forget.cancel')}
              </button>
            </>
          }
        >
          <div id={bodyId} class="identity-dialog__body">
            <ul class="identity-dialog__list">
              <li>{t('identity.forget.name', { name: props.name })}</li>
              <li>{t('identity.forget.private')}</li>
              <li>{t('identity.forget.shared')}</li>
              <li>{t('identity.forget.devices')}</li>
            </ul>
            <p class="identity-dialog__final">{t('identity.forget.final')}</p>
          </div>
          <FieldError when={error()} alert>
            {error()}
          </FieldError>
        </Dialog>
      </Show>
    </>
  )
}
