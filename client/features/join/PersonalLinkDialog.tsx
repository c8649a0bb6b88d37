import { type Component, createResource, createSignal, createUniqueId, Show } from 'solid-js'
import type { DeviceLink } from '../../../shared/api.ts'
import { formatDay } from '../../../shared/i18n/dates.ts'
import { DEVICE_LINK_MESSAGES } from '../../../shared/i18n/deviceLink.ts'
import { failureText } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { CopyButton } from '../../ui/CopyButton.tsx'
import { createAction } from '../../ui/createAction.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { QrCode } from '../../ui/QrCode.tsx'
import {
  fetchDeviceLink,
  makeDeviceLink,
  type PersonalLinkOf,
  revokeDeviceLink,
} from './personalLinkApi.ts'

export interface PersonalLinkDialogProps {
  workshopId: string
  /** This page's link token (the person's own, or the facilitator's for someone else). */
  token: string
  /** Whose link, and asked by whom: the person (`proof`) or the facilitator (`proof` null). */
  of: PersonalLinkOf
  /** The person's name, as the lab shows it. */
  name: string
  onClose: () => void
}

/**
 * « Mon lien personnel » (or, for the facilitator, someone's): says what the link does and that
 * it is this person's alone, whether one works now, and makes one (« Créer le lien », or
 * « Nouveau lien », which replaces it) or revokes it. A link made is shown here once, as a QR
 * code (folded for the facilitator, whose screen may be the room's) and a link to copy; the
 * server keeps only its hash, so closing the dialog loses it, and a new one replaces it.
 */
export const PersonalLinkDialog: Component<PersonalLinkDialogProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(DEVICE_LINK_MESSAGES)
  const self = () => props.of.proof !== null
  const inputId = createUniqueId()
  const [status, { mutate }] = createResource(() =>
    fetchDeviceLink(props.workshopId, props.token, props.of),
  )
  /** The link just made, shown until the dialog closes. */
  const [shown, setShown] = createSignal<DeviceLink | null>(null)
  /** What the last action did, said once (a polite live region). */
  const [done, setDone] = createSignal('')
  const { busy, error, run } = createAction()
  const network = () => t('identity.error.network')
  let makeButton: HTMLButtonElement | undefined

  const make = () => {
    if (busy()) return
    const replacing = status()?.active === true
    void run(
      async () => {
        const made = await makeDeviceLink(props.workshopId, props.token, props.of)
        setShown(made)
        mutate({ active: true, createdAt: made.createdAt })
        setDone(replacing ? t('device.rotated') : t('device.shown'))
      },
      (cause) => t('device.error', { error: failureText(cause, network()) }),
    )
  }
  const revoke = () => {
    if (busy()) return
    void run(
      async () => {
        await revokeDeviceLink(props.workshopId, props.token, props.of)
        setShown(null)
        mutate({ active: false, createdAt: null })
        setDone(t('device.revoked'))
        // « Révoquer » is gone with the link: the focus stays in the dialog, on « Créer le lien ».
        queueMicrotask(() => makeButton?.focus())
      },
      (cause) => t('device.error.revoke', { error: failureText(cause, network()) }),
    )
  }

  const qr = (link: string) => (
    <QrCode value={link} label={t('device.qrLabel', { name: props.name })} />
  )

  return (
    <Dialog
      block="device-dialog"
      title={self() ? t('device.title') : t('device.titleOther', { name: props.name })}
      onClose={() => props.onClose()}
      actions={
        <button
          type="button"
          class="button button--secondary"
          data-autofocus
          onClick={() => props.onClose()}
        >
          {t('device.close')}
        </button>
      }
    >
      <p>
        {self()
          ? t('device.intro', { name: props.name })
          : t('device.introOther', { name: props.name })}
      </p>
      <p class="device-dialog__private">
        {self() ? t('device.private') : t('device.privateOther')}
      </p>
      <Show
        when={status.state === 'ready' || status.state === 'refreshing'}
        fallback={
          <Show when={status.error} fallback={<p role="status">{t('device.loading')}</p>}>
            {(failure) => (
              <p class="field__error" role="alert">
                {t('device.error.status', { error: failureText(failure(), network()) })}
              </p>
            )}
          </Show>
        }
      >
        {/* What the last action did, else whether a link works: said as it changes. */}
        <p class="device-dialog__state" role="status">
          <Show
            when={done()}
            fallback={
              <Show when={status()?.createdAt} fallback={t('device.none')}>
                {(since) => t('device.active', { date: formatDay(locale(), since()) })}
              </Show>
            }
          >
            {done()}
          </Show>
        </p>
        <Show when={shown()}>
          {(made) => (
            <div class="device-dialog__link">
              <Show
                when={self()}
                fallback={
                  <details class="share__qr-toggle">
                    <summary>{t('device.showQr')}</summary>
                    {qr(made().link)}
                  </details>
                }
              >
                {qr(made().link)}
              </Show>
              <div class="share__copy">
                <label class="visually-hidden" for={inputId}>
                  {t('device.link')}
                </label>
                <input
                  id={inputId}
                  class="share__url"
                  type="text"
                  readOnly
                  value={made().link}
                  onFocus={(event) => event.currentTarget.select()}
                />
                <CopyButton
                  text={made().link}
                  label={t('device.copyLabel')}
                  copiedText={t('device.copied')}
                  failedText={t('device.copyFailed')}
                >
                  {t('device.copy')}
                </CopyButton>
              </div>
            </div>
          )}
        </Show>
        <div class="device-dialog__buttons">
          {/* Not `disabled` while busy: a disabled button drops the focus out of the dialog. */}
          <button
            ref={makeButton}
            type="button"
            class="button button--primary"
            aria-disabled={busy()}
            onClick={make}
          >
            {busy() ? t('device.busy') : status()?.active ? t('device.rotate') : t('device.make')}
          </button>
          <Show when={status()?.active}>
            <button
              type="button"
              class="button button--danger-outline"
              aria-label={t('device.revokeLabel')}
              aria-disabled={busy()}
              onClick={revoke}
            >
              {t('device.revoke')}
            </button>
          </Show>
        </div>
        <p class="device-dialog__note muted">{t('device.devices')}</p>
      </Show>
      <Show when={error()}>
        <p class="field__error" role="alert">
          {error()}
        </p>
      </Show>
    </Dialog>
  )
}

export default PersonalLinkDialog
