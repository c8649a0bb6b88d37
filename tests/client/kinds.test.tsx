import { render, screen, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createI18n } from '../../client/app/i18n.tsx'
import {
  type ClientKindDefinition,
  clientKind,
  type PaintedBox,
  registerClientKind,
} from '../../client/features/canvas/kinds/index.ts'
import { CANVAS_MESSAGES } from '../../client/features/canvas/messages.ts'
import { CanvasOutline } from '../../client/features/canvas/outline/CanvasOutline.tsx'
import { type BoxKindDefinition, boxKind, registerKind } from '../../shared/canvas/kinds/index.ts'
import { canvasToSvg } from '../../shared/export/canvasSvg.ts'
import { escapeXml, num } from '../../shared/export/svgParts.ts'
import { GROUP_COLOURS } from '../../shared/groups.ts'
import {
  addBox,
  type BoxItem,
  canvasMap,
  connect,
  itemColour,
  itemProblem,
  readCanvasContent,
} from '../../shared/schema/index.ts'
import { boxItem, newWorkshop } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

/**
 * A kind that ships nowhere, defined here only: a round sticker with a star on it. If it can
 * be read, drawn, exported, listed and named without touching the code that serves the other
 * kinds, the registries are what everything asks. Its words borrow existing catalogue keys (a
 * kind shipped for real adds its own to shared/i18n, in French and English).
 */
const sticker: BoxKindDefinition = {
  kind: 'sticker',
  defaultSize: { w: 80, h: 80 },
  defaultColour: '#F4A6C6',
  layer: 'front',
  holdsItems: false,
  takesDots: false,
  writtenPrivately: false,
  countsAsNote: false,
  templateNote: false,
  editsOnCreate: false,
  defaultText: null,
  fields: {},
  outline: () => 'ellipse',
  messages: {
    name: () => 'outline.kind.shape.ellipse',
    untitled: 'outline.untitledItem',
    count: { one: 'outline.count.shape.one', other: 'outline.count.shape.other' },
  },
  svg: (box) =>
    `<g class="sticker" data-id="${escapeXml(box.id)}"><circle cx="${num(box.x + box.w / 2)}" cy="${num(box.y + box.h / 2)}" r="${num(box.w / 2)}" fill="${itemColour(box)}"/><text>${escapeXml(box.text)}</text></g>`,
}

const stickerClient: ClientKindDefinition = {
  kind: 'sticker',
  label: () => 'canvas.kind.ellipse',
  className: () => 'canvas-item--sticker',
  View: (props) => (
    <span class="sticker">
      <span aria-hidden="true">★</span> {props.text}
    </span>
  ),
  paint: (context, box) => {
    context.fillStyle = box.colour
    context.fillRect(box.x, box.y, box.w, box.h)
  },
  minimap: { fill: (colour) => colour, stroke: null },
  outline: { editLabel: 'outline.editText.shape' },
  diffLabel: 'diff.kind.shape',
}

/** A doc before the sticker is known, with one written raw (as a newer client would). */
const { doc: early, canvasId: earlyCanvas } = newWorkshop({ locale: 'en' })
const rawSticker = () => {
  const items = canvasMap(early, earlyCanvas)?.get('items') as Y.Map<Y.Map<unknown>>
  const map = new Y.Map<unknown>()
  items.set('s1', map)
  const fields = { ...boxItem({ id: 's1', kind: 'sticker', w: 80, h: 80 }), text: undefined }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value)
  map.set('text', new Y.Text('Bravo'))
  return map
}
const earlyMap = rawSticker()
const beforeRegistering = readCanvasContent(early, earlyCanvas)
const earlyProblem = itemProblem('s1', earlyMap)

registerKind(sticker)
registerClientKind(stickerClient)

const withSticker = () => {
  const { doc, canvasId } = newWorkshop({ locale: 'en' })
  const id = addBox(
    doc,
    canvasId,
    { kind: 'sticker', x: 100, y: 40, text: 'Bravo', createdBy: 'me-000000001' },
    'test',
  )
  const item = readCanvasContent(doc, canvasId).items.find((entry) => entry.id === id) as BoxItem
  return { doc, canvasId, id, item }
}

