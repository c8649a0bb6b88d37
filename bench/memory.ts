/**
 * Memory of our sync server: resident memory (VmRSS) per idle WebSocket connection and per
 * loaded room. The server runs as its own process; the connections are protocol-level
 * y-websocket clients (lib/idleClients.ts) in two other processes, so their memory is not
 * counted. Before each reading the server's heap is fully collected (through its inspector,
 * opened on loopback for this alone) and left to settle; a reading is the smallest of several
 * samples of /proc/<pid>/status.
 *
 * Phase 1, one workshop: 0 connections, 1 (which loads the room), then N idle connections to
 * that room (each synced, then idle). Per idle connection = (RSS at N − RSS at 1) / (N − 1).
 * Phase 2, a fresh server with M workshops: none loaded, then one connection to each.
 * Per loaded room = (RSS with M loaded − RSS with none) / M, less one idle connection.
 *
 * Target (PRODUCT.md): ≤ 16 KB per idle connection.
 * Run: npm run bench:memory [-- --connections=1000 --rooms=100 --template=atelier-libre]
 */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import { createWorkshop } from '../tests/helpers/server.ts'
import { sleep } from '../tests/helpers/yclient.ts'
import type { FromIdleClients, ToIdleClients } from './lib/idleClients.ts'
import { arg, type BenchServer, deadline, ROOT, startServer, tempDir, track } from './lib/server.ts'

const CONNECTIONS = Number(arg('connections', '1000'))
const ROOMS = Number(arg('rooms', '100'))
const TEMPLATE = arg('template', 'atelier-libre')
const TARGET_KB = 16

deadline('memory bench', 5)

// ---------------------------------------------------------------- the server and its inspector

/** Resident memory of `pid` in KB, now. */
const rssKb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1])
}

interface Inspector {
  call(method: string, params?: Record<string, unknown>): Promise<unknown>
  /** Full garbage collection in the main thread and in every worker thread (writer, compaction). */
  collectGarbage(): Promise<void>
  close(): void
}

/** A Chrome DevTools protocol session with the server (node --inspect=127.0.0.1:0). */
const inspect = async (server: BenchServer): Promise<Inspector> => {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output.join(''))?.[1]
  if (!url) throw new Error(`the server printed no inspector address: ${server.output.join('')}`)
  const ws = new WebSocket(url)
  await once(ws, 'open')
  const waiting = new Map<number, (result: unknown) => void>()
  const workers = new Set<string>()
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number
      result?: unknown
      method?: string
      params?: { sessionId?: string }
    }
    if (message.method === 'NodeWorker.attachedToWorker' && message.params?.sessionId) {
      workers.add(message.params.sessionId)
    }
    if (message.method === 'NodeWorker.detachedFromWorker' && message.params?.sessionId) {
      workers.delete(message.params.sessionId)
    }
    if (message.id === undefined) return
    waiting.get(message.id)?.(message.result)
    waiting.delete(message.id)
  })
  let next = 0
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++next
      waiting.set(id, resolve)
      ws.send(JSON.stringify({ id, method, params }))
    })
  // The server's worker threads are separate V8 heaps: attach to them to collect them too.
  await call('NodeWorker.enable', { waitForDebuggerOnStart: false })
  return {
    call,
    collectGarbage: async () => {
      await call('HeapProfiler.collectGarbage')
      for (const sessionId of workers) {
        await call('NodeWorker.sendMessageToWorker', {
          sessionId,
          message: JSON.stringify({ id: ++next, method: 'HeapProfiler.collectGarbage' }),
        })
      }
    },
    close: () => ws.close(),
  }
}

interface Reading {
  label: string
  connections: number
  rooms: number
  rssKb: number
  heapUsedKb: number
  /** Memory of C++ objects bound to JS objects, ArrayBuffers (socket and frame buffers) included. */
  externalKb: number
}

/** Full GC, a settle, then the smallest of 5 RSS samples and the heap figures. */
const read = async (
  server: BenchServer,
  inspector: Inspector,
  label: string,
  connections: number,
  rooms: number,
): Promise<Reading> => {
  await sleep(1500)
  await inspector.collectGarbage()
  await sleep(1000)
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    samples.push(rssKb(server.pid))
    await sleep(200)
  }
  const evaluated = (await inspector.call('Runtime.evaluate', {
    expression: 'JSON.stringify(process.memoryUsage())',
    returnByValue: true,
  })) as { result: { value: string } }
  const usage = JSON.parse(evaluated.result.value) as NodeJS.MemoryUsage
  const reading = {
    label,
    connections,
    rooms,
    rssKb: Math.min(...samples),
    heapUsedKb: usage.heapUsed / 1024,
    externalKb: usage.external / 1024,
  }
  console.log(`  ${label}: RSS ${(reading.rssKb / 1024).toFixed(1)} MB`)
  return reading
}

const start = async (): Promise<{ server: BenchServer; inspector: Inspector }> => {
  const server = await startServer(tempDir('fabrique-memory-'), {
    nodeArgs: ['--inspect=127.0.0.1:0'],
    // Every bench connection comes from 127.0.0.1.
    env: { MAX_CONNECTIONS_PER_IP: String(CONNECTIONS + ROOMS + 100) },
  })
  return { server, inspector: await inspect(server) }
}

