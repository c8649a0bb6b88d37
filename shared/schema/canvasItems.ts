import * as Y from 'yjs'
import { z } from 'zod'
import {
  boxKind,
  boxKinds,
  CONNECTOR_KIND,
  isBox,
  isBoxKind,
  isConnector,
  registryVersion,
} from '../canvas/kinds/index.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import { type Localized, localized } from '../template.ts'
import { canvasMap, requireCanvas } from './canvases.ts'
import { newId } from './ids.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'
import { replaceText } from './text.ts'

/**
 * What a canvas holds: `canvas.items[<id>]` is a Y.Map per item, `canvas.clusters[<id>]` a
 * Y.Map per named cluster. Items of a registered kind (shared/canvas/kinds: note, text, shape,
 * frame…) are boxes (`x`, `y`, `w`, `h`); a connector links two boxes by id and has no
 * geometry of its own. Every item has a `text` Y.Text (note text, frame name, shape or
 * connector label) so concurrent edits merge.
 *
 * Box fields: `frame` is the id of the frame (a kind that `holdsItems`) the item sits in
 * (moving a frame carries them), `cluster` the id of its named cluster, `group` the author's
 * partner group (the default colour), `colour` an explicit colour or null, `z` the stacking
 * order; then the fields kinds add (`BoxFields`), null on a box of any other kind.
 * A template's frame or note also has `seedText`, its text in both languages: show it with
 * `displayText` (seedText.ts).
 */

// Where they were before kinds had a registry: the board and the exports import them here.
export { itemColour, SHAPES, type Shape } from '../canvas/kinds/index.ts'

/** The name of a registered kind of box (`boxKind(kind)` says what it is). */
export type BoxKind = string
export const ARROWS = ['end', 'both', 'none'] as const
export type Arrow = (typeof ARROWS)[number]

export const GRID = 20
export const MIN_SIZE = 20
/**
 * The longest text one writes into a canvas item (a note, a frame's name, a label): the
 * board's and the outline's editors stop there, and the server refuses more (`text.tooLong`).
 * A text already longer (written before this limit) is still read, revealed and shortened.
 */
export const ITEM_TEXT_MAX = 5_000
const COORD_LIMIT = 1_000_000

const coord = z.number().finite().min(-COORD_LIMIT).max(COORD_LIMIT)
const size = z.number().finite().min(MIN_SIZE).max(COORD_LIMIT)
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')

const common = {
  id: z.string().min(1),
  z: z.number().finite(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
}

const boxKindName = z.string().refine(isBoxKind, 'must be a registered kind of box')

const boxBase = z.object({
  ...common,
  kind: boxKindName,
  x: coord,
  y: coord,
  w: size,
  h: size,
  colour: colour.nullable(),
  group: z.enum(PARTNER_GROUPS).nullable(),
  frame: z.string().nullable(),
  cluster: z.string().nullable(),
  seedText: seedTextField,
})

/**
 * The fields kinds add to their boxes, by name: each kind's module declares its own here by
 * declaration merging (`declare module '…/canvasItems.ts' { interface BoxFields { … } }`), as
 * shared/canvas/kinds/shape.ts does for `shape`. A box of another kind holds them as null.
 */
// biome-ignore lint/suspicious/noEmptyInterface: kinds add their fields by declaration merging
export interface BoxFields {}

/** Every field kinds add, as a box holds them: its kind's own, null for the others. */
export type BoxFieldValues = { [F in keyof BoxFields]: BoxFields[F] | null }

export type BoxItem = z.infer<typeof boxBase> & BoxFieldValues

const connectorItem = z.object({
  ...common,
  kind: z.literal(CONNECTOR_KIND),
  from: z.string().min(1),
  to: z.string().min(1),
  arrow: z.enum(ARROWS),
})
export type ConnectorItem = z.infer<typeof connectorItem>

export type CanvasItem = BoxItem | ConnectorItem

const clusterRecord = z.object({ id: z.string().min(1), name: z.string() })

export const CLUSTER_NAME_MAX = 80
export const clusterName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CLUSTER_NAME_MAX, `must be at most ${CLUSTER_NAME_MAX} characters`)
export type Cluster = z.infer<typeof clusterRecord>

export interface CanvasContent {
  items: CanvasItem[]
  clusters: Cluster[]
  /** Entries that were malformed (written by an older or hostile client) and left out. */
  skipped: Array<{ id: string; reason: string }>
}

