import { type Component, createMemo, createUniqueId, For, Show } from 'solid-js'
import type * as Y from 'yjs'
import { documentsEn, documentsFr } from '../../../shared/i18n/documents.ts'
import { numbersWithinKind, POSITIONS, setPosition } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCharters } from '../../state/createArtefacts.ts'
import { PHONE_ORIGIN } from './ideas.ts'

/** The charters' messages come with this chunk, as with the artefacts area. */
const CHARTER_MESSAGES = { fr: documentsFr, en: documentsEn }

export interface CharterRatingProps {
  doc: Y.Doc
  charterId: string
  participantId: string
  /** May this person say where they stand now (`artefactRights.position`, document known)? */
  canRate: boolean
}

/**
 * A phone's charter step: each item of the step's charter with "D'accord", "À discuter" and
 * "Je m'oppose" as large choices (where this person stands, counted by partner group).
 */
export const CharterRating: Component<CharterRatingProps> = (props) => {
  const { t, locale, addMessages } = useI18n()
  addMessages(CHARTER_MESSAGES)
  const headingId = createUniqueId()
  const charters = createCharters(props.doc, locale)
  const charter = () => charters().find((entry) => entry.id === props.charterId) ?? null
  const numbers = createMemo(() => numbersWithinKind(charter()?.items ?? []))
  return (
    <Show when={charter()} fallback={<p class="muted">{t('projector.stage.missing')}</p>}>
      {(shown) => (
        <section class="phone-charter" aria-labelledby={headingId}>
          <h2 id={headingId} class="phone-section-title">
            {shown().title}
          </h2>
          <Show
            when={shown().items.length > 0}
            fallback={<p class="muted">{t('charters.noItems')}</p>}
          >
            <ol class="phone-charter__items">
              <For each={shown().items}>
                {(item) => {
                  const names = () => ({
                    kind: t(`charters.kind.${item.kind}`),
                    number: String(numbers().get(item.id) ?? 1),
                  })
                  const mine = () => item.byParticipant[props.participantId] ?? null
                  return (
                    <li class="phone-charter__item">
                      <p class="phone-charter__kind">{t('charters.itemHeading', names())}</p>
                      <p class="phone-charter__text">{item.text}</p>
                      <Show when={props.canRate}>
                        <fieldset class="phone-choices">
                          <legend class="visually-hidden">{t('charters.position', names())}</legend>
                          <For each={POSITIONS}>
                            {(position) => (
                              <label class="phone-choices__choice">
                                <input
                                  type="radio"
                                  name={`phone-position-${item.id}`}
                                  value={position}
                                  checked={mine() === position}
                                  onChange={() =>
                                    setPosition(
                                      props.doc,
                                      props.charterId,
                                      item.id,
                                      props.participantId,
                                      position,
                                      PHONE_ORIGIN,
                                    )
                                  }
                                />
                                <span>{t(`charters.position.${position}`)}</span>
                              </label>
                            )}
                          </For>
                        </fieldset>
                      </Show>
                    </li>
                  )
                }}
              </For>
            </ol>
          </Show>
        </section>
      )}
    </Show>
  )
}

export default CharterRating
