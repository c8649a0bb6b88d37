import type { ClientKindDefinition } from '../registry.ts'
import { NoteView } from './NoteView.tsx'
import { paintCard } from './paint.ts'

export const noteClient: ClientKindDefinition = {
  kind: 'note',
  label: () => 'canvas.kind.note',
  className: () => 'canvas-item--note',
  View: NoteView,
  paint: paintCard,
  minimap: { fill: (colour) => colour, stroke: null },
  outline: { editLabel: 'outline.editText.note' },
  diffLabel: 'diff.kind.note',
}
