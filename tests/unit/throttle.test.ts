import { describe, expect, it } from 'vitest'
import { Throttle } from '../../server/lib/Throttle.ts'

const MINUTE = 60_000

const clock = () => {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('throttle', () => {
  it('allows a burst, then one per interval, saying how many seconds to wait', () => {
    const time = clock()
    const throttle = new Throttle({ perSecond: 60 / 3600, burst: 3, now: time.now })
    expect([1, 2, 3].map(() => throttle.take('a'))).toEqual([0, 0, 0])
    expect(throttle.take('a')).toBe(60)
    time.advance(MINUTE / 2)
    expect(throttle.take('a')).toBe(30)
    time.advance(MINUTE / 2)
    expect(throttle.take('a')).toBe(0)
    expect(throttle.take('a')).toBe(60)
  })

  it('saves up no more than the burst, and keeps each key to itself', () => {
    const time = clock()
    const throttle = new Throttle({ perSecond: 60 / 3600, burst: 2, now: time.now })
    expect([throttle.take('a'), throttle.take('a'), throttle.take('a')]).toEqual([0, 0, 60])
    expect(throttle.take('b')).toBe(0)
    time.advance(10 * 60 * MINUTE)
    expect([throttle.take('a'), throttle.take('a'), throttle.take('a')]).toEqual([0, 0, 60])
  })

  it('remembers at most maxKeys keys, forgetting the least recently used', () => {
    const throttle = new Throttle({ perSecond: 1 / 3600, burst: 1, maxKeys: 2, now: () => 0 })
    throttle.take('a')
    throttle.take('b')
    expect(throttle.take('a')).toBeGreaterThan(0) // a is now the most recently used
    throttle.take('c') // forgets b
    expect(throttle.take('a')).toBeGreaterThan(0)
    expect(throttle.take('b')).toBe(0)
  })

  it('charges what was already done past zero, and takes nothing until it is paid back', () => {
    const time = clock()
    const throttle = new Throttle({ perSecond: 10, burst: 20, now: time.now })
    throttle.charge('a', 50)
    expect(throttle.available('a')).toBe(-30)
    expect(throttle.take('a')).toBe(4)
    time.advance(3100)
    expect(throttle.take('a')).toBe(0)
    expect(throttle.available('b')).toBe(20)
  })
})
