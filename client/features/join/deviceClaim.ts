import { createEffect, createSignal } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import type { WorkshopSessionState } from '../../app/WorkshopGate.tsx'
import { takeDeviceSecret } from '../workspace/token.ts'
import type { Identity } from './identity.ts'

/** Where signing this device in with a personal link stands. */
export type DeviceClaimState =
  /** Not opened with a personal link (or with an observer's, which signs nobody in). */
  | { kind: 'none' }
  | { kind: 'pending' }
  /** Signed in as the link's person: their identity is this device's now. */
  | { kind: 'claimed'; identity: Identity }
  /** The link was replaced or revoked (or its person forgotten). */
  | { kind: 'gone' }
  /** Anything else, said in `text`. */
  | { kind: 'failed'; text: string }

/**
 * For a page opened with a personal link (`#token=…&device=…`, its secret taken from the
 * address and kept in memory only): once the link's session is known, signs this device in as
 * the link's person (DeviceSignIn.tsx, loaded only then), so no join form is shown. `onClaimed`
 * hands the identity to the page.
 */
export const createDeviceClaim = (
  workshopId: string,
  state: WorkshopSessionState,
  onClaimed: (identity: Identity) => void,
) => {
  const i18n = useI18n()
  const device = takeDeviceSecret(workshopId)
  const [claim, setClaim] = createSignal<DeviceClaimState>(
    device ? { kind: 'pending' } : { kind: 'none' },
  )
  let started = false
  createEffect(() => {
    const token = state.token
    if (!device || !token || started || state.session.state !== 'ready') return
    started = true
    if (state.session().role === 'observer') {
      setClaim({ kind: 'none' })
      return
    }
    import('./DeviceSignIn.tsx')
      .then(({ signInDevice }) => signInDevice(i18n, workshopId, token, device))
      .then(
        (result) => {
          if (result.kind === 'claimed') onClaimed(result.identity)
          setClaim(result)
        },
        (error: unknown) =>
          setClaim({
            kind: 'failed',
            text: i18n.t('workshop.loadError', {
              error: error instanceof Error ? error.message : String(error),
            }),
          }),
      )
  })
  return claim
}
