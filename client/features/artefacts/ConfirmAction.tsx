import { type Component, createSignal, type JSX, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'

/**
 * A destructive button that asks first, in place (no modal): the question, then "yes" and
 * "cancel". Focus moves to "cancel" when asked and back to the button when cancelled.
 */
export const ConfirmAction: Component<{
  /** Accessible name and text of the first button. */
  label: string
  /** Visible text if shorter than the accessible name (the name must contain it). */
  text?: string
  question: JSX.Element
  confirmLabel?: string
  onConfirm: () => void | Promise<void>
  class?: string
}> = (props) => {
  const { t } = useI18n()
  const [asking, setAsking] = createSignal(false)
  let trigger: HTMLButtonElement | undefined
  let cancel: HTMLButtonElement | undefined
  return (
    <Show
      when={asking()}
      fallback={
        <button
          ref={(element) => {
            trigger = element
          }}
          type="button"
          class={props.class ?? 'button button--secondary button--small'}
          aria-label={props.text ? props.label : undefined}
          onClick={() => {
            setAsking(true)
            cancel?.focus()
          }}
        >
          {props.text ?? props.label}
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a question and its two buttons, not a form */}
      <div class="card confirm" role="group" aria-label={props.label}>
        <p class="confirm__question">{props.question}</p>
        <div class="form__actions">
          <button
            type="button"
            class="button button--danger button--small"
            onClick={async () => {
              await props.onConfirm()
              setAsking(false)
            }}
          >
            {props.confirmLabel ?? t('artefacts.confirmDelete')}
          </button>
          <button
            ref={(element) => {
              cancel = element
              queueMicrotask(() => element.focus())
            }}
            type="button"
            class="button button--secondary button--small"
            onClick={() => {
              setAsking(false)
              queueMicrotask(() => trigger?.focus())
            }}
          >
            {t('artefacts.cancel')}
          </button>
        </div>
      </div>
    </Show>
  )
}
