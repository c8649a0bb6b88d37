import type { Locale } from '../i18n/index.ts'
import {
  type BoxItem,
  type CanvasContent,
  type ConnectorItem,
  itemColour,
} from '../schema/canvasItems.ts'
import { displayText } from '../schema/seedText.ts'
import { type CountedKind, message, summariseCounts } from './messages.ts'

/**
 * A canvas as a standalone SVG document: pure string building (no DOM), so the server can
 * use it for printable reports too. Every piece of user text goes through `escapeXml`; a
 * template's frame titles and notes are in the export's language while unedited.
 *
 * Drawing order: frames, cluster outlines, notes/text/shapes (by z), then connectors on top
 * so that their arrow heads stay visible. Connectors start and end on the borders of the
 * boxes they link (rectangle or ellipse), on the line between the two centres.
 */

export interface SvgOptions {
  title: string
  locale: Locale
}

export const SVG_MARGIN = 40
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif'
const TEXT_SIZE = 14
const LINE_HEIGHT = 18
const PAD = 10
const LABEL_SIZE = 11
const FRAME_LABEL_SIZE = 16
const CLUSTER_PAD = 12
const CLUSTER_LABEL_SIZE = 13
/** Average glyph width as a share of the font size: a fair guess for sans-serif text. */
const CHAR_WIDTH = 0.56
const INK = '#1c1f23'
const EMPTY_SIZE = { w: 400, h: 200 }

/** Anything outside the characters XML 1.0 allows (or a surrogate, checked one by one). */
const SUSPECT = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/

/**
 * Drops what XML 1.0 does not allow at all (control characters, U+FFFE/U+FFFF, unpaired
 * surrogates): one of them would make the whole document unreadable.
 */
const stripInvalidXml = (value: string): string => {
  if (!SUSPECT.test(value)) return value
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value.slice(i, i + 2)
        i++
      }
      continue
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue
    if (code === 0xfffe || code === 0xffff) continue
    out += value[i]
  }
  return out
}

