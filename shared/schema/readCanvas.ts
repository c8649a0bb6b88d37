import * as Y from 'yjs'
import type { z } from 'zod'
import { boxKind, CONNECTOR_KIND, isBox, isConnector } from '../canvas/kinds/index.ts'
import { describeIssues } from '../validation.ts'
import { canvasMap, requireCanvas } from './canvases.ts'
import { clustersIn, itemsIn } from './itemMaps.ts'
import {
  type BoxItem,
  boxBase,
  type CanvasItem,
  type Cluster,
  type ConnectorItem,
  clusterRecord,
  connectorItem,
  kindSchemas,
} from './itemSchemas.ts'

/**
 * Reading a canvas (see canvasItems.ts): every entry validated, what is malformed or holds a
 * field no item has is left out and said why, so a faulty or hostile writer breaks no reader.
 */

export interface CanvasContent {
  items: CanvasItem[]
  clusters: Cluster[]
  /** Entries that were malformed (written by an older or hostile client) and left out. */
  skipped: Array<{ id: string; reason: string }>
}

const plain = (map: Y.Map<unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of map.entries()) {
    // Text must be a Y.Text: a plain string there would silently lose concurrent edits.
    out[key] =
      value instanceof Y.Text
        ? value.toString()
        : value instanceof Y.AbstractType
          ? undefined
          : value
  }
  if (!(map.get('text') instanceof Y.Text)) out.text = undefined
  return out
}

type Parsed = { item: CanvasItem; reason?: never } | { item?: never; reason: string }

/** The item parsed under the key `id`, or why it is malformed. */
const checked = (
  id: string,
  parsed: z.ZodSafeParseResult<CanvasItem | z.infer<typeof boxBase>>,
): Parsed => {
  if (!parsed.success) return { reason: describeIssues(parsed.error) }
  if (parsed.data.id !== id) return { reason: `id: ${parsed.data.id} under key ${id}` }
  return { item: parsed.data as CanvasItem }
}

/** The entry `id` of a canvas's items, validated: the item, or why it is malformed. */
const parseItem = (id: string, map: unknown): Parsed => {
  if (!(map instanceof Y.Map)) return { reason: 'not a map' }
  const fields = plain(map)
  if (fields.kind === CONNECTOR_KIND) return checked(id, connectorItem.safeParse(fields))
  const kind = kindSchemas().boxes.get(String(fields.kind))
  // A kind nobody registered fails the common fields, which say why.
  if (!kind) return checked(id, boxBase.safeParse(fields))
  const parsed = kind.schema.safeParse(fields)
  if (parsed.success)
    for (const name of kind.foreign) (parsed.data as Record<string, unknown>)[name] = null
  return checked(id, parsed)
}

/**
 * Everything on a canvas, validated: boxes sorted by `z` (then id), connectors whose two ends
 * exist, clusters. What is malformed is listed in `skipped` instead of breaking the caller.
 */
export const readCanvasContent = (doc: Y.Doc, canvasId: string): CanvasContent => {
  const canvas = requireCanvas(doc, canvasId)
  const skipped: CanvasContent['skipped'] = []
  const boxes: BoxItem[] = []
  const connectors: ConnectorItem[] = []
  for (const [id, map] of itemsIn(canvas).entries()) {
    const { item, reason } = parseItem(id, map)
    if (!item) skipped.push({ id, reason })
    else if (isConnector(item)) connectors.push(item)
    else boxes.push(item)
  }
  const ids = new Set(boxes.map((box) => box.id))
  const linked = connectors.filter((connector) => {
    const ok = ids.has(connector.from) && ids.has(connector.to)
    if (!ok) skipped.push({ id: connector.id, reason: 'connector end is missing' })
    return ok
  })
  const clusters: Cluster[] = []
  for (const [id, map] of clustersIn(canvas).entries()) {
    const cluster = parseCluster(id, map)
    if (cluster) clusters.push(cluster)
    else skipped.push({ id, reason: MALFORMED_CLUSTER })
  }
  // Frames are zones (the `back` layer): always drawn below everything else, ordered by z
  // among themselves.
  const layer = (item: CanvasItem) => (isBox(item) && boxKind(item.kind).layer === 'back' ? 0 : 1)
  const order = (a: CanvasItem, b: CanvasItem) =>
    layer(a) - layer(b) || a.z - b.z || a.id.localeCompare(b.id)
  // Y.Map iteration order depends on the order updates arrived in: sort, so every peer agrees.
  clusters.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  skipped.sort((a, b) => a.id.localeCompare(b.id))
  return { items: [...boxes.sort(order), ...linked.sort(order)], clusters, skipped }
}

/**
 * Why the entry `id` of a canvas's items (or of a private canvas's) is malformed or holds a
 * field no item has, or null.
 */
export const itemProblem = (id: string, map: unknown): string | null => {
  const reason = parseItem(id, map).reason
  if (reason !== undefined) return reason
  const known = kindSchemas().itemFields
  const extra = [...(map as Y.Map<unknown>).keys()].find((key) => !known.has(key))
  return extra === undefined ? null : `no item has a field "${extra.slice(0, 64)}"`
}

/**
 * The entry `id` of a canvas's clusters, validated: its fields as they are (a name that is a
 * shared type is no name: only a string is written and read).
 */
const parseCluster = (id: string, map: unknown): Cluster | null => {
  const parsed = clusterRecord.safeParse(map instanceof Y.Map ? Object.fromEntries(map) : map)
  return parsed.success && parsed.data.id === id ? parsed.data : null
}

const MALFORMED_CLUSTER = 'malformed cluster'
const CLUSTER_FIELDS: ReadonlySet<string> = new Set(Object.keys(clusterRecord.shape))

/** Why the entry `id` of a canvas's clusters is malformed or holds a field no cluster has, or null. */
export const clusterProblem = (id: string, map: unknown): string | null => {
  if (!parseCluster(id, map)) return MALFORMED_CLUSTER
  const keys = map instanceof Y.Map ? [...map.keys()] : Object.keys(map as Cluster)
  const extra = keys.find((key) => !CLUSTER_FIELDS.has(key))
  return extra === undefined ? null : `no cluster has a field "${extra.slice(0, 64)}"`
}

/**
 * One item of a canvas, validated as `readCanvasContent` does (a connector's ends are not
 * looked up); null when the canvas or the item does not exist, or is malformed. It costs one
 * item, not the canvas.
 */
export const readItem = (doc: Y.Doc, canvasId: string, itemId: string): CanvasItem | null => {
  const items = canvasMap(doc, canvasId)?.get('items')
  if (!(items instanceof Y.Map)) return null
  return parseItem(itemId, items.get(itemId)).item ?? null
}

/** Calls `onChange` after any change inside the canvas (items, texts, clusters). */
export const observeCanvasContent = (
  doc: Y.Doc,
  canvasId: string,
  onChange: () => void,
): (() => void) => {
  const canvas = requireCanvas(doc, canvasId)
  const handler = () => onChange()
  canvas.observeDeep(handler)
  return () => canvas.unobserveDeep(handler)
}
