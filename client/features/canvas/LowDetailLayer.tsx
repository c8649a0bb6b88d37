import { type Component, createEffect, createMemo, onCleanup } from 'solid-js'
import type { Rendering } from './createRendering.ts'
import type { Editor } from './editor/editor.ts'
import type { BoxSnapshot } from './editor/model.ts'
import {
  boundsOf,
  type Camera,
  contains,
  drawnCamera,
  intersection,
  intersects,
  type Point,
  type Rect,
  sameRect,
  visibleWorld,
} from './geometry.ts'
import { clientKind } from './kinds/index.ts'
import type { PaintContext } from './kinds/registry.ts'

/**
 * Far out, the canvas is painted this share of the board beyond the view on each side, so that
 * a pan only moves it (on the compositor) until the view reaches its edge.
 */
const MARGIN = 1 / 8
/** During a zoom gesture, the painting is scaled up to this factor either way, then painted again. */
const MAX_STRETCH = 1.25
/** Screen pixels left clear around a kept element: its selection ring and focus outline. */
const RING_PX = 8
/**
 * While boxes are being created, the tiles where they are are painted again (to leave them
 * clear) once this many more of those on screen are elements (about a fourth of a view at
 * ~50 %), not at each step (a few boxes a frame): each tile is a bitmap to allocate, copy and
 * blend, and a step's boxes are often on several.
 */
export const REVEAL_AT_ONCE = 24
/**
 * Device pixels on a side of a tile: the painting is cut into tiles, each its own bitmap (a
 * `<canvas>` of its own) under a mebibyte. Chromium maps a bitmap of a mebibyte or more
 * afresh at each painting, every 4 KB page of it faulted in as it is first painted: ~3 ms per
 * million pixels, most of a board-sized painting's cost; smaller ones reuse memory. And only
 * the tiles where boxes became elements are painted again to uncover them.
 */
export const TILE_PX = 448

export interface Scene {
  camera: Camera
  view: { w: number; h: number }
  boxes: readonly BoxSnapshot[]
  /** Where the boxes are, all of them (nothing is painted beyond). */
  bounds: Rect | null
  lines: ReadonlyArray<{ from: Point; to: Point }>
  /** Boxes that are elements already: not painted, left clear in their place among the others. */
  skip: ReadonlySet<string>
  /**
   * Where the kept elements are drawn (focus, selection, editing, a drag): left clear, ring
   * included, over everything painted, so that they show over it wherever they are dragged.
   */
  kept: readonly Rect[]
  /** Far out (or zooming over a crowded view): every box not an element is painted. */
  low: boolean
  /** Some boxes near the view are still to be created: painted meanwhile. */
  waiting: boolean
  zooming: boolean
}

/** What the canvas holds: the scene it was painted from, and the part of the world it covers. */
export interface Painting {
  scene: Scene
  /** The part of the world it stands for: far out, the view and a margin around it; else the view. */
  area: Rect
  /**
   * What its bitmap holds: the part of `area` where there are boxes, in whole screen pixels
   * (from the board's corner, at the scene's camera); null if there are none. Far out, the
   * whole canvas is often a fraction of the view: every pixel of the bitmap is allocated,
   * painted, copied and blended.
   */
  pixels: Rect | null
}

/** A tile of a painting's bitmap, in device pixels from the bitmap's corner. */
export interface Tile {
  x: number
  y: number
  w: number
  h: number
}

/** The tiles that cut `pixels` (a painting's bitmap, in screen pixels) at `ratio`. */
export const tilesOf = (pixels: Rect, ratio: number): Tile[] => {
  const w = Math.round(pixels.w * ratio)
  const h = Math.round(pixels.h * ratio)
  const tiles: Tile[] = []
  for (let y = 0; y < h; y += TILE_PX) {
    for (let x = 0; x < w; x += TILE_PX) {
      tiles.push({ x, y, w: Math.min(TILE_PX, w - x), h: Math.min(TILE_PX, h - y) })
    }
  }
  return tiles
}

/** Screen pixels painted beyond the boxes' edges (a frame's outline straddles its edge). */
const EDGE_PX = 2

/** The part of the world `tile` of `painting` shows, with what is painted over its edges. */
export const tileWorld = (painting: Painting, tile: Tile, ratio: number): Rect => {
  const { camera } = painting.scene
  const edge = EDGE_PX / camera.scale
  const s = ratio * camera.scale
  return {
    x: (tile.x + ratio * ((painting.pixels?.x ?? 0) - camera.x)) / s - edge,
    y: (tile.y + ratio * ((painting.pixels?.y ?? 0) - camera.y)) / s - edge,
    w: tile.w / s + 2 * edge,
    h: tile.h / s + 2 * edge,
  }
}

