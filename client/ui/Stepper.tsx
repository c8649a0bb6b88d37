import { type Component, type JSX, Show } from 'solid-js'
import './stepper.css'

/** One step: the short text the button shows (« −1 min », « + »), the words in its title. */
export interface Step {
  text: string
  title: string
  disabled?: boolean
  onClick: () => void
}

/**
 * A small button named by what it shows (« +5 min »), so a voice-control user says what they
 * see (WCAG 2.5.3); its title says it in words, which screen readers give as its description.
 */
export const StepButton: Component<{ step: Step }> = (props) => (
  <button
    type="button"
    class="button button--secondary button--small"
    title={props.step.title}
    disabled={props.step.disabled}
    onClick={() => props.step.onClick()}
  >
    {props.step.text}
  </button>
)

export interface StepperProps {
  /** The group's name: what the steps change (« Taille sur le projecteur », « Minuterie »). */
  label: string
  down: Step
  up: Step
  /** What the steps change, shown between them and said when it changes. */
  value?: string
  /** More buttons after the steps (back to normal, a larger step, pause). */
  children?: JSX.Element
}

/** A value with a step down and a step up on either side (− value +): a group of buttons. */
export const Stepper: Component<StepperProps> = (props) => (
  // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset
  <div class="stepper" role="group" aria-label={props.label}>
    <StepButton step={props.down} />
    <Show when={props.value}>
      {(value) => (
        <output class="stepper__value" aria-live="polite">
          {value()}
        </output>
      )}
    </Show>
    <StepButton step={props.up} />
    {props.children}
  </div>
)
