import { type Component, createSignal, createUniqueId, Show } from 'solid-js'
import {
  createDocument,
  deleteDocument,
  documentBody,
  renameDocument,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocuments } from '../../state/createArtefacts.ts'
import { createBoundType } from '../../state/createBoundType.ts'
import { ConfirmAction } from '../artefacts/ConfirmAction.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { createChoice, PickLayout } from '../artefacts/PickLayout.tsx'
import { TitleForm } from '../artefacts/TitleForm.tsx'
import { RichTextArea } from './RichTextArea.tsx'

/** The workshop's documents: pick one, write in it together, create, rename, delete. */
const DocumentsPanel: Component = () => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const documents = createDocuments(ctx.doc, locale)
  const { selected, choose } = createChoice(documents, ctx.preferred)
  const [renaming, setRenaming] = createSignal(false)
  const headingId = createUniqueId()
  let heading: HTMLHeadingElement | undefined

  const create = (title: string) =>
    attempt(ctx, () => {
      choose(createDocument(ctx.doc, { title }, ARTEFACT_ORIGIN))
      ctx.announce(t('documents.created', { title }))
      queueMicrotask(() => heading?.focus())
    })

  return (
    <div class="artefact documents">
      <h3 class={ctx.snapshot ? undefined : 'visually-hidden'}>{t('documents.title')}</h3>
      <PickLayout
        label={t('documents.list')}
        entries={documents()}
        selected={selected()}
        empty={ctx.writable() ? t('documents.empty') : t('documents.emptyReadOnly')}
        onPick={(id) => {
          choose(id)
          setRenaming(false)
        }}
        tools={
          <Show when={ctx.manages()}>
            <details class="disclosure">
              <summary>{t('documents.new')}</summary>
              <TitleForm
                label={t('documents.new.label')}
                submit={t('documents.new.submit')}
                required={t('documents.titleRequired')}
                maxLength={120}
                onSubmit={create}
              />
            </details>
          </Show>
        }
      >
        <Show when={selected()} keyed>
          {(entry) => {
            // Followed: if the body under this document is replaced, the editor rebinds to it.
            const body = createBoundType(ctx.doc, () => documentBody(ctx.doc, entry.id))
            return (
              <article class="documents__doc" aria-labelledby={headingId}>
                <div class="artefact__head">
                  <h3
                    id={headingId}
                    tabIndex={-1}
                    ref={(element) => {
                      heading = element
                    }}
                  >
                    {documents().find((d) => d.id === entry.id)?.title ?? entry.title}
                  </h3>
                  <Show when={ctx.manages()}>
                    <div class="artefact__tools">
                      <Show
                        when={renaming()}
                        fallback={
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            onClick={() => setRenaming(true)}
                          >
                            {t('documents.rename')}
                          </button>
                        }
                      >
                        <TitleForm
                          label={t('documents.rename.label', { title: entry.title })}
                          submit={t('artefacts.save')}
                          required={t('documents.titleRequired')}
                          initial={entry.title}
                          maxLength={120}
                          autofocus
                          onCancel={() => setRenaming(false)}
                          onSubmit={(title) =>
                            attempt(ctx, () => {
                              renameDocument(ctx.doc, entry.id, title, ARTEFACT_ORIGIN)
                              setRenaming(false)
                              ctx.announce(t('documents.renamed', { title }))
                              queueMicrotask(() => heading?.focus())
                            })
                          }
                        />
                      </Show>
                      <ConfirmAction
                        label={t('documents.delete')}
                        question={t('documents.delete.confirm', { title: entry.title })}
                        onConfirm={() => {
                          attempt(ctx, () => {
                            deleteDocument(ctx.doc, entry.id, ARTEFACT_ORIGIN)
                            choose(null)
                            ctx.announce(t('artefacts.deleted', { title: entry.title }))
                          })
                        }}
                      />
                    </div>
                  </Show>
                </div>
                <Show when={body()} keyed>
                  {(fragment) => (
                    <RichTextArea
                      fragment={fragment}
                      label={t('documents.body', { title: entry.title })}
                    />
                  )}
                </Show>
              </article>
            )
          }}
        </Show>
      </PickLayout>
    </div>
  )
}

export default DocumentsPanel