/** Escapes text for use in XML content and in quoted attribute values. */
export const escapeXml = (value: string): string =>
  stripInvalidXml(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** A number for an attribute: at most two decimals, no exponent for the coordinates we allow. */
const num = (value: number): string => String(Math.round(value * 100) / 100)

// ── Text wrapping ───────────────────────────────────────────────────────────────────────────

/**
 * Splits `text` into lines of at most `maxChars` characters (words kept whole when they fit,
 * longer words cut), at most `maxLines` lines; a cut-off last line ends with "…".
 */
export const wrapText = (text: string, maxChars: number, maxLines: number): string[] => {
  const width = Math.max(1, Math.floor(maxChars))
  const limit = Math.max(0, Math.floor(maxLines))
  const lines: string[] = []
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      let rest = word
      while (rest.length > 0) {
        const candidate = line ? `${line} ${rest}` : rest
        if (candidate.length <= width) {
          line = candidate
          rest = ''
        } else if (line) {
          lines.push(line)
          line = ''
        } else {
          lines.push(rest.slice(0, width))
          rest = rest.slice(width)
        }
      }
    }
    lines.push(line)
  }
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  if (lines.length <= limit) return lines
  const kept = lines.slice(0, limit)
  if (limit > 0) {
    const last = kept[limit - 1] ?? ''
    kept[limit - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`
  }
  return kept
}

/** `<text>` with one `<tspan>` per line, starting at (x, y) for the first baseline. */
const textBlock = (
  lines: readonly string[],
  x: number,
  y: number,
  attrs: string,
  anchor: 'start' | 'middle' = 'start',
): string => {
  if (lines.length === 0) return ''
  const spans = lines
    .map(
      (line, index) =>
        `<tspan x="${num(x)}" ${index === 0 ? `y="${num(y)}"` : `dy="${LINE_HEIGHT}"`}>${escapeXml(line)}</tspan>`,
    )
    .join('')
  return `<text ${attrs} text-anchor="${anchor}" xml:space="preserve">${spans}</text>`
}

// ── Colours ─────────────────────────────────────────────────────────────────────────────────

const luminance = (hex: string): number => {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** Dark or white ink, whichever contrasts more with `fill` (a #rrggbb colour). */
export const inkOn = (fill: string): string => {
  if (!/^#[0-9a-fA-F]{6}$/.test(fill)) return INK
  const l = luminance(fill)
  const dark = (l + 0.05) / (luminance(INK) + 0.05)
  const light = 1.05 / (l + 0.05)
  return light > dark ? '#ffffff' : INK
}

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
    box.kind === 'shape' && box.shape === 'ellipse'
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
      if (box.cluster === cluster.id && box.kind !== 'frame') {
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

const groupName = (locale: Locale, box: BoxItem): string =>
  box.group ? message(locale, `group.${box.group}`) : message(locale, 'outline.group.unknown')

const kindName = (locale: Locale, box: BoxItem): string =>
  box.kind === 'shape'
    ? message(locale, `outline.kind.shape.${box.shape === 'ellipse' ? 'ellipse' : 'rect'}`)
    : message(locale, `outline.kind.${box.kind}`)

const linesFor = (text: string, width: number, height: number, size = TEXT_SIZE): string[] =>
  wrapText(
    text,
    (width - 2 * PAD) / (size * CHAR_WIDTH),
    Math.max(1, Math.floor((height - 2 * PAD + LINE_HEIGHT - size) / LINE_HEIGHT)),
  )

const frameSvg = (box: BoxItem, locale: Locale): string => {
  const name = box.text.trim() || message(locale, 'outline.frame.untitled')
  const label = wrapText(name, (box.w - 2 * PAD) / (FRAME_LABEL_SIZE * CHAR_WIDTH), 1)
  return [
    `<g class="frame" data-id="${escapeXml(box.id)}">`,
    `<title>${escapeXml(`${kindName(locale, box)} — ${name}`)}</title>`,
    `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="6" fill="${itemColour(box)}" stroke="#6b7280" stroke-width="2"/>`,
    textBlock(
      label,
      box.x + PAD,
      box.y + PAD + FRAME_LABEL_SIZE,
      `font-size="${FRAME_LABEL_SIZE}" font-weight="700" fill="${inkOn(itemColour(box))}"`,
    ),
    '</g>',
  ].join('')
}

const clusterSvg = (area: ClusterArea, locale: Locale): string => {
  const name = area.name.trim() || message(locale, 'outline.cluster.untitled')
  return [
    '<g class="cluster">',
    `<title>${escapeXml(message(locale, 'outline.cluster', { name }))}</title>`,
    `<rect x="${num(area.x)}" y="${num(area.y)}" width="${num(area.w)}" height="${num(area.h)}" rx="10" fill="none" stroke="#4a5058" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${num(area.x)}" y="${num(area.y - 6)}" font-size="${CLUSTER_LABEL_SIZE}" font-style="italic" fill="#4a5058">${escapeXml(name)}</text>`,
    '</g>',
  ].join('')
}

const noteSvg = (box: BoxItem, locale: Locale): string => {
  const fill = itemColour(box)
  const ink = inkOn(fill)
  const group = groupName(locale, box)
  const by = message(locale, 'export.svg.by', { group })
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
  return [
    `<g class="note" data-id="${escapeXml(box.id)}">`,
    `<title>${escapeXml(`${kindName(locale, box)} (${by}) — ${box.text}`)}</title>`,
    `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="8" fill="${fill}" stroke="#000000" stroke-opacity="0.25" stroke-width="1"/>`,
    textBlock(
      lines,
      box.x + PAD,
      box.y + PAD + TEXT_SIZE,
      `font-size="${TEXT_SIZE}" fill="${ink}"`,
    ),
    `<text class="group" font-size="${LABEL_SIZE}" font-weight="600" fill="${ink}">${label}</text>`,
    '</g>',
  ].join('')
}

