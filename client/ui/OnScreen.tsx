import { createSignal, type JSX, onCleanup, onMount, type ParentComponent, Show } from 'solid-js'

export interface OnScreenProps {
  /**
   * Shown until then, and watched: give it some height (a line of text) so it can come on
   * screen. Usually the same status the lazy content's Suspense shows while it loads.
   */
  placeholder: JSX.Element
  /** How far off screen it starts (IntersectionObserver `rootMargin`). */
  margin?: string
}

/**
 * Renders `children` once the placeholder comes on screen (or near it), and keeps them: for
 * a lazy chunk that only someone looking at that part of the page needs, such as the
 * rich-text editor below the board or a menu's panel while it is `hidden`. Where
 * IntersectionObserver does not exist (jsdom), at once.
 */
export const OnScreen: ParentComponent<OnScreenProps> = (props) => {
  const [seen, setSeen] = createSignal(typeof IntersectionObserver === 'undefined')
  let marker: HTMLDivElement | undefined
  onMount(() => {
    if (seen() || !marker) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        observer.disconnect()
        setSeen(true)
      },
      { rootMargin: props.margin ?? '25% 0px' },
    )
    observer.observe(marker)
    onCleanup(() => observer.disconnect())
  })
  return (
    <Show
      when={seen()}
      fallback={
        <div
          ref={(element) => {
            marker = element
          }}
        >
          {props.placeholder}
        </div>
      }
    >
      {props.children}
    </Show>
  )
}
