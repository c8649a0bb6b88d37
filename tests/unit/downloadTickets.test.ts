import { afterEach, describe, expect, it } from 'vitest'
import { DownloadTickets } from '../../server/http/DownloadTickets.ts'
import { HttpError } from '../../server/lib/HttpError.ts'

const clock = () => {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

const refusal = (work: () => unknown) => {
  try {
    work()
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, headers: error.headers }
    throw error
  }
  throw new Error('not refused')
}

describe('download tickets (the store)', () => {
  const stores: DownloadTickets[] = []
  const store = (limits: { ttlMs: number; perLink: number; total: number }) => {
    const time = clock()
    const tickets = new DownloadTickets(limits, time.now)
    stores.push(tickets)
    return { tickets, time }
  }
  afterEach(() => {
    for (const tickets of stores.splice(0)) tickets.close()
  })

  it('holds at most `total` pending tickets across workshops, and frees them as they expire', () => {
    const { tickets, time } = store({ ttlMs: 10_000, perLink: 2, total: 3 })
    tickets.issue('a', 'tok-a', 'report')
    time.advance(4_000)
    tickets.issue('b', 'tok-b', 'report')
    tickets.issue('c', 'tok-c', 'export')
    expect(tickets.size).toBe(3)
    // Full: the next one waits until the oldest expires, in 6 s.
    expect(refusal(() => tickets.issue('d', 'tok-d', 'report'))).toEqual({
      status: 429,
      headers: { 'Retry-After': '6' },
    })
    time.advance(6_000)
    tickets.issue('d', 'tok-d', 'report')
    expect(tickets.size).toBe(3)
    time.advance(10_000)
    tickets.sweep()
    expect(tickets.size).toBe(0)
  })

  it('counts a used ticket until it expires: issuing and spending in a loop is bounded too', () => {
    const { tickets, time } = store({ ttlMs: 1_000, perLink: 2, total: 100 })
    for (let i = 0; i < 2; i++) {
      const { ticket } = tickets.issue('a', 'tok', 'decisions.md')
      expect(tickets.redeem(ticket, 'a', 'decisions.md')).toBe('tok')
    }
    expect(refusal(() => tickets.issue('a', 'tok', 'decisions.md')).status).toBe(429)
    tickets.issue('b', 'tok-b', 'decisions.md')
    time.advance(1_000)
    tickets.issue('a', 'tok', 'decisions.md')
  })

  it('sweeps on an unref’d timer, which stops on close', () => {
    const { tickets } = store({ ttlMs: 60_000, perLink: 2, total: 3 })
    expect(tickets.timer.hasRef()).toBe(false)
    tickets.close()
    tickets.close()
  })
})
