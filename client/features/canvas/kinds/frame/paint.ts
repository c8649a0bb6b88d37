import { fitLabel, type Rect } from '../../geometry.ts'
import type { LowDetailPainter, PaintContext } from '../registry.ts'

/** Frame titles painted far out: their size on screen, and their inset in the frame. */
const FRAME_TITLE_PX = { maxPx: 14, minPx: 9 }
const FRAME_TITLE_PAD_PX = 4

/**
 * A frame's title inside its top edge, as the laid-out frame shows it: 14 px on screen,
 * smaller (down to 9 px) to fit the frame's width, then cut with an ellipsis, so that the
 * titles of frames side by side never run into each other; on a light backdrop, so that it
 * reads over the notes under it.
 */
export const paintFrameTitle = (
  context: PaintContext,
  box: Rect & { text: string },
  scale: number,
) => {
  const pad = FRAME_TITLE_PAD_PX / scale
  const font = (size: number) => `bold ${size}px system-ui, sans-serif`
  context.font = font(100)
  const label = fitLabel(
    box.text,
    (box.w - 2 * pad) * scale,
    (text) => context.measureText(text).width / 100,
    FRAME_TITLE_PX,
  )
  if (!label.text || (label.px + 2 * FRAME_TITLE_PAD_PX) / scale > box.h) return
  context.font = font(label.px / scale)
  context.textBaseline = 'top'
  context.fillStyle = 'rgba(255,255,255,0.85)'
  context.fillRect(
    box.x + pad / 2,
    box.y + pad / 2,
    context.measureText(label.text).width + pad,
    label.px / scale + pad,
  )
  context.fillStyle = '#1c1f23'
  context.fillText(label.text, box.x + pad, box.y + pad)
}

/**
 * A zone: a light fill and a grey outline; its title last (far out, titles are what says
 * where things are, so nothing covers them).
 */
export const paintFrame: LowDetailPainter = (context, box, scale, later) => {
  context.fillStyle = 'rgba(255,255,255,0.6)'
  context.fillRect(box.x, box.y, box.w, box.h)
  context.strokeStyle = '#767c85'
  context.lineWidth = 2 / scale
  context.strokeRect(box.x, box.y, box.w, box.h)
  later(() => paintFrameTitle(context, box, scale))
}
