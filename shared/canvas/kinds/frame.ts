import {
  boxGroup,
  CHAR_WIDTH,
  inkOn,
  kindName,
  num,
  PAD,
  textBlock,
  wrapText,
} from '../../export/svgParts.ts'
import { type BoxKindDefinition, itemColour } from './registry.ts'

const FRAME_LABEL_SIZE = 16

/** A zone of the canvas with a name: it holds the boxes dropped in it and carries them. */
export const frameKind: BoxKindDefinition = {
  kind: 'frame',
  defaultSize: { w: 640, h: 480 },
  defaultColour: '#F2F2F2',
  layer: 'back',
  holdsItems: true,
  takesDots: false,
  writtenPrivately: false,
  countsAsNote: false,
  templateNote: false,
  editsOnCreate: false,
  defaultText: 'canvas.frame.defaultName',
  fields: {},
  outline: () => 'rect',
  messages: {
    name: () => 'outline.kind.frame',
    untitled: 'outline.frame.untitled',
    count: { one: 'outline.count.frame.one', other: 'outline.count.frame.other' },
  },
  svg: (box, words) => {
    const name = box.text.trim() || words.message('outline.frame.untitled')
    const label = wrapText(name, (box.w - 2 * PAD) / (FRAME_LABEL_SIZE * CHAR_WIDTH), 1)
    return boxGroup(
      box,
      `${kindName(words, box)} — ${name}`,
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="6" fill="${itemColour(box)}" stroke="#6b7280" stroke-width="2"/>`,
      textBlock(
        label,
        box.x + PAD,
        box.y + PAD + FRAME_LABEL_SIZE,
        `font-size="${FRAME_LABEL_SIZE}" font-weight="700" fill="${inkOn(itemColour(box))}"`,
      ),
    )
  },
}
