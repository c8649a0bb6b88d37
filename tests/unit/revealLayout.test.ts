import { describe, expect, it } from 'vitest'
import { boxKind } from '../../shared/canvas/kinds/index.ts'
import type { BoxItem } from '../../shared/schema/canvasItems.ts'
import { layoutKept, layoutReveal, type RevealedNote } from '../../shared/schema/revealLayout.ts'
import { boxItem } from '../helpers/workshopDoc.ts'

const box = (id: string, fields: Partial<BoxItem>): BoxItem =>
  boxItem({ id, w: 160, h: 160, ...fields })

const frame = box('ideas', { kind: 'frame', x: 1000, y: 0, w: 560, h: 300, z: -1 })
const note = (kind: RevealedNote['kind'] = 'note'): RevealedNote => ({ kind })

const overlap = (a: BoxItem | { x: number; y: number; w: number; h: number }, b: typeof a) =>
  !(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y)

describe('the layout of an anonymous reveal', () => {
  it('takes nothing from the notes but their kind: not where they were, nor whose', () => {
    // Its input type has no place, size or author at all; the layout is the same every time.
    const existing = [frame, box('old', { x: 100, y: 100 })]
    expect(layoutReveal(existing, [note(), note('text'), note()])).toEqual(
      layoutReveal([...existing].reverse(), [note(), note('text'), note()]),
    )
  })

  it('fills the first frame in reading order, below what it holds, and grows it to fit', () => {
    const later = box('priorities', { kind: 'frame', x: 1600, y: 0, w: 560, h: 300, z: -2 })
    const inside = box('kept', { x: 1020, y: 40, w: 160, h: 160, frame: 'ideas' })
    const notes = Array.from({ length: 7 }, () => note())
    const { places, grows } = layoutReveal([later, frame, inside], notes)
    const [grow] = grows
    for (const place of places) {
      expect(place.x).toBeGreaterThanOrEqual(frame.x)
      expect(place.x + place.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(place.y).toBeGreaterThanOrEqual(inside.y + inside.h)
      expect({ w: place.w, h: place.h }).toEqual(boxKind('note').defaultSize)
    }
    expect(grow?.frameId).toBe('ideas')
    const height = grow?.h ?? frame.h
    expect(height).toBeGreaterThan(frame.h)
    for (const place of places) expect(place.y + place.h).toBeLessThanOrEqual(frame.y + height)
  })

  it('puts the notes below everything on a canvas without frames, none on another', () => {
    const existingBoxes = [box('old', { x: 100, y: 100 }), box('low', { x: 40, y: 500 })]
    const notes = [note(), note('text'), note(), note(), note()]
    const { places } = layoutReveal(existingBoxes, notes)
    for (const place of places) expect(place.y).toBeGreaterThanOrEqual(660)
    for (const a of places) for (const b of places) if (a !== b) expect(overlap(a, b)).toBe(false)
    for (const a of places) for (const b of existingBoxes) expect(overlap(a, b)).toBe(false)
  })
})

describe('the layout of a reveal that names its authors', () => {
  const inFrame = (id: string, x: number, y: number, fields: Partial<BoxItem> = {}) =>
    box(id, { x, y, frame: 'ideas', ...fields })

  it('keeps each note where it was written while that is free, and puts none on another', () => {
    // Two people's screens placed their notes at the same places of the frame (300 high:
    // three to a row); one wrote a fourth below it, where it grows to.
    const mine = [inFrame('a1', 1020, 40), inFrame('a2', 1200, 40)]
    const theirs = [
      inFrame('b1', 1020, 40),
      inFrame('b2', 1200, 40),
      inFrame('b3', 1380, 40),
      inFrame('b4', 1020, 220),
    ]
    const notes = [...mine, ...theirs]
    const { places, grows } = layoutKept([frame], notes)
    expect(places.slice(0, 2).map(({ x, y }) => [x, y])).toEqual([
      [1020, 40],
      [1200, 40],
    ])
    for (const [i, a] of places.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(frame.x + 20)
      expect(a.x + a.w).toBeLessThanOrEqual(frame.x + frame.w - 20)
      for (const b of places.slice(i + 1)) expect(overlap(a, b)).toBe(false)
    }
    const [grow] = grows
    expect(grow?.frameId).toBe('ideas')
    const lowest = Math.max(...places.map((place) => place.y + place.h))
    expect(frame.y + (grow?.h ?? 0)).toBeGreaterThanOrEqual(lowest + 20)
    expect((grow?.h ?? 0) % 20).toBe(0)
  })

  it('leaves a note in no frame where it was, or as near as is free', () => {
    const shared = [frame, box('there', { x: 0, y: 0 })]
    const { places, grows } = layoutKept(shared, [
      box('p', { x: 0, y: 600 }),
      box('q', { x: 0, y: 0 }),
    ])
    expect(places[0]).toMatchObject({ x: 0, y: 600 })
    expect(overlap(places[1] as BoxItem, shared[1] as BoxItem)).toBe(false)
    expect(Math.hypot(places[1]?.x ?? 0, places[1]?.y ?? 0)).toBeLessThanOrEqual(200)
    expect(grows).toEqual([])
  })
})
