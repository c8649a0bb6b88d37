import type { JSX, ParentComponent } from 'solid-js'

/**
 * A table wider than its panel scrolls on its own: the scrolling region is reachable by
 * keyboard and named (by the table's caption, or by the heading over it).
 */
export const ScrollTable: ParentComponent<{
  /** The id of what names it: its caption, or the heading over it. */
  labelledBy: string
  /** The table's own class, beside `data-table`. */
  class: string
  /** The caption, the head and the body. */
  children: JSX.Element
}> = (props) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard
  <section class="table-scroll" aria-labelledby={props.labelledBy} tabIndex={0}>
    <table class={`data-table ${props.class}`}>{props.children}</table>
  </section>
)
