import type { Component } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { projectorLink } from './projectorToken.ts'
import './projector.css'
import { FACILITATION_MESSAGES } from '../flow/messages.ts'

/**
 * Opens the projector view in a new tab on the projector's own link (the observer token and
 * the participant link for its QR code), so the facilitator's token is never in the
 * projector's address, history or storage.
 */
export const ProjectorLink: Component<{
  workshopId: string
  observerToken: string
  joinUrl: string
}> = (props) => {
  const { t, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  return (
    <div class="projector-link">
      <a
        class="button button--primary projector-link__button"
        href={projectorLink(props.workshopId, props.observerToken, props.joinUrl)}
        target="_blank"
        rel="noopener"
        aria-describedby="projector-link-hint"
      >
        {t('flow.projector.open')}
        <span aria-hidden="true"> ↗</span>
      </a>
      <p id="projector-link-hint" class="field__hint">
        {t('flow.projector.openHint')}
      </p>
    </div>
  )
}
