import {
  type Accessor,
  type Component,
  createEffect,
  createMemo,
  onCleanup,
  untrack,
} from 'solid-js'
import { boundsOf, type Camera, type Point, type Rect, sameRect, visibleWorld } from './geometry.ts'
import { clientKind } from './kinds/index.ts'

export interface MinimapProps {
  boxes: Accessor<ReadonlyArray<Rect & { colour: string; kind: string }>>
  camera: Accessor<Camera>
  size: Accessor<{ w: number; h: number }>
  label: string
  onJump: (world: Point) => void
}

const WIDTH = 180
const HEIGHT = 120

/**
 * A small overview of the whole canvas with the viewport drawn on it; a click or tap there
 * centres the board on that point. Items are painted on a <canvas> when they change (never
 * while panning): only the viewport rectangle moves with the camera. Keyboard users have
 * "zoom to fit" and arrow-key panning for the same purpose.
 */
export const Minimap: Component<MinimapProps> = (props) => {
  let canvas!: HTMLCanvasElement
  // The map shows the content (or, on an empty canvas, the view): it does not depend on the
  // camera, so panning and zooming never repaint the items, only move the viewport frame.
  const world = createMemo(
    () => {
      const all =
        boundsOf(props.boxes()) ?? visibleWorld(untrack(props.camera), untrack(props.size))
      const pad = Math.max(all.w, all.h) * 0.08
      return { x: all.x - pad, y: all.y - pad, w: all.w + 2 * pad, h: all.h + 2 * pad }
    },
    undefined,
    { equals: sameRect },
  )
  const scale = () => Math.min(WIDTH / world().w, HEIGHT / world().h)
  const project = (r: Rect, s: number, origin: Rect) => ({
    x: (r.x - origin.x) * s,
    y: (r.y - origin.y) * s,
    w: Math.max(1, r.w * s),
    h: Math.max(1, r.h * s),
  })

  let frame = 0
  createEffect(() => {
    const boxes = props.boxes()
    const origin = world()
    const s = scale()
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => {
      const context = canvas.getContext?.('2d')
      if (!context) return
      context.clearRect(0, 0, WIDTH, HEIGHT)
      for (const box of boxes) {
        const r = project(box, s, origin)
        const { fill, stroke } = clientKind(box.kind).minimap
        context.fillStyle = fill(box.colour)
        context.fillRect(r.x, r.y, r.w, r.h)
        if (stroke) {
          context.strokeStyle = stroke
          context.strokeRect(r.x, r.y, r.w, r.h)
        }
      }
    })
  })
  onCleanup(() => cancelAnimationFrame(frame))

  const viewport = () => project(visibleWorld(props.camera(), props.size()), scale(), world())

  const jump = (event: PointerEvent) => {
    event.preventDefault()
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect()
    const origin = world()
    const s = scale()
    // The minimap may be drawn smaller than its pixels (phones): measure its shown size.
    const ratio = rect.width > 0 ? WIDTH / rect.width : 1
    props.onJump({
      x: origin.x + ((event.clientX - rect.left) * ratio) / s,
      y: origin.y + ((event.clientY - rect.top) * ratio) / s,
    })
  }

  return (
    <div class="canvas-minimap" title={props.label} aria-hidden="true" onPointerDown={jump}>
      <canvas ref={canvas} width={WIDTH} height={HEIGHT} />
      <div
        class="canvas-minimap__view"
        style={{
          transform: `translate(${viewport().x}px, ${viewport().y}px)`,
          width: `${viewport().w}px`,
          height: `${viewport().h}px`,
        }}
      />
    </div>
  )
}
