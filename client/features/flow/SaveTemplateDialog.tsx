import { type Component, createSignal, createUniqueId, For, Show } from 'solid-js'
import { ApiRequestError, saveWorkshopAsTemplate } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createAction } from '../../ui/createAction.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { FieldError } from '../../ui/FieldError.tsx'

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/

/** A template id from a title: "Atelier de mai" → "atelier-de-mai". */
export const slugify = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)

type Field = 'id' | 'titleFr' | 'titleEn' | 'descriptionFr' | 'descriptionEn'

export interface SaveTemplateDialogProps {
  workshopId: string
  token: string
  /** Suggested title (the workshop's). */
  initialTitle?: string
  onClose: () => void
  onSaved: (title: string) => void
}

/** "Save as template": an id and a title in both languages (descriptions optional). */
export const SaveTemplateDialog: Component<SaveTemplateDialogProps> = (props) => {
  const { t, locale } = useI18n()
  const base = createUniqueId()
  const initial = props.initialTitle ?? ''
  const [values, setValues] = createSignal<Record<Field, string>>({
    id: slugify(initial),
    titleFr: initial,
    titleEn: initial,
    descriptionFr: '',
    descriptionEn: '',
  })
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({})
  const { busy: pending, error: failure, setError: setFailure, run } = createAction()

  const fields: Array<{ name: Field; label: () => string; hint?: () => string; long?: boolean }> = [
    { name: 'id', label: () => t('flow.template.id'), hint: () => t('flow.template.idHint') },
    { name: 'titleFr', label: () => t('flow.template.titleFr') },
    { name: 'titleEn', label: () => t('flow.template.titleEn') },
    { name: 'descriptionFr', label: () => t('flow.template.descriptionFr'), long: true },
    { name: 'descriptionEn', label: () => t('flow.template.descriptionEn'), long: true },
  ]

  const validate = (): boolean => {
    const v = values()
    const found: Partial<Record<Field, string>> = {}
    if (!SLUG.test(v.id.trim())) found.id = t('flow.template.idInvalid')
    if (!v.titleFr.trim()) found.titleFr = t('flow.template.required')
    if (!v.titleEn.trim()) found.titleEn = t('flow.template.required')
    setErrors(found)
    return Object.keys(found).length === 0
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (pending()) return
    setFailure('')
    if (!validate()) {
      const first = fields.find((field) => errors()[field.name])
      if (first) document.getElementById(`${base}-${first.name}`)?.focus()
      return
    }
    const v = values()
    const title = { fr: v.titleFr.trim(), en: v.titleEn.trim() }
    await run(
      async () => {
        await saveWorkshopAsTemplate(props.workshopId, props.token, {
          id: v.id.trim(),
          title,
          description: {
            fr: v.descriptionFr.trim() || title.fr,
            en: v.descriptionEn.trim() || title.en,
          },
        })
        props.onSaved(title[locale()])
        props.onClose()
      },
      (cause) =>
        t('flow.controls.error', {
          error:
            cause instanceof ApiRequestError && cause.status === 0
              ? t('flow.controls.errorNetwork')
              : cause instanceof Error
                ? cause.message
                : String(cause),
        }),
    )
  }

  const formId = `${base}-form`
  return (
    <Dialog
      block="flow-modal"
      escapeAnywhere
      title={t('flow.template.title')}
      onClose={props.onClose}
      actions={
        <>
          <button
            type="submit"
            form={formId}
            class="button button--primary"
            aria-disabled={pending() ? 'true' : undefined}
          >
            {pending() ? t('flow.template.saving') : t('flow.template.submit')}
          </button>
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {t('flow.controls.cancel')}
          </button>
        </>
      }
    >
      <p>{t('flow.template.intro')}</p>
      <form id={formId} class="form" onSubmit={submit} novalidate>
        <For each={fields}>
          {(field) => {
            const id = `${base}-${field.name}`
            const describedBy = () =>
              [field.hint ? `${id}-hint` : '', errors()[field.name] ? `${id}-error` : '']
                .filter(Boolean)
                .join(' ') || undefined
            const onInput = (value: string) =>
              setValues((prev) => ({ ...prev, [field.name]: value }))
            return (
              <div class="field">
                <label for={id}>{field.label()}</label>
                <Show when={field.hint}>
                  {(hint) => (
                    <p id={`${id}-hint`} class="field__hint">
                      {hint()()}
                    </p>
                  )}
                </Show>
                <Show
                  when={field.long}
                  fallback={
                    <input
                      id={id}
                      type="text"
                      value={values()[field.name]}
                      aria-invalid={errors()[field.name] ? 'true' : undefined}
                      aria-describedby={describedBy()}
                      onInput={(event) => onInput(event.currentTarget.value)}
                    />
                  }
                >
                  <textarea
                    id={id}
                    class="flow-textarea"
                    rows={2}
                    value={values()[field.name]}
                    aria-describedby={describedBy()}
                    onInput={(event) => onInput(event.currentTarget.value)}
                  />
                </Show>
                <FieldError id={`${id}-error`} when={errors()[field.name]}>
                  {errors()[field.name]}
                </FieldError>
              </div>
            )
          }}
        </For>
        <FieldError when={failure()} alert>
          {failure()}
        </FieldError>
      </form>
    </Dialog>
  )
}
