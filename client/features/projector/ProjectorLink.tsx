import type { Component } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { projectorLink } from './projectorToken.ts'
import './projector.css'

/**
 * For the facilitator's share panel: opens the projector view in a new tab, on the observer
 * link (read-only), so the facilitator's token is never in the projector's address or history.
 */
export const ProjectorLink: Component<{ workshopId: string; observerToken: string }> = (props) => {
  const { t } = useI18n()
  return (
    <div class="projector-link">
      <a
        class="button button--secondary projector-link__button"
        href={projectorLink(props.workshopId, props.observerToken)}
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
