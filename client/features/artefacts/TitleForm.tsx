import { type Component, createSignal, createUniqueId, onMount, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { FieldError } from '../../ui/FieldError.tsx'

/**
 * A one-field form (a title, a name, a question): says what is missing when sent empty,
 * empties itself after a successful submit (`onSubmit` returns true).
 */
export const TitleForm: Component<{
  label: string
  submit: string
  required: string
  hint?: string
  initial?: string
  maxLength?: number
  autofocus?: boolean
  multiline?: boolean
  onSubmit: (value: string) => boolean | Promise<boolean>
  onCancel?: () => void
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const [error, setError] = createSignal('')
  let input: HTMLInputElement | HTMLTextAreaElement | undefined
  onMount(() => {
    if (props.autofocus) input?.focus()
  })
  const describedBy = () =>
    [props.hint ? `${id}-hint` : '', error() ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault()
        const value = input?.value.trim() ?? ''
        if (!value) {
          setError(props.required)
          input?.focus()
          return
        }
        setError('')
        if ((await props.onSubmit(value)) && input && props.initial === undefined) input.value = ''
      }}
    >
      <div class="field">
        <label for={id}>{props.label}</label>
        <Show when={props.hint}>
          <p class="field__hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        </Show>
        <Show
          when={props.multiline}
          fallback={
            <input
              ref={(element) => {
                input = element
              }}
              id={id}
              type="text"
              value={props.initial ?? ''}
              maxLength={props.maxLength}
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby={describedBy()}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && props.onCancel) props.onCancel()
              }}
            />
          }
        >
          <textarea
            ref={(element) => {
              input = element
            }}
            id={id}
            rows={2}
            value={props.initial ?? ''}
            maxLength={props.maxLength}
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={describedBy()}
          />
        </Show>
        <FieldError id={`${id}-error`} when={error()}>
          {error()}
        </FieldError>
      </div>
      <div class="form__actions">
        <button type="submit" class="button button--primary button--small">
          {props.submit}
        </button>
        <Show when={props.onCancel}>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => props.onCancel?.()}
          >
            {t('artefacts.cancel')}
          </button>
        </Show>
      </div>
    </form>
  )
}