const shapeSvg = (box: BoxItem, locale: Locale): string => {
  const fill = itemColour(box)
  const outline =
    box.shape === 'ellipse'
      ? `<ellipse cx="${num(box.x + box.w / 2)}" cy="${num(box.y + box.h / 2)}" rx="${num(box.w / 2)}" ry="${num(box.h / 2)}" fill="${fill}" stroke="#374151" stroke-width="2"/>`
      : `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" fill="${fill}" stroke="#374151" stroke-width="2"/>`
  // Text inside an ellipse gets the inscribed rectangle.
  const inner = box.shape === 'ellipse' ? Math.SQRT1_2 : 1
  const w = box.w * inner
  const h = box.h * inner
  const lines = linesFor(box.text, w, h)
  const top = box.y + (box.h - lines.length * LINE_HEIGHT) / 2 + TEXT_SIZE
  return [
    `<g class="shape" data-id="${escapeXml(box.id)}">`,
    `<title>${escapeXml(`${kindName(locale, box)} — ${box.text}`)}</title>`,
    outline,
    textBlock(
      lines,
      box.x + box.w / 2,
      top,
      `font-size="${TEXT_SIZE}" fill="${inkOn(fill)}"`,
      'middle',
    ),
    '</g>',
  ].join('')
}

const textSvg = (box: BoxItem, locale: Locale): string => {
  const lines = linesFor(box.text, box.w, box.h)
  return [
    `<g class="text" data-id="${escapeXml(box.id)}">`,
    `<title>${escapeXml(`${kindName(locale, box)} — ${box.text}`)}</title>`,
    textBlock(
      lines,
      box.x + PAD,
      box.y + PAD + TEXT_SIZE,
      `font-size="${TEXT_SIZE}" fill="${INK}"`,
    ),
    '</g>',
  ].join('')
}

const connectorSvg = (
  connector: ConnectorItem,
  boxes: ReadonlyMap<string, BoxItem>,
  locale: Locale,
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
  const describe = `${from.text.trim() || message(locale, 'outline.untitledItem')} → ${to.text.trim() || message(locale, 'outline.untitledItem')}`
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

export const canvasCounts = (content: CanvasContent): Record<CountedKind, number> => {
  const counts: Record<CountedKind, number> = {
    frame: 0,
    note: 0,
    text: 0,
    shape: 0,
    connector: 0,
    cluster: content.clusters.length,
  }
  for (const item of content.items) counts[item.kind]++
  return counts
}

/** The area an SVG of this canvas shows (its viewBox): the content plus a margin. */
export const canvasViewBox = (
  content: CanvasContent,
): { x: number; y: number; w: number; h: number } => {
  const boxes = content.items.filter((item): item is BoxItem => item.kind !== 'connector')
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
    .filter((item): item is BoxItem => item.kind !== 'connector')
    .map((box) => ({ ...box, text: displayText(box, locale) }))
  const connectors = content.items.filter(
    (item): item is ConnectorItem => item.kind === 'connector',
  )
  const byId = new Map(boxes.map((box) => [box.id, box]))
  const areas = clusterAreas(content, boxes)
  const { x, y, w, h } = canvasViewBox(content)

  const summary =
    summariseCounts(locale, canvasCounts(content)) || message(locale, 'export.svg.emptyCanvas')
  const desc = message(locale, 'export.svg.desc', { title: options.title, summary })

  const frames = boxes.filter((box) => box.kind === 'frame')
  const others = boxes.filter((box) => box.kind !== 'frame')
  const body = [
    ...frames.map((box) => frameSvg(box, locale)),
    ...areas.map((area) => clusterSvg(area, locale)),
    ...others.map((box) =>
      box.kind === 'note'
        ? noteSvg(box, locale)
        : box.kind === 'shape'
          ? shapeSvg(box, locale)
          : textSvg(box, locale),
    ),
    ...connectors.map((connector) => connectorSvg(connector, byId, locale)),
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
