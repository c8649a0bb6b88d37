import { type Accessor, type Component, type JSX, Show, splitProps } from 'solid-js'
import { FieldError } from './FieldError.tsx'

/** What the field's control carries: the ids that describe it, and whether it is invalid. */
export interface FieldAria {
  describedBy: Accessor<string | undefined>
  invalid: Accessor<'true' | undefined>
}

export interface FieldProps {
  /** The control's id: the label names it, its hint and its error take their ids from it. */
  for: string
  label: string
  /** `visually-hidden` where what surrounds the field says it already. */
  labelClass?: string
  /** Said under the label, and with the control (its description). */
  hint?: string
  /** What is wrong with the value, said under the control (empty: nothing is). */
  error?: string
  /** The error is announced at once (a server's refusal, not a field left empty). */
  alert?: boolean
  /** The wrapper's class, `field` unless said. */
  class?: string
  /** The control, given what it carries (`aria-describedby`, `aria-invalid`). */
  children: (aria: FieldAria) => JSX.Element
}

/** A form's field: its label, a hint, the control, and what is wrong with it, tied together. */
export const Field: Component<FieldProps> = (props) => {
  const hintId = () => `${props.for}-hint`
  const errorId = () => `${props.for}-error`
  const aria: FieldAria = {
    describedBy: () =>
      [props.hint ? hintId() : '', props.error ? errorId() : ''].filter(Boolean).join(' ') ||
      undefined,
    invalid: () => (props.error ? 'true' : undefined),
  }
  return (
    <div class={props.class ?? 'field'}>
      <label for={props.for} class={props.labelClass}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={hintId()}>
          {props.hint}
        </p>
      </Show>
      {props.children(aria)}
      <FieldError id={errorId()} when={props.error} alert={props.alert}>
        {props.error}
      </FieldError>
    </div>
  )
}

/** A Field whose control is a one-line text input: a title, a name. */
export const TextField: Component<
  Omit<FieldProps, 'children'> & {
    name?: string
    maxLength: number
    ref?: (input: HTMLInputElement) => void
  }
> = (props) => {
  const [input, field] = splitProps(props, ['name', 'maxLength', 'ref'])
  return (
    <Field {...field}>
      {(aria) => (
        <input
          ref={(element) => input.ref?.(element)}
          id={props.for}
          name={input.name}
          type="text"
          maxLength={input.maxLength}
          aria-invalid={aria.invalid()}
          aria-describedby={aria.describedBy()}
        />
      )}
    </Field>
  )
}
