import { onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import {
  type BoxItem,
  type CanvasItem,
  type Cluster,
  type ConnectorItem,
  canvasMap,
  observeCanvasContent,
  readCanvasContent,
} from '../../shared/schema/index.ts'

export interface CanvasContentState {
  /** Every valid item by id. Entries keep their identity across updates (fields change in place). */
  byId: Record<string, CanvasItem>
  /** Ids of the boxes (notes, text, shapes, frames), bottom to top. */
  boxes: string[]
  /** Ids of the connectors whose two ends exist. */
  connectors: string[]
  clusters: Cluster[]
}

export interface CanvasContent {
  state: CanvasContentState
  box: (id: string) => BoxItem | undefined
  connector: (id: string) => ConnectorItem | undefined
}

/**
 * A Solid store of one canvas's content, kept in step with the Y.Doc. The document is read
 * (and validated) once per Yjs transaction that touches the canvas, never per pointer move,
 * and merged into the store by id, so only what changed re-renders. Malformed entries are left
 * out; each skipped id is reported with one `console.warn`, the first time it is seen.
 */
export const createCanvasContent = (doc: Y.Doc, canvasId: string): CanvasContent => {
  const [state, setState] = createStore<CanvasContentState>({
    byId: {},
    boxes: [],
    connectors: [],
    clusters: [],
  })
  const warned = new Set<string>()
  const refresh = () => {
    if (!canvasMap(doc, canvasId)) {
      setState({ byId: {}, boxes: [], connectors: [], clusters: [] })
      return
    }
    const content = readCanvasContent(doc, canvasId)
    for (const skipped of content.skipped) {
      if (warned.has(skipped.id)) continue
      warned.add(skipped.id)
      console.warn(`canvas ${canvasId}: item ${skipped.id} skipped (${skipped.reason})`)
    }
    const byId: Record<string, CanvasItem> = {}
    const boxes: string[] = []
    const connectors: string[] = []
    for (const item of content.items) {
      byId[item.id] = item
      if (item.kind === 'connector') connectors.push(item.id)
      else boxes.push(item.id)
    }
    setState('byId', reconcile(byId))
    setState('boxes', reconcile(boxes))
    setState('connectors', reconcile(connectors))
    setState('clusters', reconcile(content.clusters, { key: 'id' }))
  }
  refresh()
  let stop = () => {}
  if (canvasMap(doc, canvasId)) stop = observeCanvasContent(doc, canvasId, refresh)
  onCleanup(() => stop())
  return {
    state,
    box: (id) => {
      const item = state.byId[id]
      return item && item.kind !== 'connector' ? item : undefined
    },
    connector: (id) => {
      const item = state.byId[id]
      return item?.kind === 'connector' ? item : undefined
    },
  }
}
