/**
 * Canvas benchmark: pan and zoom frame times on a canvas of 2,000 notes and 200 connectors,
 * in headless Chromium, against the real server; plus the size of the Yjs update sent when
 * one note is created or moved.
 *
 *   npx vite build && node --import tsx bench/canvas.ts [--runs=10] [--profile[=<file>]]
 *
 * The canvas is seeded once; each run opens a fresh Chromium on it and plays the same phases.
 * Per run and phase it prints the late frames and the script + layout p95, then how many runs
 * met the target (issue 15: late frames ≤ 2 % and script + layout p95 ≤ 10 ms in every phase).
 * `--profile` traces each run (which slows it) and prints, per phase, where the page's main
 * thread spent its CPU time, how much the other threads used, and the CPU time per frame of
 * the main thread and of those that draw (bench/lib/trace.ts).
 * Needs a built client (dist/client) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 * The last line is `p95 frame ms: <number>` (over every run's frames).
 */

import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import type { WorkshopLinks } from '../shared/api.ts'
import { PARTNER_GROUPS } from '../shared/groups.ts'
import { listCanvases } from '../shared/schema/canvases.ts'
import { addBox, connect, moveItems, readCanvasContent } from '../shared/schema/canvasItems.ts'
import { upsertParticipant } from '../shared/schema/participants.ts'
import { launchChromium } from '../tests/helpers/browser.ts'
import { startServer, type TestServer } from '../tests/helpers/server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../tests/helpers/yclient.ts'
import { summarise, TRACE_CATEGORIES } from './lib/trace.ts'

const NOTES = 2000
const CONNECTORS = 200
const COLUMNS = 50
const SPACING = 200
const SEED_ORIGIN = { bench: 'seed' }
/** The four authors of the notes, one per partner group (the server credits a note to its writer). */
const AUTHOR_NAMES = ['Amina', 'Benoît', 'Chloé', 'Dominique'] as const
/** What every phase of a run must meet (issue 15, on this 2-core machine). */
const TARGET = { latePercent: 2, workP95Ms: 10 }
/**
 * `--profile`: each run is traced, and where its main thread spent the time is printed;
 * `--profile=<file>` also keeps each run's trace (`<file>.<run>.json`, for DevTools).
 */
