import { type Accessor, createEffect, on } from 'solid-js'
import type { FlowState } from '../../../shared/schema/flow.ts'

/**
 * What the flow needs from the canvas feature (client/features/canvas/), so the facilitator's
 * controls can steer everyone's view. The canvas area gives one of these to the workspace; until
 * it does, the workspace holds `null` and the flow falls back to text (the banner names the
 * phase's canvas and quotes the spotlighted note).
 */
export interface CanvasView {
  canvasId: string
  /** World coordinates of the point at the centre of the board. */
  x: number
  y: number
  /** The board's scale (1 = 100 %). */
  zoom: number
}

export interface CanvasNavigator {
  /** The canvas shown on this device and its view, or null when no board is on screen. */
  currentView: () => CanvasView | null
  /** Shows that canvas (selects its tab) with (x, y) at the centre of the board, at `zoom`. */
  showView: (view: CanvasView) => void
  /** Selects that canvas's tab (the phase's focus). */
  showCanvas: (canvasId: string) => void
  /** Highlights that item for everyone to look at (null: no highlight), without moving focus. */
  setSpotlight: (target: { canvasId: string; itemId: string } | null) => void
}

/** `at` values of the "bring everyone to me" this device sent: it does not jump to its own. */
const sentByMe = new Set<number>()
export const markBringToMeSent = (at: number): void => {
  sentByMe.add(at)
}

/**
 * Makes this device follow the facilitator: jump to a new "bring everyone to me" (once per
 * `at`, and never to one sent from here), show the focus canvas of a newly started phase, and
 * highlight the spotlighted item.
 *
 * `ready` (default: always) says when the document's content is known (first sync, or a copy
 * kept on this device): what "bring everyone to me" holds then is not new.
 */
export const followFlow = (
  flow: Accessor<FlowState>,
  navigator: Accessor<CanvasNavigator | null>,
  ready: Accessor<boolean> = () => true,
): void => {
  // What was already there when the content became known is not "new": a late joiner (or a
  // reload) is not yanked to a view from an hour ago. The phase's focus canvas is shown once
  // on arrival. `undefined`: the content is not known yet.
  let seenAt: number | null | undefined
  createEffect(
    on([() => flow().bringToMe?.at ?? null, navigator, ready], ([at, nav, known]) => {
      if (!known) return
      if (seenAt === undefined) {
        seenAt = at
        return
      }
      const bring = flow().bringToMe
      if (!nav || at === null || !bring || at === seenAt) return
      seenAt = at
      if (sentByMe.has(at)) return
      nav.showView(bring)
    }),
  )
  createEffect(
    on(
      [
        () => (flow().status === 'running' ? flow().phaseIndex : -1),
        () => {
          const focus = flow().phase?.focus
          return focus && 'canvas' in focus ? focus.canvas : null
        },
        navigator,
      ],
      ([index, canvasId, nav]) => {
        if (!nav || index < 0 || !canvasId) return
        nav.showCanvas(canvasId)
      },
    ),
  )
  createEffect(
    on([() => JSON.stringify(flow().spotlight), navigator], ([, nav]) => {
      nav?.setSpotlight(flow().spotlight)
    }),
  )
}
