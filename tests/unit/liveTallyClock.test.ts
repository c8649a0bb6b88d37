import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LiveTallyClock } from '../../server/facilitation/LiveTallyClock.ts'

const silent = pino({ level: 'silent' })
const INTERVAL = 1000

const refTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

afterEach(() => {
  vi.useRealTimers()
})

describe('the live tally clock', () => {
  it('ticks on a fixed grid, whenever the ballot came, and only when something changed', async () => {
    vi.useFakeTimers({ now: 10_000 })
    const runs: number[] = []
    const clock = new LiveTallyClock(INTERVAL, silent, async () => {
      runs.push(Date.now())
      return true
    })
    await vi.advanceTimersByTimeAsync(234)
    clock.changed('w')
    clock.changed('w')
    await vi.advanceTimersByTimeAsync(INTERVAL)
    expect(runs).toEqual([11_000])
    // Nothing changed since: no more runs, and no timer left.
    await vi.advanceTimersByTimeAsync(5 * INTERVAL)
    expect(runs).toEqual([11_000])
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10)
    clock.changed('w')
    await vi.advanceTimersByTimeAsync(INTERVAL)
    expect(runs).toEqual([11_000, 17_000])
    clock.close()
  })

  it('stops when no vote is open, and keeps going through a failed run', async () => {
    vi.useFakeTimers({ now: 0 })
    const error = vi.fn()
    const log = { ...silent, error } as unknown as typeof silent
    let open = true
    let fail = true
    const run = vi.fn(async () => {
      if (fail) {
        fail = false
        throw new Error('room gone')
      }
      return open
    })
    const clock = new LiveTallyClock(INTERVAL, log, run)
    clock.changed('w')
    await vi.advanceTimersByTimeAsync(INTERVAL)
    expect(error).toHaveBeenCalledOnce()
    clock.changed('w')
    open = false
    await vi.advanceTimersByTimeAsync(INTERVAL)
    expect(run).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
    clock.close()
  })

  it('never keeps the process alive, and stops for good on close', async () => {
    const run = vi.fn(async () => true)
    const clock = new LiveTallyClock(50, silent, run)
    const before = refTimeouts()
    clock.changed('w')
    expect(refTimeouts()).toBe(before)
    clock.close()
    clock.changed('w')
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(run).not.toHaveBeenCalled()
  })
})
