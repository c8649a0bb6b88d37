import {
  boxGroup,
  boxText,
  CHAR_WIDTH,
  escapeXml,
  groupName,
  inkOn,
  kindName,
  LABEL_SIZE,
  linesFor,
  num,
  PAD,
  wrapText,
} from '../../export/svgParts.ts'
import { type BoxKindDefinition, itemColour, WRITTEN_IDEA } from './registry.ts'

/** A sticky note: an idea someone wrote, signed with their partner group. */
export const noteKind: BoxKindDefinition = {
  kind: 'note',
  defaultSize: { w: 160, h: 160 },
  ...WRITTEN_IDEA,
  templateNote: true,
  messages: {
    name: () => 'outline.kind.note',
    untitled: 'outline.untitledItem',
    count: { one: 'outline.count.note.one', other: 'outline.count.note.other' },
  },
  svg: (box, words) => {
    const fill = itemColour(box)
    const ink = inkOn(fill)
    const group = groupName(words, box)
    const by = words.message('export.svg.by', { group })
    // The author's group, as text at the bottom of the note (colour alone never says it).
    const labelLines = wrapText(group, (box.w - 2 * PAD) / (LABEL_SIZE * CHAR_WIDTH), 2)
    const labelHeight = labelLines.length * (LABEL_SIZE + 3)
    const lines = linesFor(box.text, box.w, box.h - labelHeight - 4)
    const labelTop = box.y + box.h - PAD / 2 - labelHeight + LABEL_SIZE
    const label = labelLines
      .map(
        (line, index) =>
          `<tspan x="${num(box.x + PAD)}" y="${num(labelTop + index * (LABEL_SIZE + 3))}">${escapeXml(line)}</tspan>`,
      )
      .join('')
    return boxGroup(
      box,
      `${kindName(words, box)} (${by}) — ${box.text}`,
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="8" fill="${fill}" stroke="#000000" stroke-opacity="0.25" stroke-width="1"/>`,
      boxText(box, lines, ink),
      `<text class="group" font-size="${LABEL_SIZE}" font-weight="600" fill="${ink}">${label}</text>`,
    )
  },
}
