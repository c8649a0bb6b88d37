import { type Component, createMemo, createUniqueId, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  listCanvases,
  listDecisions,
  listParticipants,
  readCanvasContent,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { FitText } from '../../ui/FitText.tsx'
import { createDocVersion } from '../flow/docText.ts'

/**
 * The room's last look once the workshop has ended, on one screen: its title, what the group
 * made (who took part, the notes on its canvases, the decisions logged and adopted), thanks.
 */
export const ProjectorEnd: Component<{ doc: Y.Doc; title: string; largest: number }> = (props) => {
  const { t, plural } = useI18n()
  const listId = createUniqueId()
  const version = createDocVersion(props.doc)
  const made = createMemo(() => {
    version()
    const decisions = listDecisions(props.doc)
    return {
      people: listParticipants(props.doc).length,
      notes: listCanvases(props.doc).reduce(
        (sum, canvas) =>
          sum +
          readCanvasContent(props.doc, canvas.id).items.filter((item) => item.kind === 'note')
            .length,
        0,
      ),
      decisions: decisions.length,
      adopted: decisions.filter((decision) => decision.status === 'adopted').length,
    }
  })
  return (
    <FitText class="projector__fit projector-end" largest={props.largest}>
      <h2 class="projector-end__title">{props.title}</h2>
      <p id={listId} class="projector-end__made">
        {t('flow.projector.end.made')}
      </p>
      <ul class="projector-end__list" aria-labelledby={listId}>
        <li>{plural('flow.projector.end.people', made().people)}</li>
        <li>{plural('flow.projector.end.notes', made().notes)}</li>
        <Show when={made().decisions > 0}>
          <li>
            {plural('flow.projector.end.decisions', made().decisions)}
            <Show when={made().adopted > 0}>
              {', '}
              {plural('flow.projector.end.adopted', made().adopted)}
            </Show>
          </li>
        </Show>
      </ul>
      <p class="projector-end__thanks">{t('flow.banner.ended.body')}</p>
    </FitText>
  )
}
