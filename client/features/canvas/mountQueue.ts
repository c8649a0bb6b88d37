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
/** Script time per frame spent creating elements while more are waiting. */
export const MOUNT_BUDGET_MS = 3
/** Elements created between two looks at the clock. */
const MOUNT_STEP = 4

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
}

/** The wanted boxes that are elements now (see the top of this file). */
export const createMountQueue = (options: MountQueueOptions): Accessor<ReadonlySet<string>> => {
  const [mounted, setMounted] = createSignal<ReadonlySet<string>>(new Set())
  let frame = 0

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
    // Each step renders its elements before the clock is read again (Solid renders in `set`).
    while (done < queue.length && performance.now() - start < MOUNT_BUDGET_MS) {
      for (const id of queue.slice(done, done + MOUNT_STEP)) next.add(id)
      done += MOUNT_STEP
      setMounted(next)
      next = new Set(next)
    }
    if (done < queue.length) frame = requestAnimationFrame(grow)
  }

  createEffect(() => {
    const want = options.wanted()
    const keep = options.kept()
    const current = untrack(mounted)
    const next = new Set<string>()
    const missing: string[] = []
    for (const id of want) {
      if (current.has(id) || keep.has(id)) next.add(id)
      else missing.push(id)
    }
    const atOnce = missing.length <= MOUNT_AT_ONCE
    if (atOnce) for (const id of missing) next.add(id)
    setMounted(next)
    if (atOnce) {
      cancelAnimationFrame(frame)
      frame = 0
    } else if (frame === 0) frame = requestAnimationFrame(grow)
  })
  onCleanup(() => cancelAnimationFrame(frame))
  return mounted
}
