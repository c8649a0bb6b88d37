import { z } from 'zod'
import {
  boxGroup,
  inkOn,
  kindName,
  LINE_HEIGHT,
  linesFor,
  num,
  TEXT_SIZE,
  textBlock,
} from '../../export/svgParts.ts'
import { type BoxKindDefinition, itemColour } from './registry.ts'

export const SHAPES = ['rect', 'ellipse'] as const
export type Shape = (typeof SHAPES)[number]

declare module '../../schema/itemSchemas.ts' {
  interface BoxFields {
    /** A shape's outline. */
    shape: Shape
  }
}

/** A rectangle or an ellipse with a label inside. */
export const shapeKind: BoxKindDefinition = {
  kind: 'shape',
  defaultSize: { w: 160, h: 120 },
  defaultColour: '#FFF4B3',
  layer: 'front',
  holdsItems: false,
  takesDots: false,
  writtenPrivately: false,
  countsAsNote: false,
  templateNote: false,
  editsOnCreate: false,
  defaultText: null,
  fields: { shape: { schema: z.enum(SHAPES), initial: 'rect' } },
  outline: (box) => (box.shape === 'ellipse' ? 'ellipse' : 'rect'),
  messages: {
    name: (box) =>
      box.shape === 'ellipse' ? 'outline.kind.shape.ellipse' : 'outline.kind.shape.rect',
    untitled: 'outline.untitledItem',
    count: { one: 'outline.count.shape.one', other: 'outline.count.shape.other' },
  },
  svg: (box, words) => {
    const fill = itemColour(box)
    const ellipse = box.shape === 'ellipse'
    const outline = ellipse
      ? `<ellipse cx="${num(box.x + box.w / 2)}" cy="${num(box.y + box.h / 2)}" rx="${num(box.w / 2)}" ry="${num(box.h / 2)}" fill="${fill}" stroke="#374151" stroke-width="2"/>`
      : `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" fill="${fill}" stroke="#374151" stroke-width="2"/>`
    // Text inside an ellipse gets the inscribed rectangle.
    const inner = ellipse ? Math.SQRT1_2 : 1
    const lines = linesFor(box.text, box.w * inner, box.h * inner)
    const top = box.y + (box.h - lines.length * LINE_HEIGHT) / 2 + TEXT_SIZE
    return boxGroup(
      box,
      `${kindName(words, box)} — ${box.text}`,
      outline,
      textBlock(
        lines,
        box.x + box.w / 2,
        top,
        `font-size="${TEXT_SIZE}" fill="${inkOn(fill)}"`,
        'middle',
      ),
    )
  },
}