/** The participant sync URL of a new workshop. */
const newRoom = async (server: BenchServer): Promise<string> => {
  const workshop = await createWorkshop(server.url, { title: 'Mémoire', template: TEMPLATE })
  return `${server.syncUrl}/${workshop.id}?token=${encodeURIComponent(workshop.tokens.participant)}`
}

// ---------------------------------------------------------------- client processes

interface ClientProcess {
  open(urls: string[]): Promise<void>
  stop(): void
}

const clientProcess = (): ClientProcess => {
  const child = track(
    fork(path.join(import.meta.dirname, 'lib/idleClients.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  return {
    open: (urls) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`client process exited with ${code}`))
        child.once('exit', onExit)
        child.once('message', (message: FromIdleClients) => {
          child.off('exit', onExit)
          if (message.type === 'opened') resolve()
          else reject(new Error(`client process: ${message.message}`))
        })
        child.send({ type: 'open', urls } satisfies ToIdleClients)
      }),
    stop: () => child.kill(),
  }
}

// ---------------------------------------------------------------- phases

const perConnection = async (): Promise<Reading[]> => {
  const { server, inspector } = await start()
  const url = await newRoom(server)
  const [first, second] = [clientProcess(), clientProcess()]
  const readings = [await read(server, inspector, '1 workshop, no connection', 0, 0)]
  await first.open([url])
  readings.push(await read(server, inspector, '1 connection (loads the room)', 1, 1))
  const rest = CONNECTIONS - 1
  const half = Math.ceil(rest / 2)
  await Promise.all([
    first.open(Array.from({ length: half }, () => url)),
    second.open(Array.from({ length: rest - half }, () => url)),
  ])
  readings.push(
    await read(
      server,
      inspector,
      `${CONNECTIONS.toLocaleString('en-US')} idle connections`,
      CONNECTIONS,
      1,
    ),
  )
  first.stop()
  second.stop()
  inspector.close()
  await server.stop()
  return readings
}

const perRoom = async (): Promise<Reading[]> => {
  const { server, inspector } = await start()
  const urls: string[] = []
  for (let r = 0; r < ROOMS; r++) urls.push(await newRoom(server))
  const readings = [await read(server, inspector, `${ROOMS} workshops, none loaded`, 0, 0)]
  const clients = clientProcess()
  await clients.open(urls)
  readings.push(
    await read(server, inspector, `${ROOMS} rooms loaded, 1 connection each`, ROOMS, ROOMS),
  )
  clients.stop()
  inspector.close()
  await server.stop()
  return readings
}

// ---------------------------------------------------------------- report

console.log(
  `memory bench: ${CONNECTIONS.toLocaleString('en-US')} idle connections to one room, then ${ROOMS} rooms loaded; template ${TEMPLATE}`,
)
console.log('phase 1: idle connections')
const phase1 = await perConnection()
console.log('phase 2: loaded rooms')
const phase2 = await perRoom()

const mb = (kb: number): string => (kb / 1024).toFixed(1)
const rows = [
  ['', 'connections', 'rooms', 'RSS MB', 'JS heap used MB', 'external MB'],
  ...[...phase1, ...phase2].map((r) => [
    r.label,
    String(r.connections),
    String(r.rooms),
    mb(r.rssKb),
    mb(r.heapUsedKb),
    mb(r.externalKb),
  ]),
]
const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
console.log('')
for (const row of rows) {
  console.log(
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  '),
  )
}

/** Growth per unit between two readings: RSS, JS heap, external. */
const per = (from: Reading | undefined, to: Reading | undefined, units: number) => {
  if (!from || !to) throw new Error('a reading is missing')
  return {
    rss: (to.rssKb - from.rssKb) / units,
    heap: (to.heapUsedKb - from.heapUsedKb) / units,
    external: (to.externalKb - from.externalKb) / units,
  }
}
const connection = per(phase1[1], phase1[2], CONNECTIONS - 1)
const loaded = per(phase2[0], phase2[1], ROOMS)
const room = {
  rss: loaded.rss - connection.rss,
  heap: loaded.heap - connection.heap,
  external: loaded.external - connection.external,
}
/** One decimal, and never "-0.0". */
const kb = (n: number): string => (Math.round(n * 10) / 10).toFixed(1)
const breakdown = (p: typeof room): string =>
  `JS heap ${kb(p.heap)} KB, external ${kb(p.external)} KB, the rest native`
console.log(
  `\nper idle connection: RSS ${kb(connection.rss)} KB (${breakdown(connection)})   target ≤ ${TARGET_KB} KB → ${connection.rss <= TARGET_KB ? 'met' : 'NOT met'}`,
)
console.log(
  `per loaded room, less its connection: RSS ${kb(room.rss)} KB (${breakdown(room)}); with it ${kb(loaded.rss)} KB`,
)
console.log(`RSS per loaded room KB: ${kb(room.rss)}`)
console.log(`RSS per idle connection KB: ${kb(connection.rss)}`)
process.exit(0)
