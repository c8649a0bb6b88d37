import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CANVAS_EXPORT_FORMAT, canvasToJson } from '../../shared/export/canvasJson.ts'
import {
  borderPoint,
  canvasToSvg,
  canvasViewBox,
  escapeXml,
  inkOn,
  SVG_MARGIN,
  wrapText,
} from '../../shared/export/canvasSvg.ts'
import { exportFileName, slugify } from '../../shared/export/fileName.ts'
import { wordsIn } from '../../shared/export/messages.ts'
import { summariseCounts } from '../../shared/export/words.ts'
import {
  addBox,
  type BoxItem,
  canvasMap,
  connect,
  createCluster,
  getCanvas,
  moveItemToFrame,
  readCanvasContent,
} from '../../shared/schema/index.ts'
import { boxItem, newWorkshop } from '../helpers/workshopDoc.ts'

const NOW = Date.UTC(2026, 4, 1, 12)
const HOSTILE = '<script>alert(1)</script> & "double" \'single\''

const build = () => {
  const { doc, canvasId } = newWorkshop()
  const frame = addBox(
    doc,
    canvasId,
    { kind: 'frame', x: 0, y: 0, w: 640, h: 480, text: 'Besoins <b>', createdBy: 'p1' },
    'test',
  )
  const hostile = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 40, y: 80, w: 480, text: HOSTILE, group: 'patient', createdBy: 'p1' },
    'test',
  )
  const outside = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 900, y: 100, text: 'Dehors', group: 'clinician', createdBy: 'p2' },
    'test',
  )
  const ellipse = addBox(
    doc,
    canvasId,
    { kind: 'shape', shape: 'ellipse', x: -300, y: 700, w: 200, h: 100, text: 'Ovale' },
    'test',
  )
  const label = addBox(
    doc,
    canvasId,
    { kind: 'text', x: 1200, y: -400, text: 'Titre\u0007 libre', colour: '#123456' },
    'test',
  )
  const link = connect(doc, canvasId, { from: hostile, to: outside, text: 'mène à' }, 'test')
  const cluster = createCluster(doc, canvasId, 'Idées & pistes', [hostile, outside], 'test')
  return { doc, canvasId, frame, hostile, outside, ellipse, label, link, cluster }
}

/** Writes an item with wrong fields straight into the canvas, as a faulty client could. */
const writeMalformed = (doc: Y.Doc, canvasId: string, id = 'broken-item') => {
  const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
  const map = new Y.Map<unknown>()
  map.set('id', id)
  map.set('kind', 'note')
  map.set('x', 'far away')
  map.set('text', new Y.Text('<malformed secret>'))
  items.set(id, map)
}

