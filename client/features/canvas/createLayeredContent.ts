import { type Accessor, createComputed, createMemo, onCleanup, untrack } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import { isBox, isConnector } from '../../../shared/canvas/kinds/index.ts'
import type { Locale } from '../../../shared/i18n/locales.ts'
import {
  type BoxItem,
  type CanvasItem,
  type Cluster,
  canvasMap,
  itemColour,
  observeCanvasContent,
  readCanvasContent,
} from '../../../shared/schema/index.ts'
import { PRIVATE_ROOT } from '../../../shared/schema/private.ts'
import { displayText } from '../../../shared/schema/seedText.ts'
import { createBoundType } from '../../state/createBoundType.ts'
import { boxSnapshot, type CanvasModel, mergeLayers } from './editor/model.ts'

export type { Layer } from './editor/model.ts'

export interface LayeredContentState {
  /** Every valid item of both layers by id (the shared one wins if an id is in both). */
  byId: Record<string, CanvasItem>
  /** Ids of the boxes, bottom to top: the shared canvas's, then the private ones over them. */
  boxes: string[]
  connectors: string[]
  clusters: Cluster[]
  /** Ids of the items that live in the private document. */
  privateIds: Record<string, true>
}

/** The board's model of a canvas: a Solid store, so only what changed re-renders. */
export interface LayeredContent extends CanvasModel {
  state: LayeredContentState
  /** The shared canvas's map as it is now (another one if the map under its id is replaced). */
  canvas: Accessor<Y.Map<unknown> | null>
}

interface Part {
  items: CanvasItem[]
  clusters: Cluster[]
}
const EMPTY: Part = { items: [], clusters: [] }

/**
 * One canvas as a Solid store (items by id, merged so only what changed re-renders), with the
 * participant's private counterpart of it (same canvas id in their private document) laid
 * over the shared one. Each document is re-read (validated) only when it changed; the private
 * canvas may appear later (on the first private note), so the private document's `canvases`
 * root is observed. The shared canvas is followed: if the map under its id is replaced, the
 * new one is read and observed. Texts are read in `locale`, the viewer's language (a
 * template's frame titles and seed notes), and follow it when it changes.
 */
export const createLayeredContent = (
  doc: Y.Doc,
  canvasId: string,
  privateDoc: Y.Doc | null,
  locale: Accessor<Locale>,
): LayeredContent => {
  const [state, setState] = createStore<LayeredContentState>({
    byId: {},
    boxes: [],
    connectors: [],
    clusters: [],
    privateIds: {},
  })
  const warned = new Set<string>()
  const read = (source: Y.Doc): Part => {
    if (!canvasMap(source, canvasId)) return EMPTY
    const content = readCanvasContent(source, canvasId)
    for (const skipped of content.skipped) {
      if (warned.has(skipped.id)) continue
      warned.add(skipped.id)
      console.warn(`canvas ${canvasId}: item ${skipped.id} skipped (${skipped.reason})`)
    }
    return content
  }
  let shared = EMPTY
  let mine = privateDoc ? read(privateDoc) : EMPTY

  const merge = () => {
    const merged = mergeLayers(shared.items, mine.items)
    setState('byId', reconcile(Object.fromEntries(merged.byId)))
    setState(
      'privateIds',
      reconcile(Object.fromEntries([...merged.privateIds].map((id) => [id, true as const]))),
    )
    setState('boxes', reconcile(merged.boxes))
    setState('connectors', reconcile(merged.connectors))
    setState('clusters', reconcile([...shared.clusters, ...mine.clusters], { key: 'id' }))
  }

  const readShared = () => {
    shared = read(doc)
    merge()
  }
  const canvas = createBoundType(doc, () => canvasMap(doc, canvasId))
  createComputed(() => {
    const bound = canvas()
    untrack(readShared)
    if (bound) onCleanup(observeCanvasContent(doc, canvasId, readShared))
  })

  if (privateDoc) {
    const root = privateDoc.getMap(PRIVATE_ROOT.canvases)
    const onPrivate = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      // Only this canvas's counterpart (or the root itself, when it is created).
      const touched = events.some((event) => event.target === root || event.path[0] === canvasId)
      if (!touched) return
      mine = read(privateDoc)
      merge()
    }
    root.observeDeep(onPrivate)
    onCleanup(() => root.unobserveDeep(onPrivate))
  }

  const box = (id: string) => {
    const item = state.byId[id]
    return item && isBox(item) ? item : undefined
  }
  const text = (item: BoxItem) => displayText(item, locale())
  // Plain copies (no store proxies), rebuilt when the content (or the language) changes:
  // painting, placement and hit-testing filter these, never the store.
  const snapshot = createMemo(() =>
    state.boxes.flatMap((id) => {
      const item = box(id)
      return item ? [boxSnapshot(item, itemColour(item), text(item))] : []
    }),
  )
  return {
    state,
    boxIds: () => state.boxes,
    connectorIds: () => state.connectors,
    item: (id) => state.byId[id],
    box,
    connector: (id) => {
      const item = state.byId[id]
      return item && isConnector(item) ? item : undefined
    },
    clusters: () => state.clusters,
    layerOf: (id) => (state.privateIds[id] ? 'private' : 'shared'),
    privateCount: () => Object.keys(state.privateIds).length,
    snapshot,
    text,
    canvas,
  }
}
