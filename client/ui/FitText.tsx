import { createEffect, type JSX, onCleanup, onMount, type ParentComponent } from 'solid-js'

export interface FitTextProps {
  /** The largest font size wanted, as a share of the box's height (0.06: 6 %). */
  largest: number
  class?: string
}

/** Below this, text is not made smaller: what still does not fit is cut at the box's edge. */
const SMALLEST_PX = 8
/** Halvings of the interval between the smallest and largest size: about 0.5 px apart. */
const STEPS = 9

/**
 * Its content at the largest font size that fits the box, whole (a projector has no scrollbar):
 * a short text is large, a long list of results smaller. Sizes follow the box (a window made
 * full screen) and the content (results coming in); everything inside sized in `em` follows.
 */
export const FitText: ParentComponent<FitTextProps> = (props) => {
  let box!: HTMLDivElement
  let content!: HTMLDivElement
  let frame = 0
  const fits = () =>
    content.scrollHeight <= box.clientHeight + 1 && content.scrollWidth <= box.clientWidth + 1
  const fit = () => {
    frame = 0
    const largest = Math.max(SMALLEST_PX, box.clientHeight * props.largest)
    let low = SMALLEST_PX
    let high = largest
    content.style.fontSize = `${high}px`
    if (!fits()) {
      for (let step = 0; step < STEPS; step++) {
        const middle = (low + high) / 2
        content.style.fontSize = `${middle}px`
        if (fits()) low = middle
        else high = middle
      }
      content.style.fontSize = `${low}px`
    }
  }
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(fit)
  }
  createEffect(() => {
    props.largest
    schedule()
  })
  onMount(() => {
    schedule()
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule)
    resized?.observe(box)
    const changed = new MutationObserver(schedule)
    changed.observe(content, { childList: true, subtree: true, characterData: true })
    onCleanup(() => {
      cancelAnimationFrame(frame)
      resized?.disconnect()
      changed.disconnect()
    })
  })
  const style: JSX.CSSProperties = { overflow: 'hidden', height: '100%', 'min-height': '0' }
  return (
    <div ref={box} class={props.class} style={style}>
      <div ref={content} class="fit-text__content">
        {props.children}
      </div>
    </div>
  )
}
