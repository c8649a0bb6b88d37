import * as Y from 'yjs'
import { requireCanvas } from './canvases.ts'
import { newId } from './ids.ts'
import {
  clustersIn,
  type ItemMaps,
  isFrame,
  itemMap,
  itemMaps,
  itemsIn,
  itemsOf,
  mapIsBox,
  num,
} from './itemMaps.ts'
import { clusterName, GRID, size } from './itemSchemas.ts'

/**
 * What a box belongs to (see canvasItems.ts): the frame it sits in (`frame`, which moving
 * the frame carries along) and the named cluster it is in (`cluster`).
 */

/** The frame (highest in z) whose area holds the centre of this box, or null. */
const frameAt = (items: ItemMaps, box: Y.Map<unknown>): string | null => {
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

/** Puts a box (not a frame) in the frame it now lies in, or in none. */
export const refreshFrame = (items: ItemMaps, box: Y.Map<unknown>) => {
  if (isFrame(box) || !mapIsBox(box)) return
  const frame = frameAt(items, box)
  if (box.get('frame') !== frame) box.set('frame', frame)
}

/** The ids of `ids` plus every item sitting in a frame among them. */
export const withFrameMembers = (items: ItemMaps, ids: readonly string[]): Set<string> => {
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
 * Grows a frame to the height `h`, to take in a box added with it (`addPlacedBox`): only its
 * height is written, never lower, never its place or width, which is what anyone who may add
 * the box may change (shared/schema/canvasPolicy.ts). Nothing else joins the frame: a box it now
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
  const frame = itemMap(itemsOf(doc, canvasId), frameId)
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
  const items = itemsOf(doc, canvasId)
  const map = itemMap(items, id)
  if (!map || !mapIsBox(map) || isFrame(map))
    throw new Error(`${id} is not an item that can go in a frame`)
  if (frameId === null) {
    const current = map.get('frame')
    const frame = typeof current === 'string' ? itemMap(items, current) : null
    doc.transact(() => {
      // Just outside the frame's right edge, so it visibly leaves.
      if (frame) map.set('x', num(frame, 'x') + num(frame, 'w') + GRID)
      map.set('frame', null)
    }, origin)
    return
  }
  const frame = itemMap(items, frameId)
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
    clustersIn(canvas).set(id, cluster)
    for (const map of itemMaps(itemsIn(canvas), ids)) {
      if (mapIsBox(map) && !isFrame(map)) map.set('cluster', id)
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
  const cluster = clustersIn(requireCanvas(doc, canvasId)).get(clusterId)
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
  const items = itemsOf(doc, canvasId)
  doc.transact(() => {
    for (const map of itemMaps(items, ids)) map.set('cluster', clusterId)
  }, origin)
}

/** Removes a cluster; its items stay, outside any cluster. */
export const deleteCluster = (doc: Y.Doc, canvasId: string, clusterId: string, origin: unknown) => {
  const canvas = requireCanvas(doc, canvasId)
  doc.transact(() => {
    for (const map of itemsIn(canvas).values()) {
      if (map instanceof Y.Map && map.get('cluster') === clusterId) map.set('cluster', null)
    }
    clustersIn(canvas).delete(clusterId)
  }, origin)
}
