import { type ParentComponent, Show } from 'solid-js'

/**
 * An error message, shown while `when` holds. A field's own message has an `id`, which the
 * field's `aria-describedby` points at; a whole form's message needs none. `alert` makes
 * screen readers announce it at once.
 */
export const FieldError: ParentComponent<{ id?: string; when: unknown; alert?: boolean }> = (
  props,
) => (
  <Show when={props.when}>
    <p class="field__error" id={props.id} role={props.alert ? 'alert' : undefined}>
      {props.children}
    </p>
  </Show>
)