describe('a kind registered from outside (a sticker)', () => {
  it('is read by the schema once registered, with its default size and colour', () => {
    // Unknown, it is skipped as malformed, and the policy would refuse it.
    expect(beforeRegistering.items.map((item) => item.id)).not.toContain('s1')
    expect(beforeRegistering.skipped).toEqual([
      { id: 's1', reason: 'kind: must be a registered kind of box' },
    ])
    expect(earlyProblem).toBe('kind: must be a registered kind of box')
    // Known, the very same entry reads, and a new one gets the kind's defaults.
    expect(readCanvasContent(early, earlyCanvas).items.map((item) => item.id)).toEqual(['s1'])
    expect(itemProblem('s1', earlyMap)).toBeNull()
    const { item } = withSticker()
    expect(item).toMatchObject({ kind: 'sticker', w: 80, h: 80, text: 'Bravo', shape: null })
    expect(itemColour(item)).toBe('#F4A6C6')
  })

  it('is drawn by its own view inside the item, and painted far out by its painter', () => {
    const { item } = withSticker()
    const { View } = clientKind('sticker')
    render(() => <View item={item} text={item.text} author="Amina" groupLabel={null} />)
    expect(screen.getByText(/Bravo/)).toHaveClass('sticker')
    expect(screen.getByText(/Bravo/)).toHaveTextContent('★ Bravo')

    const calls: string[] = []
    const context = {
      set fillStyle(value: string) {
        calls.push(`fill ${value}`)
      },
      fillRect: (...rect: number[]) => calls.push(`rect ${rect.join(' ')}`),
    } as unknown as CanvasRenderingContext2D
    const painted: PaintedBox = { ...item, colour: itemColour(item) }
    clientKind('sticker').paint(context, painted, 0.3, () => {})
    expect(calls).toEqual(['fill #F4A6C6', 'rect 100 40 80 80'])
  })

  it('is exported to SVG by its own drawing, counted, and linked at its round outline', () => {
    const { doc, canvasId, id } = withSticker()
    // A note up and left of it, on its diagonal: the link ends on the circle, not the corner.
    const note = addBox(doc, canvasId, { kind: 'note', x: -240, y: -300 }, 'test')
    connect(doc, canvasId, { from: note, to: id }, 'test')
    const svg = canvasToSvg(readCanvasContent(doc, canvasId), { title: 'Canvas', locale: 'en' })
    expect(svg).toContain(
      `<g class="sticker" data-id="${id}"><circle cx="140" cy="80" r="40" fill="#F4A6C6"/><text>Bravo</text></g>`,
    )
    expect(svg).toContain('exported from Fabrique: 1 note, 1 shape, 1 link.')
    expect(svg).toContain('<line x1="-80" y1="-140" x2="111.72" y2="51.72"')
  })

  it('has an outline entry with its kind, its text and its edit field', () => {
    const { doc, canvasId, id } = withSticker()
    renderWithI18n(
      () => (
        <CanvasOutline
          doc={doc}
          canvasId={canvasId}
          origin="test"
          readOnly={false}
          identity={{ participantId: 'me-000000001', group: 'citizen' }}
          onFocusItem={() => {}}
        />
      ),
      'en',
    )
    const entry = document.querySelector<HTMLElement>(`li[data-item-id="${id}"]`)
    if (!entry) throw new Error('no outline entry for the sticker')
    expect(within(entry).getByRole('textbox', { name: 'Shape text' })).toHaveValue('Bravo')
    expect(entry.querySelector('.outline__kind')).toHaveTextContent('Shape (ellipse)')
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent('Not in an area (1 shape)')
  })

  it('has the accessible kind label its client side gives', () => {
    const { item } = withSticker()
    const { t, addMessages } = createI18n('fr')
    addMessages(CANVAS_MESSAGES) // as the board does
    expect(t(clientKind(item.kind).label(item))).toBe('Ellipse')
    expect(clientKind(item.kind).className(item)).toBe('canvas-item--sticker')
  })

  it('registers once, and is never a connector nor takes another kind’s field', () => {
    expect(() => registerKind(sticker)).toThrow('kind "sticker" is already registered')
    expect(() => registerClientKind(stickerClient)).toThrow('already has a client side')
    expect(() => registerKind({ ...sticker, kind: 'connector' })).toThrow(
      'a connector is not a kind of box',
    )
    expect(() =>
      registerKind({ ...sticker, kind: 'badge', fields: boxKind('shape').fields }),
    ).toThrow('kind "badge": field "shape" is shape\'s')
    expect(() => boxKind('badge')).toThrow()
    expect(boxKind('sticker')).toBe(sticker)
    expect(() => boxKind('table')).toThrow('no kind of box is called "table"')
  })
})

