import { type Component, createUniqueId } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'

/**
 * A phone's action once the workshop has ended (the step card says it ended, once): what this
 * person can still do: read the board ("Voir le tableau", below), the documents, charters,
 * plan and decisions, and download the report or the decision log.
 */
export const EndedActions: Component<{ onOpen: (tab: 'documents' | 'versions') => void }> = (
  props,
) => {
  const { t } = useI18n()
  const headingId = createUniqueId()
  return (
    <section class="phone-ended" aria-labelledby={headingId}>
      <h2 id={headingId} class="phone-section-title">
        {t('phone.ended.title')}
      </h2>
      <ul class="phone-ended__list">
        <li>{t('phone.ended.board')}</li>
        <li>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => props.onOpen('documents')}
          >
            {t('phone.ended.documents')}
          </button>
        </li>
        <li>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => props.onOpen('versions')}
          >
            {t('phone.ended.exports')}
          </button>
        </li>
      </ul>
    </section>
  )
}