const PROFILE = process.argv.find((a) => a === '--profile' || a.startsWith('--profile='))
const TRACE_FILE = PROFILE?.slice('--profile='.length) ?? ''
const RUNS = (() => {
  const arg = process.argv.find((a) => a.startsWith('--runs='))
  const runs = arg ? Number(arg.slice('--runs='.length)) : 10
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`)
  return runs
})()

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same canvas. */
const random = (() => {
  let state = 0x5eed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
})()

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? Number.NaN
}

const fmt = (value: number) => value.toFixed(2).padStart(8)

/**
 * Runs in the page (a string: the TypeScript loader would otherwise add helpers the page lacks).
 * Each frame dispatches one wheel event on the board, as a trackpad would, then waits for the
 * next animation frame; the time between frames is what the user sees.
 */
const IN_PAGE = `(async () => {
  const el = document.querySelector('.canvas-board')
  if (!el) throw new Error('no board')
  const rect = el.getBoundingClientRect()
  const cx = rect.left + rect.width / 2
  const cy = rect.top + rect.height / 2
  const wheel = (init) =>
    el.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: cx, clientY: cy, ...init }))
  const phases = [
    ['pan at 100 %', 90, () => wheel({ deltaX: 12, deltaY: 8 })],
    ['zoom out to ~8 %', 80, () => wheel({ deltaY: 3, ctrlKey: true })],
    ['pan zoomed out', 60, () => wheel({ deltaX: -6, deltaY: -4 })],
    ['zoom in to ~50 %', 60, () => wheel({ deltaY: -3, ctrlKey: true })],
    ['pan at ~50 %', 30, () => wheel({ deltaX: -10, deltaY: 6 })],
  ]
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  const out = []
  for (const [phase, frames, act] of phases) {
    const deltas = []
    const work = []
    const script = []
    let last = await frame()
    performance.mark(phase)
    for (let i = 0; i < frames; i++) {
      const start = performance.now()
      act()
      script.push(performance.now() - start)
      void el.offsetWidth // style and layout now, counted in this frame's work
      work.push(performance.now() - start)
      const now = await frame()
      deltas.push(now - last)
      last = now
    }
    performance.mark(phase + ' end')
    out.push({ phase, deltas, work, script })
  }
  return {
    phases: out,
    rendered: document.querySelectorAll('[data-item-id]').length,
    zoom: document.querySelector('.canvas-tool--zoom')?.textContent ?? '',
  }
})()`

interface Phase {
  phase: string
  deltas: number[]
  work: number[]
  script: number[]
}

interface Run {
  phases: Phase[]
  rendered: number
  zoom: string
  errors: string[]
}

/**
 * A workshop whose first canvas holds 2,000 notes (written by four participants, one per
 * partner group, as the server's write policy wants a note credited to its writer) and 200
 * connectors (the facilitator's); and the size of the update one note's creation and moves send.
 */
const seed = async (server: TestServer) => {
  const workshop = await server.createWorkshop({ title: 'Bench canevas' })
  const facilitator = connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator)
  await synced(facilitator)
  await waitFor('the first canvas', () => listCanvases(facilitator.doc).length > 0)
  const canvasId = listCanvases(facilitator.doc)[0]?.id
  if (!canvasId) throw new Error('no canvas')
  const authors = await Promise.all(
    PARTNER_GROUPS.map(async (group, g) => {
      const who = await server.register(workshop.id, workshop.tokens.participant)
      const client = connectClient(
        server.syncUrl,
        workshop.id,
        workshop.tokens.participant,
        who.identity,
      )
      await synced(client)
      const name = AUTHOR_NAMES[g] ?? group
      upsertParticipant(client.doc, { id: who.participantId, name, group }, SEED_ORIGIN)
      return { id: who.participantId, group, client }
    }),
  )
  const count = (client: TestClient) => readCanvasContent(client.doc, canvasId).items.length

  // ── Seed 2,000 notes (one update per author) and 200 connectors (one update) ────────────
  const ids: string[] = []
  const seedStart = performance.now()
  for (const [g, author] of authors.entries()) {
    author.client.doc.transact(() => {
      for (let i = g; i < NOTES; i += authors.length) {
        ids[i] = addBox(
          author.client.doc,
          canvasId,
          {
            kind: 'note',
            x: (i % COLUMNS) * SPACING,
            y: Math.floor(i / COLUMNS) * SPACING,
            text: `Note ${i + 1}: idée à discuter en atelier`,
            group: author.group,
            createdBy: author.id,
          },
          SEED_ORIGIN,
        )
      }
    }, SEED_ORIGIN)
  }
  await waitFor('every note at the facilitator', () => count(facilitator) === NOTES, 60_000)
  let links = 0
  facilitator.doc.transact(() => {
    for (let i = 0; i < CONNECTORS; i++) {
      const from = Math.floor(random() * NOTES)
      const to = (from + 1 + Math.floor(random() * 3) * COLUMNS) % NOTES
      const a = ids[from]
      const b = ids[to]
      if (a && b && a !== b) {
        connect(facilitator.doc, canvasId, { from: a, to: b }, SEED_ORIGIN)
        links++
      }
    }
  }, SEED_ORIGIN)
  const writer = authors[1] ?? authors[0]
  if (!writer) throw new Error('no author')
  await waitFor('every connector relayed', () => count(writer.client) === NOTES + links, 60_000)
  const seedMs = performance.now() - seedStart

  // ── Update sizes: one note created, one note moved ─────────────────────────────────────
  const sizes: Record<string, number> = {}
  const capture = (name: string, write: () => void) => {
    let bytes = 0
    const onUpdate = (update: Uint8Array) => {
      bytes += update.byteLength
    }
    writer.client.doc.on('update', onUpdate)
    write()
    writer.client.doc.off('update', onUpdate)
    sizes[name] = bytes
  }
  let created = ''
  const user = { bench: 'user' }
  capture('create note', () => {
    created = addBox(
      writer.client.doc,
      canvasId,
      { kind: 'note', x: -400, y: -400, text: '', group: writer.group, createdBy: writer.id },
      user,
    )
  })
  capture('move note', () =>
    moveItems(writer.client.doc, canvasId, [created], { dx: 20, dy: 0 }, user),
  )
  const first = ids[0]
  if (first) {
    capture('move note (2,000 on canvas, frame check)', () =>
      moveItems(writer.client.doc, canvasId, [first], { dx: 0, dy: 20 }, user),
    )
  }
  // Let the server store and relay the last moves before a browser asks for the canvas.
  await sleep(500)
  for (const client of [facilitator, ...authors.map((a) => a.client)]) client.destroy()
  return { workshop, seedMs, sizes, notes: count(writer.client) }
}

/** One run: a fresh Chromium joins as a participant, then pans and zooms (IN_PAGE). */
const run = async (workshop: WorkshopLinks, index: number): Promise<Run> => {
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(workshop.links.participant)
    await page.getByRole('textbox', { name: /Votre nom|Your name/ }).fill('Banc d’essai')
    await page.getByRole('radio', { name: /Citoyen|Citizen/ }).check()
    await page.getByRole('button', { name: /Rejoindre|Join/ }).click()
    const board = page.getByRole('listbox')
    await board.waitFor()
    // The seeded canvas is there once the board is not empty.
    await page.waitForFunction(
      () =>
        document.querySelector('.canvas-board') !== null &&
        document.querySelector('.canvas-board__empty') === null,
      undefined,
      { timeout: 30_000 },
    )
    if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS })
    await board.focus()
    // Fit everything, then 100 % around its middle: every phase below stays over the notes (the
    // board opens on their top-left corner, and the phases' path from there left the canvas:
    // the last two phases panned and zoomed over empty space, 0 items rendered at the end).
    await page.keyboard.press('1')
    await page.keyboard.press('0')
    await page.waitForFunction(() => document.querySelectorAll('[data-item-id]').length >= 10)
    await sleep(500)
    if (PROFILE) await browser.startTracing(page, { categories: TRACE_CATEGORIES })
    const result = (await page.evaluate(IN_PAGE)) as Omit<Run, 'errors'>
    if (PROFILE) {
      const raw = await browser.stopTracing()
      if (TRACE_FILE) writeFileSync(`${TRACE_FILE}.${index}.json`, raw)
      const trace = JSON.parse(raw.toString('utf8'))
      console.log(
        summarise(
          trace,
          result.phases.map((phase) => ({ name: phase.phase, frames: phase.deltas.length })),
        ),
      )
    }
    await context.close()
    return { ...result, errors }
  } finally {
    await browser.close()
  }
}

/** A frame is late when it missed a refresh: it lasted more than 1.5 refresh intervals. */
const lateCount = (deltas: readonly number[], refresh: number) =>
  deltas.filter((delta) => delta > refresh * 1.5).length

const main = async () => {
  const server = await startServer()
  try {
    const { workshop, seedMs, sizes, notes } = await seed(server)
    console.log(
      `seeded ${NOTES} notes + ${CONNECTORS} connectors in ${seedMs.toFixed(0)} ms (${notes} items with the bench's own note)`,
    )
    console.log('\nYjs update size (bytes)')
    for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name.padEnd(42)} ${bytes}`)

    const all: number[] = []
    const verdicts: string[] = []
    let met = 0
    for (let r = 1; r <= RUNS; r++) {
      // The machine's 1-minute load average when the run starts: on 2 cores, anything much
      // over 1 (other test runs) makes frames late whatever the page does.
      const load = loadavg()[0] ?? 0
      const result = await run(workshop, r)
      const deltas = result.phases.flatMap((phase) => phase.deltas)
      all.push(...deltas)
      // A frame lasts a whole number of display refreshes (16.67 ms at 60 Hz); requestAnimationFrame
      // timestamps are coarsened to 0.1 ms, so an on-time frame reads 16.6 to 16.8 ms.
      const refresh = percentile(deltas, 50)
      console.log(
        `\nrun ${r} of ${RUNS}: items rendered at the end ${result.rendered} (zoom ${result.zoom.trim()}), refresh ${refresh.toFixed(2)} ms, load ${load.toFixed(2)}`,
      )
      if (result.errors.length > 0) console.log(`page errors: ${result.errors.join(' | ')}`)
      console.log(
        'phase                 frames  rAF p50  rAF p95  rAF max  script p95  +layout p95   late  late %',
      )
      let worstLate = 0
      let worstWork = 0
      for (const phase of result.phases) {
        const late = lateCount(phase.deltas, refresh)
        const latePercent = (100 * late) / phase.deltas.length
        const work = percentile(phase.work, 95)
        worstLate = Math.max(worstLate, latePercent)
        worstWork = Math.max(worstWork, work)
        console.log(
          `${phase.phase.padEnd(20)} ${String(phase.deltas.length).padStart(7)} ${fmt(percentile(phase.deltas, 50))} ${fmt(percentile(phase.deltas, 95))} ${fmt(Math.max(...phase.deltas))}    ${fmt(percentile(phase.script, 95))}     ${fmt(work)} ${String(late).padStart(6)} ${latePercent.toFixed(1).padStart(7)}`,
        )
      }
      const ok = worstLate <= TARGET.latePercent && worstWork <= TARGET.workP95Ms
      if (ok) met++
      verdicts.push(
        `  run ${String(r).padStart(2)}: worst phase late ${worstLate.toFixed(1).padStart(4)} %, worst script + layout p95 ${worstWork.toFixed(1).padStart(5)} ms  ${ok ? 'met   ' : 'MISSED'}  (load ${load.toFixed(2)})`,
      )
    }

    console.log(
      `\nper run, the worst phase (target: late ≤ ${TARGET.latePercent} % and script + layout p95 ≤ ${TARGET.workP95Ms} ms in every phase)`,
    )
    for (const verdict of verdicts) console.log(verdict)
    console.log(`runs that met the target: ${met} of ${RUNS}`)
    const refresh = percentile(all, 50)
    const late = lateCount(all, refresh)
    console.log(
      `\nall runs: refresh interval ${refresh.toFixed(2)} ms; late frames (missed a refresh): ${late} of ${all.length} (${((100 * late) / all.length).toFixed(1)} %)`,
    )
    console.log(`raw rAF-delta p95: ${percentile(all, 95).toFixed(2)} ms`)
    // Each delta is counted as the refreshes it spanned: the p95 says whether 95 % of frames were on time.
    const frames = all.map((delta) => Math.max(1, Math.round(delta / refresh)) * refresh)
    console.log(`p95 frame ms: ${percentile(frames, 95).toFixed(2)}`)
  } finally {
    await server.close()
  }
}

await main()
