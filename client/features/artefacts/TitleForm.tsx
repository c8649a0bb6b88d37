import { type Component, createSignal, createUniqueId, onMount, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { Field } from '../../ui/Field.tsx'

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
      <Field for={id} label={props.label} hint={props.hint} error={error()}>
        {(aria) => (
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
                aria-invalid={aria.invalid()}
                aria-describedby={aria.describedBy()}
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
              aria-invalid={aria.invalid()}
              aria-describedby={aria.describedBy()}
            />
          </Show>
        )}
      </Field>
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
