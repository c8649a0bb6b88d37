import { type Component, createEffect, onCleanup } from 'solid-js'
import type { Rendering } from './createRendering.ts'
import type { Editor } from './editor/editor.ts'
import type { BoxSnapshot } from './editor/model.ts'
import { type Camera, intersects, type Point, visibleWorld } from './geometry.ts'
import { clientKind } from './kinds/index.ts'

interface Scene {
  camera: Camera
  view: { w: number; h: number }
  boxes: readonly BoxSnapshot[]
  lines: ReadonlyArray<{ from: Point; to: Point }>
  /** Boxes that are elements already (not painted). */
  skip: ReadonlySet<string>
}

/** The boxes of the scene on screen that are not elements: what the canvas paints. */
const paintedBoxes = (scene: Scene): BoxSnapshot[] => {
  const visible = visibleWorld(scene.camera, scene.view)
  return scene.boxes.filter((box) => !scene.skip.has(box.id) && intersects(visible, box))
}

const paintScene = (
  context: CanvasRenderingContext2D,
  ratio: number,
  scene: Scene,
  boxes: readonly BoxSnapshot[],
) => {
  const { camera, lines } = scene
  context.setTransform(
    ratio * camera.scale,
    0,
    0,
    ratio * camera.scale,
    ratio * camera.x,
    ratio * camera.y,
  )
  const after: Array<() => void> = []
  const later = (paint: () => void) => after.push(paint)
  for (const box of boxes) clientKind(box.kind).paint(context, box, camera.scale, later)
  context.strokeStyle = '#3d434a'
  context.lineWidth = 2 / camera.scale
  context.beginPath()
  for (const line of lines) {
    context.moveTo(line.from.x, line.from.y)
    context.lineTo(line.to.x, line.to.y)
  }
  context.stroke()
  // What kinds paint last (frame titles: far out they say where things are, so nothing covers them).
  for (const paint of after) paint()
}

/**
 * Far out (or while boxes wait to become elements), every box and connector painted on one
 * `<canvas>`, at most once per frame: it costs nothing per item. Hidden while it has nothing
 * to show: a blank canvas is still a layer as large as the board, blended at every frame.
 */
export const LowDetailLayer: Component<{ editor: Editor; rendering: Rendering }> = (props) => {
  let canvas!: HTMLCanvasElement
  let frame = 0
  let blank = true
  const paint = (wanted: boolean, scene: Scene) => {
    if (!wanted && blank) return
    const context = canvas.getContext?.('2d')
    if (!context) return
    // The boxes still waiting to be elements are mostly around the view, not in it.
    const boxes = wanted ? paintedBoxes(scene) : []
    const shown = boxes.length > 0 || scene.lines.length > 0
    blank = !shown
    canvas.hidden = !shown
    const ratio = window.devicePixelRatio || 1
    const width = Math.round(scene.view.w * ratio)
    const height = Math.round(scene.view.h * ratio)
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, width, height)
    if (shown) paintScene(context, ratio, scene, boxes)
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
      <canvas ref={canvas} hidden style={{ width: `${size().w}px`, height: `${size().h}px` }} />
    </div>
  )
}
