import { type Component, createMemo, createUniqueId, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  displayTitle,
  documentBody,
  fragmentToHtml,
  listDocuments,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocVersion } from '../flow/docText.ts'

export interface DocumentReaderProps {
  doc: Y.Doc
  documentId: string
  /** May this person write in it now? Then "Modifier" opens it in the editor. */
  canEdit: boolean
  onEdit: () => void
}

/**
 * A phone's document step: the step's document in reading mode, as the group writes it (no
 * editor's code until "Modifier" opens it).
 */
export const DocumentReader: Component<DocumentReaderProps> = (props) => {
  const { t, locale } = useI18n()
  const headingId = createUniqueId()
  const version = createDocVersion(props.doc)
  const shown = createMemo(() => {
    version()
    const info = listDocuments(props.doc).find((entry) => entry.id === props.documentId)
    if (!info) return null
    const body = documentBody(props.doc, props.documentId)
    return { title: displayTitle(info, locale()), html: body ? fragmentToHtml(body) : '' }
  })
  return (
    <Show when={shown()} fallback={<p class="muted">{t('projector.stage.missing')}</p>}>
      {(entry) => (
        <article class="phone-doc" aria-labelledby={headingId}>
          <div class="phone-doc__head">
            <h2 id={headingId} class="phone-section-title">
              {entry().title}
            </h2>
            <Show when={props.canEdit}>
              <button
                type="button"
                class="button button--primary"
                aria-label={t('phone.doc.editLabel', { title: entry().title })}
                onClick={() => props.onEdit()}
              >
                {t('phone.doc.edit')}
              </button>
            </Show>
          </div>
          <Show when={entry().html} fallback={<p class="muted">{t('phone.doc.empty')}</p>}>
            {/* Sanitised by fragmentToHtml: known blocks and marks only, every text escaped. */}
            <div class="phone-doc__body" innerHTML={entry().html} />
          </Show>
        </article>
      )}
    </Show>
  )
}
