import { boxKind, isConnector } from '../../../../shared/canvas/kinds/index.ts'
import type { CanvasCounts } from '../../../../shared/export/words.ts'
import type {
  BoxItem,
  CanvasItem,
  Cluster,
  ConnectorItem,
} from '../../../../shared/schema/index.ts'

/**
 * What the outline's views read and do (plain TypeScript): how a canvas's items are grouped
 * into sections and ordered, counted, and shortened into names, and the context every section
 * and entry is given.
 */

const SHORT = 60

/** Top to bottom, then left to right (ties by id, so the order is stable). */
export const readingOrder = (a: BoxItem, b: BoxItem) =>
  a.y - b.y || a.x - b.x || a.id.localeCompare(b.id)

/** One line of at most `max` characters. */
export const shorten = (text: string, max = SHORT) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** A frame (or another kind that holds items): a section of the outline, not an entry. */
export const isSection = (item: BoxItem) => boxKind(item.kind).holdsItems

/** How many entries of each kind (sections are counted apart). */
export const countKinds = (items: readonly BoxItem[]): CanvasCounts => {
  const counts: Record<string, number> = {}
  for (const item of items) {
    if (!isSection(item)) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  }
  return counts
}

/** A canvas as the outline lists it. */
export interface OutlineView {
  boxes: BoxItem[]
  connectors: ConnectorItem[]
  /** The sections, in reading order. */
  frames: BoxItem[]
  /** The entries of each section (null: in no frame), in reading order. */
  byFrame: Map<string | null, BoxItem[]>
  /** The connectors at each box. */
  links: Map<string, ConnectorItem[]>
  byId: Map<string, BoxItem>
}

export const outlineView = (items: readonly CanvasItem[]): OutlineView => {
  const boxes: BoxItem[] = []
  const connectors: ConnectorItem[] = []
  for (const item of items) {
    if (isConnector(item)) connectors.push(item)
    else boxes.push(item)
  }
  const frames = boxes.filter(isSection).sort(readingOrder)
  const frameIds = new Set(frames.map((frame) => frame.id))
  const byFrame = new Map<string | null, BoxItem[]>()
  for (const box of boxes) {
    if (isSection(box)) continue
    const key = box.frame !== null && frameIds.has(box.frame) ? box.frame : null
    const list = byFrame.get(key) ?? []
    list.push(box)
    byFrame.set(key, list)
  }
  for (const list of byFrame.values()) list.sort(readingOrder)
  const links = new Map<string, ConnectorItem[]>()
  for (const connector of connectors) {
    for (const end of new Set([connector.from, connector.to])) {
      const list = links.get(end) ?? []
      list.push(connector)
      links.set(end, list)
    }
  }
  return {
    boxes,
    connectors,
    frames,
    byFrame,
    links,
    byId: new Map(boxes.map((box) => [box.id, box])),
  }
}

/** What every section and entry needs from the outline. */
export interface OutlineContext {
  /** May this person change the item's text (their own, when the phase allows writing)? */
  mayEdit: (item: BoxItem) => boolean
  /** May they delete it (their own, when the phase allows writing)? */
  mayDelete: (item: BoxItem) => boolean
  /** May they move it to another frame (anyone's, when the phase allows moving)? */
  mayMove: () => boolean
  /** May they add a note (when the phase allows writing)? */
  mayAdd: () => boolean
  frames: () => BoxItem[]
  clusters: () => Cluster[]
  connectorsOf: (id: string) => ConnectorItem[]
  box: (id: string) => BoxItem | undefined
  /** Its text as this viewer reads it (a template's in their language: `displayText`). */
  text: (item: BoxItem) => string
  /** Its text on one short line, or its kind's "untitled" name. */
  name: (item: BoxItem) => string
  focusItem: (id: string) => void
  editText: (id: string, value: string) => void
  move: (item: BoxItem, frameId: string | null) => void
  remove: (item: BoxItem, afterwards: HTMLElement | null) => void
  add: (frame: BoxItem | null, text: string) => boolean
}
