import { type JSX, type ParentComponent, Show } from 'solid-js'

export interface NoticeProps {
  /** `alert` for problems (announced at once by screen readers), `info` otherwise. */
  tone?: 'info' | 'alert'
  title?: string
  actions?: JSX.Element
}

/** A framed message with an optional heading and actions. */
export const Notice: ParentComponent<NoticeProps> = (props) => (
  <div
    class={`notice notice--${props.tone ?? 'info'}`}
    role={props.tone === 'alert' ? 'alert' : undefined}
  >
    <Show when={props.title}>
      <h2 class="notice__title">{props.title}</h2>
    </Show>
    <div class="notice__body">{props.children}</div>
    <Show when={props.actions}>
      <div class="notice__actions">{props.actions}</div>
    </Show>
  </div>
)