const itemsOf = (canvas: Y.Map<unknown>): Y.Map<Y.Map<unknown>> =>
  canvas.get('items') as Y.Map<Y.Map<unknown>>
const clustersOf = (canvas: Y.Map<unknown>): Y.Map<Y.Map<unknown>> =>
  canvas.get('clusters') as Y.Map<Y.Map<unknown>>

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

const describe = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')

/** What the schema derives from every registered kind; rebuilt when a kind registers. */
interface KindSchemas {
  version: number
  /**
   * Per kind, its boxes' schema (the common fields, its own, and every other kind's: tolerated,
   * then read as null) and the names of those other kinds' fields.
   */
  boxes: Map<string, { schema: z.ZodType<BoxItem>; foreign: readonly string[] }>
  /** Every field a kind adds, by name, with the kind that adds it. */
  fields: Map<string, { kind: string; schema: z.ZodType }>
  /** What `addBox` takes. */
  newBox: z.ZodType<NewBox>
  /** Every field an item of any kind has. */
  itemFields: ReadonlySet<string>
}

let derived: KindSchemas | null = null

const kindSchemas = (): KindSchemas => {
  if (derived?.version === registryVersion()) return derived
  const fields = new Map<string, { kind: string; schema: z.ZodType }>()
  for (const definition of boxKinds()) {
    for (const [name, field] of Object.entries(definition.fields)) {
      // Another kind's field is refused by registerKind; a common field can only be found here.
      if (name in boxBase.shape) {
        throw new Error(`kind "${definition.kind}": every box has a field "${name}"`)
      }
      fields.set(name, { kind: definition.kind, schema: field.schema })
    }
  }
  const boxes: KindSchemas['boxes'] = new Map()
  for (const definition of boxKinds()) {
    // The kind is known here: a literal is checked faster than a look-up in the registry.
    const extra: Record<string, z.ZodType> = { kind: z.literal(definition.kind) }
    const foreign: string[] = []
    for (const [name, field] of fields) {
      const own = field.kind === definition.kind
      // Another kind's field reads as null; a value valid for that kind is tolerated, as
      // before kinds had fields of their own (any box could hold a valid `shape`).
      extra[name] = own ? field.schema.nullable() : field.schema.nullable().optional()
      if (!own) foreign.push(name)
    }
    const schema = boxBase.extend(extra) as unknown as z.ZodType<BoxItem>
    boxes.set(definition.kind, { schema, foreign })
  }
  const optional: Record<string, z.ZodType> = {}
  for (const [name, field] of fields) optional[name] = field.schema.nullable().optional()
  derived = {
    version: registryVersion(),
    boxes,
    fields,
    newBox: newBoxBase.extend(optional) as unknown as z.ZodType<NewBox>,
    itemFields: new Set([
      ...Object.keys(boxBase.shape),
      ...fields.keys(),
      ...Object.keys(connectorItem.shape),
    ]),
  }
  return derived
}

type Parsed = { item: CanvasItem; reason?: never } | { item?: never; reason: string }

