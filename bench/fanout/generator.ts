/**
 * Load generator process (forked by run.ts, IPC with advanced serialization). It opens its
 * share of the clients, reports when all are synced, runs the load between two instants of
 * the shared monotonic clock, and reports what its clients received.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { BenchClient, type ClientSpec, type Sink } from './client.ts'
import { monoMs } from './proc.ts'

export interface InitMessage {
  type: 'init'
  clients: ClientSpec[]
  seed: number
  rooms: number
  editHz: number
  cursorHz: number
}
export interface StartMessage {
  type: 'start'
  /** Shared monotonic clock (ms) at which load starts and stops. */
  at: number
  /** Edits sent before this instant are warm-up: relayed but not measured. */
  measureFrom: number
  until: number
}
export type ToGenerator = InitMessage | StartMessage | { type: 'poll' } | { type: 'finish' }

export interface GeneratorResult {
  type: 'result'
  latencies: Float64Array
  arrivals: Float64Array
  delivered: number[]
  duplicates: number
  awarenessEntries: number
  awarenessMessages: number
  /** Edits sent per room. */
  sent: number[]
  /** When each measured edit was sent (shared clock), all rooms. */
  editTimes: Float64Array
  cursorMoves: number
  cpuPercent: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  errors: string[]
}
export type FromGenerator =
  | { type: 'ready'; ms: number }
  | { type: 'stopped'; sent: number[] }
  | { type: 'count'; delivered: number[]; synced: number; errors: string[] }
  | GeneratorResult
  | { type: 'error'; message: string }

/** mulberry32: a small seeded PRNG, so every server sees the same cursor paths and phases. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const send = (message: FromGenerator): void => {
  process.send?.(message)
}

const sink: Sink = {
  latencies: new Float64Array(1 << 16),
  arrivals: new Float64Array(1 << 16),
  count: 0,
  delivered: [],
  duplicates: 0,
  awarenessEntries: 0,
  awarenessMessages: 0,
  errors: [],
}
let clients: BenchClient[] = []
let init: InitMessage | null = null
const timers: NodeJS.Timeout[] = []
let cursorMoves = 0
const editTimes: number[] = []
let stopped = false
let cpuAtStart = process.cpuUsage()
let wallAtStart = 0
let cpuPercent = 0
const loopDelay = monitorEventLoopDelay({ resolution: 5 })

const start = (message: StartMessage): void => {
  if (!init) return
  const { editHz, cursorHz, seed } = init
  const random = prng(seed ^ 0x5eed)
  /**
   * Calls `action` every `period` ms from `first` on, on the shared clock, without drift: a late
   * timer is caught up at once (up to 5 periods; more than that is skipped, not bunched).
   */
  const every = (first: number, period: number, action: () => void) => {
    let due = first
    const fire = () => {
      if (stopped) return
      action()
      due += period
      const now = monoMs()
      if (due < now - 5 * period) due = now
      timers.push(setTimeout(fire, Math.max(0, due - now)))
    }
    timers.push(setTimeout(fire, Math.max(0, due - monoMs())))
  }
  const measure = () => {
    cpuAtStart = process.cpuUsage()
    wallAtStart = monoMs()
    loopDelay.enable()
  }
  const begin = () => {
    for (const client of clients) {
      const offset = random()
      if (client.spec.editor !== null) {
        every(message.at + (offset * 1000) / editHz, 1000 / editHz, () => {
          const now = monoMs()
          const warmUp = now < message.measureFrom
          client.edit(warmUp)
          if (!warmUp) editTimes.push(now)
        })
      }
      if (client.spec.cursor && cursorHz > 0) {
        // A cursor wanders on a 2000 × 1200 canvas; its path depends on the seed only.
        const walk = prng(seed + client.spec.clientId)
        let x = walk() * 2000
        let y = walk() * 1200
        every(message.at + (offset * 1000) / cursorHz, 1000 / cursorHz, () => {
          x = Math.min(2000, Math.max(0, x + (walk() - 0.5) * 40))
          y = Math.min(1200, Math.max(0, y + (walk() - 0.5) * 40))
          client.moveCursor(Math.round(x), Math.round(y))
          cursorMoves++
        })
      }
    }
  }
  const stop = () => {
    stopped = true
    for (const timer of timers.splice(0)) clearTimeout(timer)
    const used = process.cpuUsage(cpuAtStart)
    cpuPercent = ((used.user + used.system) / 1000 / (monoMs() - wallAtStart)) * 100
    loopDelay.disable()
    const sent = new Array<number>(init?.rooms ?? 0).fill(0)
    for (const client of clients)
      sent[client.spec.room] = (sent[client.spec.room] ?? 0) + client.sent
    send({ type: 'stopped', sent })
  }
  setTimeout(begin, Math.max(0, message.at - monoMs()))
  setTimeout(measure, Math.max(0, message.measureFrom - monoMs()))
  setTimeout(stop, Math.max(0, message.until - monoMs()))
}

process.on('message', (message: ToGenerator) => {
  switch (message.type) {
    case 'init': {
      init = message
      sink.delivered = new Array<number>(message.rooms).fill(0)
      const started = monoMs()
      const random = prng(message.seed)
      clients = message.clients.map(
        (spec) => new BenchClient(spec, sink, { x: random() * 2000, y: random() * 1200 }),
      )
      Promise.all(clients.map((client) => client.whenSynced())).then(
        () => send({ type: 'ready', ms: monoMs() - started }),
        (error: unknown) => send({ type: 'error', message: String(error) }),
      )
      return
    }
    case 'start':
      start(message)
      return
    case 'poll':
      send({
        type: 'count',
        delivered: sink.delivered,
        synced: clients.filter((client) => client.synced).length,
        errors: sink.errors,
      })
      return
    case 'finish': {
      for (const client of clients) client.close()
      const sent = new Array<number>(init?.rooms ?? 0).fill(0)
      for (const client of clients)
        sent[client.spec.room] = (sent[client.spec.room] ?? 0) + client.sent
      const result: GeneratorResult = {
        type: 'result',
        latencies: sink.latencies.slice(0, sink.count),
        arrivals: sink.arrivals.slice(0, sink.count),
        delivered: sink.delivered,
        duplicates: sink.duplicates,
        awarenessEntries: sink.awarenessEntries,
        awarenessMessages: sink.awarenessMessages,
        sent,
        editTimes: Float64Array.from(editTimes),
        cursorMoves,
        cpuPercent,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        errors: sink.errors,
      }
      process.send?.(result, () => process.exit(0))
      return
    }
  }
})

// Never outlive the orchestrator.
process.on('disconnect', () => process.exit(0))
