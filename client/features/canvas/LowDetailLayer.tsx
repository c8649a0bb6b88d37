import { type Component, createEffect, onCleanup } from 'solid-js'
import type { Rendering } from './createRendering.ts'
import type { Editor } from './editor/editor.ts'
import type { BoxSnapshot } from './editor/model.ts'
import {
  type Camera,
  fitLabel,
  intersects,
  type Point,
  type Rect,
  visibleWorld,
} from './geometry.ts'

/** Frame titles painted far out: their size on screen, and their inset in the frame. */
const FRAME_TITLE_PX = { maxPx: 14, minPx: 9 }
const FRAME_TITLE_PAD_PX = 4

const tints = new Map<string, string>()
/** A note's fill: its colour mixed with white (as `color-mix(… 28%, #fff)` in the CSS). */
const tint = (hex: string): string => {
  let out = tints.get(hex)
  if (out) return out
  const value = Number.parseInt(hex.slice(1), 16)
  const mix = (channel: number) => Math.round(channel * 0.28 + 255 * 0.72)
  out = `rgb(${mix((value >> 16) & 255)}, ${mix((value >> 8) & 255)}, ${mix(value & 255)})`
  tints.set(hex, out)
  return out
}

/**
 * A frame's title inside its top edge, as the laid-out frame shows it: 14 px on screen,
 * smaller (down to 9 px) to fit the frame's width, then cut with an ellipsis, so that the
 * titles of frames side by side never run into each other; on a light backdrop, so that it
 * reads over the notes under it.
 */
const paintFrameTitle = (
  context: CanvasRenderingContext2D,
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

interface Scene {
  camera: Camera
  view: { w: number; h: number }
  boxes: readonly BoxSnapshot[]
  lines: ReadonlyArray<{ from: Point; to: Point }>
  /** Boxes that are elements already (not painted). */
  skip: ReadonlySet<string>
}

const paintScene = (context: CanvasRenderingContext2D, ratio: number, scene: Scene) => {
  const { camera, boxes, lines, skip } = scene
  context.setTransform(
    ratio * camera.scale,
    0,
    0,
    ratio * camera.scale,
    ratio * camera.x,
    ratio * camera.y,
  )
  const visible = visibleWorld(camera, scene.view)
  const strip = Math.max(8, 2 / camera.scale)
  const frames: BoxSnapshot[] = []
  for (const box of boxes) {
    if (skip.has(box.id) || !intersects(visible, box)) continue
    if (box.kind === 'frame') {
      context.fillStyle = 'rgba(255,255,255,0.6)'
      context.fillRect(box.x, box.y, box.w, box.h)
      context.strokeStyle = '#767c85'
      context.lineWidth = 2 / camera.scale
      context.strokeRect(box.x, box.y, box.w, box.h)
      frames.push(box)
      continue
    }
    if (box.kind === 'text') {
      context.fillStyle = '#9aa0a6'
      context.fillRect(box.x, box.y + box.h / 3, box.w * 0.8, box.h / 3)
      continue
    }
    context.fillStyle = tint(box.colour)
    context.fillRect(box.x, box.y, box.w, box.h)
    context.fillStyle = box.colour
    context.fillRect(box.x, box.y, box.w, strip)
  }
  context.strokeStyle = '#3d434a'
  context.lineWidth = 2 / camera.scale
  context.beginPath()
  for (const line of lines) {
    context.moveTo(line.from.x, line.from.y)
    context.lineTo(line.to.x, line.to.y)
  }
  context.stroke()
  // Titles last: far out they are what says where things are, so nothing covers them.
  for (const frame of frames) paintFrameTitle(context, frame, camera.scale)
}

/**
 * Far out (or while boxes wait to become elements), every box and connector painted on one
 * `<canvas>`, at most once per frame: it costs nothing per item.
 */
export const LowDetailLayer: Component<{ editor: Editor; rendering: Rendering }> = (props) => {
  let canvas!: HTMLCanvasElement
  let frame = 0
  let blank = true
  const paint = (low: boolean, scene: Scene) => {
    if (!low && blank) return
    const context = canvas.getContext?.('2d')
    if (!context) return
    blank = !low
    const ratio = window.devicePixelRatio || 1
    const width = Math.round(scene.view.w * ratio)
    const height = Math.round(scene.view.h * ratio)
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, width, height)
    if (low) paintScene(context, ratio, scene)
  }
  createEffect(() => {
    const { rendering, editor } = props
    const low = rendering.lowDetail()
    const skip = rendering.mounted()
    const waiting = rendering.wanted().length > skip.size
    const scene: Scene = {
      camera: editor.state.camera.get(),
      view: editor.state.size.get(),
      boxes: rendering.boxes(),
      lines: low ? rendering.segments() : [],
      skip,
    }
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => paint(low || waiting, scene))
  })
  onCleanup(() => cancelAnimationFrame(frame))
  const size = () => props.editor.state.size.get()
  return (
    <div class="canvas-lod" aria-hidden="true">
      <canvas ref={canvas} style={{ width: `${size().w}px`, height: `${size().h}px` }} />
    </div>
  )
}
