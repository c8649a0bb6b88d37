import {
  createEffect,
  createSignal,
  type JSX,
  onCleanup,
  type ParentComponent,
  Show,
} from 'solid-js'

/**
 * How long the placeholder stays on screen before it counts: while a page builds, what is
 * above it grows in steps (a chunk, then its stylesheet) and lets it pass through the screen.
 */
const DWELL_MS = 250

export interface OnScreenProps {
  /**
   * Shown until then, and watched: give it some height (a line of text) so it can come on
   * screen. Usually the same status the lazy content's Suspense shows while it loads.
   */
  placeholder: JSX.Element
  /** How far off screen it starts (IntersectionObserver `rootMargin`). */
  margin?: string
  /**
   * Watch only from when this is true (default: at once), e.g. once what comes above has its
   * height: a placeholder on screen for a moment only because the page is still empty does
   * not count.
   */
  armed?: boolean
  /** The lazy part's code is here already (an earlier one loaded it): render at once. */
  loaded?: boolean
}

/**
 * Renders `children` once the placeholder comes on screen (or near it), and keeps them: for
 * a lazy chunk that only someone looking at that part of the page needs, such as the
 * rich-text editor below the board or a menu's panel while it is `hidden`. Where
 * IntersectionObserver does not exist (jsdom), at once.
 */
export const OnScreen: ParentComponent<OnScreenProps> = (props) => {
  const [seen, setSeen] = createSignal(
    props.loaded === true || typeof IntersectionObserver === 'undefined',
  )
  let marker: HTMLDivElement | undefined
  createEffect(() => {
    if (seen() || !marker || props.armed === false) return
    let dwell: ReturnType<typeof setTimeout> | undefined
    const observer = new IntersectionObserver(
      (entries) => {
        clearTimeout(dwell)
        if (!entries.some((entry) => entry.isIntersecting)) return
        dwell = setTimeout(() => setSeen(true), DWELL_MS)
      },
      { rootMargin: props.margin ?? '25% 0px' },
    )
    observer.observe(marker)
    onCleanup(() => {
      clearTimeout(dwell)
      observer.disconnect()
    })
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
