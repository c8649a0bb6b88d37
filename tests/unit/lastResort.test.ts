import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { lastResort } from '../../server/lastResort.ts'
import { sleep } from '../helpers/yclient.ts'

/** A logger whose lines are kept, and an `exit` that records its codes. */
const setUp = (close: () => Promise<void>, deadlineMs = 50) => {
  const lines: { level: number; msg: string; origin?: string; err?: { message: string } }[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()))
      done()
    },
  })
  const codes: number[] = []
  let exited: (code: number) => void = () => {}
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve
  })
  const exit = (code: number) => {
    codes.push(code)
    exited(code)
  }
  const handle = lastResort(pino({ level: 'info' }, sink), close, { deadlineMs, exit })
  return { lines, codes, exitCode, handle }
}

describe('the last-resort handler', () => {
  it('logs the error at fatal, closes the app, then exits with 1', async () => {
    let closed = false
    const { lines, exitCode, handle } = setUp(async () => {
      closed = true
    })
    handle(new Error('boom'), 'uncaughtException')
    expect(await exitCode).toBe(1)
    expect(closed).toBe(true)
    expect(lines[0]).toMatchObject({
      level: 60,
      origin: 'uncaughtException',
      err: { message: 'boom' },
    })
  })

  it('exits with 1 after the deadline when closing hangs', async () => {
    const { lines, exitCode, handle } = setUp(() => new Promise(() => {}))
    const started = performance.now()
    handle(new Error('boom'), 'unhandledRejection')
    expect(await exitCode).toBe(1)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(lines.map((line) => line.msg)).toContain('flushing took too long: exiting without it')
  })

  it('closes once and exits once when more errors come while it flushes', async () => {
    let closes = 0
    const { lines, codes, exitCode, handle } = setUp(async () => {
      closes++
      throw new Error('storage gone')
    })
    handle(new Error('first'), 'uncaughtException')
    handle(new Error('second'), 'unhandledRejection')
    await exitCode
    await sleep(100) // past the deadline too
    expect(closes).toBe(1)
    expect(codes).toEqual([1])
    expect(lines.map((line) => line.msg)).toContain('flushing before the exit failed')
    expect(lines.filter((line) => line.level === 60).map((line) => line.err?.message)).toEqual([
      'first',
      'second',
    ])
  })
})