/** The item parsed under the key `id`, or why it is malformed. */
const checked = (
  id: string,
  parsed: z.ZodSafeParseResult<CanvasItem | z.infer<typeof boxBase>>,
): Parsed => {
  if (!parsed.success) return { reason: describe(parsed.error) }
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
  for (const [id, map] of itemsOf(canvas).entries()) {
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
  for (const [id, map] of clustersOf(canvas).entries()) {
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

const topZ = (items: Y.Map<Y.Map<unknown>>): number => {
  let top = 0
  for (const map of items.values()) {
    const value = map instanceof Y.Map ? map.get('z') : undefined
    if (typeof value === 'number' && Number.isFinite(value) && value > top) top = value
  }
  return top
}

const itemMap = (canvas: Y.Map<unknown>, id: string): Y.Map<unknown> | null => {
  const map = itemsOf(canvas).get(id)
  return map instanceof Y.Map ? map : null
}

const num = (map: Y.Map<unknown>, key: string): number => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** The kind of the box this entry is, or null (a connector, or malformed). */
const kindOf = (map: Y.Map<unknown>) => {
  const kind = map.get('kind')
  return isBoxKind(kind) ? boxKind(kind) : null
}
const isFrame = (map: Y.Map<unknown>) => kindOf(map)?.holdsItems === true
const mapIsBox = (map: Y.Map<unknown>) => kindOf(map) !== null
const mapIsConnector = (map: Y.Map<unknown>) => map.get('kind') === CONNECTOR_KIND

/** The frame (highest in z) whose area holds the centre of this box, or null. */
const frameAt = (items: Y.Map<Y.Map<unknown>>, box: Y.Map<unknown>): string | null => {
  const cx = num(box, 'x') + num(box, 'w') / 2
  const cy = num(box, 'y') + num(box, 'h') / 2
  let found: { id: string; z: number } | null = null
  for (const [id, map] of items.entries()) {
    if (!(map instanceof Y.Map) || !isFrame(map) || map === box) continue
    const x = num(map, 'x')
    const y = num(map, 'y')
    if (cx < x || cy < y || cx > x + num(map, 'w') || cy > y + num(map, 'h')) continue
    if (!found || num(map, 'z') > found.z) found = { id, z: num(map, 'z') }
  }
  return found?.id ?? null
}

const refreshFrame = (items: Y.Map<Y.Map<unknown>>, box: Y.Map<unknown>) => {
  if (isFrame(box) || !mapIsBox(box)) return
  const frame = frameAt(items, box)
  if (box.get('frame') !== frame) box.set('frame', frame)
}

/** A new box: its kind, where it goes, and optionally the rest (and its kind's fields). */
export type NewBox = {
  kind: BoxKind
  x: number
  y: number
  w?: number
  h?: number
  text?: string
  colour?: string | null
  group?: PartnerGroup | null
  createdBy?: string
  /** A template's frame or note: its text in both languages. */
  seedText?: Localized
  /**
   * The frame it was put into, when this document does not hold that frame: a private
   * document holds none, so a note written privately into a shared frame names it, and the
   * reveal puts it there. Elsewhere the frame is where the box lands.
   */
  frame?: string | null
} & Partial<BoxFieldValues>

const newBoxBase = z.object({
  kind: boxKindName,
  x: coord,
  y: coord,
  w: size.optional(),
  h: size.optional(),
  // As long as a box's text may be (typing on the board has no limit): a box made from
  // another one, as the reveal does, takes its text whole.
  text: z.string().optional(),
  colour: colour.nullable().optional(),
  group: z.enum(PARTNER_GROUPS).nullable().optional(),
  createdBy: z.string().optional(),
  seedText: localized.optional(),
  frame: z.string().min(1).nullable().optional(),
})

/**
 * Every field kinds add, as `box` holds them (null where it holds none); with `initial`, a
 * field of its own kind it holds no value for gets the kind's initial value (a new box).
 */
export const boxFieldValues = (box: BoxItem | NewBox, initial = false): BoxFieldValues => {
  const own = boxKind(box.kind).fields
  const values: Record<string, unknown> = {}
  for (const name of kindSchemas().fields.keys()) {
    const held = (box as Record<string, unknown>)[name] ?? null
    const field = own[name]
    values[name] = field ? (held ?? (initial ? field.initial : null)) : null
  }
  // The registered fields are exactly BoxFields' keys (each kind declares its own there).
  return values as BoxFieldValues
}

/**
 * Adds a box of a registered kind: in front of the others (a `back` kind behind the others);
 * returns its id.
 */
export const addBox = (doc: Y.Doc, canvasId: string, input: NewBox, origin: unknown): string => {
  const box = kindSchemas().newBox.parse(input)
  const kind = boxKind(box.kind)
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, box.text ?? '')
    map.set('id', id)
    map.set('kind', box.kind)
    map.set('x', box.x)
    map.set('y', box.y)
    map.set('w', box.w ?? kind.defaultSize.w)
    map.set('h', box.h ?? kind.defaultSize.h)
    map.set('z', kind.layer === 'back' ? -topZ(items) - 1 : topZ(items) + 1)
    map.set('text', text)
    map.set('colour', box.colour ?? null)
    map.set('group', box.group ?? null)
    // Every kind's fields, null but its own: the entry keeps one shape whatever its kind.
    for (const [name, value] of Object.entries(boxFieldValues(box, true))) map.set(name, value)
    const named = box.frame && !items.has(box.frame) ? box.frame : null
    map.set('frame', named)
    map.set('cluster', null)
    map.set('createdBy', box.createdBy ?? '')
    map.set('createdAt', Date.now())
    if (box.seedText) map.set(SEED_TEXT, box.seedText)
    items.set(id, map)
    if (named === null) refreshFrame(items, map)
  }, origin)
  return id
}

