import { type Component, createSignal, createUniqueId, For, Show } from 'solid-js'
import {
  createDocument,
  deleteDocument,
  documentBody,
  renameDocument,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocuments } from '../../state/createArtefacts.ts'
import { ConfirmAction } from '../artefacts/ConfirmAction.tsx'
import { ARTEFACT_ORIGIN, useArtefacts } from '../artefacts/context.tsx'
import { TitleForm } from '../artefacts/TitleForm.tsx'
import { RichTextArea } from './RichTextArea.tsx'

/** The workshop's documents: pick one, write in it together, create, rename, delete. */
const DocumentsPanel: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const documents = createDocuments(ctx.doc)
  const [chosen, setChosen] = createSignal<string | null>(null)
  const [renaming, setRenaming] = createSignal(false)
  const headingId = createUniqueId()
  const selected = () => {
    const list = documents()
    return list.find((entry) => entry.id === chosen()) ?? list[0] ?? null
  }
  let heading: HTMLHeadingElement | undefined

  const create = (title: string) => {
    try {
      const id = createDocument(ctx.doc, { title }, ARTEFACT_ORIGIN)
      setChosen(id)
      ctx.announce(t('documents.created', { title }))
      queueMicrotask(() => heading?.focus())
      return true
    } catch (error) {
      ctx.fail(error)
      return false
    }
  }

  return (
    <div class="artefact documents">
      <h3 class={ctx.snapshot ? undefined : 'visually-hidden'}>{t('documents.title')}</h3>
      <div class="documents__layout">
        <nav class="documents__nav" aria-label={t('documents.list')}>
          <Show
            when={documents().length > 0}
            fallback={
              <p class="muted">
                {ctx.writable() ? t('documents.empty') : t('documents.emptyReadOnly')}
              </p>
            }
          >
            <ul class="pick-list">
              <For each={documents()}>
                {(entry) => (
                  <li>
                    <button
                      type="button"
                      class="pick-list__item"
                      aria-current={selected()?.id === entry.id ? 'true' : undefined}
                      onClick={() => {
                        setChosen(entry.id)
                        setRenaming(false)
                      }}
                    >
                      {entry.title}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={ctx.writable()}>
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
        </nav>
        <Show when={selected()} keyed>
          {(entry) => {
            const body = () => documentBody(ctx.doc, entry.id)
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
                  <Show when={ctx.writable()}>
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
                          onSubmit={(title) => {
                            try {
                              renameDocument(ctx.doc, entry.id, title, ARTEFACT_ORIGIN)
                              setRenaming(false)
                              ctx.announce(t('documents.renamed', { title }))
                              queueMicrotask(() => heading?.focus())
                              return true
                            } catch (error) {
                              ctx.fail(error)
                              return false
                            }
                          }}
                        />
                      </Show>
                      <ConfirmAction
                        label={t('documents.delete')}
                        question={t('documents.delete.confirm', { title: entry.title })}
                        onConfirm={() => {
                          try {
                            deleteDocument(ctx.doc, entry.id, ARTEFACT_ORIGIN)
                            setChosen(null)
                            ctx.announce(t('artefacts.deleted', { title: entry.title }))
                          } catch (error) {
                            ctx.fail(error)
                          }
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
      </div>
    </div>
  )
}

export default DocumentsPanel
