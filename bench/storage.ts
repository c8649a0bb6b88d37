/**
 * Storage figures of the SQLite backend with durability on (WAL, fsync per commit): append
 * latency (also while the compaction worker folds a 20,000-update log), load time of a room
 * with 2,000 stored updates, cold load of a 1 MB room, and size
 * before and after compaction. Targets (PRODUCT.md): append p50 ≤ 0.5 ms, 2,000 updates load
 * ≤ 40 ms, 1 MB room ≤ 150 ms. Run: npm run bench:storage
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { SqliteStorage } from '../server/storage/SqliteStorage.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'fabrique-bench-'))
const storage = new SqliteStorage(dir, { durability: 'full' })
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const replay = (room: { snapshot: Uint8Array | null; updates: Uint8Array[] }) => {
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    if (room.snapshot) Y.applyUpdate(doc, room.snapshot)
    for (const update of room.updates) Y.applyUpdate(doc, update)
  })
  return doc
}

// Append latency: 2,000 typical updates (a note edit), one transaction each.
const source = new Y.Doc()
const updates: Uint8Array[] = []
source.on('update', (update: Uint8Array) => updates.push(update))
const items = source.getMap('items')
for (let i = 0; i < 2000; i++) items.set(`note-${i % 200}`, { x: i, y: i * 2, text: `Idée ${i}` })
const appendMs: number[] = []
for (const update of updates) {
  const started = performance.now()
  await storage.appendUpdates([{ roomId: 'room-2000', updates: [update] }])
  appendMs.push(performance.now() - started)
}

// Load a room of 2,000 stored updates (read and apply to a Y.Doc).
const loadMs: number[] = []
for (let i = 0; i < 10; i++) {
  const started = performance.now()
  replay(await storage.loadRoom('room-2000')).destroy()
  loadMs.push(performance.now() - started)
}

// A 1 MB room of long text (few Yjs items: reading and applying bytes), compacted, loaded cold
// by a fresh storage instance. A 1 MB document typed key by key: npm run bench:editing.
const big = new Y.Doc()
const text = big.getText('body')
while (Y.encodeStateAsUpdate(big).byteLength < 1024 * 1024)
  text.insert(text.length, 'Prendre soin les uns des autres. '.repeat(200))
await storage.appendUpdates([{ roomId: 'room-1mb', updates: [Y.encodeStateAsUpdate(big)] }])
// Appends while the compaction worker folds a busy room's log at its cap (20,000 keystrokes):
// SQLite has one write lock, and an append waits while the worker holds it.
const typist = new Y.Doc()
const keystrokes: Uint8Array[] = []
typist.on('update', (update: Uint8Array) => keystrokes.push(update))
const typed = typist.getText('body')
for (let i = 0; i < 20_000; i++) typed.insert(Math.floor(Math.random() * (typed.length + 1)), 'x')
await storage.appendUpdates([{ roomId: 'room-busy', updates: keystrokes }])
const duringCompactionMs: number[] = []
let compacting = true
const compactingBusy = storage.compact('room-busy').finally(() => {
  compacting = false
})
while (compacting) {
  const started = performance.now()
  await storage.appendUpdates([{ roomId: 'room-live', updates: [updates[0] as Uint8Array] }])
  duringCompactionMs.push(performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, 1))
}
await compactingBusy

const before = await storage.roomStats('room-2000')
const compaction = await storage.compact('room-2000')
await storage.compact('room-1mb')
await storage.close()
const cold = new SqliteStorage(dir, { durability: 'full' })
let started = performance.now()
const bigRoom = await cold.loadRoom('room-1mb')
replay(bigRoom).destroy()
const coldMs = performance.now() - started
started = performance.now()
replay(await cold.loadRoom('room-2000')).destroy()
const compactedLoadMs = performance.now() - started
await cold.close()
rmSync(dir, { recursive: true, force: true })

const f = (n: number) => n.toFixed(3)
console.log('storage (SQLite, WAL, fsync per commit)')
console.log(
  `append latency          p50 ${f(percentile(appendMs, 50))} ms   p99 ${f(percentile(appendMs, 99))} ms   (target p50 ≤ 0.5)`,
)
console.log(
  `  during a compaction   p50 ${f(percentile(duringCompactionMs, 50))} ms   p99 ${f(percentile(duringCompactionMs, 99))} ms   max ${f(Math.max(...duringCompactionMs))} ms   (${duringCompactionMs.length} appends while a 20,000-update log was folded)`,
)
console.log(
  `load 2,000 updates      p50 ${f(percentile(loadMs, 50))} ms   max ${f(Math.max(...loadMs))} ms   (target ≤ 40)`,
)
console.log(`  after compaction      ${f(compactedLoadMs)} ms`)
console.log(
  `cold load of 1 MB room  ${f(coldMs)} ms (${((bigRoom.snapshot?.byteLength ?? 0) / 1024) | 0} KB of long text; typed: bench:editing)   (target ≤ 150)`,
)
console.log(
  `size before compaction  ${before.updateCount} updates, ${(before.updateBytes / 1024).toFixed(1)} KB`,
)
console.log(`size after compaction   ${(compaction.bytesAfter / 1024).toFixed(1)} KB`)
