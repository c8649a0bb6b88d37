import { describe, expect, it } from 'vitest'
import { boxKind } from '../../shared/canvas/kinds/index.ts'
import {
  type Placement,
  type PlacementRequest,
  placeNewItem,
} from '../../shared/canvas/placement.ts'
import { type BoxItem, GRID } from '../../shared/schema/canvasItems.ts'
import { boxItem } from '../helpers/workshopDoc.ts'

type Rect = { x: number; y: number; w: number; h: number }
const overlap = (a: Rect, b: Rect) =>
  !(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y)
const onGrid = (place: { x: number; y: number }) => place.x % GRID === 0 && place.y % GRID === 0
const view: Rect = { x: -640, y: -400, w: 1280, h: 800 }
const noteSize = boxKind('note').defaultSize

/** Adds `count` notes one after the other, as pressing N that many times does. */
const addNotes = (boxes: BoxItem[], count: number, request: Partial<PlacementRequest> = {}) => {
  const added: Array<BoxItem & { growFrame: Placement['growFrame'] }> = []
  for (let i = 0; i < count; i++) {
    const place = placeNewItem({ items: boxes, view, kind: 'note', ...request })
    const note = boxItem({ id: `n${i}`, ...noteSize, x: place.x, y: place.y, frame: place.frameId })
    boxes.push(note)
    added.push({ ...note, growFrame: place.growFrame })
  }
  return added
}