/** Links two boxes with a connector (arrow at `to` by default); returns its id. */
export const connect = (
  doc: Y.Doc,
  canvasId: string,
  input: { from: string; to: string; arrow?: Arrow; text?: string; createdBy?: string },
  origin: unknown,
): string => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  for (const end of [input.from, input.to]) {
    const map = itemMap(canvas, end)
    if (!map || !mapIsBox(map)) throw new Error(`cannot connect: ${end} is not a box`)
  }
  if (input.from === input.to) throw new Error('cannot connect an item to itself')
  const id = newId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const text = new Y.Text()
    text.insert(0, input.text ?? '')
    map.set('id', id)
    map.set('kind', CONNECTOR_KIND)
    map.set('from', input.from)
    map.set('to', input.to)
    map.set('arrow', input.arrow ?? 'end')
    map.set('z', topZ(items) + 1)
    map.set('text', text)
    map.set('createdBy', input.createdBy ?? '')
    map.set('createdAt', Date.now())
    items.set(id, map)
  }, origin)
  return id
}

/** The ids of `ids` plus every item sitting in a frame among them. */
const withFrameMembers = (items: Y.Map<Y.Map<unknown>>, ids: readonly string[]): Set<string> => {
  const moving = new Set(ids)
  const frames = new Set(
    ids.filter((id) => {
      const map = items.get(id)
      return map instanceof Y.Map && isFrame(map)
    }),
  )
  if (frames.size === 0) return moving
  for (const [id, map] of items.entries()) {
    if (map instanceof Y.Map && frames.has(map.get('frame') as string)) moving.add(id)
  }
  return moving
}

/**
 * Moves boxes by (dx, dy). A frame carries the items in it; the moved items then belong to
 * whichever frame they were dropped in. One transaction: one small update per move.
 */
export const moveItems = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  delta: { dx: number; dy: number },
  origin: unknown,
): void => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const moving = withFrameMembers(items, ids)
  doc.transact(() => {
    for (const id of moving) {
      const map = itemMap(canvas, id)
      if (!map || !mapIsBox(map)) continue
      map.set('x', coord.parse(num(map, 'x') + delta.dx))
      map.set('y', coord.parse(num(map, 'y') + delta.dy))
    }
    for (const id of ids) {
      const map = itemMap(canvas, id)
      if (map) refreshFrame(items, map)
    }
  }, origin)
}

/** Sets a box's position and size; a resized frame takes in or lets go of the items it covers. */
export const resizeItem = (
  doc: Y.Doc,
  canvasId: string,
  id: string,
  rect: { x: number; y: number; w: number; h: number },
  origin: unknown,
): void => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const map = itemMap(canvas, id)
  if (!map || !mapIsBox(map)) return
  const next = {
    x: coord.parse(rect.x),
    y: coord.parse(rect.y),
    w: size.parse(Math.max(MIN_SIZE, rect.w)),
    h: size.parse(Math.max(MIN_SIZE, rect.h)),
  }
  doc.transact(() => {
    map.set('x', next.x)
    map.set('y', next.y)
    map.set('w', next.w)
    map.set('h', next.h)
    if (isFrame(map)) {
      for (const other of items.values()) if (other instanceof Y.Map) refreshFrame(items, other)
    } else refreshFrame(items, map)
  }, origin)
}

/**
 * Grows a frame to the height `h`, to take in a box added with it (`addPlacedBox`): only its
 * height is written, never lower, never its place or width, which is what anyone who may add
 * the box may change (shared/schema/policy.ts). Nothing else joins the frame: a box it now
 * covers joins it when that box next moves. A document without this frame (a private one) is
 * left as it is.
 */
export const growFrame = (
  doc: Y.Doc,
  canvasId: string,
  frameId: string,
  h: number,
  origin: unknown,
): void => {
  const frame = itemMap(requireCanvas(doc, canvasId), frameId)
  if (!frame || !isFrame(frame) || h <= num(frame, 'h')) return
  const next = size.parse(h)
  doc.transact(() => frame.set('h', next), origin)
}

/**
 * Puts a box into a frame (placed inside it, below what is already there), or takes it out.
 * The frame grows to hold it unless `grow` is false (its size is its author's to change: see
 * shared/schema/rights.ts); then a box that does not fit below the others goes at the frame's
 * bottom edge, still inside.
 */
