/**
 * Abuse benchmark (issue 12): what one hostile participant does to a room of honest ones.
 *
 * Our server as its own process (bench/lib/server.ts, at nice −10 as in bench:fanout), one
 * workshop, 30 honest clients from a load generator (bench/fanout's protocol-level clients, as
 * Fabrique's browser on the wire: 5 editing at 5 Hz, all 30 moving their cursor at 10 Hz),
 * measured for `--seconds` without, then as long with one attacker (bench/lib/attacker.ts: a raw
 * ws client with the participant link sending MAX_MESSAGE_BYTES document updates and presence
 * states, queryAwareness and presence nested 20,000 deep, at MAX_MESSAGES_PER_SECOND,
 * reconnecting when closed).
 *
 * Figures for each phase: end-to-end latency of the honest edits (send → arrival at each of the
 * 29 other honest clients, on the shared monotonic clock; by send time) and how many arrived,
 * and the server's event-loop delay, measured indirectly: the round trip of GET /healthz polled
 * every 20 ms from this process (which does nothing else), so it also holds HTTP and the
 * network. Target: honest p99 with the attacker at most 2× without.
 *
 * Run: npm run bench:abuse [-- --seconds=20 --warmup=2 --drain=3 --seed=42
 *        --attacks=update,awareness,query,deep --server-nice=-10]
 */
import { fork } from 'node:child_process'
import path from 'node:path'
import { loadConfig } from '../server/config.ts'
import { createWorkshop } from '../tests/helpers/server.ts'
import { sleep } from '../tests/helpers/yclient.ts'
import type { ClientSpec } from './fanout/client.ts'
import { drain, Generator, percentile } from './fanout/driver.ts'
import { cpuSeconds, monoMs, peakRssMb, setNice } from './fanout/proc.ts'
import { ATTACKS, type Attack, type AttackReport, type StartAttack } from './lib/attacker.ts'
import { arg, deadline, ROOT, startServer, stopChild, tempDir, track } from './lib/server.ts'

const SECONDS = Number(arg('seconds', '20'))
const WARMUP_S = Number(arg('warmup', '2'))
const DRAIN_S = Number(arg('drain', '3'))
const SEED = Number(arg('seed', '42'))
const SERVER_NICE = Number(arg('server-nice', '-10'))
const ATTACK_KINDS = arg('attacks', ATTACKS.join(',')).split(',') as Attack[]
const CLIENTS = 30
const EDITORS = 5
const EDIT_HZ = 5
const CURSOR_HZ = 10
const HEALTH_EVERY_MS = 20
const HEALTH_TIMEOUT_MS = 10_000
const TIMELINE_MS = 2000
/** The target: honest p99 with the attacker at most this many times the p99 without. */
const TARGET_RATIO = 2

const defaults = loadConfig({})

for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error) => {
    console.error('abuse bench failed:', error)
    process.exit(1)
  })
}
deadline('abuse bench', 5)
for (const kind of ATTACK_KINDS) {
  if (!(ATTACKS as readonly string[]).includes(kind)) {
    console.error(`unknown attack ${kind}: choose among ${ATTACKS.join(', ')}`)
    process.exit(2)
  }
}

interface HealthSample {
  at: number
  rtt: number
}

/** GET /healthz every HEALTH_EVERY_MS from `from` to `until`; failed polls are counted apart. */
const pollHealth = async (
  url: string,
  from: number,
  until: number,
): Promise<{ samples: HealthSample[]; failed: HealthSample[] }> => {
  const samples: HealthSample[] = []
  const failed: HealthSample[] = []
  await sleep(Math.max(0, from - monoMs()))
  while (monoMs() < until) {
    const at = monoMs()
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
      await res.arrayBuffer()
      samples.push({ at, rtt: monoMs() - at })
    } catch {
      failed.push({ at, rtt: monoMs() - at })
    }
    await sleep(Math.max(0, at + HEALTH_EVERY_MS - monoMs()))
  }
  return { samples, failed }
}

interface Phase {
  name: string
  from: number
  until: number
}

/** The server's log lines of level warn and above in `output`, counted by message. */
const serverComplaints = (output: readonly string[]): string => {
  const counts = new Map<string, number>()
  for (const line of output.join('').split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string }
      if ((entry.level ?? 0) >= 40)
        counts.set(entry.msg ?? '', (counts.get(entry.msg ?? '') ?? 0) + 1)
    } catch {
      // a line cut by the output's ring buffer
    }
  }
  return [...counts].map(([msg, n]) => `${msg} × ${n}`).join('; ') || 'none'
}

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : value > 0 ? '∞' : 'n/a'

