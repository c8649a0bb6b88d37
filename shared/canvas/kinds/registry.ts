import type { z } from 'zod'
import type { Words } from '../../export/words.ts'
import { GROUP_COLOURS } from '../../groups.ts'
import type { MessageKey } from '../../i18n/index.ts'
import type { BoxItem } from '../../schema/canvasItems.ts'

/**
 * The kinds of box a canvas holds (note, text, shape, frame, and whatever else registers):
 * what each one is, said once, for the schema, the exports, the server and the client. A
 * connector is not a kind of box: it links two boxes and has no place of its own, so code
 * tells the two families apart with `isConnector` / `isBox` and asks a box's kind for the rest.
 * See CONTEXT.md beside this file for how to add a kind.
 */

/** The `kind` of every connector. */
export const CONNECTOR_KIND = 'connector'

/** A field a kind adds to its boxes (a shape's outline). Every other box holds it as null. */
export interface KindField<T = unknown> {
  /** What a valid value is (null is always allowed too). */
  schema: z.ZodType<T>
  /** The value a new box gets when its writer gives none. */
  initial: T
}

export interface BoxKindDefinition {
  /** Its name in the document (`kind`); never `connector`. */
  readonly kind: string
  /** The size of a new one, in canvas units. */
  readonly defaultSize: { readonly w: number; readonly h: number }
  /** Its fill when neither it nor its author's partner group gives one (`itemColour`). */
  readonly defaultColour: string
  /**
   * `back`: always drawn below every `front` box, whatever their z (frames are zones under the
   * notes); a new one goes below the others of its layer. `front`: a new one goes on top.
   */
  readonly layer: 'back' | 'front'
  /**
   * It holds other boxes (a frame): what sits in it moves with it, new items go into it, the
   * outline lists it as a section; it never sits in another one nor joins a cluster.
   */
  readonly holdsItems: boolean
  /** People may put dots on it in a dot vote. */
  readonly takesDots: boolean
  /** During private writing, a new one goes to its writer's private document. */
  readonly writtenPrivately: boolean
  /**
   * An idea someone wrote: counted in participation, and what the reveal brings from the
   * private documents onto the shared canvas.
   */
  readonly countsAsNote: boolean
  /** Saved as one of a canvas's notes when the workshop is saved as a template. */
  readonly templateNote: boolean
  /** A new one opens its text editor at once. */
  readonly editsOnCreate: boolean
  /** The text of a new one (a frame's name), or null for none. */
  readonly defaultText: MessageKey | null
  /** Fields only this kind has, by name (see `BoxFields` in shared/schema/itemSchemas.ts). */
  readonly fields: Readonly<Record<string, KindField>>
  /** Its outline, for connectors' ends: a rectangle or the ellipse inscribed in it. */
  readonly outline: (box: BoxItem) => 'rect' | 'ellipse'
  readonly messages: {
    /** What it is, in the outline and the exports ("Forme (ellipse)"). */
    readonly name: (box: BoxItem) => MessageKey
    /** Its name when it has no text. */
    readonly untitled: MessageKey
    /** "{{ count }} note" / "{{ count }} notes", for summaries of a canvas. */
    readonly count: { readonly one: MessageKey; readonly other: MessageKey }
  }
  /**
   * The box as an SVG fragment (`<g>…</g>`) for shared/export/canvasSvg.ts, its words in the
   * export's language (`words`: the kinds import no catalogue, see shared/export/words.ts).
   */
  readonly svg: (box: BoxItem, words: Words) => string
}

/**
 * What the kinds one writes an idea in share (a note, a text): in front, open to dots, written
 * privately during private writing and counted as notes, edited as soon as made, with no text
 * nor field of their own, rectangular, and yellow when no group colours them.
 */
export const WRITTEN_IDEA = {
  defaultColour: '#FFF4B3',
  layer: 'front',
  holdsItems: false,
  takesDots: true,
  writtenPrivately: true,
  countsAsNote: true,
  editsOnCreate: true,
  defaultText: null,
  fields: {},
  outline: () => 'rect',
} as const satisfies Partial<BoxKindDefinition>

const kinds = new Map<string, BoxKindDefinition>()
let version = 0

/** Makes a kind known to everything that reads or draws boxes. Once per kind. */
export const registerKind = (definition: BoxKindDefinition): void => {
  if (definition.kind === CONNECTOR_KIND) throw new Error('a connector is not a kind of box')
  if (kinds.has(definition.kind)) throw new Error(`kind "${definition.kind}" is already registered`)
  for (const name of Object.keys(definition.fields)) {
    const owner = boxKinds().find((other) => name in other.fields)
    // One meaning per field name: every box holds every kind's fields (null if not its own).
    if (owner) throw new Error(`kind "${definition.kind}": field "${name}" is ${owner.kind}'s`)
  }
  kinds.set(definition.kind, definition)
  version++
}

/** Whether `kind` names a registered kind of box. */
export const isBoxKind = (kind: unknown): kind is string =>
  typeof kind === 'string' && kinds.has(kind)

/**
 * The definition of a registered kind. Items read through the schema always have one; a kind
 * nobody registered is a programming error, hence the throw.
 */
export const boxKind = (kind: string): BoxKindDefinition => {
  const definition = kinds.get(kind)
  if (!definition) throw new Error(`no kind of box is called "${kind}"`)
  return definition
}

/** Every registered kind, in the order they were registered. */
export const boxKinds = (): BoxKindDefinition[] => [...kinds.values()]

/** Changes whenever a kind registers: what is derived from every kind is rebuilt then. */
export const registryVersion = (): number => version

/** A connector (as opposed to a box). Works on validated items and on raw fields alike. */
export const isConnector = <T extends { kind: unknown }>(
  item: T,
): item is Extract<T, { kind: typeof CONNECTOR_KIND }> => item.kind === CONNECTOR_KIND

/** A box of some kind (as opposed to a connector). */
export const isBox = <T extends { kind: unknown }>(
  item: T,
): item is Exclude<T, { kind: typeof CONNECTOR_KIND }> => item.kind !== CONNECTOR_KIND

/** The colour a box is drawn in: its own, else its author's group colour, else its kind's. */
export const itemColour = (item: Pick<BoxItem, 'colour' | 'group' | 'kind'>): string =>
  item.colour ?? (item.group ? GROUP_COLOURS[item.group] : boxKind(item.kind).defaultColour)
