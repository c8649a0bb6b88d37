import { type Component, Show } from 'solid-js'
import type { WorkshopLinks } from '../../../shared/api.ts'
import type { Role } from '../../../shared/roles.ts'
import { failureText, rotateLink } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { createConfirmation } from '../../ui/createAction.ts'

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
  const { asking, ask, close, busy, error, run } = createConfirmation()
  const confirm = () => {
    void run(
      async () => {
        const links = await rotateLink(props.workshopId, props.token, props.role)
        close()
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
        onClick={ask}
      >
        {t('share.rotate.open')}
      </button>
      <Show when={asking()}>
        <ConfirmDialog
          block="share-dialog"
          title={t('share.rotate.title', { link: props.linkName })}
          confirm={t('share.rotate.confirm')}
          tone="danger"
          cancel={t('share.rotate.cancel')}
          busy={busy()}
          busyLabel={t('share.rotate.busy')}
          error={error()}
          onConfirm={confirm}
          onClose={close}
        >
          <p>{t('share.rotate.old', { link: props.linkName })}</p>
          <p>{t('share.rotate.then')}</p>
        </ConfirmDialog>
      </Show>
    </>
  )
}