describe('where a new canvas item goes', () => {
  it('puts ten notes made in a row at the same view apart, near the view centre', () => {
    const added = addNotes([], 10)
    for (const [i, a] of added.entries()) {
      expect(onGrid(a)).toBe(true)
      for (const b of added.slice(i + 1)) expect(overlap(a, b)).toBe(false)
      // All in view, around its centre.
      expect(overlap(a, view)).toBe(true)
    }
    expect(added[0]).toMatchObject({ x: -80, y: -80 })
  })

  it('keeps clear of notes, texts and shapes but only of a frame’s title band', () => {
    const frame = boxItem({ id: 'f', kind: 'frame', x: -320, y: -240, w: 640, h: 480 })
    const boxes = [
      frame,
      boxItem({ id: 't', kind: 'text', x: -120, y: -30, w: 240, h: 60 }),
      boxItem({ id: 's', kind: 'shape', x: 140, y: -60, w: 160, h: 120 }),
    ]
    const place = placeNewItem({ items: boxes, view, kind: 'note' })
    const rect = { x: place.x, y: place.y, ...noteSize }
    for (const other of boxes.slice(1)) expect(overlap(rect, other)).toBe(false)
    // Inside the frame's body is free space; its title band (2 GRID high) is not.
    expect(overlap(rect, frame)).toBe(true)
    expect(overlap(rect, { x: frame.x, y: frame.y, w: frame.w, h: 2 * GRID })).toBe(false)
  })

  it('never puts a note across a frame’s border: between two columns, it lands in one of them', () => {
    // Two columns side by side, as a template lays them out, the view centred on the gap.
    const left = boxItem({ id: 'l', kind: 'frame', x: 0, y: 0, w: 560, h: 640, z: -1 })
    const right = boxItem({ id: 'r', kind: 'frame', x: 600, y: 0, w: 560, h: 640, z: -1 })
    const inside = (a: Rect, b: Rect) =>
      a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h
    const gap = { x: 580 - 640, y: 320 - 400, w: 1280, h: 800 }
    for (const request of [{ view: gap }, { view, at: { x: 580, y: 320 } }]) {
      const added = addNotes([left, right], 4, request)
      for (const note of added) {
        for (const frame of [left, right]) {
          expect(inside(note, frame) || !overlap(note, frame), `${note.x},${note.y}`).toBe(true)
        }
      }
    }
  })

  it('keeps a spot asked for (a double click) when it is free, else the nearest free one', () => {
    const at = { x: 300, y: 100 }
    expect(placeNewItem({ items: [], view, kind: 'note', at })).toMatchObject({
      x: 220,
      y: 20,
      frameId: null,
    })
    const taken = [boxItem({ id: 'a', ...noteSize, x: 220, y: 20 })]
    const moved = placeNewItem({ items: taken, view, kind: 'note', at })
    expect(overlap({ x: moved.x, y: moved.y, ...noteSize }, taken[0] as BoxItem)).toBe(false)
    // Nearest: right next to the taken note (its size plus one GRID of gap away).
    expect(Math.hypot(moved.x - 220, moved.y - 20)).toBeLessThanOrEqual(noteSize.w + GRID)
  })

  it('fills a frame in reading order, then says how it must grow to take one more', () => {
    const frame = boxItem({ id: 'f', kind: 'frame', x: 1000, y: 0, w: 560, h: 440, z: -1 })
    const boxes: BoxItem[] = [frame]
    const added = addNotes(boxes, 6, { frameId: 'f' })
    // Three to a row (20 + 3 × (160 + 20) = 560), two rows; below the title band.
    expect(added.map((n) => [n.x - frame.x, n.y - frame.y])).toEqual([
      [20, 40],
      [200, 40],
      [380, 40],
      [20, 220],
      [200, 220],
      [380, 220],
    ])
    for (const note of added) {
      expect(note.frame).toBe('f')
      expect(note.growFrame).toBeNull()
    }
    // Full: the next goes just below its content, and the frame must grow to hold it, as
    // moveItemToFrame grows it (content bottom + GRID, then the note, then GRID).
    const [next] = addNotes(boxes, 1, { frameId: 'f' })
    expect(next).toMatchObject({ x: frame.x + GRID, y: frame.y + 400, frame: 'f' })
    expect(next?.growFrame).toEqual({ h: 400 + 160 + GRID })
  })

  it('fills the gaps before what a frame holds before it grows it', () => {
    // As a template seeds its notes: one under the other, at the frame's left.
    const frame = boxItem({ id: 'f', kind: 'frame', x: 0, y: 0, w: 560, h: 640, z: -1 })
    const seeded = [40, 220, 400].map((y, i) =>
      boxItem({ id: `s${i}`, ...noteSize, x: 20, y, frame: 'f' }),
    )
    const boxes: BoxItem[] = [frame, ...seeded]
    const added = addNotes(boxes, 7, { frameId: 'f' })
    expect(added.map((n) => [n.x, n.y, n.growFrame])).toEqual([
      [200, 400, null],
      [380, 400, null],
      [200, 40, null],
      [380, 40, null],
      [200, 220, null],
      [380, 220, null],
      [20, 580, { h: 760 }],
    ])
  })

  it('grows a full frame by whole grid rows, in height only, and fills the grown row first', () => {
    // 450 high: off the grid by half a cell, so a growth to the grid's rows would show.
    const frame = boxItem({ id: 'f', kind: 'frame', x: 1000, y: 0, w: 560, h: 450, z: -1 })
    const boxes: BoxItem[] = [frame]
    addNotes(boxes, 6, { frameId: 'f' })
    for (let i = 0; i < 4; i++) {
      const [note] = addNotes(boxes, 1, { frameId: 'f' })
      if (!note) throw new Error('no note')
      if (note.growFrame) {
        const grown = note.growFrame.h - frame.h
        expect(grown).toBeGreaterThan(0)
        expect(grown % GRID).toBe(0)
        // Just enough: the note, then one gap, at most a grid row more.
        expect(frame.y + note.growFrame.h).toBeGreaterThanOrEqual(note.y + note.h + GRID)
        expect(frame.y + note.growFrame.h).toBeLessThanOrEqual(note.y + note.h + 2 * GRID)
        frame.h = note.growFrame.h
      }
      expect(note.x).toBeGreaterThanOrEqual(frame.x + GRID)
      expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w - GRID)
      expect(note.y + note.h).toBeLessThanOrEqual(frame.y + frame.h)
    }
    // One new row, then the next: three notes of the grown row before a second growth.
    expect(boxes.slice(7).map((n) => [n.x - frame.x, n.y - frame.y])).toEqual([
      [20, 400],
      [200, 400],
      [380, 400],
      [20, 580],
    ])
    expect(frame).toMatchObject({ x: 1000, y: 0, w: 560 })
  })

  it('grows a full frame past the frame below it, and puts nothing on that frame', () => {
    const top = boxItem({ id: 'top', kind: 'frame', x: 0, y: 0, w: 560, h: 260, z: -1 })
    const below = boxItem({ id: 'below', kind: 'frame', x: 0, y: 300, w: 1200, h: 400, z: -1 })
    const boxes: BoxItem[] = [top, below]
    addNotes(boxes, 3, { frameId: 'top' })
    const [next] = addNotes(boxes, 1, { frameId: 'top' })
    if (!next) throw new Error('no note')
    // Not in the frame below (its centre would make it that frame's), and clear of it.
    expect(overlap(next, { ...below, y: below.y - GRID, h: below.h + 2 * GRID })).toBe(false)
    expect(next.y).toBeGreaterThanOrEqual(below.y + below.h + GRID)
    expect(next.growFrame?.h).toBe(next.y + next.h + GRID)
  })

  it('places notes written in private into a full frame’s growth, one clear of the other', () => {
    // A private document has no frame: the frame never grows there, and the notes in it are in
    // no frame. Each goes where the frame would grow to hold it, none on another.
    const frame = boxItem({ id: 'f', kind: 'frame', x: 0, y: 0, w: 560, h: 260, z: -1 })
    const boxes: BoxItem[] = [frame]
    addNotes(boxes, 3, { frameId: 'f' })
    const mine: BoxItem[] = []
    for (let i = 0; i < 5; i++) {
      const place = placeNewItem({ items: boxes, view, kind: 'note', frameId: 'f' })
      expect(place.frameId).toBe('f')
      expect(place.growFrame).not.toBeNull()
      const note = boxItem({ id: `p${i}`, ...noteSize, x: place.x, y: place.y })
      for (const other of boxes.slice(1)) expect(overlap(note, other)).toBe(false)
      expect(note.x).toBeGreaterThanOrEqual(frame.x + GRID)
      expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w - GRID)
      boxes.push(note)
      mine.push(note)
    }
    // Three to a row below the frame's content, as if it had grown.
    expect(mine.map((n) => [n.x, n.y])).toEqual([
      [20, 220],
      [200, 220],
      [380, 220],
      [20, 400],
      [200, 400],
    ])
  })

  it('puts a box wider than a frame outside it, where no frame is asked for', () => {
    const frame = boxItem({ id: 'f', kind: 'frame', x: 0, y: 0, w: 160, h: 600, z: -1 })
    const place = placeNewItem({ items: [frame], view, kind: 'note', frameId: 'f' })
    expect(place).toEqual(placeNewItem({ items: [frame], view, kind: 'note' }))
  })

  it('goes after what a frame holds, not into a gap before it', () => {
    const frame = boxItem({ id: 'f', kind: 'frame', x: 0, y: 0, w: 560, h: 600, z: -1 })
    const held = boxItem({ id: 'a', ...noteSize, x: 200, y: 220, frame: 'f' })
    const place = placeNewItem({ items: [frame, held], view, kind: 'note', frameId: 'f' })
    expect(place).toMatchObject({ x: 380, y: 220, frameId: 'f', growFrame: null })
  })

  it('still finds a free place in a crowded view', () => {
    // The whole view (and well beyond) covered with notes, a GRID apart.
    const boxes: BoxItem[] = []
    for (let x = -1800; x < 1800; x += 180) {
      for (let y = -1200; y < 1200; y += 180) {
        boxes.push(boxItem({ id: `${x},${y}`, ...noteSize, x, y }))
      }
    }
    const place = placeNewItem({ items: boxes, view, kind: 'note' })
    const rect = { x: place.x, y: place.y, ...noteSize }
    expect(boxes.some((box) => overlap(rect, box))).toBe(false)
    expect(onGrid(place)).toBe(true)
  })

  it('does not depend on who asks: the same canvas and view give the same place', () => {
    const boxes = [boxItem({ id: 'x', ...noteSize, x: -80, y: -80, createdBy: 'amina' })]
    const request = { items: boxes, view, kind: 'note' } as const
    // The request has no field naming a person: only the canvas, the view, the kind, a frame.
    expect(placeNewItem(request)).toEqual(placeNewItem({ ...request, items: [...boxes] }))
    expect(placeNewItem.length).toBe(1)
  })

  it('is fast on a canvas of 2,000 items', () => {
    const boxes: BoxItem[] = []
    for (let i = 0; i < 2000; i++) {
      // A deterministic scatter over 8,000 × 8,000.
      const x = ((i * 7919) % 400) * 20 - 4000
      const y = ((i * 104_729) % 400) * 20 - 4000
      boxes.push(boxItem({ id: `b${i}`, ...noteSize, x, y }))
    }
    for (let i = 0; i < 20; i++) {
      const frame = boxItem({ id: `f${i}`, kind: 'frame', x: i * 700, y: 5000, w: 640, h: 480 })
      boxes.push(frame)
    }
    const calls = 200
    const start = performance.now()
    for (let i = 0; i < calls; i++) {
      placeNewItem({
        items: boxes,
        view: { ...view, x: view.x + i * 37, y: view.y - i * 23 },
        kind: 'note',
        ...(i % 4 === 0 ? { frameId: `f${i % 20}` } : {}),
      })
    }
    const perCall = (performance.now() - start) / calls
    console.log(`placement on 2,000 items: ${perCall.toFixed(3)} ms per call`)
  })
})