const viewBoxOf = (svg: string) => {
  const match = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg)
  if (!match) throw new Error('no viewBox')
  const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number]
  return { x, y, w, h }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('canvasToSvg', () => {
  it('draws every note with its text escaped, so no markup can get in', () => {
    const { doc, canvasId } = build()
    const svg = canvasToSvg(readCanvasContent(doc, canvasId), { title: 'Plan <i>', locale: 'fr' })
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('<b>')
    expect(svg).not.toContain('<i>')
    expect(svg).not.toContain('"double"')
    expect(svg).not.toContain("'single'")
    const escaped =
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot; &apos;single&apos;'
    // in the note (wide enough to hold the whole text on one line) and in its tooltip
    expect(svg).toContain(`>${escaped}</tspan>`)
    expect(svg).toContain(`${escaped}</title>`)
    expect(svg).toContain('Besoins &lt;b&gt;')
    expect(svg).toContain('>Dehors</tspan>')
    expect(svg).toContain('<title id="fabrique-title">Plan &lt;i&gt;</title>')
    // the control character is dropped (it would make the XML unreadable)
    expect(svg).toContain('>Titre libre</tspan>')
    expect(svg).not.toContain('\u0007')
  })

  it('keeps the spaces between a note’s wrapped lines, so its text copies whole', () => {
    const { doc, canvasId } = build()
    const text = 'Limite : complémentaire plutôt que substitut des soins professionnels'
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 900, text, group: 'patient' }, 'test')
    const svg = canvasToSvg(readCanvasContent(doc, canvasId), { title: 'Idées', locale: 'fr' })
    const block = [...svg.matchAll(/<text [^>]*>(.*?)<\/text>/g)]
      .map((match) => [...(match[1] ?? '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)])
      .find((spans) => spans.length > 1 && spans[0]?.[1]?.startsWith('Limite'))
    expect(block?.map((span) => span[1]).join('')).toBe(text)
  })

  it('labels each note with its author group as text, and describes the canvas', () => {
    const { doc, canvasId } = build()
    const content = readCanvasContent(doc, canvasId)
    const fr = canvasToSvg(content, { title: 'Plan', locale: 'fr' })
    expect(fr).toMatch(/<text class="group"[^>]*><tspan[^>]*>Patient partenaire<\/tspan><\/text>/)
    expect(fr).toMatch(/<text class="group"[^>]*><tspan[^>]*>Clinicien partenaire<\/tspan><\/text>/)
    expect(fr).toContain('<title>Note (Groupe\u00a0: Clinicien partenaire) — Dehors</title>')
    expect(fr).toMatch(
      /<desc id="fabrique-desc">Canevas «\u00a0Plan\u00a0» exporté de Fabrique\u00a0: 1 zone, 1 regroupement, 2 notes, 1 texte, 1 forme, 1 lien\.<\/desc>/,
    )
    expect(fr).toContain('role="img"')
    expect(fr).toContain('aria-labelledby="fabrique-title fabrique-desc"')
    const en = canvasToSvg(content, { title: 'Plan', locale: 'en' })
    expect(en).toMatch(/<tspan[^>]*>Clinician partner<\/tspan><\/text>/)
    expect(en).toContain('1 area, 1 cluster, 2 notes, 1 text, 1 shape, 1 link.')
    expect(en).toContain('Idées &amp; pistes')
  })

  it('fits the viewBox to every item with a margin', () => {
    const { doc, canvasId } = build()
    const content = readCanvasContent(doc, canvasId)
    const box = viewBoxOf(canvasToSvg(content, { title: 'Plan', locale: 'fr' }))
    expect(box).toEqual(canvasViewBox(content))
    const boxes = content.items.filter((item): item is BoxItem => item.kind !== 'connector')
    expect(boxes).toHaveLength(5)
    for (const item of boxes) {
      expect(item.x).toBeGreaterThanOrEqual(box.x + SVG_MARGIN)
      expect(item.y).toBeGreaterThanOrEqual(box.y + SVG_MARGIN)
      expect(item.x + item.w).toBeLessThanOrEqual(box.x + box.w - SVG_MARGIN)
      expect(item.y + item.h).toBeLessThanOrEqual(box.y + box.h - SVG_MARGIN)
    }
    // the extremes are the ellipse (left, bottom) and the text item (right, top)
    expect(box.x).toBe(-300 - SVG_MARGIN)
    expect(box.y).toBe(-400 - SVG_MARGIN)
    expect(box.x + box.w).toBe(1200 + 240 + SVG_MARGIN)
    expect(box.y + box.h).toBe(800 + SVG_MARGIN)
  })

  it('draws connectors from border to border, with an arrow and their label', () => {
    const { doc, canvasId, link } = build()
    const svg = canvasToSvg(readCanvasContent(doc, canvasId), { title: 'Plan', locale: 'fr' })
    const lines = [
      ...svg.matchAll(/<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"/g),
    ]
    expect(lines).toHaveLength(1)
    expect(svg).toContain(`data-id="${link}"`)
    expect(svg).toContain('marker-end="url(#fabrique-arrow)"')
    expect(svg).toContain('<marker id="fabrique-arrow"')
    expect(svg).toContain('>mène à</text>')
    // hostile note: x 40..520, y 80..240 (centre 280,160); outside note: x 900..1060, y 100..260
    const [x1, y1, x2, y2] = (lines[0] ?? []).slice(1).map(Number)
    expect(x1).toBe(520) // leaves the right edge of the first note
    expect(y1).toBeGreaterThan(80)
    expect(y1).toBeLessThan(240)
    expect(x2).toBe(900) // arrives on the left edge of the second
    expect(y2).toBeGreaterThan(100)
    expect(y2).toBeLessThan(260)
  })

  it('leaves malformed items out without breaking', () => {
    const { doc, canvasId } = build()
    writeMalformed(doc, canvasId)
    const content = readCanvasContent(doc, canvasId)
    expect(content.skipped.map((entry) => entry.id)).toEqual(['broken-item'])
    const svg = canvasToSvg(content, { title: 'Plan', locale: 'fr' })
    expect(svg).not.toContain('broken-item')
    expect(svg).not.toContain('malformed secret')
    expect(svg.match(/class="note"/g)).toHaveLength(2)
  })

  it('draws an empty canvas as a small valid document', () => {
    const { doc, canvasId } = newWorkshop({ locale: 'en' })
    const svg = canvasToSvg(readCanvasContent(doc, canvasId), { title: 'Empty', locale: 'en' })
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(svg).toContain('Canvas “Empty” exported from Fabrique: empty canvas.')
    expect(viewBoxOf(svg)).toEqual({ x: -SVG_MARGIN, y: -SVG_MARGIN, w: 400, h: 200 })
    expect(svg.trim().endsWith('</svg>')).toBe(true)
  })
})

describe('SVG helpers', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<x y="1">', '&lt;x y=&quot;1&quot;&gt;'],
    ["l'été", 'l&apos;été'],
    ['&amp;', '&amp;amp;'],
    ['bell\u0007 nul\u0000 ok\ttab', 'bell nul ok\ttab'],
    ['lone \uD800 surrogate, pair 😀', 'lone  surrogate, pair 😀'],
  ])('escapeXml(%j) = %j', (input, expected) => {
    expect(escapeXml(input)).toBe(expected)
  })

  it.each([
    { text: 'un deux trois quatre', chars: 9, lines: 5, out: ['un deux', 'trois', 'quatre'] },
    { text: 'abcdefghij', chars: 4, lines: 5, out: ['abcd', 'efgh', 'ij'] },
    { text: 'a\nb\n\nc', chars: 10, lines: 5, out: ['a', 'b', '', 'c'] },
    { text: 'un deux trois quatre', chars: 9, lines: 2, out: ['un deux', 'trois…'] },
    { text: 'abcdefghijkl', chars: 4, lines: 2, out: ['abcd', 'efg…'] },
    { text: '   ', chars: 4, lines: 2, out: [] },
  ])('wrapText($text, $chars, $lines)', ({ text, chars, lines, out }) => {
    expect(wrapText(text, chars, lines)).toEqual(out)
  })

  const box = boxItem

  it.each([
    { name: 'rect, to the right', item: box({}), to: { x: 500, y: 25 }, at: { x: 100, y: 25 } },
    { name: 'rect, straight up', item: box({}), to: { x: 50, y: -500 }, at: { x: 50, y: 0 } },
    { name: 'rect, corner', item: box({ h: 100 }), to: { x: 150, y: 150 }, at: { x: 100, y: 100 } },
    {
      name: 'ellipse, to the right',
      item: box({ kind: 'shape', shape: 'ellipse' }),
      to: { x: 500, y: 25 },
      at: { x: 100, y: 25 },
    },
    {
      name: 'ellipse, diagonal',
      item: box({ kind: 'shape', shape: 'ellipse', w: 100, h: 100 }),
      to: { x: 150, y: 150 },
      at: { x: 50 + 50 * Math.SQRT1_2, y: 50 + 50 * Math.SQRT1_2 },
    },
    { name: 'same centre', item: box({}), to: { x: 50, y: 25 }, at: { x: 50, y: 25 } },
  ])('borderPoint: $name', ({ item, to, at }) => {
    const point = borderPoint(item, to)
    expect(point.x).toBeCloseTo(at.x)
    expect(point.y).toBeCloseTo(at.y)
  })

  it('picks the ink with the better contrast', () => {
    expect(inkOn('#FFF4B3')).toBe('#1c1f23')
    expect(inkOn('#0072B2')).toBe('#ffffff')
    expect(inkOn('#E69F00')).toBe('#1c1f23')
  })

  it('counts in both languages with plural rules', () => {
    expect(summariseCounts(wordsIn('fr'), { note: 1, connector: 0, frame: 2 })).toBe(
      '2 zones, 1 note',
    )
    expect(summariseCounts(wordsIn('fr'), { note: 0 })).toBe('')
    expect(summariseCounts(wordsIn('en'), { text: 2, shape: 1 })).toBe('2 texts, 1 shape')
  })
})

