import { createEffect, createRoot, createSignal } from 'solid-js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Rect } from '../../client/features/canvas/geometry.ts'
import {
  createMountQueue,
  MOUNT_AT_ONCE,
  MOUNT_BUDGET_MS,
  mountOrder,
} from '../../client/features/canvas/mountQueue.ts'

/** A row of boxes 200 apart; the view shows x 0–1000, so box 2 is at its middle. */
const VIEW: Rect = { x: 0, y: 0, w: 1000, h: 600 }
const boxes = (count: number) =>
  new Map(
    Array.from({ length: count }, (_, i) => [`b${i}`, { x: i * 200, y: 250, w: 100, h: 100 }]),
  )

/** Burns `ms` of script, as creating an element's DOM does. */
const spin = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // busy
  }
}

/**
 * A board's worth of the queue: `wanted` boxes, `kept` ones, and a view that "creates" each
 * new element in 0.5 ms; `frameCost` records the script each frame spent creating them.
 */
const setup = (count: number) => {
  const rects = boxes(count)
  const [wanted, setWanted] = createSignal<readonly string[]>([])
  const [kept, setKept] = createSignal<ReadonlySet<string>>(new Set())
  const [hold, setHold] = createSignal(false)
  const seen = new Set<string>()
  let mounted!: () => ReadonlySet<string>
  const dispose = createRoot((dispose) => {
    mounted = createMountQueue({
      wanted,
      kept,
      hold,
      view: () => VIEW,
      rectOf: (id) => rects.get(id),
    })
    createEffect(() => {
      for (const id of mounted()) {
        if (seen.has(id)) continue
        seen.add(id)
        spin(0.5)
      }
    })
    return dispose
  })
  return { rects, setWanted, setKept, setHold, mounted, dispose, all: [...rects.keys()] }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the boxes a board creates as elements', () => {
  it('orders boxes on screen before those around it, nearest the middle first', () => {
    const rects = boxes(8)
    const order = mountOrder(['b7', 'b0', 'b5', 'b2', 'b3'], VIEW, (id) => rects.get(id))
    // b2 and b3 sit either side of the middle, as far from it.
    expect(new Set(order.slice(0, 2))).toEqual(new Set(['b2', 'b3']))
    expect(order.slice(2)).toEqual(['b0', 'b5', 'b7'])
  })

  it("creates a patch's boxes together (each raster tile is drawn once, not once per box)", () => {
    // Two patches of the view as far from its middle, left and right, two boxes in each: by
    // distance alone they would alternate sides.
    const rects = new Map([
      ['left-in', { x: 300, y: 250, w: 10, h: 10 }],
      ['left-out', { x: 200, y: 250, w: 10, h: 10 }],
      ['right-in', { x: 690, y: 250, w: 10, h: 10 }],
      ['right-out', { x: 790, y: 250, w: 10, h: 10 }],
    ])
    const order = mountOrder([...rects.keys()], VIEW, (id) => rects.get(id))
    const side = order.map((id) => id.split('-')[0])
    expect(side[0]).toBe(side[1])
    expect(side[2]).toBe(side[3])
  })

  it('creates a handful of new boxes at once, in the change that wants them', () => {
    const board = setup(MOUNT_AT_ONCE)
    board.setWanted(board.all)
    expect([...board.mounted()].sort()).toEqual([...board.all].sort())
    board.dispose()
  })

  it('creates a view full of boxes over several frames, the middle of the view first', () => {
    const board = setup(60)
    board.setWanted(board.all)
    // Nothing in the change itself (a wheel event, the end of a zoom).
    expect(board.mounted().size).toBe(0)

    vi.advanceTimersToNextFrame()
    const first = board.mounted()
    expect(first.size).toBeGreaterThan(0)
    // About the frame's budget (each costs 0.5 ms; a render is sized by what the last ones
    // cost), never the whole lot (60 × 0.5 ms = 30 ms).
    expect(first.size).toBeLessThanOrEqual(MOUNT_BUDGET_MS / 0.5 + 4)
    const order = mountOrder(board.all, VIEW, (id) => board.rects.get(id))
    expect(new Set(order.slice(0, first.size))).toEqual(first)

    for (let frame = 0; frame < 60 && board.mounted().size < 60; frame++) {
      vi.advanceTimersToNextFrame()
    }
    expect(board.mounted().size).toBe(60)
    board.dispose()
  })

  it('creates the kept boxes (focus, selection) at once, however many are waiting', () => {
    const board = setup(60)
    board.setKept(new Set(['b59', 'b40']))
    board.setWanted(board.all)
    expect([...board.mounted()].sort()).toEqual(['b40', 'b59'])
    board.dispose()
  })

  it('drops at once the boxes no longer wanted, and stops creating them', () => {
    const board = setup(60)
    board.setWanted(board.all)
    vi.advanceTimersToNextFrame()
    board.setWanted(['b2', 'b3'])
    expect([...board.mounted()].sort()).toEqual(['b2', 'b3'])
    vi.advanceTimersToNextFrame()
    expect([...board.mounted()].sort()).toEqual(['b2', 'b3'])
    board.dispose()
  })

  it('creates no new box during a zoom gesture but the kept ones, and the rest after it', () => {
    const board = setup(60)
    board.setHold(true)
    board.setKept(new Set(['b40']))
    board.setWanted(['b0', 'b1', 'b40'])
    vi.advanceTimersToNextFrame()
    expect([...board.mounted()]).toEqual(['b40'])
    board.setHold(false)
    expect([...board.mounted()].sort()).toEqual(['b0', 'b1', 'b40'])
    board.dispose()
  })
})
