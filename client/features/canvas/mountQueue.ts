/**
 * Which of the boxes the board wants as elements are elements yet.
 *
 * Creating a box's element costs script, then style, layout and paint: about half a
 * millisecond each on a slow two-core laptop, so the 200-odd boxes that a zoom's end or the
 * first frame at ~50 % asks for would take a whole frame ten times over. A handful of missing
 * ones (a new note, a collaborator's edit) and the kept ones (focus, selection, editing,
 * dragging) are created at once, in the change that wants them; more are created over the next
 * frames, a few milliseconds of script in each, nearest the middle of the view first. The
 * board paints the ones still waiting on its canvas layer meanwhile.
 */

import { type Accessor, createEffect, createSignal, onCleanup, untrack } from 'solid-js'
import type { Rect } from './geometry.ts'

/** Missing elements up to this many are created at once. */
export const MOUNT_AT_ONCE = 8
/** Elements created in one render at most, whatever the last ones cost. */
const MOUNT_STEP_MAX = 8
/** Script time per frame spent creating elements while more are waiting. */
export const MOUNT_BUDGET_MS = 1.5
/** Boxes are created by patches of a sixth of the view, about a raster tile of Chromium's. */
const PATCHES = 6

/**
 * `ids` nearest the middle of `view` first, by patches: the view is cut into a grid of
 * `PATCHES` × `PATCHES`, patches come by how far their centre is from the view's (in view
 * widths and heights, the larger of the two: those on screen before those around it), and a
 * patch's boxes come together. Boxes created one by one around a ring had each raster tile
 * drawn again for every box of it, frame after frame.
 */
export const mountOrder = (
  ids: readonly string[],
  view: Rect,
  rectOf: (id: string) => Rect | null | undefined,
): string[] => {
  const pw = view.w / PATCHES
  const ph = view.h / PATCHES
  const cx = view.x + view.w / 2
  const cy = view.y + view.h / 2
  const keys = new Map<string, { distance: number; patch: number }>()
  for (const id of ids) {
    const r = rectOf(id)
    if (!r) {
      keys.set(id, { distance: Number.POSITIVE_INFINITY, patch: 0 })
      continue
    }
    const col = Math.floor((r.x + r.w / 2 - view.x) / pw)
    const row = Math.floor((r.y + r.h / 2 - view.y) / ph)
    const distance = Math.max(
      Math.abs(view.x + (col + 0.5) * pw - cx) / view.w,
      Math.abs(view.y + (row + 0.5) * ph - cy) / view.h,
    )
    // Patches at the same distance in a fixed order (rows, then columns), each one whole.
    keys.set(id, { distance, patch: row * 1_000_003 + col })
  }
  const none = { distance: Number.POSITIVE_INFINITY, patch: 0 }
  return [...ids].sort((a, b) => {
    const ka = keys.get(a) ?? none
    const kb = keys.get(b) ?? none
    return ka.distance - kb.distance || ka.patch - kb.patch
  })
}

export interface MountQueueOptions {
  /** The boxes to show as elements. */
  wanted: Accessor<readonly string[]>
  /** Boxes that are elements at once, however many (focus, selection, editing, dragging). */
  kept: Accessor<ReadonlySet<string>>
  /** The part of the world on screen, read when the next elements are chosen. */
  view: () => Rect
  rectOf: (id: string) => Rect | null | undefined
  /**
   * While true (a zoom gesture), no more elements are created but the kept ones: those made
   * now would be re-rastered at every step, and dropped if the view gets crowded.
   */
  hold?: Accessor<boolean>
}

/** The wanted boxes that are elements now (see the top of this file). */
export const createMountQueue = (options: MountQueueOptions): Accessor<ReadonlySet<string>> => {
  const [mounted, setMounted] = createSignal<ReadonlySet<string>>(new Set())
  let frame = 0

  // What one element has cost lately (script only): each frame creates as many as its budget
  // holds in one or two renders, since every render also re-diffs the whole list.
  let msPerElement = 0.3
  const grow = () => {
    frame = 0
    const start = performance.now()
    const have = untrack(mounted)
    const queue = mountOrder(
      untrack(options.wanted).filter((id) => !have.has(id)),
      options.view(),
      options.rectOf,
    )
    let next = new Set(have)
    let done = 0
    for (;;) {
      const left = MOUNT_BUDGET_MS - (performance.now() - start)
      if (done >= queue.length || left <= 0) break
      const count = Math.max(1, Math.min(MOUNT_STEP_MAX, Math.floor(left / msPerElement)))
      const before = performance.now()
      for (const id of queue.slice(done, done + count)) next.add(id)
      const added = Math.min(count, queue.length - done)
      done += added
      setMounted(next)
      next = new Set(next)
      // Smoothed, and never taken as nothing: one cheap render must not let the next one run long.
      msPerElement = Math.max(0.1, (msPerElement + (performance.now() - before) / added) / 2)
    }
    if (done < queue.length) frame = requestAnimationFrame(grow)
  }

  createEffect(() => {
    const want = options.wanted()
    const keep = options.kept()
    const held = options.hold?.() ?? false
    const current = untrack(mounted)
    const next = new Set<string>()
    const missing: string[] = []
    for (const id of want) {
      if (current.has(id) || keep.has(id)) next.add(id)
      else missing.push(id)
    }
    const atOnce = !held && missing.length <= MOUNT_AT_ONCE
    if (atOnce) for (const id of missing) next.add(id)
    setMounted(next)
    if (atOnce || held) {
      cancelAnimationFrame(frame)
      frame = 0
    } else if (frame === 0) frame = requestAnimationFrame(grow)
  })
  onCleanup(() => cancelAnimationFrame(frame))
  return mounted
}