describe('the shipped kinds, as the board will draw them', () => {
  const note = (over: Partial<BoxItem>) => boxItem({ text: 'Transport', ...over })

  it('a note shows its text and who wrote it, with their group’s colour', () => {
    const { View } = clientKind('note')
    const { container } = render(() => (
      <View
        item={note({ group: 'patient' })}
        text="Transport"
        author="Amina"
        groupLabel="Partenaire patient·e"
      />
    ))
    expect(container.querySelector('.canvas-item__text')).toHaveTextContent('Transport')
    const author = container.querySelector('.canvas-item__author')
    expect(author).toHaveTextContent('Amina · Partenaire patient·e')
    expect(author).toHaveAttribute('aria-hidden', 'true')
    expect(author?.querySelector('.canvas-item__group-mark')).toHaveStyle({
      'background-color': GROUP_COLOURS.patient,
    })
  })

  it('a note by nobody known has no author line; text, shapes and frames show their text', () => {
    const { container } = render(() => {
      const Note = clientKind('note').View
      const Shape = clientKind('shape').View
      return (
        <>
          <Note item={note({})} text="Transport" author={null} groupLabel={null} />
          <Shape
            item={note({ kind: 'shape', shape: 'ellipse' })}
            text="Transport"
            author="Amina"
            groupLabel={null}
          />
        </>
      )
    })
    expect(container.querySelectorAll('.canvas-item__author')).toHaveLength(0)
    expect(container.querySelectorAll('.canvas-item__text')).toHaveLength(2)
  })

  it('names and classes follow the kind (an ellipse is a shape with its own class)', () => {
    const { t, addMessages } = createI18n('en')
    addMessages(CANVAS_MESSAGES) // as the board does
    const ellipse = note({ kind: 'shape', shape: 'ellipse' })
    expect(t(clientKind('shape').label(ellipse))).toBe('Ellipse')
    expect(t(clientKind('shape').label(note({ kind: 'shape', shape: 'rect' })))).toBe('Rectangle')
    expect(clientKind('shape').className(ellipse)).toBe('canvas-item--shape canvas-item--ellipse')
    expect(t(clientKind('frame').label(note({ kind: 'frame' })))).toBe('Area')
    expect(t(clientKind('note').label(note({})))).toBe('Note')
  })

  it('far out, a frame’s title is painted after everything else, notes get a colour strip', () => {
    const calls: string[] = []
    const context = new Proxy(
      {},
      {
        get: (_, name) =>
          name === 'measureText'
            ? (text: string) => ({ width: text.length * 50 })
            : (...args: unknown[]) => calls.push(`${String(name)} ${args.join(' ')}`),
        set: (_, name, value) => {
          calls.push(`${String(name)}=${value}`)
          return true
        },
      },
    ) as CanvasRenderingContext2D
    const later: Array<() => void> = []
    const frame: PaintedBox = {
      ...{ x: 0, y: 0, w: 640, h: 480 },
      colour: '#F2F2F2',
      text: 'Idées',
      kind: 'frame',
    }
    clientKind('frame').paint(context, frame, 0.25, (paint) => later.push(paint))
    expect(calls.some((call) => call.startsWith('fillText'))).toBe(false)
    expect(later).toHaveLength(1)
    for (const paint of later) paint()
    expect(calls.at(-1)).toMatch(/^fillText Idées/)

    calls.length = 0
    const card = { ...frame, kind: 'note', colour: '#E69F00', w: 160, h: 160 }
    // At 10 %, the strip is 20 units high: 2 px on screen.
    clientKind('note').paint(context, card, 0.1, () => {})
    expect(calls).toEqual([
      'fillStyle=rgb(248, 228, 184)',
      'fillRect 0 0 160 160',
      'fillStyle=#E69F00',
      'fillRect 0 0 160 20',
    ])
  })
})
