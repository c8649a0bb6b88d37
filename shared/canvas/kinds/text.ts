import { boxGroup, boxText, INK, kindName, linesFor } from '../../export/svgParts.ts'
import { type BoxKindDefinition, WRITTEN_IDEA } from './registry.ts'

/** Free text on the canvas: a title, a caption. Drawn as text alone. */
export const textKind: BoxKindDefinition = {
  kind: 'text',
  defaultSize: { w: 240, h: 60 },
  ...WRITTEN_IDEA,
  templateNote: false,
  messages: {
    name: () => 'outline.kind.text',
    untitled: 'outline.untitledItem',
    count: { one: 'outline.count.text.one', other: 'outline.count.text.other' },
  },
  svg: (box, words) =>
    boxGroup(
      box,
      `${kindName(words, box)} — ${box.text}`,
      boxText(box, linesFor(box.text, box.w, box.h), INK),
    ),
}