/** The lines painted while the connectors are elements: the same at every change. */
const NO_LINES: Scene['lines'] = []

/** Whether `line` may cross `area` (its span does). */
const crosses = (area: Rect, line: { from: Point; to: Point }): boolean =>
  intersects(area, {
    x: Math.min(line.from.x, line.to.x),
    y: Math.min(line.from.y, line.to.y),
    w: Math.abs(line.to.x - line.from.x) || 1,
    h: Math.abs(line.to.y - line.from.y) || 1,
  })

/**
 * Paints `boxes` (those of `painting` in its area, or in `tile` of it, in their order) and
 * its lines, on the bitmap of the whole painting or of that tile.
 */
export const paintScene = (
  context: PaintContext,
  ratio: number,
  painting: Painting,
  boxes: readonly BoxSnapshot[],
  tile?: Tile,
) => {
  const { scene, pixels } = painting
  const { camera } = scene
  context.setTransform(
    ratio * camera.scale,
    0,
    0,
    ratio * camera.scale,
    ratio * (camera.x - (pixels?.x ?? 0)) - (tile?.x ?? 0),
    ratio * (camera.y - (pixels?.y ?? 0)) - (tile?.y ?? 0),
  )
  const after: Array<() => void> = []
  const later = (paint: () => void) => after.push(paint)
  // In their order: a box painted over an element covers it, as it would as an element.
  for (const box of boxes) {
    if (scene.skip.has(box.id)) context.clearRect(box.x, box.y, box.w, box.h)
    else clientKind(box.kind).paint(context, box, camera.scale, later)
  }
  context.strokeStyle = '#3d434a'
  context.lineWidth = 2 / camera.scale
  context.beginPath()
  const area = tile && tileWorld(painting, tile, ratio)
  for (const line of scene.lines) {
    if (area && !crosses(area, line)) continue
    context.moveTo(line.from.x, line.from.y)
    context.lineTo(line.to.x, line.to.y)
  }
  context.stroke()
  // What kinds paint last (frame titles: far out they say where things are, so nothing covers them).
  for (const paint of after) paint()
  const ring = RING_PX / camera.scale
  for (const r of scene.kept)
    context.clearRect(r.x - ring, r.y - ring, r.w + 2 * ring, r.h + 2 * ring)
}

/** What painting `scene` covers: the view and a margin around it. */
export const paintingOf = (scene: Scene): Painting => {
  const { camera, view } = scene
  const margin = { x: Math.round(view.w * MARGIN), y: Math.round(view.h * MARGIN) }
  const area = {
    x: -(camera.x + margin.x) / camera.scale,
    y: -(camera.y + margin.y) / camera.scale,
    w: (view.w + 2 * margin.x) / camera.scale,
    h: (view.h + 2 * margin.y) / camera.scale,
  }
  const edge = EDGE_PX / camera.scale
  const { bounds } = scene
  const content =
    bounds &&
    intersection(area, {
      x: bounds.x - edge,
      y: bounds.y - edge,
      w: bounds.w + 2 * edge,
      h: bounds.h + 2 * edge,
    })
  if (!content) return { scene, area, pixels: null }
  const x = Math.floor(content.x * camera.scale + camera.x)
  const y = Math.floor(content.y * camera.scale + camera.y)
  const pixels = {
    x,
    y,
    w: Math.ceil((content.x + content.w) * camera.scale + camera.x) - x,
    h: Math.ceil((content.y + content.h) * camera.scale + camera.y) - y,
  }
  return { scene, area, pixels }
}

/**
 * Whether the boxes on screen that became elements since `was` are to be uncovered: a dozen of
 * them, or the last of those on screen.
 */
const uncover = (was: Scene, now: Scene): boolean => {
  if (was.skip === now.skip) return false
  const visible = visibleWorld(now.camera, now.view)
  let revealed = 0
  let waiting = false
  for (const box of now.boxes) {
    if (!intersects(visible, box)) continue
    if (!now.skip.has(box.id)) waiting = true
    else if (!was.skip.has(box.id) && ++revealed >= REVEAL_AT_ONCE) return true
  }
  return revealed > 0 && !waiting
}

/**
 * Whether `painting`, moved and scaled, shows what `scene` does, but for which boxes are
 * elements: same content, what of it is in the view inside what was painted (so, once all of
 * it was painted, however far it pans), and the scale the same (or, during a zoom gesture,
 * within `MAX_STRETCH`).
 */
