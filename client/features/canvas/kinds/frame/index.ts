import type { ClientKindDefinition } from '../registry.ts'
import { TextView } from '../text/TextView.tsx'
import { paintFrame } from './paint.ts'

export const frameClient: ClientKindDefinition = {
  kind: 'frame',
  label: () => 'canvas.kind.frame',
  className: () => 'canvas-item--frame',
  // Its name, which the CSS sets as a title along its top edge.
  View: TextView,
  paint: paintFrame,
  // Zones stay in the background of the map whatever their colour.
  minimap: { fill: () => '#e4e6ea', stroke: '#767c85' },
  outline: { editLabel: 'outline.editText.frame' },
  diffLabel: 'diff.kind.frame',
}
