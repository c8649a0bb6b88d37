import { type Component, createEffect, createUniqueId, on, Show, untrack } from 'solid-js'
import { Field } from './Field.tsx'

/** Where `index` in `before` ends up in `after`, given that only the middle part changed. */
export const mapIndex = (before: string, after: string, index: number): number => {
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before[start] === after[start]) start++
  let end = 0
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) {
    end++
  }
  if (index <= start) return index
  if (index >= before.length - end) return index + after.length - before.length
  return after.length - end
}

/**
 * A labelled text field bound live to a shared Y.Text: every keystroke goes to `onInput`
 * (the caller writes it with the smallest edit, so two people typing at once both keep their
 * words), and what others type appears while you type, your caret kept in place.
 * Read-only, it shows the text as a paragraph under its label.
 */
export const LiveText: Component<{
  label: string
  value: string
  onInput: (value: string) => void
  readOnly?: boolean
  multiline?: boolean
  rows?: number
  maxLength?: number
  hint?: string
  class?: string
  /** The wrapper's own class, in place of `live-text` (e.g. `outline__field`). */
  wrapperClass?: string
  labelHidden?: boolean
}> = (props) => {
  const id = createUniqueId()
  let field: HTMLTextAreaElement | HTMLInputElement | undefined

  createEffect(
    on(
      () => props.value,
      (next) => {
        if (!field || field.value === next) return
        const before = field.value
        const focused = field.ownerDocument.activeElement === field
        const start = field.selectionStart ?? before.length
        const end = field.selectionEnd ?? before.length
        field.value = next
        if (focused) {
          field.setSelectionRange(mapIndex(before, next, start), mapIndex(before, next, end))
        }
      },
    ),
  )

  const onInput = (event: InputEvent & { currentTarget: HTMLTextAreaElement | HTMLInputElement }) =>
    props.onInput(event.currentTarget.value)

  const wrapper = () => `field ${props.wrapperClass ?? 'live-text'} ${props.class ?? ''}`
  return (
    <Show
      when={!props.readOnly}
      fallback={
        <div class={wrapper()}>
          <span class={props.labelHidden ? 'visually-hidden' : 'live-text__label'}>
            {props.label}
          </span>
          <p class="live-text__value">{props.value}</p>
        </div>
      }
    >
      <Field
        for={id}
        class={wrapper()}
        label={props.label}
        labelClass={props.labelHidden ? 'visually-hidden' : undefined}
        hint={props.hint}
      >
        {(aria) => (
          <Show
            when={props.multiline !== false}
            fallback={
              <input
                id={id}
                ref={(element) => {
                  field = element
                }}
                type="text"
                value={untrack(() => props.value)}
                maxLength={props.maxLength}
                aria-describedby={aria.describedBy()}
                onInput={onInput}
              />
            }
          >
            <textarea
              id={id}
              ref={(element) => {
                field = element
              }}
              rows={props.rows ?? 2}
              value={untrack(() => props.value)}
              maxLength={props.maxLength}
              aria-describedby={aria.describedBy()}
              onInput={onInput}
            />
          </Show>
        )}
      </Field>
    </Show>
  )
}