export const moveItemToFrame = (
  doc: Y.Doc,
  canvasId: string,
  id: string,
  frameId: string | null,
  origin: unknown,
  options: { grow?: boolean } = {},
): void => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const map = itemMap(canvas, id)
  if (!map || !mapIsBox(map) || isFrame(map))
    throw new Error(`${id} is not an item that can go in a frame`)
  if (frameId === null) {
    const current = map.get('frame')
    const frame = typeof current === 'string' ? itemMap(canvas, current) : null
    doc.transact(() => {
      // Just outside the frame's right edge, so it visibly leaves.
      if (frame) map.set('x', num(frame, 'x') + num(frame, 'w') + GRID)
      map.set('frame', null)
    }, origin)
    return
  }
  const frame = itemMap(canvas, frameId)
  if (!frame || !isFrame(frame)) throw new Error(`${frameId} is not a frame`)
  let bottom = num(frame, 'y') + 2 * GRID
  for (const other of items.values()) {
    if (other instanceof Y.Map && other !== map && other.get('frame') === frameId) {
      bottom = Math.max(bottom, num(other, 'y') + num(other, 'h') + GRID)
    }
  }
  const grow = options.grow ?? true
  if (!grow) {
    const lowest = num(frame, 'y') + num(frame, 'h') - num(map, 'h') - GRID
    bottom = Math.max(num(frame, 'y') + 2 * GRID, Math.min(bottom, lowest))
  }
  doc.transact(() => {
    map.set('x', num(frame, 'x') + GRID)
    map.set('y', bottom)
    map.set('frame', frameId)
    if (!grow) return
    // Grow the frame if the item does not fit, so it stays inside.
    const needed = bottom + num(map, 'h') + GRID - num(frame, 'y')
    if (needed > num(frame, 'h')) frame.set('h', needed)
    const width = num(map, 'w') + 2 * GRID
    if (width > num(frame, 'w')) frame.set('w', width)
  }, origin)
}

/** The Y.Text of an item (note text, frame name, label), for an editor to bind to. */
export const itemText = (doc: Y.Doc, canvasId: string, id: string): Y.Text | null => {
  const map = itemMap(requireCanvas(doc, canvasId), id)
  const text = map?.get('text')
  return text instanceof Y.Text ? text : null
}

export const setItemText = (
  doc: Y.Doc,
  canvasId: string,
  id: string,
  value: string,
  origin: unknown,
) => {
  const text = itemText(doc, canvasId, id)
  if (!text) throw new Error(`no item ${id}`)
  doc.transact(() => replaceText(text, value), origin)
}

export const setItemColour = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  value: string | null,
  origin: unknown,
) => {
  const clean = colour.nullable().parse(value)
  const canvas = requireCanvas(doc, canvasId)
  doc.transact(() => {
    for (const id of ids) itemMap(canvas, id)?.set('colour', clean)
  }, origin)
}

/** Deletes items, the connectors attached to them, and frees the items of a deleted frame. */
export const deleteItems = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  origin: unknown,
) => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const gone = new Set(ids)
  doc.transact(() => {
    for (const [id, map] of items.entries()) {
      if (!(map instanceof Y.Map)) continue
      if (
        mapIsConnector(map) &&
        (gone.has(map.get('from') as string) || gone.has(map.get('to') as string))
      ) {
        gone.add(id)
      }
    }
    for (const map of items.values()) {
      if (
        map instanceof Y.Map &&
        !gone.has(map.get('id') as string) &&
        gone.has(map.get('frame') as string)
      ) {
        map.set('frame', null)
      }
    }
    for (const id of gone) items.delete(id)
  }, origin)
}

/**
 * Copies items (and the connectors between them) offset by one grid step; returns the new ids.
 * The copies are `createdBy`'s, and, when `group` is given, in that partner group (a copy is
 * credited to whoever makes it: see shared/schema/rights.ts).
 */
