import { boxKind, isBox, isConnector } from '../canvas/kinds/index.ts'
import type { Locale } from '../i18n/index.ts'
import type { BoxItem, CanvasContent, ConnectorItem } from '../schema/canvasItems.ts'
import { displayText } from '../schema/seedText.ts'
import { wordsIn } from './messages.ts'
import { CHAR_WIDTH, escapeXml, INK, LABEL_SIZE, num } from './svgParts.ts'
import { type CanvasCounts, summariseCounts, type Words } from './words.ts'

export { escapeXml, inkOn, wrapText } from './svgParts.ts'

/**
 * A canvas as a standalone SVG document: pure string building (no DOM), so the server can
 * use it for printable reports too. Every piece of user text goes through `escapeXml`; a
 * template's frame titles and notes are in the export's language while unedited.
 *
 * Drawing order: the `back` kinds (frames), cluster outlines, the `front` kinds (notes, text,
 * shapes, by z), then connectors on top so that their arrow heads stay visible. Each kind
 * draws its boxes (`svg` in shared/canvas/kinds). Connectors start and end on the borders of
 * the boxes they link (rectangle or ellipse, as their kind's `outline` says), on the line
 * between the two centres.
 */

export interface SvgOptions {
  title: string
  locale: Locale
}

export const SVG_MARGIN = 40
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif'
const CLUSTER_PAD = 12
const CLUSTER_LABEL_SIZE = 13
const EMPTY_SIZE = { w: 400, h: 200 }

// ── Geometry ────────────────────────────────────────────────────────────────────────────────

interface Point {
  x: number
  y: number
}

const centre = (box: BoxItem): Point => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

/**
 * Where the ray from the centre of `box` towards `target` leaves the box: on its border, or
 * on the ellipse for an elliptical shape. The centre itself if `target` is the centre.
 */
export const borderPoint = (box: BoxItem, target: Point): Point => {
  const c = centre(box)
  const dx = target.x - c.x
  const dy = target.y - c.y
  if (dx === 0 && dy === 0) return c
  const rx = box.w / 2
  const ry = box.h / 2
  const t =
    boxKind(box.kind).outline(box) === 'ellipse'
      ? 1 / Math.sqrt((dx / rx) ** 2 + (dy / ry) ** 2)
      : Math.min(
          dx === 0 ? Number.POSITIVE_INFINITY : rx / Math.abs(dx),
          dy === 0 ? Number.POSITIVE_INFINITY : ry / Math.abs(dy),
        )
  return { x: c.x + dx * t, y: c.y + dy * t }
}

interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

const extend = (bounds: Bounds | null, x1: number, y1: number, x2: number, y2: number): Bounds =>
  bounds
    ? {
        minX: Math.min(bounds.minX, x1),
        minY: Math.min(bounds.minY, y1),
        maxX: Math.max(bounds.maxX, x2),
        maxY: Math.max(bounds.maxY, y2),
      }
    : { minX: x1, minY: y1, maxX: x2, maxY: y2 }

/** The area the drawing needs (boxes and cluster outlines with their labels), before margins. */
const contentBounds = (boxes: readonly BoxItem[], clusters: readonly ClusterArea[]) => {
  let bounds: Bounds | null = null
  for (const box of boxes) bounds = extend(bounds, box.x, box.y, box.x + box.w, box.y + box.h)
  for (const area of clusters) {
    bounds = extend(
      bounds,
      area.x,
      area.y - CLUSTER_LABEL_SIZE - 8,
      area.x + Math.max(area.w, area.labelWidth),
      area.y + area.h,
    )
  }
  return bounds
}

interface ClusterArea {
  name: string
  x: number
  y: number
  w: number
  h: number
  labelWidth: number
}

const clusterAreas = (content: CanvasContent, boxes: readonly BoxItem[]): ClusterArea[] =>
  content.clusters.flatMap((cluster) => {
    let bounds: Bounds | null = null
    for (const box of boxes) {
      if (box.cluster === cluster.id && !boxKind(box.kind).holdsItems) {
        bounds = extend(bounds, box.x, box.y, box.x + box.w, box.y + box.h)
      }
    }
    if (!bounds) return []
    return [
      {
        name: cluster.name,
        x: bounds.minX - CLUSTER_PAD,
        y: bounds.minY - CLUSTER_PAD,
        w: bounds.maxX - bounds.minX + 2 * CLUSTER_PAD,
        h: bounds.maxY - bounds.minY + 2 * CLUSTER_PAD,
        labelWidth: cluster.name.length * CLUSTER_LABEL_SIZE * CHAR_WIDTH,
      },
    ]
  })

// ── Pieces ──────────────────────────────────────────────────────────────────────────────────

