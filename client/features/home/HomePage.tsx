import { useNavigate } from '@solidjs/router'
import {
  type Component,
  createEffect,
  createResource,
  createSignal,
  For,
  Match,
  Show,
  Switch,
} from 'solid-js'
import { workshopPath } from '../../../shared/api.ts'
import { homeEn, homeFr } from '../../../shared/i18n/home.ts'
import { isLocale, LOCALES, type Locale } from '../../../shared/i18n/index.ts'
import { TITLE_MAX } from '../../../shared/schema/index.ts'
import type { TemplateSummary } from '../../../shared/template.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { ApiRequestError, createWorkshop, fetchTemplates } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { FieldError } from '../../ui/FieldError.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { saveToken } from '../workspace/token.ts'
import './home.css'

/** `/`: create a workshop from a template, then go to it with the facilitator link. */
/** The page's messages, not in the core catalogues: they come with its chunk. */
const HOME_MESSAGES = { fr: homeFr, en: homeEn }

export const HomePage: Component = () => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(HOME_MESSAGES)
  const navigate = useNavigate()
  const [templates, { refetch }] = createResource(fetchTemplates)
  const [title, setTitle] = createSignal('')
  const [templateId, setTemplateId] = createSignal<string | null>(null)
  /** null: follow the interface language until the user picks one. */
  const [workshopLocale, setWorkshopLocale] = createSignal<Locale | null>(null)
  const [needsAdminToken, setNeedsAdminToken] = createSignal(false)
  const [adminToken, setAdminToken] = createSignal('')
  const [titleMissing, setTitleMissing] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  let titleInput: HTMLInputElement | undefined
  let adminInput: HTMLInputElement | undefined

  createEffect(() => {
    document.title = `${t('home.title')} — ${t('app.name')}`
  })

  const list = (): TemplateSummary[] => (templates.state === 'ready' ? templates() : [])
  const selected = (): TemplateSummary | undefined =>
    list().find((template) => template.id === templateId()) ?? list()[0]
  const chosenLocale = (): Locale => workshopLocale() ?? locale()

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    setError(null)
    const cleanTitle = title().trim()
    setTitleMissing(cleanTitle === '')
    if (cleanTitle === '') {
      titleInput?.focus()
      return
    }
    const template = selected()
    if (!template) return
    setBusy(true)
    try {
      const created = await createWorkshop(
        { title: cleanTitle, template: template.id, locale: chosenLocale() },
        needsAdminToken() ? adminToken().trim() : undefined,
      )
      // Saved on this device, so the token never has to appear in the address bar.
      saveToken(created.id, created.tokens.facilitator)
      navigate(workshopPath(created.id))
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.status === 401) {
        const firstAsk = !needsAdminToken()
        setNeedsAdminToken(true)
        // The first 401 only tells us a token is needed: ask for it without an error.
        if (!firstAsk) setError(t('home.error', { error: failure.message }))
        queueMicrotask(() => adminInput?.focus())
      } else if (failure instanceof ApiRequestError && failure.status === 0) {
        setError(t('home.error', { error: t('home.error.network') }))
      } else {
        const message = failure instanceof Error ? failure.message : String(failure)
        setError(t('home.error', { error: message }))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <AppShell>
      <section class="page page--narrow page--home" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p class="lead">{t('home.intro')}</p>

        <form class="form home-form" onSubmit={submit} noValidate>
          <div class="field home-form__title">
            <label for="workshop-title">{t('home.field.title')}</label>
            <p class="field__hint" id="workshop-title-hint">
              {t('home.field.title.hint')}
            </p>
            <input
              id="workshop-title"
              ref={titleInput}
              type="text"
              name="title"
              required
              maxLength={TITLE_MAX}
              autocomplete="off"
              value={title()}
              onInput={(event) => {
                setTitle(event.currentTarget.value)
                if (event.currentTarget.value.trim()) setTitleMissing(false)
              }}
              aria-invalid={titleMissing()}
              aria-describedby={
                titleMissing() ? 'workshop-title-hint workshop-title-error' : 'workshop-title-hint'
              }
            />
            <FieldError id="workshop-title-error" when={titleMissing()}>
              {t('home.field.title.required')}
            </FieldError>
          </div>

          <div class="field home-form__template">
            <label for="workshop-template">{t('home.field.template')}</label>
            <Switch>
              <Match when={templates.loading}>
                <p role="status">{t('home.templates.loading')}</p>
              </Match>
              <Match when={templates.error}>
                <Notice
                  tone="alert"
                  actions={
                    <button type="button" class="button button--secondary" onClick={refetch}>
                      {t('home.templates.retry')}
                    </button>
                  }
                >
                  {t('home.templates.error', {
                    error:
                      templates.error instanceof Error
                        ? templates.error.message
                        : String(templates.error),
                  })}
                </Notice>
              </Match>
              <Match when={list().length === 0}>
                <Notice tone="alert">{t('home.templates.empty')}</Notice>
              </Match>
              <Match when={selected()}>
                {(current) => (
                  <>
                    <select
                      id="workshop-template"
                      name="template"
                      aria-describedby="workshop-template-description"
                      onChange={(event) => setTemplateId(event.currentTarget.value)}
                    >
                      <For each={list()}>
                        {(template) => (
                          <option value={template.id} selected={template.id === current().id}>
                            {template.title[locale()]}
                          </option>
                        )}
                      </For>
                    </select>
                    <div class="template-card" id="workshop-template-description">
                      <p>{current().description[locale()]}</p>
                      <p class="template-card__meta">
                        {plural('home.template.minutes', current().durationMinutes)} ·{' '}
                        {plural('home.template.phases', current().phaseCount)}
                      </p>
                    </div>
                  </>
                )}
              </Match>
            </Switch>
          </div>

          <div class="field home-form__locale">
            <label for="workshop-locale">{t('home.field.locale')}</label>
            <p class="field__hint" id="workshop-locale-hint">
              {t('home.field.locale.hint')}
            </p>
            <select
              id="workshop-locale"
              name="locale"
              aria-describedby="workshop-locale-hint"
              onChange={(event) => {
                const next = event.currentTarget.value
                if (isLocale(next)) setWorkshopLocale(next)
              }}
            >
              <For each={LOCALES}>
                {(code) => (
                  <option value={code} lang={code} selected={code === chosenLocale()}>
                    {t(`language.${code}`)}
                  </option>
                )}
              </For>
            </select>
          </div>

          <Show when={needsAdminToken()}>
            <div class="field home-form__admin">
              <label for="admin-token">{t('home.adminToken.label')}</label>
              <p class="field__hint" id="admin-token-hint">
                {t('home.adminToken.hint')}
              </p>
              <input
                id="admin-token"
                ref={adminInput}
                type="password"
                name="adminToken"
                autocomplete="off"
                value={adminToken()}
                onInput={(event) => setAdminToken(event.currentTarget.value)}
                aria-describedby="admin-token-hint"
              />
            </div>
          </Show>

          <Show when={error()}>
            {(message) => (
              <div class="home-form__error">
                <Notice tone="alert">{message()}</Notice>
              </div>
            )}
          </Show>

          <div class="form__actions home-form__actions">
            <button
              type="submit"
              class="button button--primary"
              disabled={busy() || !selected()}
              aria-busy={busy()}
            >
              {busy() ? t('home.submitting') : t('home.submit')}
            </button>
          </div>
        </form>
      </section>
    </AppShell>
  )
}

export default HomePage
