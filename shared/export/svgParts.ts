import { boxKind } from '../canvas/kinds/registry.ts'
import type { BoxItem } from '../schema/canvasItems.ts'
import type { Words } from './words.ts'

/**
 * The pieces an SVG export is built from: escaping, wrapping, ink, text blocks. Shared by
 * canvasSvg.ts (the document) and each kind's drawing (shared/canvas/kinds/*.ts). Pure string
 * building: the server draws reports with it too.
 */

export const TEXT_SIZE = 14
export const LINE_HEIGHT = 18
export const PAD = 10
export const LABEL_SIZE = 11
/** Average glyph width as a share of the font size: a fair guess for sans-serif text. */
export const CHAR_WIDTH = 0.56
export const INK = '#1c1f23'

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
export const num = (value: number): string => String(Math.round(value * 100) / 100)

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

/**
 * `<text>` with one `<tspan>` per line, starting at (x, y) for the first baseline. Each line
 * but the last ends with the space it was broken at (kept: `xml:space="preserve"`, invisible
 * at a line's end), so the text copied from the drawing reads as written.
 */
export const textBlock = (
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
        `<tspan x="${num(x)}" ${index === 0 ? `y="${num(y)}"` : `dy="${LINE_HEIGHT}"`}>${escapeXml(index < lines.length - 1 ? `${line} ` : line)}</tspan>`,
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

// ── Boxes ───────────────────────────────────────────────────────────────────────────────────

/** Lines of `text` that fit a `width` × `height` box (inside its padding) at `size`. */
export const linesFor = (text: string, width: number, height: number, size = TEXT_SIZE): string[] =>
  wrapText(
    text,
    (width - 2 * PAD) / (size * CHAR_WIDTH),
    Math.max(1, Math.floor((height - 2 * PAD + LINE_HEIGHT - size) / LINE_HEIGHT)),
  )

/** A box's text as `lines`, from its top left corner inside the padding, in `ink`. */
export const boxText = (box: BoxItem, lines: readonly string[], ink: string): string =>
  textBlock(lines, box.x + PAD, box.y + PAD + TEXT_SIZE, `font-size="${TEXT_SIZE}" fill="${ink}"`)

/** What the box is ("Note", "Forme (ellipse)"), in the export's language. */
export const kindName = (words: Words, box: BoxItem): string =>
  words.message(boxKind(box.kind).messages.name(box))

/** The author's partner group of a box, in words; a template's own text is the template's. */
export const groupName = (words: Words, box: BoxItem): string =>
  words.message(
    box.group
      ? `group.${box.group}`
      : box.seedText
        ? 'outline.group.template'
        : 'outline.group.unknown',
  )

/**
 * One box's `<g>`: its kind as class, its id, a `<title>` (escaped here) for screen readers,
 * then what draws it (already escaped by whoever built it).
 */
export const boxGroup = (box: BoxItem, title: string, ...body: string[]): string =>
  [
    `<g class="${escapeXml(box.kind)}" data-id="${escapeXml(box.id)}">`,
    `<title>${escapeXml(title)}</title>`,
    ...body,
    '</g>',
  ].join('')