const clusterSvg = (area: ClusterArea, words: Words): string => {
  const name = area.name.trim() || words.message('outline.cluster.untitled')
  return [
    '<g class="cluster">',
    `<title>${escapeXml(words.message('outline.cluster', { name }))}</title>`,
    `<rect x="${num(area.x)}" y="${num(area.y)}" width="${num(area.w)}" height="${num(area.h)}" rx="10" fill="none" stroke="#4a5058" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${num(area.x)}" y="${num(area.y - 6)}" font-size="${CLUSTER_LABEL_SIZE}" font-style="italic" fill="#4a5058">${escapeXml(name)}</text>`,
    '</g>',
  ].join('')
}

const connectorSvg = (
  connector: ConnectorItem,
  boxes: ReadonlyMap<string, BoxItem>,
  words: Words,
): string => {
  const from = boxes.get(connector.from)
  const to = boxes.get(connector.to)
  if (!from || !to) return ''
  const a = borderPoint(from, centre(to))
  const b = borderPoint(to, centre(from))
  const markers =
    (connector.arrow === 'both' ? ' marker-start="url(#fabrique-arrow)"' : '') +
    (connector.arrow === 'none' ? '' : ' marker-end="url(#fabrique-arrow)"')
  const label = connector.text.trim()
  const untitled = words.message('outline.untitledItem')
  const describe = `${from.text.trim() || untitled} → ${to.text.trim() || untitled}`
  return [
    `<g class="connector" data-id="${escapeXml(connector.id)}">`,
    `<title>${escapeXml(label ? `${describe} (${label})` : describe)}</title>`,
    `<line x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(b.x)}" y2="${num(b.y)}" stroke="#374151" stroke-width="2"${markers}/>`,
    label
      ? `<text x="${num((a.x + b.x) / 2)}" y="${num((a.y + b.y) / 2 - 6)}" font-size="${LABEL_SIZE + 1}" fill="${INK}" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`
      : '',
    '</g>',
  ].join('')
}

// ── The document ────────────────────────────────────────────────────────────────────────────

/** How many boxes of each kind, connectors and clusters the canvas holds. */
export const canvasCounts = (content: CanvasContent): CanvasCounts => {
  const counts: Record<string, number> = { cluster: content.clusters.length }
  for (const item of content.items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return counts
}

/** The area an SVG of this canvas shows (its viewBox): the content plus a margin. */
export const canvasViewBox = (
  content: CanvasContent,
): { x: number; y: number; w: number; h: number } => {
  const boxes = content.items.filter(isBox)
  const bounds = contentBounds(boxes, clusterAreas(content, boxes))
  if (!bounds) return { x: -SVG_MARGIN, y: -SVG_MARGIN, ...EMPTY_SIZE }
  return {
    x: bounds.minX - SVG_MARGIN,
    y: bounds.minY - SVG_MARGIN,
    w: bounds.maxX - bounds.minX + 2 * SVG_MARGIN,
    h: bounds.maxY - bounds.minY + 2 * SVG_MARGIN,
  }
}

/** The canvas as an SVG document (UTF-8 text), with `<title>` and `<desc>` for screen readers. */
export const canvasToSvg = (content: CanvasContent, options: SvgOptions): string => {
  const { locale } = options
  const boxes = content.items
    .filter(isBox)
    .map((box) => ({ ...box, text: displayText(box, locale) }))
  const connectors = content.items.filter(isConnector)
  const byId = new Map(boxes.map((box) => [box.id, box]))
  const areas = clusterAreas(content, boxes)
  const { x, y, w, h } = canvasViewBox(content)

  const words = wordsIn(locale)
  const summary =
    summariseCounts(words, canvasCounts(content)) || words.message('export.svg.emptyCanvas')
  const desc = words.message('export.svg.desc', { title: options.title, summary })

  const inBack = (box: BoxItem) => boxKind(box.kind).layer === 'back'
  const draw = (box: BoxItem) => boxKind(box.kind).svg(box, words)
  const body = [
    ...boxes.filter(inBack).map(draw),
    ...areas.map((area) => clusterSvg(area, words)),
    ...boxes.filter((box) => !inBack(box)).map(draw),
    ...connectors.map((connector) => connectorSvg(connector, byId, words)),
  ]

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}" width="${num(w)}" height="${num(h)}" role="img" aria-labelledby="fabrique-title fabrique-desc" xml:lang="${locale}" font-family="${FONT}">`,
    `<title id="fabrique-title">${escapeXml(options.title)}</title>`,
    `<desc id="fabrique-desc">${escapeXml(desc)}</desc>`,
    '<defs><marker id="fabrique-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="strokeWidth" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker></defs>',
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="#ffffff"/>`,
    ...body.filter(Boolean),
    '</svg>',
    '',
  ].join('\n')
}
