import { type ParentComponent, Show } from 'solid-js'

/**
 * A field's error message, shown while `when` holds. Its `id` is what the field's
 * `aria-describedby` points at; `alert` makes screen readers announce it at once.
 */
export const FieldError: ParentComponent<{ id: string; when: unknown; alert?: boolean }> = (
  props,
) => (
  <Show when={props.when}>
    <p class="field__error" id={props.id} role={props.alert ? 'alert' : undefined}>
      {props.children}
    </p>
  </Show>
)
