import { type Component, createSignal, Match, Show, Switch } from 'solid-js'
import type { ClaimRequest, DeviceClaim } from '../../../shared/api.ts'
import { DEVICE_LINK_MESSAGES } from '../../../shared/i18n/deviceLink.ts'
import { ApiRequestError, failureText, postJson, workshopApi } from '../../app/api.ts'
import { type I18nContextValue, useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'
import type { DeviceClaimState } from './deviceClaim.ts'
import { parseIdentity, saveIdentity } from './identity.ts'

// Signing in a device opened with a personal link, and what the page says of it: loaded only
// by such a page (deviceClaim.ts), so a phone's way to its first screen never carries it.

/** `POST …/participants/claim`: the link's person, a secret of this device's own, their record. */
const claimDevice = (id: string, token: string, device: string): Promise<DeviceClaim> =>
  postJson(`${workshopApi(id)}/participants/claim`, token, { device } satisfies ClaimRequest)

/**
 * Signs this device in with a personal link's secret (`POST …/participants/claim`) and keeps
 * the identity the server gives it (the person's id, a secret of this device's own, their name
 * and group) as one issued at join. Loaded only by a page opened with a personal link, with the
 * messages of what it says next (added first). Never throws: what went wrong is the state.
 */
export const signInDevice = async (
  i18n: Pick<I18nContextValue, 't' | 'addMessages'>,
  workshopId: string,
  token: string,
  device: string,
): Promise<DeviceClaimState> => {
  i18n.addMessages(DEVICE_LINK_MESSAGES)
  const failed = (error: string): DeviceClaimState => ({
    kind: 'failed',
    text: i18n.t('device.claim.error', { error }),
  })
  try {
    const claimed = await claimDevice(workshopId, token, device)
    const identity = parseIdentity({
      ...claimed.record,
      participantId: claimed.participantId,
      secret: claimed.secret,
    })
    if (!identity) return failed('unexpected answer from the server')
    saveIdentity(workshopId, identity)
    return { kind: 'claimed', identity }
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 403) return { kind: 'gone' }
    return failed(failureText(error, i18n.t('identity.error.network')))
  }
}

/** Why a personal link did not sign this device in, above the join form. */
export const DeviceClaimFailure: Component<{ claim: DeviceClaimState }> = (props) => {
  const { t } = useI18n()
  return (
    <Switch>
      <Match when={props.claim.kind === 'gone'}>
        <Notice tone="alert" title={t('device.claim.gone.title')}>
          {t('device.claim.gone')}
        </Notice>
      </Match>
      <Match when={props.claim.kind === 'failed' && props.claim}>
        {(failed) => <Notice tone="alert">{failed().text}</Notice>}
      </Match>
    </Switch>
  )
}

/** Above the workspace, once signed in: as whom, until put away. */
export const DeviceClaimed: Component<{ name: string }> = (props) => {
  const { t } = useI18n()
  const [shown, setShown] = createSignal(true)
  return (
    <Show when={shown()}>
      <Notice
        actions={
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => setShown(false)}
          >
            {t('device.claimed.dismiss')}
          </button>
        }
      >
        <span role="status">{t('device.claimed', { name: props.name })}</span>
      </Notice>
    </Show>
  )
}
