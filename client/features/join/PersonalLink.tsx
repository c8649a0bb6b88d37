import { type Component, createSignal, lazy, Show, Suspense } from 'solid-js'
import { DEVICE_LINK_MESSAGES } from '../../../shared/i18n/deviceLink.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { PersonalLinkOf } from './personalLinkApi.ts'

// Its QR code and requests are for the few who move to another device: loaded when opened.
const PersonalLinkDialog = lazy(() => import('./PersonalLinkDialog.tsx'))

export interface PersonalLinkProps {
  workshopId: string
  /** This page's link token (the person's own, or the facilitator's for someone else). */
  token: string
  /** Whose link: the person's own (`proof`, their identity) or someone's, for the facilitator. */
  of: PersonalLinkOf
  /** The person's name, as the lab shows it. */
  name: string
}

/**
 * « Mon lien personnel » in the People tab (or « Lien personnel » on a person's row, for the
 * facilitator): opens the dialog that makes, replaces or revokes the link that signs another
 * device in as this person (PersonalLinkDialog.tsx).
 */
export const PersonalLink: Component<PersonalLinkProps> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(DEVICE_LINK_MESSAGES)
  const [open, setOpen] = createSignal(false)
  const self = () => props.of.proof !== null
  return (
    <>
      <button
        type="button"
        class={self() ? 'button button--secondary' : 'button button--secondary button--small'}
        aria-label={self() ? undefined : t('device.openOtherLabel', { name: props.name })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {self() ? t('device.open') : t('device.openOther')}
      </button>
      <Show when={open()}>
        <Suspense fallback={<span role="status">{t('device.loading')}</span>}>
          <PersonalLinkDialog
            workshopId={props.workshopId}
            token={props.token}
            of={props.of}
            name={props.name}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      </Show>
    </>
  )
}

export default PersonalLink