const fits = (painting: Painting | null, scene: Scene): painting is Painting => {
  if (!painting || !(scene.low || scene.waiting)) return false
  const was = painting.scene
  if (was.low !== scene.low || was.boxes !== scene.boxes || was.lines !== scene.lines) return false
  if (was.kept !== scene.kept) return false
  if (was.view.w !== scene.view.w || was.view.h !== scene.view.h) {
    return false
  }
  const stretch = scene.camera.scale / was.camera.scale
  if (stretch !== 1 && (!scene.zooming || stretch > MAX_STRETCH || stretch < 1 / MAX_STRETCH)) {
    return false
  }
  const shown = scene.bounds && intersection(visibleWorld(scene.camera, scene.view), scene.bounds)
  return !shown || contains(painting.area, shown)
}

/**
 * Whether `painting`, moved and scaled, still shows `scene` (`fits`). While boxes are being
 * created, it is painted again only once `REVEAL_AT_ONCE` more of those on screen are
 * elements, or the last of them is.
 */
export const stillShows = (painting: Painting | null, scene: Scene): painting is Painting =>
  fits(painting, scene) &&
  (scene.low ? painting.scene.skip === scene.skip : !uncover(painting.scene, scene))

/**
 * Whether `painting` shows `scene` once the tiles where boxes became elements (or stopped
 * being ones) are painted again: while boxes are created, at the scale it was painted at.
 */
export const retouches = (painting: Painting | null, scene: Scene): painting is Painting =>
  fits(painting, scene) && !scene.low && scene.camera.scale === painting.scene.camera.scale

/** A tile's `<canvas>`, the bitmap it shows, and where that is painted. */
interface Slot {
  canvas: HTMLCanvasElement
  shows: ImageBitmapRenderingContext
  surface: OffscreenCanvas | null
}

/**
 * Far out (or while boxes wait to become elements), every box and connector painted on
 * `<canvas>` tiles, at most once per frame: it costs nothing per item. Far out, a pan only
 * moves the painting and a zoom gesture scales it, until the view leaves what was painted:
 * each painting is a board-sized bitmap to hand to the compositor. While boxes are created,
 * only the tiles where some became elements are painted again. Tiles with nothing to show are
 * hidden: a blank one is still a layer the compositor blends at every frame.
 * It lies over the world (whose backdrop is opaque), clear where boxes are elements.
 */
