import { render } from '@solidjs/testing-library'
import { createComponent, createSignal } from 'solid-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Rendering } from '../../client/features/canvas/createRendering.ts'
import type { Editor } from '../../client/features/canvas/editor/editor.ts'
import type { BoxSnapshot } from '../../client/features/canvas/editor/model.ts'
import {
  LowDetailLayer,
  paintingOf,
  paintScene,
  REVEAL_AT_ONCE,
  type Scene,
  stillShows,
  TILE_PX,
} from '../../client/features/canvas/LowDetailLayer.tsx'

/**
 * Far out (10 %) on a 1000 × 600 board, boxes all around: the painting reaches 125 and 75 px
 * beyond the view.
 */
const scene = (changes: Partial<Scene> = {}): Scene => ({
  camera: { x: 0, y: 0, scale: 0.1 },
  view: { w: 1000, h: 600 },
  boxes: [],
  bounds: { x: -50_000, y: -50_000, w: 100_000, h: 100_000 },
  lines: [],
  skip: new Set(),
  kept: [],
  low: true,
  waiting: false,
  zooming: false,
  ...changes,
})

const box = (id: string, kind: BoxSnapshot['kind'], x: number, y: number): BoxSnapshot => ({
  id,
  kind,
  x,
  y,
  w: kind === 'frame' ? 1000 : 160,
  h: kind === 'frame' ? 800 : 160,
  colour: '#e8a33d',
  text: id,
  frame: null,
})

describe('the far-out painting', () => {
  const painted = scene()
  const painting = paintingOf(painted)

  it('is moved, not painted again, while a pan stays within what was painted', () => {
    expect(stillShows(painting, { ...painted, camera: { x: 120, y: -70, scale: 0.1 } })).toBe(true)
    expect(stillShows(painting, { ...painted, camera: { x: 130, y: 0, scale: 0.1 } })).toBe(false)
    expect(stillShows(painting, { ...painted, camera: { x: 0, y: -80, scale: 0.1 } })).toBe(false)
  })

  it('is scaled during a zoom gesture, and painted again at the new scale once it settles', () => {
    const zoomedOut = { x: 50, y: 30, scale: 0.09 }
    expect(stillShows(painting, { ...painted, camera: zoomedOut, zooming: true })).toBe(true)
    expect(stillShows(painting, { ...painted, camera: zoomedOut })).toBe(false)
    const farther = { x: 150, y: 90, scale: 0.07 }
    expect(stillShows(painting, { ...painted, camera: farther, zooming: true })).toBe(false)
  })

  it('is painted again when what it shows changes', () => {
    expect(stillShows(painting, { ...painted, boxes: [] })).toBe(false)
    expect(stillShows(painting, { ...painted, lines: [] })).toBe(false)
    expect(stillShows(painting, { ...painted, skip: new Set(['a']) })).toBe(false)
    expect(stillShows(painting, { ...painted, kept: [{ x: 0, y: 0, w: 10, h: 10 }] })).toBe(false)
    expect(stillShows(painting, { ...painted, view: { w: 1000, h: 500 } })).toBe(false)
  })

  it('stands in for boxes still to be created, painted again each score of them on screen', () => {
    const notes = Array.from({ length: 40 }, (_, i) =>
      box(`n${i}`, 'note', (i % 20) * 200, Math.floor(i / 20) * 200),
    )
    const ids = (count: number) => new Set(notes.slice(0, count).map((note) => note.id))
    const waiting = scene({ low: false, waiting: true, boxes: notes, skip: ids(2) })
    const painting = paintingOf(waiting)
    expect(stillShows(painting, { ...waiting, camera: { x: 120, y: -70, scale: 0.1 } })).toBe(true)
    expect(stillShows(painting, { ...waiting, skip: ids(1 + REVEAL_AT_ONCE) })).toBe(true)
    expect(stillShows(painting, { ...waiting, skip: ids(2 + REVEAL_AT_ONCE) })).toBe(false)
    // The last ones on screen, boxes still waiting around the view: uncovered at once.
    const around = [...notes, box('far', 'note', 20_000, 0)]
    const before = paintingOf({ ...waiting, boxes: around, skip: ids(35) })
    expect(stillShows(before, { ...waiting, boxes: around, skip: ids(39) })).toBe(true)
    expect(stillShows(before, { ...waiting, boxes: around, skip: ids(40) })).toBe(false)
    // All of them elements: the painting goes.
    expect(stillShows(painting, { ...waiting, skip: ids(40), waiting: false })).toBe(false)
  })

  it('holds only the part with boxes (frames’ outlines included), and then pans however far', () => {
    const few = scene({ bounds: { x: 1000, y: 1000, w: 2000, h: 1000 } })
    const painting = paintingOf(few)
    expect(painting.pixels).toEqual({ x: 98, y: 98, w: 204, h: 104 })
    expect(stillShows(painting, { ...few, camera: { x: -250, y: 300, scale: 0.1 } })).toBe(true)
    // Boxes in the view beyond what was painted: painted again.
    const wide = scene({ bounds: { x: 1000, y: 1000, w: 20_000, h: 1000 } })
    expect(stillShows(paintingOf(wide), { ...wide, camera: { x: -350, y: 0, scale: 0.1 } })).toBe(
      false,
    )
  })
})

