import type { Component } from 'solid-js'
import type { KindViewProps } from '../registry.ts'

/** The box's text as the viewer reads it: the whole body of a text, a shape or a frame (its name). */
export const TextView: Component<KindViewProps> = (props) => (
  <span class="canvas-item__text">{props.text}</span>
)
