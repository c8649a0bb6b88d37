import { describe, expect, it } from 'vitest'
import { type BoxItem, DEFAULT_SIZE } from '../../shared/schema/canvasItems.ts'
import { layoutReveal, type RevealedNote } from '../../shared/schema/revealLayout.ts'
import { boxItem } from '../helpers/workshopDoc.ts'

const box = (id: string, fields: Partial<BoxItem>): BoxItem =>
  boxItem({ id, w: 160, h: 160, ...fields })

const frame = box('ideas', { kind: 'frame', x: 1000, y: 0, w: 560, h: 300, z: -1 })
const note = (x: number, y: number, kind: RevealedNote['kind'] = 'note'): RevealedNote => ({
  kind,
  x,
  y,
  w: 200,
  h: 90,
})

const overlap = (a: BoxItem | { x: number; y: number; w: number; h: number }, b: typeof a) =>
  !(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y)

describe('the layout of an anonymous reveal', () => {
  it('depends only on which frame each note was in and the order given, not on where', () => {
    const existing = [frame, box('old', { x: 100, y: 100 })]
    const first = layoutReveal(existing, [note(1010, 40), note(1300, 200), note(50, 900)])
    const moved = layoutReveal(existing, [note(1400, 20), note(1100, 250), note(-300, 2000)])
    expect(moved).toEqual(first)
  })

  it('fills the frame a note was in, below what it holds, and grows it to fit', () => {
    const inside = box('kept', { x: 1020, y: 40, w: 160, h: 160, frame: 'ideas' })
    const notes = Array.from({ length: 7 }, (_, i) => note(1100 + i, 100))
    const { places, frameHeights } = layoutReveal([frame, inside], notes)
    for (const place of places) {
      expect(place.x).toBeGreaterThanOrEqual(frame.x)
      expect(place.x + place.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(place.y).toBeGreaterThanOrEqual(inside.y + inside.h)
      expect({ w: place.w, h: place.h }).toEqual(DEFAULT_SIZE.note)
    }
    const height = frameHeights.get('ideas') ?? frame.h
    expect(height).toBeGreaterThan(frame.h)
    for (const place of places) expect(place.y + place.h).toBeLessThanOrEqual(frame.y + height)
  })

  it('puts notes from outside any frame below everything, none on another', () => {
    const existing = [frame, box('old', { x: 100, y: 100 }), box('low', { x: 40, y: 500 })]
    const notes = [note(0, 0), note(0, 0, 'text'), note(0, 0), note(0, 0), note(0, 0)]
    const { places } = layoutReveal(existing, notes)
    for (const place of places) expect(place.y).toBeGreaterThanOrEqual(660)
    for (const a of places) for (const b of places) if (a !== b) expect(overlap(a, b)).toBe(false)
    for (const a of places) for (const b of existing) expect(overlap(a, b)).toBe(false)
  })
})
