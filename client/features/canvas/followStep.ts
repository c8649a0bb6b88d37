import { type Accessor, createEffect, createSignal, on, onCleanup, untrack } from 'solid-js'
import type { Rect } from '../../../shared/canvas/placement.ts'
import { readableView } from '../phone/boardFit.ts'
import { stageFocus } from '../projector/stageFocus.ts'
import type { LayeredContent } from './createLayeredContent.ts'
import type { Editor } from './editor/editor.ts'

/** The running step, as the board follows it. */
export interface BoardStep {
  /** Changes with the step (its status and number). */
  key: string
  /** The frame the step works in (the one on the projector's stage), if any. */
  frameId: string | null
}

const sameRect = (a: Rect | null, b: Rect | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h)

/** Where `cover` lies over `board`, in the board's pixels; null where it does not (or is hidden). */
const coveredPart = (board: HTMLElement, cover: HTMLElement | undefined): Rect | null => {
  const over = cover?.getBoundingClientRect()
  if (!over || over.width === 0 || over.height === 0) return null
  const box = board.getBoundingClientRect()
  const x = Math.max(over.left, box.left)
  const y = Math.max(over.top, box.top)
  const w = Math.min(over.right, box.right) - x
  const h = Math.min(over.bottom, box.bottom) - y
  return w > 0 && h > 0 ? { x: x - box.left, y: y - box.top, w, h } : null
}

/**
 * Keeps the board on the running step while the camera is where the flow last put it, and
 * brings it there at a new step unless the person is at work on the board
 * (`editor.followStep`): what the step is about (`stageFocus`), readable (`readableView`),
 * beside what covers the board (`cover`: the desktop's step card over its top-left, measured
 * as it opens, closes or changes size). Placed at a new step, its frame or the first content,
 * from `start` on (the board measured; `show`: placed then too); the same part of the canvas
 * placed again for a new size of the board (`resized`) or of what covers it, while the step's
 * view is the last the flow placed (`placed`: another view, "bring everyone to me", keeps its
 * place).
 */
export const followStep = (options: {
  editor: Editor
  content: LayeredContent
  board: () => HTMLElement
  step: Accessor<BoardStep | undefined>
  spotlit: Accessor<string | null>
  cover: Accessor<HTMLElement | undefined>
}): {
  start: (show?: boolean) => void
  resized: () => void
  placed: () => void
  /** Where `cover` lies over the board, in its pixels (null: nowhere). */
  covered: Accessor<Rect | null>
} => {
  const { editor, content } = options
  let started = false
  /**
   * What the step's view showed when the flow last placed it (null: everything, fitted;
   * undefined: another view was placed since, or none yet).
   */
  let shown: Rect | null | undefined
  const [covered, setCovered] = createSignal<Rect | null>(null, { equals: sameRect })
  const measureCover = () => setCovered(coveredPart(options.board(), options.cover()))
  const place = (rect: Rect | null, how?: { newStep: boolean }) => {
    const view = rect ? readableView(rect, editor.state.size.get(), untrack(covered)) : null
    if (editor.followStep(view, how)) shown = rect
  }
  /** What the step is about (see `stageFocus`); null: nothing yet. */
  const follow = (how?: { newStep: boolean }) => {
    if (!started) return
    const boxes = untrack(() => content.boxIds().flatMap((id) => content.box(id) ?? []))
    place(stageFocus(boxes, untrack(options.step)?.frameId ?? null, untrack(options.spotlit)), how)
  }
  // The same part of the canvas, fitted again: what was written since does not move the view.
  const followAgain = () => {
    if (started && shown !== undefined) place(shown)
  }
  createEffect(
    on(
      [() => options.step()?.key, () => options.step()?.frameId],
      () => follow({ newStep: true }),
      {
        defer: true,
      },
    ),
  )
  // The first content, where the step's view showed the empty canvas: not where another view
  // (a "bring everyone to me" asked for before the content came) was placed since.
  createEffect(
    on(
      () => content.state.boxes.length > 0,
      () => {
        if (shown !== undefined) follow()
      },
      { defer: true },
    ),
  )
  createEffect(on(covered, followAgain, { defer: true }))
  createEffect(() => {
    const cover = options.cover()
    if (!cover || typeof ResizeObserver === 'undefined') return
    // Opening, closing (hidden: no box) and a new step's text all change its size.
    const observer = new ResizeObserver(measureCover)
    observer.observe(cover)
    onCleanup(() => observer.disconnect())
  })
  return {
    start: (show = true) => {
      started = true
      measureCover()
      if (show) follow()
    },
    resized: () => {
      measureCover()
      followAgain()
    },
    placed: () => {
      shown = undefined
    },
    covered,
  }
}
