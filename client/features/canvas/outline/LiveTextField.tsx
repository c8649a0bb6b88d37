import { type Component, createEffect, createUniqueId, on, Show, untrack } from 'solid-js'

/** Where `index` in `before` ends up in `after`, given that only the middle part changed. */
const mapIndex = (before: string, after: string, index: number): number => {
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
 * A labelled text field bound live to a shared text: each keystroke is reported with
 * `onInput` (the caller writes it to the Y.Text with the smallest edit), and changes made by
 * others appear while you type, your cursor kept where it was.
 */
export const LiveTextField: Component<{
  label: string
  value: string
  multiline: boolean
  maxLength?: number
  onInput: (value: string) => void
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

  return (
    <div class="field outline__field">
      <label for={id}>{props.label}</label>
      <Show
        when={props.multiline}
        fallback={
          <input
            id={id}
            ref={(element) => {
              field = element
            }}
            type="text"
            value={untrack(() => props.value)}
            maxLength={props.maxLength}
            onInput={onInput}
          />
        }
      >
        <textarea
          id={id}
          ref={(element) => {
            field = element
          }}
          rows={3}
          value={untrack(() => props.value)}
          maxLength={props.maxLength}
          onInput={onInput}
        />
      </Show>
    </div>
  )
}
