import { z } from 'zod'
import {
  boxKind,
  boxKinds,
  CONNECTOR_KIND,
  isBoxKind,
  registryVersion,
} from '../canvas/kinds/index.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../groups.ts'
import { type Localized, localized } from '../template.ts'
import { seedTextField } from './seedText.ts'

/**
 * What a canvas item and a cluster are (see canvasItems.ts): their schemas, the limits a
 * writer must keep, and the schemas derived from every registered kind of box.
 */

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
/**
 * How far a writer may set `z`, either way: stacking adds one per new item or "bring to front",
 * which never comes near it, and the mutators stay within it (`topZ`). Readers take any finite
 * `z` (one written before this limit stays on screen).
 */
export const Z_LIMIT = 1_000_000_000

export const coord = z.number().finite().min(-COORD_LIMIT).max(COORD_LIMIT)
export const size = z.number().finite().min(MIN_SIZE).max(COORD_LIMIT)
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')

const common = {
  id: z.string().min(1),
  z: z.number().finite(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
}

const boxKindName = z.string().refine(isBoxKind, 'must be a registered kind of box')

export const boxBase = z.object({
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
  /** A template's prompt (seedText.ts, `PROMPT`): no dot vote offers it. */
  prompt: z.literal(true).optional().catch(undefined),
})

/**
 * The fields kinds add to their boxes, by name: each kind's module declares its own here by
 * declaration merging (`declare module '…/itemSchemas.ts' { interface BoxFields { … } }`), as
 * shared/canvas/kinds/shape.ts does for `shape`. A box of another kind holds them as null.
 */
// biome-ignore lint/suspicious/noEmptyInterface: kinds add their fields by declaration merging
export interface BoxFields {}

/** Every field kinds add, as a box holds them: its kind's own, null for the others. */
export type BoxFieldValues = { [F in keyof BoxFields]: BoxFields[F] | null }

export type BoxItem = z.infer<typeof boxBase> & BoxFieldValues

export const connectorItem = z.object({
  ...common,
  kind: z.literal(CONNECTOR_KIND),
  from: z.string().min(1),
  to: z.string().min(1),
  arrow: z.enum(ARROWS),
})
export type ConnectorItem = z.infer<typeof connectorItem>

export type CanvasItem = BoxItem | ConnectorItem

export const clusterRecord = z.object({ id: z.string().min(1), name: z.string() })

export const CLUSTER_NAME_MAX = 80
export const clusterName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CLUSTER_NAME_MAX, `must be at most ${CLUSTER_NAME_MAX} characters`)
export type Cluster = z.infer<typeof clusterRecord>

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
  /** A template's note that is its prompt (seedText.ts, `PROMPT`). */
  prompt?: true
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
  prompt: z.literal(true).optional(),
  frame: z.string().min(1).nullable().optional(),
})

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

export const kindSchemas = (): KindSchemas => {
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
  // The registered fields are exactly BoxFields' keys (each kind declares its own here).
  return values as BoxFieldValues
}
