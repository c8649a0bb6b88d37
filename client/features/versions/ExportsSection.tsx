import { type Component, createSignal, createUniqueId, For, Show } from 'solid-js'
import type { Download, WorkshopLinks } from '../../../shared/api.ts'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import { ROLES } from '../../../shared/roles.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { FieldError } from '../../ui/FieldError.tsx'
import { errorMessage, useArtefacts } from '../artefacts/context.tsx'
import { downloadFrom } from '../canvas/export/download.ts'
import { downloadLink, importArchive, VersionsApiError } from './api.ts'

export const ExportsSection: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const headingId = createUniqueId()
  const { error, setError, run } = createAction()
  const failed = (failure: unknown) => t('exports.failed', { error: errorMessage(failure) })
  const link = (what: Download) => downloadLink(ctx.workshopId, ctx.token, what)
  const save = (what: Download) => void run(async () => downloadFrom(await link(what)), failed)
  const openReport = () => {
    // Opened during the click: a tab opened once the ticket is back may be blocked as a pop-up.
    const tab = window.open('', '_blank')
    if (!tab) {
      setError(t('exports.reportBlocked'))
      return
    }
    tab.opener = null
    void run(async () => {
      try {
        tab.location.href = await link('report')
      } catch (failure) {
        tab.close()
        throw failure
      }
    }, failed)
  }
  const entries: Array<{ label: MessageKey; start: () => void }> = [
    { label: 'exports.decisionsMd', start: () => save('decisions.md') },
    { label: 'exports.decisionsCsv', start: () => save('decisions.csv') },
    { label: 'exports.decisionsJson', start: () => save('decisions.json') },
    { label: 'exports.report', start: openReport },
    { label: 'exports.archive', start: () => save('export') },
  ]
  return (
    <section class="exports" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('exports.title')}</h4>
      <p class="muted">{t('exports.intro')}</p>
      <ul class="exports__list">
        <For each={entries}>
          {(entry) => (
            <li>
              <button type="button" class="button button--secondary" onClick={entry.start}>
                {t(entry.label)}
              </button>
            </li>
          )}
        </For>
      </ul>
      <FieldError when={error()} alert>
        {error()}
      </FieldError>
      {/* A new workshop from an archive: the facilitator's (the server says so too). */}
      <Show when={ctx.role === 'facilitator'}>
        <ImportForm />
      </Show>
    </section>
  )
}

const ImportForm: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const { busy, error, setError, run } = createAction()
  const [needAdmin, setNeedAdmin] = createSignal(false)
  const [created, setCreated] = createSignal<WorkshopLinks | null>(null)
  return (
    <form
      class="inline-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault()
        const form = event.currentTarget
        const file = (form.elements.namedItem('archive') as HTMLInputElement | null)?.files?.[0]
        const admin = String(new FormData(form).get('admin') ?? '').trim()
        setCreated(null)
        if (!file) {
          setError(t('exports.import.choose'))
          return
        }
        let archive: unknown
        try {
          archive = JSON.parse(await file.text())
        } catch {
          setError(t('exports.import.badFile'))
          return
        }
        await run(
          async () => {
            const links = await importArchive(
              { workshopId: ctx.workshopId, token: ctx.token },
              archive,
              admin || undefined,
            )
            setCreated(links)
            setNeedAdmin(false)
            form.reset()
            ctx.announce(t('exports.import.done', { title: links.title }))
          },
          (failure) => {
            if (failure instanceof VersionsApiError && failure.status === 401) setNeedAdmin(true)
            return t('exports.import.error', { error: errorMessage(failure) })
          },
        )
      }}
    >
      <h4 id={`${id}-heading`}>{t('exports.import')}</h4>
      <div class="field">
        <label for={id}>{t('exports.import.label')}</label>
        <p class="field__hint" id={`${id}-hint`}>
          {t('exports.import.hint')}
        </p>
        <input
          id={id}
          name="archive"
          type="file"
          accept=".json,application/json"
          aria-describedby={`${id}-hint`}
        />
      </div>
      <Show when={needAdmin()}>
        <div class="field">
          <label for={`${id}-admin`}>{t('exports.import.adminLabel')}</label>
          <p class="field__hint" id={`${id}-admin-hint`}>
            {t('exports.import.adminHint')}
          </p>
          <input
            id={`${id}-admin`}
            name="admin"
            type="password"
            autocomplete="off"
            aria-describedby={`${id}-admin-hint`}
          />
        </div>
      </Show>
      <FieldError when={error()} alert>
        {error()}
      </FieldError>
      <div class="form__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy()}>
          {busy() ? t('exports.import.working') : t('exports.import.submit')}
        </button>
      </div>
      <Show when={created()}>
        {(links) => (
          <div class="notice" role="status">
            <p>{t('exports.import.done', { title: links().title })}</p>
            <ul>
              <For each={ROLES}>
                {(role) => (
                  <li>
                    <a href={links().links[role]}>
                      {t('exports.import.link', { role: t(`role.${role}`) })}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
    </form>
  )
}
