import { describe, expect, it } from 'vitest'
import { paintingOf, type Scene, stillShows } from '../../client/features/canvas/LowDetailLayer.tsx'

/** Far out (10 %) on a 1000 × 600 board: the painting reaches 125 and 75 px beyond the view. */
const scene = (changes: Partial<Scene> = {}): Scene => ({
  camera: { x: 0, y: 0, scale: 0.1 },
  view: { w: 1000, h: 600 },
  boxes: [],
  lines: [],
  skip: new Set(),
  low: true,
  zooming: false,
  ...changes,
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
    expect(stillShows(painting, { ...painted, view: { w: 1000, h: 500 } })).toBe(false)
  })

  it('is painted at every change while it only stands in for boxes still to be created', () => {
    const waiting = scene({ low: false })
    expect(paintingOf(waiting).margin).toEqual({ x: 0, y: 0 })
    expect(stillShows(paintingOf(waiting), waiting)).toBe(false)
  })
})
