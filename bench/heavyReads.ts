/**
 * Heavy reads bench (issue 16): what an outside attacker with an observer link does to the
 * server by asking for a 1 MB workshop's report, decision log, archive and sessions.
 *
 * Our server as its own process (bench/lib/server.ts), one workshop of about 1 MB (500 notes
 * of 2,000 characters, 20 decisions), left idle (its room unloads). Figures:
 * 1. each read alone, one after the other, three times (the first loads the room);
 * 2. `--parallel` (40) report requests at once, then as many spread over every heavy read,
 *    each from a thread of its own while another polls GET /healthz every 10 ms: how long
 *    /healthz waited (p50, p99, max) and what the requests got; then both again just after
 *    someone with the participant link added a note (nothing computed before is current).
 *
 * Run: npm run bench:reads [-- --parallel=40 --root=<another checkout, to compare>]
 */
import { addBox, createDecision, listCanvases, readCanvasContent } from '../shared/schema/index.ts'
import { fetchAtOnce, percentile, probeLatency } from '../tests/helpers/latencyProbe.ts'
import { createWorkshop } from '../tests/helpers/server.ts'
import { connectClient, sleep, synced, waitFor } from '../tests/helpers/yclient.ts'
import { arg, deadline, ROOT, startServer, tempDir } from './lib/server.ts'

const PARALLEL = Number(arg('parallel', '40'))
const CHECKOUT = arg('root', ROOT)
const NOTES = 500
const READS = ['report', 'decisions.md', 'decisions.csv', 'decisions.json', 'sessions', 'export']

deadline('heavy reads bench', 5)

const main = async () => {
  const server = await startServer(tempDir('fabrique-reads-'), { root: CHECKOUT })
  const workshop = await createWorkshop(server.url, { title: 'Lourd', template: 'atelier-libre' })
  const client = connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator)
  await synced(client)
  const canvasId = listCanvases(client.doc)[0]?.id ?? ''
  client.doc.transact(() => {
    for (let i = 0; i < NOTES; i++) {
      const text = `idée ${i} `.repeat(250).slice(0, 2000)
      const at = { x: (i % 25) * 220, y: Math.floor(i / 25) * 220 }
      addBox(client.doc, canvasId, { kind: 'note', ...at, text }, 'bench')
    }
    for (let i = 0; i < 20; i++) createDecision(client.doc, { title: `Décision ${i}` }, 'bench')
  }, 'bench')
  const reader = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
  await waitFor(
    'every note on the server',
    () => readCanvasContent(reader.doc, canvasId).items.length === NOTES,
    30_000,
  )
  reader.destroy()
  client.destroy()
  await sleep(2000)

  const url = (path: string) => ({
    url: `${server.url}/api/workshops/${workshop.id}/${path}`,
    headers: { Authorization: `Bearer ${workshop.tokens.observer}` },
  })
  console.log(`checkout ${CHECKOUT}`)
  console.log('1. each read alone (ms; the first of each loads the idle room):')
  for (const path of READS) {
    const times: string[] = []
    for (let i = 0; i < 3; i++) {
      const { url: target, headers } = url(path)
      const sent = performance.now()
      const res = await fetch(target, { headers })
      await res.arrayBuffer()
      times.push(`${res.status} ${(performance.now() - sent).toFixed(0)}`)
      await sleep(300)
    }
    console.log(`   ${path.padEnd(15)} ${times.join(' | ')}`)
  }

  const atOnce = async (name: string, paths: string[]) => {
    await sleep(2000)
    const probe = probeLatency(`${server.url}/healthz`, 10)
    await sleep(200)
    const answers = await fetchAtOnce(paths.map(url))
    await sleep(200)
    const health = (await probe.stop()).map((answer) => answer.ms)
    const statuses = new Map<number, number>()
    for (const answer of answers)
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
    const slowest = Math.max(...answers.map((answer) => answer.ms))
    console.log(
      `   ${name.padEnd(34)} statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; last answer ${slowest.toFixed(0)} ms; /healthz p50 ${percentile(health, 50).toFixed(0)} p99 ${percentile(health, 99).toFixed(0)} max ${Math.max(...health).toFixed(0)} ms (${health.length} polls)`,
    )
  }
  const reports = Array.from({ length: PARALLEL }, () => 'report')
  const spread = Array.from({ length: PARALLEL }, (_, i) => READS[i % READS.length] ?? 'report')
  console.log(`2. ${PARALLEL} requests at once, /healthz polled every 10 ms meanwhile:`)
  await atOnce(`${PARALLEL} × report`, reports)
  await atOnce(`${PARALLEL} spread over ${READS.length} reads`, spread)
  // Someone with the participant link adds a note before each burst: nothing read is current.
  const writer = connectClient(server.syncUrl, workshop.id, workshop.tokens.participant)
  await synced(writer)
  let notes = 0
  const edit = async () => {
    addBox(writer.doc, canvasId, { kind: 'note', x: 0, y: -300, text: `n${notes++}` }, 'bench')
    await sleep(500)
  }
  await edit()
  await atOnce(`${PARALLEL} × report, just changed`, reports)
  await edit()
  await atOnce(`${PARALLEL} spread, just changed`, spread)
  writer.destroy()
  await server.stop()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('heavy reads bench failed:', error)
    process.exit(1)
  },
)
