/**
 * Canvas benchmark: pan and zoom frame times on a canvas of 2,000 notes and 200 connectors,
 * in headless Chromium, against the real server; plus the size of the Yjs update sent when
 * one note is created or moved.
 *
 *   npx vite build && node --import tsx bench/canvas.ts
 *
 * Needs a built client (dist/client) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 * The last line is `p95 frame ms: <number>`.
 */

import { listCanvases } from '../shared/schema/canvases.ts'
import { addBox, connect, moveItems } from '../shared/schema/canvasItems.ts'
import { launchChromium } from '../tests/helpers/browser.ts'
import { startServer } from '../tests/helpers/server.ts'
import { connectClient, sleep, synced, waitFor } from '../tests/helpers/yclient.ts'

const NOTES = 2000
const CONNECTORS = 200
const COLUMNS = 50
const SPACING = 200
const SEED_ORIGIN = { bench: 'seed' }

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
    out.push({ phase, deltas, work, script })
  }
  return {
    phases: out,
    rendered: document.querySelectorAll('[data-item-id]').length,
    zoom: document.querySelector('.canvas-tool--zoom')?.textContent ?? '',
  }
})()`

const main = async () => {
  const server = await startServer()
  const browser = await launchChromium()
  try {
    const workshop = await server.createWorkshop({ title: 'Bench canevas' })
    const client = connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator)
    await synced(client)
    await waitFor('the first canvas', () => listCanvases(client.doc).length > 0)
    const canvasId = listCanvases(client.doc)[0]?.id
    if (!canvasId) throw new Error('no canvas')

    // ── Seed 2,000 notes and 200 connectors in one transaction (one update) ────────────────
    const groups = ['patient', 'citizen', 'clinician', 'other'] as const
    const ids: string[] = []
    const seedStart = performance.now()
    client.doc.transact(() => {
      for (let i = 0; i < NOTES; i++) {
        ids.push(
          addBox(
            client.doc,
            canvasId,
            {
              kind: 'note',
              x: (i % COLUMNS) * SPACING,
              y: Math.floor(i / COLUMNS) * SPACING,
              text: `Note ${i + 1}: idée à discuter en atelier`,
              group: groups[i % groups.length],
              createdBy: 'bench',
            },
            SEED_ORIGIN,
          ),
        )
      }
      for (let i = 0; i < CONNECTORS; i++) {
        const from = Math.floor(random() * NOTES)
        const to = (from + 1 + Math.floor(random() * 3) * COLUMNS) % NOTES
        const a = ids[from]
        const b = ids[to]
        if (a && b && a !== b) connect(client.doc, canvasId, { from: a, to: b }, SEED_ORIGIN)
      }
    }, SEED_ORIGIN)
    const seedMs = performance.now() - seedStart

    // ── Update sizes: one note created, one note moved ─────────────────────────────────────
    const sizes: Record<string, number> = {}
    const capture = (name: string, write: () => void) => {
      let bytes = 0
      const onUpdate = (update: Uint8Array) => {
        bytes += update.byteLength
      }
      client.doc.on('update', onUpdate)
      write()
      client.doc.off('update', onUpdate)
      sizes[name] = bytes
    }
    let created = ''
    capture('create note', () => {
      created = addBox(
        client.doc,
        canvasId,
        { kind: 'note', x: -400, y: -400, text: '', group: 'citizen', createdBy: 'bench' },
        { bench: 'user' },
      )
    })
    capture('move note', () =>
      moveItems(client.doc, canvasId, [created], { dx: 20, dy: 0 }, { bench: 'user' }),
    )
    const first = ids[0]
    if (first) {
      capture('move note (2,000 on canvas, frame check)', () =>
        moveItems(client.doc, canvasId, [first], { dx: 0, dy: 20 }, { bench: 'user' }),
      )
    }

    // Let the server store and relay the seed before a browser asks for it.
    await sleep(500)

    // ── The browser: join as a participant, then pan and zoom ─────────────────────────────
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
    // The seeded canvas is there once the minimap has boxes and the board is not empty.
    await page.waitForFunction(
      () =>
        document.querySelector('.canvas-board') !== null &&
        document.querySelector('.canvas-board__empty') === null,
      undefined,
      { timeout: 30_000 },
    )
    if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS })
    await board.focus()
    await page.keyboard.press('0') // 100 %: start close in, then zoom out to everything
    await page.waitForFunction(() => document.querySelectorAll('[data-item-id]').length >= 10)
    await sleep(500)

    const result = (await page.evaluate(IN_PAGE)) as {
      phases: Array<{ phase: string; deltas: number[]; work: number[]; script: number[] }>
      rendered: number
      zoom: string
    }

    // ── Report ─────────────────────────────────────────────────────────────────────────────
    console.log(`seeded ${NOTES} notes + ${CONNECTORS} connectors in ${seedMs.toFixed(0)} ms`)
    console.log('\nYjs update size (bytes)')
    for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name.padEnd(42)} ${bytes}`)
    console.log(`\nitems rendered at the end: ${result.rendered} (zoom ${result.zoom.trim()})`)
    if (errors.length > 0) console.log(`page errors: ${errors.join(' | ')}`)
    console.log(
      '\nphase                 frames  rAF p50  rAF p95  rAF max  script p95  +layout p95  late (ms)',
    )
    const all: number[] = []
    for (const phase of result.phases) {
      all.push(...phase.deltas)
      console.log(
        `${phase.phase.padEnd(20)} ${String(phase.deltas.length).padStart(7)} ${fmt(percentile(phase.deltas, 50))} ${fmt(percentile(phase.deltas, 95))} ${fmt(Math.max(...phase.deltas))}    ${fmt(percentile(phase.script, 95))}     ${fmt(percentile(phase.work, 95))} ${String(phase.deltas.filter((d) => d > 17).length).padStart(5)}`,
      )
    }
    console.log(
      `${'all'.padEnd(20)} ${String(all.length).padStart(7)} ${fmt(percentile(all, 50))} ${fmt(percentile(all, 95))} ${fmt(Math.max(...all))}`,
    )
    // A frame lasts a whole number of display refreshes (16.67 ms at 60 Hz); requestAnimationFrame
    // timestamps are coarsened to 0.1 ms, so an on-time frame reads 16.6 to 16.8 ms. Each delta
    // is counted as the refreshes it spanned: the p95 says whether 95 % of frames were on time.
    const refresh = percentile(all, 50)
    const frames = all.map((delta) => Math.max(1, Math.round(delta / refresh)) * refresh)
    const late = all.filter((delta) => delta > refresh * 1.5).length
    console.log(
      `\nrefresh interval ${refresh.toFixed(2)} ms; late frames (missed a refresh): ${late} of ${all.length} (${((100 * late) / all.length).toFixed(1)} %)`,
    )
    console.log(`raw rAF-delta p95: ${percentile(all, 95).toFixed(2)} ms`)
    client.destroy()
    await context.close()
    console.log(`p95 frame ms: ${percentile(frames, 95).toFixed(2)}`)
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