export const duplicateItems = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  origin: unknown,
  createdBy = '',
  group?: PartnerGroup | null,
): string[] => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const copies = new Map<string, string>()
  doc.transact(() => {
    let z = topZ(items)
    const sources = ids
      .map((id) => itemMap(canvas, id))
      .filter((map): map is Y.Map<unknown> => map !== null)
    const boxes = sources.filter(mapIsBox)
    for (const source of boxes) copies.set(source.get('id') as string, newId())
    const connectors = [...items.values()].filter(
      (map) =>
        map instanceof Y.Map &&
        mapIsConnector(map) &&
        copies.has(map.get('from') as string) &&
        copies.has(map.get('to') as string),
    )
    for (const source of [...boxes, ...connectors]) {
      const id = copies.get(source.get('id') as string) ?? newId()
      const copy = new Y.Map<unknown>()
      for (const [key, value] of source.entries()) {
        // A copy is its maker's text, not the template's (no client writes seedText).
        if (key === SEED_TEXT) continue
        if (value instanceof Y.Text) {
          const text = new Y.Text()
          text.insert(0, value.toString())
          copy.set(key, text)
        } else copy.set(key, value)
      }
      copy.set('id', id)
      copy.set('z', ++z)
      copy.set('createdBy', createdBy)
      copy.set('createdAt', Date.now())
      if (mapIsBox(source)) {
        copy.set('x', num(source, 'x') + GRID)
        copy.set('y', num(source, 'y') + GRID)
        if (group !== undefined) copy.set('group', group)
      } else {
        copy.set('from', copies.get(source.get('from') as string))
        copy.set('to', copies.get(source.get('to') as string))
      }
      items.set(id, copy)
      if (mapIsBox(copy)) refreshFrame(items, copy)
    }
  }, origin)
  return ids.flatMap((id) => copies.get(id) ?? [])
}

/** Puts items above everything else, keeping their order among themselves. */
export const bringToFront = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  origin: unknown,
) => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const maps = ids
    .map((id) => itemMap(canvas, id))
    .filter((map): map is Y.Map<unknown> => map !== null)
    .sort((a, b) => num(a, 'z') - num(b, 'z'))
  doc.transact(() => {
    // Frames rise among frames only (they stay below notes, see readCanvasContent).
    let z = topZ(items)
    for (const map of maps) map.set('z', ++z)
  }, origin)
}

/** Snaps position and size of boxes to the grid. */
export const alignToGrid = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  origin: unknown,
) => {
  const canvas = requireCanvas(doc, canvasId)
  const items = itemsOf(canvas)
  const snap = (value: number) => Math.round(value / GRID) * GRID
  doc.transact(() => {
    for (const id of ids) {
      const map = itemMap(canvas, id)
      if (!map || !mapIsBox(map)) continue
      for (const key of ['x', 'y'] as const) map.set(key, snap(num(map, key)))
      for (const key of ['w', 'h'] as const) map.set(key, Math.max(GRID, snap(num(map, key))))
      refreshFrame(items, map)
    }
  }, origin)
}

/** Groups items into a new named cluster; returns its id. */
export const createCluster = (
  doc: Y.Doc,
  canvasId: string,
  name: string,
  ids: readonly string[],
  origin: unknown,
): string => {
  const clean = clusterName.parse(name)
  const canvas = requireCanvas(doc, canvasId)
  const id = newId()
  doc.transact(() => {
    const cluster = new Y.Map<unknown>()
    cluster.set('id', id)
    cluster.set('name', clean)
    clustersOf(canvas).set(id, cluster)
    for (const itemId of ids) {
      const map = itemMap(canvas, itemId)
      if (map && mapIsBox(map) && !isFrame(map)) map.set('cluster', id)
    }
  }, origin)
  return id
}

export const renameCluster = (
  doc: Y.Doc,
  canvasId: string,
  clusterId: string,
  name: string,
  origin: unknown,
) => {
  const cluster = clustersOf(requireCanvas(doc, canvasId)).get(clusterId)
  if (!(cluster instanceof Y.Map)) throw new Error(`no cluster ${clusterId}`)
  const clean = clusterName.parse(name)
  doc.transact(() => cluster.set('name', clean), origin)
}

/** Sets (or, with null, clears) the cluster of items. */
export const setItemsCluster = (
  doc: Y.Doc,
  canvasId: string,
  ids: readonly string[],
  clusterId: string | null,
  origin: unknown,
) => {
  const canvas = requireCanvas(doc, canvasId)
  doc.transact(() => {
    for (const id of ids) itemMap(canvas, id)?.set('cluster', clusterId)
  }, origin)
}

/** Removes a cluster; its items stay, outside any cluster. */
export const deleteCluster = (doc: Y.Doc, canvasId: string, clusterId: string, origin: unknown) => {
  const canvas = requireCanvas(doc, canvasId)
  doc.transact(() => {
    for (const map of itemsOf(canvas).values()) {
      if (map instanceof Y.Map && map.get('cluster') === clusterId) map.set('cluster', null)
    }
    clustersOf(canvas).delete(clusterId)
  }, origin)
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
