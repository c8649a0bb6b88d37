import type { Component } from 'solid-js'
import type { MessageKey } from '../../../../shared/i18n/index.ts'
import type { BoxItem } from '../../../../shared/schema/canvasItems.ts'
import type { BoxSnapshot } from '../editor/model.ts'

/**
 * The client's side of each kind of box (shared/canvas/kinds says what a kind is): how the
 * board shows it, paints it far out, names it and lists it. One definition per kind, in
 * `<kind>/index.ts` beside this file, registered once in `index.ts`. See CONTEXT.md.
 */

/** What a kind's view gets: the box, its text and who wrote it, as the board shows them. */
export interface KindViewProps {
  item: BoxItem
  /** Its text as this viewer reads it (a template's in their language: `displayText`). */
  text: string
  /** The author's display name, when known. */
  author: string | null
  /** The author's partner group, in words, when the box has one. */
  groupLabel: string | null
}

/** A box as the low-detail layer paints it: plain values (no store proxies), canvas units. */
export type PaintedBox = Pick<BoxSnapshot, 'x' | 'y' | 'w' | 'h' | 'colour' | 'text' | 'kind'>

/** A 2D context, of a canvas or an offscreen one (the low-detail layer paints on the latter). */
export type PaintContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

/** Queues `paint` for after every box and connector is painted (what nothing may cover). */
export type PaintLater = (paint: () => void) => void

/**
 * Paints one box on the low-detail canvas, whose transform already maps canvas units to
 * pixels at `scale` (so one screen pixel is `1 / scale`).
 */
export type LowDetailPainter = (
  context: PaintContext,
  box: PaintedBox,
  scale: number,
  later: PaintLater,
) => void

export interface ClientKindDefinition {
  /** The shared kind this shows (`boxKind(kind)`). */
  readonly kind: string
  /** Its kind as the board's accessible names say it ("Note", "Ellipse"). */
  readonly label: (item: BoxItem) => MessageKey
  /** Classes of its element, besides `canvas-item` (the board's CSS styles them). */
  readonly className: (item: BoxItem) => string
  /** Its body inside the item's element: text, author line… */
  readonly View: Component<KindViewProps>
  /** How it looks far out (scale < 0.45) or while a zoom gesture runs. */
  readonly paint: LowDetailPainter
  /** On the minimap: its fill (given the colour it is drawn in) and an outline, if any. */
  readonly minimap: { readonly fill: (colour: string) => string; readonly stroke: string | null }
  /** In the outline view: the label of the field that edits its text. */
  readonly outline: { readonly editLabel: MessageKey }
  /** Its kind in a comparison of two versions. */
  readonly diffLabel: MessageKey
}

const kinds = new Map<string, ClientKindDefinition>()

/** Makes a kind's client side known to the board, the outline and the minimap. Once per kind. */
export const registerClientKind = (definition: ClientKindDefinition): void => {
  if (kinds.has(definition.kind)) {
    throw new Error(`kind "${definition.kind}" already has a client side`)
  }
  kinds.set(definition.kind, definition)
}

/**
 * The client side of a kind. Every box the schema reads is of a registered kind; one without
 * a client side is a programming error (its kind registered in shared/ only), hence the throw.
 */
export const clientKind = (kind: string): ClientKindDefinition => {
  const definition = kinds.get(kind)
  if (!definition) throw new Error(`kind "${kind}" has no client side`)
  return definition
}
