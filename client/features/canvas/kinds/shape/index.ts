import { paintCard } from '../note/paint.ts'
import type { ClientKindDefinition } from '../registry.ts'
import { TextView } from '../text/TextView.tsx'

export const shapeClient: ClientKindDefinition = {
  kind: 'shape',
  label: (item) => (item.shape === 'ellipse' ? 'canvas.kind.ellipse' : 'canvas.kind.rect'),
  className: (item) =>
    item.shape === 'ellipse' ? 'canvas-item--shape canvas-item--ellipse' : 'canvas-item--shape',
  View: TextView,
  paint: paintCard,
  minimap: { fill: (colour) => colour, stroke: null },
  outline: { editLabel: 'outline.editText.shape' },
  diffLabel: 'diff.kind.shape',
}
