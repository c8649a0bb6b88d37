// One file (over 500 lines): the soak's participants, attackers, chaos and report share one
// timeline and its counters.
import { rmSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { loadConfig } from '../../server/config.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { PARTNER_GROUPS } from '../../shared/groups.ts'
import { listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { type ServerProcess, spawnServer } from '../helpers/process.ts'
import { createWorkshop, register, tempDataDir } from '../helpers/server.ts'
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yclient.ts'
import { ATTACK_KINDS, type AttackKind, Attacks, Lurker, type Target } from './attacks.ts'
import { HonestClient } from './honest.ts'
import { ChaosProxy, type ChaosRates, type ProxyStats } from './proxy.ts'

/**
 * The chaos soak (issue 12, "the server never goes down"): the real server as its own process,
 * a workshop made from `atelier-libre`, honest clients reaching it through a proxy that stalls,
 * drops and cuts their connections, raw clients sending malformed and oversized frames and
 * awareness floods, a background tab that goes silent alone in another workshop (a facilitator
 * preparing the next session), and SIGSTOP/SIGCONT of the server.
 *
 * A server that exits during the chaos is a crash: its stderr is kept, it is restarted on the
 * same data directory (the honest clients are held off by the proxy meanwhile), and what it
 * acknowledged before dying is checked on disk; the chaos then goes on. At the end the chaos
 * stops, every participant waits until its status reads "saved", the server is stopped with
 * SIGTERM and started again, a fresh observer reads the workshop from disk (every update the
 * server acknowledged must be there), and the honest clients reconnect: each must then hold
 * exactly the reloaded document.
 *
 * Used by `npm run soak` (tests/soak/main.ts) and by the 30 s test in `npm test`.
 */

export interface SoakOptions {
  /** How long the chaos lasts. */
  seconds: number
  seed: number
  participants: number
  /** Honest clients with the observer link (the projector): they only read. */
  observers: number
  /** The kinds of attack made (all of them by default): one alone reproduces what it breaks. */
  attacks: readonly AttackKind[]
  /** Progress lines. */
  log: (line: string) => void
}

export const SOAK_DEFAULTS = { seed: 12, participants: 54, observers: 6, attacks: ATTACK_KINDS }

/**
 * The server's settings in the soak: a shorter heartbeat than the default 30 s, so that the
 * longer drops get connections dropped by the server within a short run; and no limit on
 * refused connections per address, since honest clients and attackers all come from
 * 127.0.0.1 here (that limit is tested in hardening.test.ts).
 */
const SERVER_ENV = { PING_INTERVAL_MS: '5000', MAX_REFUSALS_PER_IP: '1000000' }
const MAX_MESSAGE_BYTES = loadConfig({}).maxMessageBytes

const PROXY_CHAOS: ChaosRates = { faultsPerSecond: 3, stallMs: [200, 2000], dropMs: [1000, 12_000] }
/** Per participant: edits and cursor moves a second. */
const EDIT_HZ = 0.3
const CURSOR_HZ = 1.5
const ACTIVITY_TICK_MS = 100
const ATTACKS_PER_SECOND = 2
const MAX_ATTACKS_IN_FLIGHT = 4
/** Fresh 128 KB updates the attackers may store (every honest client receives each one). */
const BIG_UPDATE_BUDGET = 8
/** SIGSTOP every so often (ms), for so long (ms). */
const PAUSE_EVERY_MS: readonly [number, number] = [6000, 12_000]
const PAUSE_MS: readonly [number, number] = [300, 2500]
/** After this many crashes the chaos stops early: the report has enough to read. */
const MAX_CRASHES = 10
/** y-protocols drops an awareness state after 30 s without news, checking every 3 s. */
const AWARENESS_TIMEOUT_MS = 30_000 + 2 * 3000 + 2000
const CONNECT_MS = 30_000
const SETTLE_MS = 30_000
const STOP_MS = 15_000
const STDERR_TAIL = 8000

export interface Crash {
  /** Seconds since the soak started. */
  at: number
  /** Exit code or signal. */
  exit: string
  /** The end of what the process wrote to stderr (the uncaught exception, if any). */
  stderr: string
}

export interface SoakReport {
  seed: number
  seconds: number
  /** The whole run, start-up and checks included. */
  durationSeconds: number
  participants: number
  observers: number
  crashes: Crash[]
  /** Error-level lines the server logged: message, count, and the first one's stack. */
  serverErrors: string[]
  /** How the server ended on SIGTERM at the end: `exit 0` when it stopped cleanly. */
  finalStop: string
  pauses: number
  proxy: ProxyStats
  /**
   * Attacks made, the frames they sent, and how their connections ended: by kind of attack,
   * close code (or `open`: the server kept the connection; `unreachable`: it was down).
   */
  attacks: {
    count: number
    messages: number
    outcomes: Partial<Record<AttackKind, Record<string, number>>>
  }
  honestMessages: number
  /** How honest connections ended, by close code (`local`: the client closed it). */
  honestCloses: Record<string, number>
  updates: { made: number; acknowledged: number; found: number }
  /**
   * Acknowledged updates the restarted server did not have (or could not be read back from
   * it), with when it was checked: after a crash, or after the final restart.
   */
  lost: string[]
  /** Participants whose status did not read "saved" once the chaos stopped. */
  unsaved: string[]
  /** Honest clients that did not end with the reloaded document. */
  unconverged: string[]
  /** Canvas items in the reloaded document. */
  items: number
  /** Seconds after which the silent tab's presence was dropped, or why it was not. */
  lurker: string
  /**
   * Event-loop delay of the soak's own process during the chaos (ms): all honest clients share
   * it, and a long one delays their pongs as a frozen phone would.
   */
  clientLoopDelay: { p99: number; max: number }
}

/** Servers still running: killed if this process exits first (a test that timed out). */
const live = new Set<ServerProcess['child']>()
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

interface Running {
  process: ServerProcess
  stderr: string[]
}

const count = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1
}

const elapsed = (since: number) => Math.round((performance.now() - since) / 100) / 10

/** Checks every 100 ms until `check` holds (true) or `ms` have passed (false). */
const holds = async (check: () => boolean, ms: number): Promise<boolean> => {
  const deadline = performance.now() + ms
  for (;;) {
    if (check()) return true
    if (performance.now() >= deadline) return false
    await sleep(100)
  }
}

class Soak {
  /** One stream per source of randomness, so that each one's sequence depends on the seed only. */
  private readonly random: Record<
    'proxy' | 'attacks' | 'schedule' | 'activity' | 'pauses',
    prng.PRNG
  >
  private readonly dataDir = tempDataDir()
  private readonly proxy: ChaosProxy
  private readonly attacks: Attacks
  private server: Running | null = null
  /** The server stopped on purpose (its exit is no crash). */
  private stopping: Running | null = null
  private recovering: Promise<void> = Promise.resolve()
  private down = false
  private chaos = false
  private chaosStart = 0
  private readonly started = performance.now()
  private readonly honest: HonestClient[] = []
  private workshop: WorkshopLinks | null = null
  private lurker: Lurker | null = null
  private readonly inFlight = new Set<Promise<void>>()
  private readonly report: SoakReport

  constructor(private readonly options: SoakOptions) {
    // y-websocket's providers each listen to the process's 'exit'.
    process.setMaxListeners(options.participants + options.observers + 20)
    const stream = (n: number) => prng.create(options.seed * 100 + n)
    this.random = {
      proxy: stream(1),
      // The attacks' kinds and frames only: the k-th attack of a seed is always the same.
      attacks: stream(2),
      schedule: stream(3),
      activity: stream(4),
      pauses: stream(5),
    }
    this.proxy = new ChaosProxy(0, this.random.proxy)
    this.attacks = new Attacks(
      options.attacks,
      this.random.attacks,
      { maxMessageBytes: MAX_MESSAGE_BYTES },
      BIG_UPDATE_BUDGET,
    )
    this.report = {
      seed: options.seed,
      seconds: options.seconds,
      durationSeconds: 0,
      participants: options.participants,
      observers: options.observers,
      crashes: [],
      serverErrors: [],
      finalStop: 'not stopped',
      pauses: 0,
      proxy: this.proxy.stats,
      attacks: { count: 0, messages: 0, outcomes: {} },
      honestMessages: 0,
      honestCloses: {},
      updates: { made: 0, acknowledged: 0, found: 0 },
      lost: [],
      unsaved: [],
      unconverged: [],
      items: 0,
      lurker: 'not opened',
      clientLoopDelay: { p99: 0, max: 0 },
    }
  }

  async run(): Promise<SoakReport> {
    try {
      await this.setUp()
      await this.runChaos()
      await this.settle()
      await this.restartAndConverge()
    } finally {
      await this.tearDown()
    }
    return this.report
  }

  private get log() {
    return this.options.log
  }

  private get running(): Running {
    if (!this.server) throw new Error('soak: no server')
    return this.server
  }

  private target(token: string): Target {
    return { syncUrl: this.running.process.syncUrl, workshopId: this.links.id, token }
  }

  private get links(): WorkshopLinks {
    if (!this.workshop) throw new Error('soak: no workshop')
    return this.workshop
  }

  // ------------------------------------------------------------ server

  private async startServer(): Promise<Running> {
    const process = await spawnServer(this.dataDir, SERVER_ENV)
    const running: Running = { process, stderr: [] }
    live.add(process.child)
    process.child.stderr?.on('data', (chunk: Buffer) => {
      running.stderr.push(chunk.toString())
      while (running.stderr.length > 1 && running.stderr.join('').length > STDERR_TAIL)
        running.stderr.shift()
    })
    void process.exited.then((exit) => {
      live.delete(process.child)
      this.collectErrors(running)
      if (this.stopping === running) return
      this.report.crashes.push({
        at: elapsed(this.started),
        exit: String(exit),
        stderr: running.stderr.join('').slice(-STDERR_TAIL),
      })
      this.log(`server exited (${exit}): restarting it on the same data`)
      this.recovering = this.recover()
    })
    this.server = running
    this.proxy.targetPort = Number(new URL(process.url).port)
    return running
  }

  /** Error-level lines of the server's log, one per message (with its first stack) and count. */
  private collectErrors(running: Running): void {
    const seen = new Map<string, { stack: string; n: number }>()
    for (const line of running.process.logs) {
      if (!line.startsWith('{')) continue
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { stack?: string } }
      if ((entry.level ?? 0) < 50) continue
      const key = entry.msg ?? ''
      const known = seen.get(key) ?? { stack: entry.err?.stack ?? '', n: 0 }
      known.n++
      seen.set(key, known)
    }
    for (const [msg, { stack, n }] of seen)
      this.report.serverErrors.push(`${msg} (× ${n})${stack ? `\n${stack}` : ''}`)
  }

  /** After a crash: hold the honest clients off, restart, check what was acknowledged. */
  private async recover(): Promise<void> {
    const when = `after crash ${this.report.crashes.length}`
    this.down = true
    this.proxy.block()
    if (this.report.crashes.length >= MAX_CRASHES) this.chaos = false
    try {
      await this.startServer()
    } catch (error) {
      this.report.lost.push(`${when}: the server did not start again: ${(error as Error).message}`)
      this.chaos = false
      return
    }
    const reader = await this.readStored(when)
    reader?.destroy()
    this.proxy.unblock()
    this.down = false
  }

  /** SIGTERM, SIGKILL if it does not stop in time; says how it ended. */
  private async stopServer(running: Running): Promise<string> {
    this.stopping = running
    running.process.child.kill('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const result = await Promise.race([
      running.process.exited.then((exit) => `exit ${exit}`),
      new Promise<string>((resolve) => {
        timer = setTimeout(
          () => resolve(`still running ${STOP_MS / 1000} s after SIGTERM`),
          STOP_MS,
        )
      }),
    ])
    clearTimeout(timer)
    running.process.child.kill('SIGKILL')
    return result
  }

  /**
   * A fresh observer, straight to the server, reads the workshop: every update the server
   * acknowledged to an honest client must be in it. Returns it (synced), or null if the server
   * could not serve the workshop.
   */
  private async readStored(when: string): Promise<TestClient | null> {
    const { process } = this.running
    const reader = connectClient(process.syncUrl, this.links.id, this.links.tokens.observer)
    if (!(await holds(() => reader.provider.synced, CONNECT_MS))) {
      this.report.lost.push(`${when}: the restarted server did not serve the workshop`)
      reader.destroy()
      return null
    }
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc))
    for (const client of this.honest) {
      const missing = client.missingFrom(stored)
      if (missing.length === 0) continue
      const last = missing.at(-1)
      this.report.lost.push(
        `${when}: ${missing.length} acknowledged updates of ${client.name} missing (up to client ${last?.clientId} clock ${last?.clock}; the server has ${stored.get(last?.clientId ?? 0) ?? 0})`,
      )
    }
    return reader
  }

  // ------------------------------------------------------------ phases

  private async setUp(): Promise<void> {
    const proxyPort = await this.proxy.listen()
    const { process } = await this.startServer()
    this.log(`server started in ${elapsed(this.started)} s`)
    this.workshop = await createWorkshop(process.url, { title: 'Soak', template: 'atelier-libre' })
    const alone = await createWorkshop(process.url, { title: 'Seul', template: 'atelier-libre' })
    this.lurker = await Lurker.open(
      { syncUrl: process.syncUrl, workshopId: alone.id, token: alone.tokens.facilitator },
      this.random.schedule,
    )
    this.report.lurker = 'still there at the end'
    const proxied = `ws://127.0.0.1:${proxyPort}/sync`
    const registered = await Promise.all(
      Array.from({ length: this.options.participants }, () =>
        register(process.url, this.links.id, this.links.tokens.participant),
      ),
    )
    for (const [i, credentials] of registered.entries()) {
      const user = {
        id: credentials.participantId,
        name: `Personne ${i + 1}`,
        group: PARTNER_GROUPS[i % PARTNER_GROUPS.length] ?? 'other',
        role: 'participant' as const,
      }
      this.honest.push(
        new HonestClient(
          user.name,
          proxied,
          this.links.id,
          this.links.tokens.participant,
          { credentials, user },
          prng.create(this.options.seed * 1000 + i),
        ),
      )
    }
    for (let i = 0; i < this.options.observers; i++) {
      this.honest.push(
        new HonestClient(
          `Projecteur ${i + 1}`,
          proxied,
          this.links.id,
          this.links.tokens.observer,
          null,
          prng.create(this.options.seed * 1000 + this.options.participants + i),
        ),
      )
    }
    await waitFor(
      'every honest client to sync',
      () => this.honest.every((c) => c.ready()),
      CONNECT_MS,
    )
    this.log(
      `${this.honest.length} honest clients synced through the proxy in ${elapsed(this.started)} s`,
    )
  }

  private async runChaos(): Promise<void> {
    this.chaos = true
    this.chaosStart = performance.now()
    this.proxy.startChaos(PROXY_CHAOS)
    const activity = setInterval(() => {
      for (const client of this.honest) {
        if (
          client.writes &&
          prng.real53(this.random.activity) < (EDIT_HZ * ACTIVITY_TICK_MS) / 1000
        )
          client.edit()
        if (
          client.writes &&
          prng.real53(this.random.activity) < (CURSOR_HZ * ACTIVITY_TICK_MS) / 1000
        )
          client.moveCursor()
      }
    }, ACTIVITY_TICK_MS)
    const progress = setInterval(() => this.progress(), 5000)
    const end = this.chaosStart + this.options.seconds * 1000
    const pauses = this.pauses(end)
    const loopDelay = monitorEventLoopDelay({ resolution: 20 })
    loopDelay.enable()
    while (this.chaos && performance.now() < end) {
      await sleep(prng.real53(this.random.schedule) * (2000 / ATTACKS_PER_SECOND))
      if (!this.down && this.inFlight.size < MAX_ATTACKS_IN_FLIGHT) this.attack()
    }
    this.chaos = false
    loopDelay.disable()
    this.report.clientLoopDelay = {
      p99: Math.round(loopDelay.percentile(99) / 1e6),
      max: Math.round(loopDelay.max / 1e6),
    }
    clearInterval(activity)
    clearInterval(progress)
    this.proxy.heal()
    await pauses
    await Promise.all(this.inFlight)
    this.log(`chaos over after ${elapsed(this.chaosStart)} s`)
  }

  private attack(): void {
    const token = prng.real53(this.random.schedule) < 0.8 ? 'participant' : 'observer'
    const done = this.attacks.run(this.target(this.links.tokens[token])).then((attack) => {
      const { outcomes } = this.report.attacks
      const byCode = outcomes[attack.kind] ?? {}
      outcomes[attack.kind] = byCode
      count(byCode, String(attack.outcome))
      this.report.attacks.count++
      this.inFlight.delete(done)
    })
    this.inFlight.add(done)
  }

  /** SIGSTOP, then SIGCONT a moment later, every few seconds until `end`. */
  private async pauses(end: number): Promise<void> {
    for (;;) {
      const next = performance.now() + prng.uint32(this.random.pauses, ...PAUSE_EVERY_MS)
      while (this.chaos && performance.now() < Math.min(next, end)) await sleep(100)
      if (!this.chaos || performance.now() >= end) return
      if (this.down) continue
      const { child } = this.running.process
      this.report.pauses++
      child.kill('SIGSTOP')
      await sleep(prng.uint32(this.random.pauses, ...PAUSE_MS))
      child.kill('SIGCONT')
    }
  }

  private progress(): void {
    const synced = this.honest.filter((c) => c.synced).length
    const { cuts, stalls, drops } = this.proxy.stats
    this.log(
      `t=${Math.round(elapsed(this.chaosStart))} s: ${synced}/${this.honest.length} synced, ${cuts} cuts, ${stalls} stalls, ${drops} drops, ${this.report.attacks.count} attacks, ${this.report.pauses} pauses, ${this.report.crashes.length} crashes`,
    )
  }

  /** The silent tab's presence times out; every participant's status reads "saved". */
  private async settle(): Promise<void> {
    const lurker = this.lurker
    if (lurker?.open) {
      await holds(
        () => lurker.silentFor !== null,
        Math.max(0, lurker.since + AWARENESS_TIMEOUT_MS - performance.now()),
      )
      this.report.lurker =
        lurker.silentFor === null
          ? `presence still there after ${elapsed(lurker.since)} s of silence`
          : `presence dropped after ${lurker.silentFor} s of silence`
    } else if (lurker) {
      this.report.lurker = 'disconnected before its presence timed out (a crash?)'
    }
    await this.recovering
    const saved = (client: HonestClient) =>
      client.synced && client.tracker.snapshot().state === 'saved'
    await holds(() => this.honest.every(saved), SETTLE_MS)
    await this.recovering
    this.report.unsaved = this.honest.filter((c) => !saved(c)).map((c) => c.describe())
    this.log(`${this.honest.length - this.report.unsaved.length} honest clients saved`)
  }

  private async restartAndConverge(): Promise<void> {
    this.proxy.block()
    this.report.finalStop = await this.stopServer(this.running)
    this.log(`server stopped (${this.report.finalStop})`)
    for (const client of this.honest) {
      const { made, acknowledged } = client.counts
      this.report.updates.made += made
      this.report.updates.acknowledged += acknowledged
    }
    await this.startServer()
    const lostBefore = this.report.lost.length
    const reader = await this.readStored('after the final restart')
    if (!reader) return
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc))
    const missing = this.honest.reduce((n, c) => n + c.missingFrom(stored).length, 0)
    this.report.updates.found = this.report.updates.acknowledged - missing
    const canvasId = listCanvases(reader.doc)[0]?.id
    this.report.items = canvasId ? readCanvasContent(reader.doc, canvasId).items.length : 0
    this.log(
      `restarted: ${this.report.updates.found}/${this.report.updates.acknowledged} acknowledged updates found${this.report.lost.length > lostBefore ? ' (some lost!)' : ''}`,
    )
    this.proxy.unblock()
    const converged = (client: HonestClient, target: Y.Snapshot) =>
      client.synced && client.matches(target)
    await holds(() => {
      const target = Y.snapshot(reader.doc)
      return this.honest.every((client) => converged(client, target))
    }, SETTLE_MS)
    const target = Y.snapshot(reader.doc)
    this.report.unconverged = this.honest
      .filter((client) => !converged(client, target))
      .map((client) => client.describe())
    reader.destroy()
  }

  private async tearDown(): Promise<void> {
    this.chaos = false
    this.lurker?.close()
    for (const client of this.honest) {
      this.report.honestMessages += client.sent
      for (const [code, n] of client.closes)
        this.report.honestCloses[code] = (this.report.honestCloses[code] ?? 0) + n
      client.destroy()
    }
    await this.proxy.close()
    await this.recovering
    if (this.server && this.stopping !== this.server) await this.stopServer(this.server)
    this.report.attacks.messages = this.attacks.sent
    this.report.durationSeconds = elapsed(this.started)
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

export const runSoak = (options: SoakOptions): Promise<SoakReport> => new Soak(options).run()

/** What went wrong, one line (or block) each: empty when the server held. */
export const soakFailures = (report: SoakReport): string[] => [
  ...report.crashes.map(
    (crash) => `the server exited (${crash.exit}) ${crash.at} s into the soak:\n${crash.stderr}`,
  ),
  ...(report.finalStop === 'exit 0' ? [] : [`on SIGTERM at the end: ${report.finalStop}`]),
  ...report.lost.map((line) => `lost: ${line}`),
  ...report.unsaved.map((line) => `not saved once the chaos stopped: ${line}`),
  ...report.unconverged.map((line) => `not the reloaded document: ${line}`),
]

const byKey = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}: ${n}`)
    .join(', ') || 'none'

/** The figures of a run, as `npm run soak` prints them. */
export const formatReport = (report: SoakReport): string =>
  [
    `soak: seed ${report.seed}, ${report.seconds} s of chaos, ${report.durationSeconds} s in all`,
    `  honest clients: ${report.participants} participants, ${report.observers} observers; ${report.honestMessages} messages sent`,
    `  proxy: ${report.proxy.connections} connections, ${report.proxy.cuts} cut (${report.proxy.midFrameCuts} mid-frame), ${report.proxy.stalls} stalls, ${report.proxy.drops} drops, ${report.proxy.refused} refused while the server was down`,
    `  honest connections ended by: ${byKey(report.honestCloses)}`,
    `  attacks: ${report.attacks.count} (${report.attacks.messages} messages); how the server ended them, by kind and close code:`,
    ...Object.entries(report.attacks.outcomes).map(
      ([kind, outcomes]) => `    ${kind.padEnd(15)} ${byKey(outcomes)}`,
    ),
    `  server: ${report.pauses} SIGSTOP/SIGCONT, ${report.crashes.length} crashes, final SIGTERM: ${report.finalStop}`,
    `  updates: ${report.updates.made} made, ${report.updates.acknowledged} acknowledged, ${report.updates.found} found after the restart; ${report.items} canvas items`,
    `  silent tab: ${report.lurker}`,
    `  soak process event-loop delay: p99 ${report.clientLoopDelay.p99} ms, max ${report.clientLoopDelay.max} ms`,
    `  server errors logged: ${report.serverErrors.length === 0 ? 'none' : `\n${report.serverErrors.join('\n')}`}`,
  ].join('\n')