const sorted = (values: number[]) => Float64Array.from(values).sort()

const main = async () => {
  const server = await startServer(tempDir('fabrique-abuse-'))
  if (SERVER_NICE !== 0 && !setNice(server.pid, SERVER_NICE))
    console.warn(`could not set the server's nice value to ${SERVER_NICE}: equal priority`)
  const workshop = await createWorkshop(server.url, { title: 'Abus', template: 'atelier-libre' })
  const linkOf = (token: string) =>
    `${server.syncUrl}/${workshop.id}?token=${encodeURIComponent(token)}`
  // The honest clients' edits are entries of `documents`, which the facilitator adds (as in
  // the fan-out bench); the attacker has a participant's link.
  const url = linkOf(workshop.tokens.participant)
  const specs: ClientSpec[] = Array.from({ length: CLIENTS }, (_, index) => ({
    room: 0,
    index,
    url: linkOf(workshop.tokens.facilitator),
    docName: workshop.id,
    framing: 'y-websocket',
    clientId: index + 1,
    editor: index < EDITORS ? index : null,
    cursor: true,
    echoAwareness: false,
  }))
  const generator = new Generator()
  const attacker = track(
    fork(path.join(import.meta.dirname, 'lib/attacker.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  const attackReport = new Promise<AttackReport | null>((resolve) => {
    attacker.once('message', (message: AttackReport) => resolve(message))
    attacker.once('exit', () => resolve(null))
  })
  let crash: string | null = null
  server.child.once('exit', (code, signal) => {
    crash = `the server exited (${signal ?? code}):\n${server.output.join('').slice(-3000)}`
  })
  /** The server's CPU seconds so far and peak RSS, or NaN once it is gone. */
  const readServer = () => {
    try {
      return { cpu: cpuSeconds(server.pid), rss: peakRssMb(server.pid) }
    } catch {
      return { cpu: Number.NaN, rss: Number.NaN }
    }
  }
  try {
    generator.send({
      type: 'init',
      clients: specs,
      seed: SEED,
      rooms: 1,
      editHz: EDIT_HZ,
      cursorHz: CURSOR_HZ,
    })
    await generator.next('ready', 60_000)

    const at = monoMs() + 500
    const measureFrom = at + WARMUP_S * 1000
    const attackFrom = measureFrom + SECONDS * 1000
    const until = attackFrom + SECONDS * 1000
    const phases: Phase[] = [
      { name: 'without attacker', from: measureFrom, until: attackFrom },
      { name: 'with attacker', from: attackFrom, until },
    ]
    generator.send({ type: 'start', at, measureFrom, until })
    attacker.send({
      type: 'start',
      url,
      at: attackFrom,
      until,
      maxMessageBytes: defaults.maxMessageBytes,
      perSecond: defaults.maxMessagesPerSecond,
      attacks: ATTACK_KINDS,
    } satisfies StartAttack)
    // At each phase boundary: the server's CPU time and peak memory, if it still runs.
    const readings: Array<Promise<{ cpu: number; rss: number }>> = [measureFrom, attackFrom].map(
      (instant) => sleep(Math.max(0, instant - monoMs())).then(readServer),
    )
    // Waited for from now: an answer that comes when nobody waits is not kept.
    const stopped = generator.next('stopped', until - monoMs() + 30_000)
    const health = await pollHealth(server.url, measureFrom, until)
    const { sent } = await stopped
    // The attacker's CPU time (it runs only during the attack): it competes with the server.
    let attackerCpuAtEnd = Number.NaN
    try {
      attackerCpuAtEnd = cpuSeconds(attacker.pid ?? 0)
    } catch {
      // it has exited
    }
    readings.push(Promise.resolve(readServer()))
    const boundaries = await Promise.all(readings)
    await drain([generator], (sent[0] ?? 0) * (CLIENTS - 1), DRAIN_S * 1000)
    const result = await generator.finish()
    const attack = await attackReport
    const attackerCpu = attackerCpuAtEnd / SECONDS

    console.log(
      `abuse bench: ${CLIENTS} honest clients (${EDITORS} editing at ${EDIT_HZ} Hz, all moving their cursor at ${CURSOR_HZ} Hz), ${SECONDS} s without then ${SECONDS} s with one attacker (${ATTACK_KINDS.join(', ')}; ${defaults.maxMessagesPerSecond} frames/s of up to ${defaults.maxMessageBytes / 2 ** 20} MB); server at nice ${SERVER_NICE}; seed ${SEED}`,
    )
    console.log(
      '\nhonest: edit → other honest clients (ms; p99 counts an edit that never arrived as never)',
    )
    console.log(
      '/healthz: round trip every 20 ms from this process (ms): the server event-loop delay, indirectly',
    )
    console.log(
      '\nphase                honest p50    p99    max  delivered/expected   /healthz p50    p99     max  failed   server CPU %  peak RSS MB',
    )
    /** Latencies of the honest edits sent in [from, until), sorted. */
    const sentIn = (from: number, until: number) => {
      const latencies: number[] = []
      result.latencies.forEach((latency, i) => {
        const sentAt = (result.arrivals[i] ?? 0) - latency
        if (sentAt >= from && sentAt < until) latencies.push(latency)
      })
      return sorted(latencies)
    }
    const p99s: number[] = []
    phases.forEach((phase, k) => {
      const lat = sentIn(phase.from, phase.until)
      const inPhase = (s: HealthSample) => s.at >= phase.from && s.at < phase.until
      const rtt = sorted(health.samples.filter(inPhase).map((s) => s.rtt))
      const failed = health.failed.filter(inPhase).length
      const before = boundaries[k]
      const after = boundaries[k + 1]
      const cpu = before && after ? ((after.cpu - before.cpu) / SECONDS) * 100 : Number.NaN
      // Every edit sent in the phase is expected at the 29 other clients; one that never
      // arrived counts as infinitely late.
      const expected =
        result.editTimes.filter((sentAt) => sentAt >= phase.from && sentAt < phase.until).length *
        (CLIENTS - 1)
      const rank = Math.ceil(0.99 * expected)
      const p99 = rank <= lat.length ? (lat[rank - 1] ?? Number.NaN) : Number.POSITIVE_INFINITY
      p99s.push(p99)
      console.log(
        `${phase.name.padEnd(18)} ${fmt(percentile(lat, 0.5)).padStart(10)} ${fmt(p99).padStart(6)} ${fmt(lat[lat.length - 1] ?? Number.NaN).padStart(6)}  ${`${lat.length}/${expected}`.padStart(18)}   ${fmt(percentile(rtt, 0.5)).padStart(12)} ${fmt(percentile(rtt, 0.99)).padStart(6)} ${fmt(rtt[rtt.length - 1] ?? Number.NaN).padStart(7)} ${String(failed).padStart(7)}   ${fmt(cpu, 0).padStart(12)}  ${fmt(after?.rss ?? Number.NaN).padStart(11)}`,
      )
    })
    const buckets: string[] = []
    for (let from = measureFrom; from < until; from += TIMELINE_MS) {
      const lat = sentIn(from, from + TIMELINE_MS)
      buckets.push(`${fmt(percentile(lat, 0.99), 0)} (${lat.length})`)
    }
    console.log(
      `\nhonest p99 of what arrived (and how many) by ${TIMELINE_MS / 1000} s of send time, the attacker in the last ${SECONDS / (TIMELINE_MS / 1000)}:\n  ${buckets.join(', ')}`,
    )
    if (attack) {
      const sent = Object.entries(attack.sent)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')
      const closes = Object.entries(attack.closes)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ')
      console.log(
        `\nattacker: ${sent || 'nothing'} (${fmt(attack.megabytes, 0)} MB, ${fmt(attack.megabytes / SECONDS, 0)} MB/s); ${attack.skipped} frames skipped (socket full); ${attack.connections} connections, closed by: ${closes || 'none'}; ${attack.failedConnects} failed attempts`,
      )
    } else {
      console.log('\nattacker: no report (it failed)')
    }
    console.log(
      `CPU: attacker ${fmt(attackerCpu * 100, 0)} % of a core during the attack; load generator ${fmt(result.cpuPercent, 0)} % over both phases, its event-loop delay p99 ${fmt(result.loopDelayP99Ms)} ms, max ${fmt(result.loopDelayMaxMs)} ms`,
    )
    console.log(
      `honest client errors: ${result.errors.length === 0 ? 'none' : `${result.errors.length}${result.errors.length >= 20 ? ' or more' : ''} (${result.errors.slice(0, 5).join('; ')})`}`,
    )
    console.log(`server warnings and errors (its last output): ${serverComplaints(server.output)}`)
    if (crash) console.log(`\n${crash}`)
    const [without = Number.NaN, withAttacker = Number.NaN] = p99s
    const ratio = withAttacker / without
    console.log(
      `\ntarget: honest p99 with the attacker ≤ ${TARGET_RATIO}× without → ${ratio <= TARGET_RATIO && !crash ? 'met' : 'NOT met'} (ratio ${fmt(ratio, 2)})`,
    )
  } finally {
    await stopChild(generator.child, 2000)
    await stopChild(attacker, 2000)
    await server.stop()
  }
}

await main()
