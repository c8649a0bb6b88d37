import { type Accessor, createMemo, untrack } from 'solid-js'
import type { LayeredContent } from './createLayeredContent.ts'
import { type Editor, labelArea } from './editor/editor.ts'
import type { BoxSnapshot } from './editor/model.ts'
import {
  boundsOf,
  connectorEnds,
  intersects,
  type Point,
  type Rect,
  renderRegion,
  sameRect,
  visibleWorld,
} from './geometry.ts'
import { createMountQueue } from './mountQueue.ts'

const LOW_DETAIL_BELOW = 0.45
/** More boxes than this near the view: painted, not laid out, while zooming. */
const DOM_BUDGET = 120

export interface ConnectorSnapshot {
  id: string
  ends: { from: Point; to: Point }
  span: Rect
  label: Rect
}

export interface Rendering {
  /** Far out (or zooming over a crowded view): boxes and connectors are painted, not laid out. */
  lowDetail: Accessor<boolean>
  /** Boxes wanted as elements: near the view, plus the kept ones. */
  wanted: Accessor<string[]>
  /** Items that are elements whatever the view: focus, selection, editing, a drag, the spotlight. */
  kept: Accessor<ReadonlySet<string>>
  /** Boxes that are elements already (created over frames, mountQueue.ts). */
  mounted: Accessor<ReadonlySet<string>>
  renderedBoxes: Accessor<string[]>
  renderedConnectors: Accessor<string[]>
  /** Every connector's line as drawn at rest (painting far out). */
  segments: Accessor<Array<{ from: Point; to: Point }>>
  boxes: Accessor<readonly BoxSnapshot[]>
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i])

/**
 * Which items are elements: only those in a tiled region around the view (`renderRegion`; it
 * changes only when the view crosses a tile edge), plus what has focus, is selected, edited,
 * dragged or spotlit. Filtering runs over plain snapshots, never over the store's proxies.
 */
export const createRendering = (
  content: LayeredContent,
  editor: Editor,
  spotlit: Accessor<string | null>,
): Rendering => {
  const { state } = editor
  const boxes = content.snapshot
  const connectorSnapshot = createMemo(() =>
    content.state.connectors.flatMap((id): ConnectorSnapshot[] => {
      const connector = content.connector(id)
      const from = connector && content.box(connector.from)
      const to = connector && content.box(connector.to)
      if (!from || !to) return []
      const ends = connectorEnds(from, to)
      return [{ id, ends, span: boundsOf([from, to]) as Rect, label: labelArea(ends) }]
    }),
  )
  const segments = createMemo(() => connectorSnapshot().map((connector) => connector.ends))
  const region = createMemo(
    () => renderRegion(visibleWorld(state.camera.get(), state.size.get())),
    undefined,
    { equals: sameRect },
  )
  const crowded = createMemo(() => {
    const area = region()
    let count = 0
    for (const box of boxes()) if (intersects(area, box) && ++count > DOM_BUDGET) return true
    return false
  })
  const lowDetail = createMemo(
    () => state.camera.get().scale < LOW_DETAIL_BELOW || (state.zooming.get() && crowded()),
  )
  const kept = createMemo(() => {
    const out = new Set<string>(state.selection.get())
    for (const id of [
      state.activeId.get(),
      state.editingId.get(),
      state.connectFrom.get(),
      spotlit(),
    ]) {
      if (id) out.add(id)
    }
    for (const id of state.drag.get()?.ids ?? []) out.add(id)
    return out
  })
  const wanted = createMemo(
    () => {
      const keep = kept()
      const low = lowDetail()
      const area = region()
      const out: string[] = []
      for (const box of boxes()) {
        if (keep.has(box.id) || (!low && intersects(area, box))) out.push(box.id)
      }
      return out
    },
    undefined,
    { equals: sameIds },
  )

  // A view's worth of new elements is created over a few frames, nearest the centre first,
  // none during a zoom gesture (mountQueue.ts); those waiting on screen are painted meanwhile.
  const mounted = createMountQueue({
    wanted,
    kept,
    view: () => visibleWorld(untrack(state.camera.get), untrack(state.size.get)),
    rectOf: (id) => content.box(id),
    hold: state.zooming.get,
  })

  return {
    lowDetail,
    wanted,
    kept,
    mounted,
    renderedBoxes: createMemo(
      () => {
        const ready = mounted()
        return wanted().filter((id) => ready.has(id))
      },
      undefined,
      { equals: sameIds },
    ),
    renderedConnectors: createMemo(
      () => {
        const keep = kept()
        const low = lowDetail()
        const area = region()
        return connectorSnapshot()
          .filter(
            (connector) => keep.has(connector.id) || (!low && intersects(area, connector.span)),
          )
          .map((connector) => connector.id)
      },
      undefined,
      { equals: sameIds },
    ),
    segments,
    boxes,
  }
}
