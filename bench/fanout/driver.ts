/**
 * The orchestrator's side of the load generators (generator.ts), shared by the benches that
 * drive them (run.ts, bench/abuse.ts): forking one, waiting for its answers, draining.
 */
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import { sleep } from '../../tests/helpers/yclient.ts'
import { ROOT, track } from '../lib/server.ts'
import type { FromGenerator, GeneratorResult, ToGenerator } from './generator.ts'
import { monoMs } from './proc.ts'

export const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })

export const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN)

/** A load generator process, killed with the bench. */
export class Generator {
  readonly child: ChildProcess
  private readonly waiting = new Map<string, Array<(message: FromGenerator) => void>>()
  failure: string | null = null

  constructor() {
    this.child = track(
      fork(path.join(import.meta.dirname, 'generator.ts'), [], {
        cwd: ROOT,
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    )
    this.child.on('message', (message: FromGenerator) => {
      if (message.type === 'error') this.failure = message.message
      const waiters = this.waiting.get(message.type)
      const next = waiters?.shift()
      next?.(message)
    })
  }

  send(message: ToGenerator): void {
    this.child.send(message)
  }

  next<T extends FromGenerator['type']>(
    type: T,
    ms: number,
  ): Promise<Extract<FromGenerator, { type: T }>> {
    return withTimeout(
      new Promise((resolve) => {
        const list = this.waiting.get(type) ?? []
        list.push(resolve as (message: FromGenerator) => void)
        this.waiting.set(type, list)
      }),
      ms,
      `generator ${type}`,
    )
  }

  /** What its clients received so far. */
  count(ms = 10_000): Promise<Extract<FromGenerator, { type: 'count' }>> {
    const reply = this.next('count', ms)
    this.send({ type: 'poll' })
    return reply
  }

  /** Closes its clients and returns what they received. */
  finish(ms = 30_000): Promise<GeneratorResult> {
    const reply = this.next('result', ms)
    this.send({ type: 'finish' })
    return reply
  }
}

/**
 * Waits until the generators' clients received `expected` deliveries in all, or `ms` passed:
 * how long it took (infinite if they never did).
 */
export const drain = async (
  generators: readonly Generator[],
  expected: number,
  ms: number,
): Promise<number> => {
  const started = monoMs()
  while (monoMs() - started < ms) {
    const counts = await Promise.all(generators.map((generator) => generator.count()))
    const delivered = counts.reduce((a, m) => a + m.delivered.reduce((x, y) => x + y, 0), 0)
    if (delivered >= expected) return monoMs() - started
    await sleep(50)
  }
  return Number.POSITIVE_INFINITY
}
