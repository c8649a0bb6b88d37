import { type Component, createSignal, createUniqueId, Show } from 'solid-js'
import type { WorkshopLinks } from '../../../shared/api.ts'
import type { Role } from '../../../shared/roles.ts'
import { failureText, rotateLink } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { FieldError } from '../../ui/FieldError.tsx'

export interface RotateLinkProps {
  workshopId: string
  /** The facilitator token. */
  token: string
  role: Role
  /** The role's link in words, lower case ("lien de participation"). */
  linkName: string
  /** The server replaced the link: the links as they are now. */
  onRotated: (links: WorkshopLinks) => void
}

/**
 * « Remplacer ce lien »: for a link that went further than it should (a photo of the QR code
 * on the projector, a forwarded email). Asks first, saying that the old link stops working at
 * once and who is cut off, then asks the server for a new one.
 */
export const RotateLink: Component<RotateLinkProps> = (props) => {
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
        const links = await rotateLink(props.workshopId, props.token, props.role)
        setAsking(false)
        props.onRotated(links)
      },
      (cause) =>
        t('share.rotate.error', { error: failureText(cause, t('identity.error.network')) }),
    )
  }
  return (
    <>
      <button
        type="button"
        class="button button--danger-outline button--small"
        aria-label={t('share.rotate.openLabel', { link: props.linkName })}
        onClick={() => setAsking(true)}
      >
        {t('share.rotate.open')}
      </button>
      <Show when={asking()}>
        <Dialog
          block="share-dialog"
          role="alertdialog"
          describedBy={bodyId}
          escapeAnywhere
          title={t('share.rotate.title', { link: props.linkName })}
          onClose={close}
          actions={
            <>
              <button
                type="button"
                class="button button--danger"
                aria-disabled={busy() ? 'true' : undefined}
                onClick={confirm}
              >
                {busy() ? t('share.rotate.busy') : t('share.rotate.confirm')}
              </button>
              <button type="button" class="button button--secondary" data-autofocus onClick={close}>
                {t('share.rotate.cancel')}
              </button>
            </>
          }
        >
          <div id={bodyId}>
            <p>{t('share.rotate.old', { link: props.linkName })}</p>
            <p>{t('share.rotate.then')}</p>
          </div>
          <FieldError when={error()} alert>
            {error()}
          </FieldError>
        </Dialog>
      </Show>
    </>
  )
}
