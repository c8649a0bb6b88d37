import { type JSX, type ParentComponent, splitProps } from 'solid-js'

export interface ButtonProps
  extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'type'> {
  /** primary: the action the form is for; secondary: any other. */
  variant: 'primary' | 'secondary'
  /** The compact size used inside cards and lists. */
  small?: boolean
}

/** A plain action button (type="button") in the app's button styles. */
export const Button: ParentComponent<ButtonProps> = (props) => {
  const [own, rest] = splitProps(props, ['variant', 'small'])
  return (
    <button
      type="button"
      class={`button button--${own.variant}${own.small ? ' button--small' : ''}`}
      {...rest}
    />
  )
}