describe('canvasToJson', () => {
  it('exports a known canvas in the documented, versioned shape', () => {
    const { doc, canvasId, frame, hostile, outside, ellipse, label, link, cluster } = build()
    moveItemToFrame(doc, canvasId, outside, frame, 'test')
    writeMalformed(doc, canvasId)
    const info = getCanvas(doc, canvasId)
    if (!info) throw new Error('no canvas')
    const common = { createdAt: NOW }
    expect(canvasToJson(info, readCanvasContent(doc, canvasId))).toEqual({
      format: CANVAS_EXPORT_FORMAT,
      version: 1,
      canvas: { id: canvasId, title: 'Canevas 1' },
      items: [
        {
          id: frame,
          kind: 'frame',
          text: 'Besoins <b>',
          layout: { x: 0, y: 0, w: 640, h: 480, z: -1 },
          shape: null,
          colour: null,
          fill: '#F2F2F2',
          group: null,
          frame: null,
          cluster: null,
          createdBy: 'p1',
          ...common,
        },
        {
          id: hostile,
          kind: 'note',
          text: HOSTILE,
          layout: { x: 40, y: 80, w: 480, h: 160, z: 1 },
          shape: null,
          colour: null,
          fill: '#E69F00',
          group: 'patient',
          frame,
          cluster,
          createdBy: 'p1',
          ...common,
        },
        {
          id: outside,
          kind: 'note',
          text: 'Dehors',
          // moved into the frame, below the note already there
          layout: { x: 20, y: 260, w: 160, h: 160, z: 2 },
          shape: null,
          colour: null,
          fill: '#0072B2',
          group: 'clinician',
          frame,
          cluster,
          createdBy: 'p2',
          ...common,
        },
        {
          id: ellipse,
          kind: 'shape',
          text: 'Ovale',
          layout: { x: -300, y: 700, w: 200, h: 100, z: 3 },
          shape: 'ellipse',
          colour: null,
          fill: '#FFF4B3',
          group: null,
          frame: null,
          cluster: null,
          createdBy: '',
          ...common,
        },
        {
          id: label,
          kind: 'text',
          text: 'Titre\u0007 libre',
          layout: { x: 1200, y: -400, w: 240, h: 60, z: 4 },
          shape: null,
          colour: '#123456',
          fill: '#123456',
          group: null,
          frame: null,
          cluster: null,
          createdBy: '',
          ...common,
        },
        {
          id: link,
          kind: 'connector',
          text: 'mène à',
          from: hostile,
          to: outside,
          arrow: 'end',
          layout: { z: 5 },
          createdBy: '',
          ...common,
        },
      ],
      clusters: [{ id: cluster, name: 'Idées & pistes', items: [hostile, outside] }],
    })
  })

  it('survives a JSON round trip unchanged', () => {
    const { doc, canvasId } = build()
    const info = getCanvas(doc, canvasId)
    if (!info) throw new Error('no canvas')
    const data = canvasToJson(info, readCanvasContent(doc, canvasId))
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
  })
})

describe('export file names', () => {
  it.each([
    ['Atelier : Été 2026!', 'atelier-ete-2026'],
    ['  Plan ouvert — version 2  ', 'plan-ouvert-version-2'],
    ['<script>', 'script'],
    ['../../etc/passwd', 'etc-passwd'],
    ['!!!', 'canevas'],
    ['', 'canevas'],
    ['a'.repeat(80), 'a'.repeat(60)],
  ])('slugify(%j) = %j', (title, slug) => {
    expect(slugify(title)).toBe(slug)
  })

  it('adds the extension and uses the fallback', () => {
    expect(exportFileName('Mon canevas', 'svg')).toBe('mon-canevas.svg')
    expect(exportFileName('???', 'png', 'canvas')).toBe('canvas.png')
  })
})