/** What was drawn and cleared, in order, in canvas units: `fill x,y` and `clear x,y,w,h`. */
const drawn = (scene: Scene): string[] => {
  const ops: string[] = []
  const context = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (name === 'measureText') return () => ({ width: 10 })
        if (name === 'fillRect') return (x: number, y: number) => ops.push(`fill ${x},${y}`)
        if (name === 'clearRect') {
          return (...r: number[]) => ops.push(`clear ${r.map((v) => Math.round(v)).join(',')}`)
        }
        return () => {}
      },
      set: () => true,
    },
  ) as CanvasRenderingContext2D
  paintScene(context, 1, paintingOf(scene), scene.boxes)
  return ops
}

describe('the painting over the world', () => {
  // A frame still waiting to be an element, a note that is one already, a note over it waiting.
  const frame = box('frame', 'frame', 0, 0)
  const under = box('under', 'note', 100, 100)
  const over = box('over', 'note', 200, 200)
  const boxes = [frame, under, over]

  it('is clear where a box is an element, under what is painted over it', () => {
    const ops = drawn(scene({ boxes, skip: new Set(['under']), low: false }))
    const cleared = ops.indexOf('clear 100,100,160,160')
    expect(ops.indexOf('fill 0,0')).toBeLessThan(cleared)
    expect(ops.indexOf('fill 200,200')).toBeGreaterThan(cleared)
  })

  it('is clear, last, where a chosen box is drawn, its ring included, wherever it is dragged', () => {
    // Dragged to (400, 100): clear where it was (in its order), then where it is (8 px = 80 at 10 %).
    const kept = [{ x: 400, y: 100, w: 160, h: 160 }]
    const ops = drawn(scene({ boxes, skip: new Set(['under']), kept }))
    expect(ops).toContain('clear 100,100,160,160')
    expect(ops.at(-1)).toBe('clear 320,20,320,320')
  })
})

/**
 * What the layer reads of a 1000 × 600 board at `scale` while `notes` are created: the
 * camera and which of them are elements yet, to be set by the test.
 */
const board = (notes: BoxSnapshot[], scale: number) => {
  const [camera, setCamera] = createSignal({ x: 0, y: 0, scale })
  const [mounted, setMounted] = createSignal<ReadonlySet<string>>(new Set())
  const cell = <T>(get: () => T) => ({ get })
  const editor = {
    state: {
      camera: cell(camera),
      size: cell(() => ({ w: 1000, h: 600 })),
      zooming: cell(() => false),
    },
    rectOf: () => null,
  } as unknown as Editor
  const rendering = {
    lowDetail: () => false,
    mounted,
    wanted: () => notes.map((note) => note.id),
    kept: () => new Set<string>(),
    boxes: () => notes,
    segments: () => [],
  } as unknown as Rendering
  return { setCamera, setMounted, editor, rendering }
}

describe('the painting on the board', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('is painted while boxes are created at every frame of a pan', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const painted = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    const notes = Array.from({ length: 100 }, (_, i) => box(`n${i}`, 'note', (i % 10) * 200, 0))
    const { setCamera, setMounted, editor, rendering } = board(notes, 0.5)
    // As on the board: each frame, the mount queue creates a box first, then the wheel pans.
    const create = () => {
      setMounted((was) => new Set([...was, `n${was.size}`]))
      requestAnimationFrame(create)
    }
    requestAnimationFrame(create)
    render(() => createComponent(LowDetailLayer, { editor, rendering }))
    const pan = () => {
      setCamera((was) => ({ ...was, x: was.x - 10 }))
      requestAnimationFrame(pan)
    }
    requestAnimationFrame(pan)
    for (let frame = 0; frame < 10; frame++) vi.advanceTimersToNextFrame()
    expect(painted.mock.calls.some(([kind]) => kind === 'bitmaprenderer')).toBe(true)
  })

  it('is painted again only where boxes became elements, on bitmaps under a mebibyte', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    // Every bitmap handed to the compositor, by its size in device pixels.
    const bitmaps: number[] = []
    const context = new Proxy({}, { get: () => () => {}, set: () => true })
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          readonly width: number,
          readonly height: number,
        ) {}
        getContext = () => context
        transferToImageBitmap = () => {
          bitmaps.push(this.width * this.height)
          return {}
        }
      },
    )
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      transferFromImageBitmap: () => {},
    } as unknown as RenderingContext)
    // At 10 %: a row of notes across the view, and a block of a score and more in its corner.
    const row = Array.from({ length: 9 }, (_, i) => box(`r${i}`, 'note', i * 1100, 3000))
    const block = Array.from({ length: REVEAL_AT_ONCE + 1 }, (_, i) =>
      box(`b${i}`, 'note', (i % 5) * 200, Math.floor(i / 5) * 200),
    )
    const { setMounted, editor, rendering } = board([...block, ...row], 0.1)
    render(() => createComponent(LowDetailLayer, { editor, rendering }))
    vi.advanceTimersToNextFrame()
    const whole = bitmaps.reduce((sum, pixels) => sum + pixels, 0)
    expect(Math.max(...bitmaps)).toBeLessThan((1024 * 1024) / 4)
    // The block becomes elements: only its tile is painted again.
    bitmaps.length = 0
    setMounted(new Set(block.map((note) => note.id)))
    vi.advanceTimersToNextFrame()
    expect(bitmaps).toHaveLength(1)
    expect(bitmaps[0]).toBeLessThanOrEqual(TILE_PX * TILE_PX)
    expect(bitmaps[0]).toBeLessThan(whole / 2)
    vi.unstubAllGlobals()
  })
})
