import type { ClientKindDefinition } from '../registry.ts'
import { TextView } from './TextView.tsx'

/** Free text: no fill of its own, so far out a grey bar stands for its lines. */
export const textClient: ClientKindDefinition = {
  kind: 'text',
  label: () => 'canvas.kind.text',
  className: () => 'canvas-item--text',
  View: TextView,
  paint: (context, box) => {
    context.fillStyle = '#9aa0a6'
    context.fillRect(box.x, box.y + box.h / 3, box.w * 0.8, box.h / 3)
  },
  minimap: { fill: (colour) => colour, stroke: null },
  outline: { editLabel: 'outline.editText.text' },
  diffLabel: 'diff.kind.text',
}
