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
/**
 * `ids` nearest the middle of `view` first: by how far their centre is from it, in view widths
 * and heights (the larger of the two), so those on screen come before those around it.
 */
export const mountOrder = (
  ids: readonly string[],
  view: Rect,
  rectOf: (id: string) => Rect | null | undefined,
): string[] => {
  const cx = view.x + view.w / 2
  const cy = view.y + view.h / 2
  const distance = new Map<string, number>()
  for (const id of ids) {
    const r = rectOf(id)
    distance.set(
      id,
      r
        ? Math.max(Math.abs(r.x + r.w / 2 - cx) / view.w, Math.abs(r.y + r.h / 2 - cy) / view.h)
        : Number.POSITIVE_INFINITY,
    )
  }
  return [...ids].sort(
    (a, b) =>
      (distance.get(a) ?? Number.POSITIVE_INFINITY) - (distance.get(b) ?? Number.POSITIVE_INFINITY),
  )
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