export const LowDetailLayer: Component<{ editor: Editor; rendering: Rendering }> = (props) => {
  /** The tiles' layer: moved and scaled as one. */
  let sheet!: HTMLDivElement
  let frame = 0
  /** The scene to paint at the next frame. */
  let pending: Scene | null = null
  /** What the tiles show; null while they are blank (and hidden). */
  let painting: Painting | null = null
  /** The device pixel ratio `painting` was painted at, and its tiles. */
  let ratio = 1
  let tiles: Tile[] = []
  const slots: Slot[] = []

  /** Lays the painting over the board so that it matches `camera`. */
  const place = (camera: Camera) => {
    if (!painting) return
    const was = painting.scene.camera
    const stretch = camera.scale / was.scale
    const x = camera.x + ((painting.pixels?.x ?? 0) - was.x) * stretch
    const y = camera.y + ((painting.pixels?.y ?? 0) - was.y) * stretch
    // Moved by whole pixels, it is copied as it is rather than resampled at every frame.
    sheet.style.transform =
      stretch === 1
        ? `translate(${Math.round(x)}px, ${Math.round(y)}px)`
        : `translate(${x}px, ${y}px) scale(${stretch})`
  }
  /** The `index`th tile's canvas, made on first use; null where nothing can be painted. */
  const slot = (index: number): Slot | null => {
    const made = slots[index]
    if (made) return made
    const canvas = document.createElement('canvas')
    const shows = canvas.getContext?.('bitmaprenderer')
    if (!shows || typeof OffscreenCanvas === 'undefined') return null
    canvas.hidden = true
    sheet.append(canvas)
    const next = { canvas, shows, surface: null }
    slots.push(next)
    return next
  }
  /**
   * Paints `tile` of `painting` (`boxes`: those in its area, in their order) on its own
   * bitmap, painted on an `OffscreenCanvas` and handed over as an `ImageBitmap`: painted on a
   * 2D canvas, the bitmap was copied to the compositor again at every frame. Hidden if it has
   * nothing to show.
   */
  const paintTile = (target: Slot, tile: Tile, boxes: readonly BoxSnapshot[]) => {
    if (!painting) return
    const { scene } = painting
    const world = tileWorld(painting, tile, ratio)
    const inTile = boxes.filter((box) => intersects(world, box))
    const blank =
      !inTile.some((box) => !scene.skip.has(box.id)) &&
      !scene.lines.some((line) => crosses(world, line))
    target.canvas.hidden = blank
    if (blank) return
    const { canvas } = target
    if (target.surface?.width !== tile.w || target.surface.height !== tile.h) {
      target.surface = new OffscreenCanvas(tile.w, tile.h)
      canvas.width = tile.w
      canvas.height = tile.h
      canvas.style.width = `${tile.w / ratio}px`
      canvas.style.height = `${tile.h / ratio}px`
    }
    canvas.style.left = `${tile.x / ratio}px`
    canvas.style.top = `${tile.y / ratio}px`
    const context = target.surface.getContext('2d')
    if (!context) return
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, tile.w, tile.h)
    paintScene(context, ratio, painting, inTile, tile)
    target.shows.transferFromImageBitmap(target.surface.transferToImageBitmap())
  }
  const paint = (scene: Scene) => {
    const wanted = scene.low || scene.waiting
    if (!wanted && !painting) return
    if (!slot(0)) return
    const next = paintingOf(scene)
    const { area, pixels } = next
    const { camera, view } = scene
    const waiting = (box: BoxSnapshot) => !scene.skip.has(box.id)
    // The boxes still waiting to be elements are mostly around the view, not in it.
    const visible = visibleWorld(camera, view)
    const shown =
      wanted &&
      pixels !== null &&
      (scene.lines.length > 0 ||
        scene.boxes.some((box) => waiting(box) && intersects(visible, box)))
    painting = shown ? next : null
    sheet.hidden = !shown
    if (!painting || !pixels) return
    ratio = window.devicePixelRatio || 1
    tiles = tilesOf(pixels, ratio)
    const boxes = scene.boxes.filter((box) => intersects(area, box))
    for (const [index, tile] of tiles.entries()) {
      const target = slot(index)
      if (target) paintTile(target, tile, boxes)
    }
    for (const unused of slots.slice(tiles.length)) unused.canvas.hidden = true
    place(camera)
  }
  /**
   * Paints again the tiles of `painting` where boxes became elements since it was painted (or
   * stopped being ones): the rest still shows `scene`, at the camera it was painted at.
   */
  const retouch = (scene: Scene) => {
    if (!painting) return
    const was = painting.scene
    const changed = scene.boxes.filter((box) => was.skip.has(box.id) !== scene.skip.has(box.id))
    const next: Painting = { ...painting, scene: { ...scene, camera: was.camera } }
    painting = next
    const boxes = scene.boxes.filter((box) => intersects(next.area, box))
    for (const [index, tile] of tiles.entries()) {
      const target = slot(index)
      const world = tileWorld(next, tile, ratio)
      if (target && changed.some((box) => intersects(world, box))) {
        paintTile(target, tile, boxes)
      }
    }
    place(scene.camera)
  }
  const kept = createMemo(
    () =>
      [...props.rendering.kept()].flatMap((id) => {
        const rect = props.editor.rectOf(id)
        return rect ? [rect] : []
      }),
    [],
    { equals: (a, b) => a.length === b.length && a.every((r, i) => sameRect(r, b[i] ?? r)) },
  )
  const bounds = createMemo(() => boundsOf(props.rendering.boxes()))
  createEffect(() => {
    const { rendering, editor } = props
    const low = rendering.lowDetail()
    const skip = rendering.mounted()
    const scene: Scene = {
      camera: drawnCamera(editor.state.camera.get(), window.devicePixelRatio || 1),
      view: editor.state.size.get(),
      boxes: rendering.boxes(),
      bounds: bounds(),
      lines: low ? rendering.segments() : NO_LINES,
      skip,
      kept: kept(),
      low,
      waiting: rendering.wanted().length > skip.size,
      zooming: editor.state.zooming.get(),
    }
    // Moved at once, with the world; painted again at most once a frame, as the last change
    // left it (a frame's changes come from input, and from the boxes created in it).
    if (stillShows(painting, scene)) {
      pending = null
      place(scene.camera)
    } else {
      pending = scene
      frame ||= requestAnimationFrame(() => {
        frame = 0
        if (pending && retouches(painting, pending)) retouch(pending)
        else if (pending) paint(pending)
        pending = null
      })
    }
  })
  onCleanup(() => cancelAnimationFrame(frame))
  return (
    <div class="canvas-lod" aria-hidden="true">
      <div ref={sheet} class="canvas-lod__sheet" hidden />
    </div>
  )
}
