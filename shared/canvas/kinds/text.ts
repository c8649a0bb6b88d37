import {
  boxGroup,
  INK,
  kindName,
  linesFor,
  PAD,
  TEXT_SIZE,
  textBlock,
} from '../../export/svgParts.ts'
import type { BoxKindDefinition } from './registry.ts'

/** Free text on the canvas: a title, a caption. Drawn as text alone. */
export const textKind: BoxKindDefinition = {
  kind: 'text',
  defaultSize: { w: 240, h: 60 },
  defaultColour: '#FFF4B3',
  layer: 'front',
  holdsItems: false,
  takesDots: true,
  writtenPrivately: true,
  countsAsNote: true,
  templateNote: false,
  editsOnCreate: true,
  defaultText: null,
  fields: {},
  outline: () => 'rect',
  messages: {
    name: () => 'outline.kind.text',
    untitled: 'outline.untitledItem',
    count: { one: 'outline.count.text.one', other: 'outline.count.text.other' },
  },
  svg: (box, locale) =>
    boxGroup(
      box,
      `${kindName(locale, box)} — ${box.text}`,
      textBlock(
        linesFor(box.text, box.w, box.h),
        box.x + PAD,
        box.y + PAD + TEXT_SIZE,
        `font-size="${TEXT_SIZE}" fill="${INK}"`,
      ),
    ),
}
