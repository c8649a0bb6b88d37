import type * as Y from 'yjs'
import { isBox, isConnector } from '../../../../shared/canvas/kinds/index.ts'
import type { Locale } from '../../../../shared/i18n/locales.ts'
import { canvasMap } from '../../../../shared/schema/canvases.ts'
import type {
  BoxItem,
  CanvasItem,
  Cluster,
  ConnectorItem,
} from '../../../../shared/schema/canvasItems.ts'
import { readCanvasContent } from '../../../../shared/schema/canvasItems.ts'
import type { CanvasLayer } from '../../../../shared/schema/canvasRights.ts'
import { displayText } from '../../../../shared/schema/seedText.ts'

/** Which document an item lives in: the shared canvas, or this person's private counterpart. */
export type Layer = CanvasLayer

/** A box as plain data (no store proxy): what painting, placement and hit-testing read. */
export interface BoxSnapshot {
  id: string
  kind: BoxItem['kind']
  x: number
  y: number
  w: number
  h: number
  colour: string
  /** Its text as this viewer reads it (`displayText`: a template's in their language). */
  text: string
  frame: string | null
}

/**
 * What the editor reads of a canvas: both layers merged, the shared one winning an id found in
 * both. The board's model is a Solid store (`createLayeredContent`); `createDocModel` reads the
 * documents directly, for tests and for code without a view.
 */
export interface CanvasModel {
  /** Box ids, bottom to top: the shared canvas's, then the private ones over them. */
  boxIds: () => readonly string[]
  connectorIds: () => readonly string[]
  item: (id: string) => CanvasItem | undefined
  box: (id: string) => BoxItem | undefined
  connector: (id: string) => ConnectorItem | undefined
  clusters: () => readonly Cluster[]
  layerOf: (id: string) => Layer
  /** How many of the boxes are private (not yet revealed). */
  privateCount: () => number
  /** Every box as plain data, in `boxIds` order. */
  snapshot: () => readonly BoxSnapshot[]
  /**
   * A box's text as this viewer reads it: a template's frame title or seed note, while nobody
   * edited it, in the viewer's language (`displayText`); any other text as written.
   */
  text: (item: BoxItem) => string
}

export const boxSnapshot = (item: BoxItem, colour: string, text: string): BoxSnapshot => ({
  id: item.id,
  kind: item.kind,
  x: item.x,
  y: item.y,
  w: item.w,
  h: item.h,
  colour,
  text,
  frame: item.frame,
})

/** Merges the two layers' items as the board shows them. */
export const mergeLayers = (
  shared: readonly CanvasItem[],
  mine: readonly CanvasItem[],
): {
  byId: Map<string, CanvasItem>
  privateIds: Set<string>
  boxes: string[]
  connectors: string[]
} => {
  const byId = new Map<string, CanvasItem>()
  const privateIds = new Set<string>()
  const sharedBoxes: string[] = []
  const privateBoxes: string[] = []
  const connectors: string[] = []
  for (const item of shared) {
    byId.set(item.id, item)
    if (isConnector(item)) connectors.push(item.id)
    else sharedBoxes.push(item.id)
  }
  for (const item of mine) {
    if (byId.has(item.id)) continue
    byId.set(item.id, item)
    privateIds.add(item.id)
    if (isConnector(item)) connectors.push(item.id)
    else privateBoxes.push(item.id)
  }
  return { byId, privateIds, boxes: [...sharedBoxes, ...privateBoxes], connectors }
}

/**
 * A model read straight from the documents, re-read after any change to them (or to the
 * viewer's language). `colourOf` gives a box's drawn colour (the schema's `itemColour`);
 * `locale`, the language the viewer reads.
 */
export const createDocModel = (
  doc: Y.Doc,
  canvasId: string,
  privateDoc: Y.Doc | null,
  colourOf: (item: BoxItem) => string,
  locale: () => Locale,
): CanvasModel & { destroy: () => void } => {
  const text = (item: BoxItem) => displayText(item, locale())
  const read = (source: Y.Doc) =>
    canvasMap(source, canvasId)
      ? readCanvasContent(source, canvasId)
      : { items: [], clusters: [], skipped: [] }
  type State = ReturnType<typeof mergeLayers> & {
    clusters: Cluster[]
    snapshot: BoxSnapshot[]
    locale: Locale
  }
  let state: State | null = null
  const current = (): State => {
    if (state?.locale === locale()) return state
    const shared = read(doc)
    const mine = privateDoc ? read(privateDoc) : { items: [], clusters: [] }
    const merged = mergeLayers(shared.items, mine.items)
    const snapshot = merged.boxes.flatMap((id) => {
      const item = merged.byId.get(id)
      return item && isBox(item) ? [boxSnapshot(item, colourOf(item), text(item))] : []
    })
    state = {
      ...merged,
      clusters: [...shared.clusters, ...mine.clusters],
      snapshot,
      locale: locale(),
    }
    return state
  }
  const invalidate = () => {
    state = null
  }
  doc.on('update', invalidate)
  privateDoc?.on('update', invalidate)
  const item = (id: string) => current().byId.get(id)
  return {
    boxIds: () => current().boxes,
    connectorIds: () => current().connectors,
    item,
    box: (id) => {
      const found = item(id)
      return found && isBox(found) ? found : undefined
    },
    connector: (id) => {
      const found = item(id)
      return found && isConnector(found) ? found : undefined
    },
    clusters: () => current().clusters,
    layerOf: (id) => (current().privateIds.has(id) ? 'private' : 'shared'),
    privateCount: () => current().privateIds.size,
    snapshot: () => current().snapshot,
    text,
    destroy: () => {
      doc.off('update', invalidate)
      privateDoc?.off('update', invalidate)
    },
  }
}
