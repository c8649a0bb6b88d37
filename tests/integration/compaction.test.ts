import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { COMPACT_INTERVAL_MS, COMPACT_LOG_CAP } from '../../server/sync/compaction.ts'
import { addBox, listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, sleep, synced, type TestClient } from '../helpers/yclient.ts'

let server: TestServer | null = null
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = null
})

/** Polls an async condition (every 20 ms, up to 5 s). */
const until = async (what: string, check: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 5000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

describe('compaction of a loaded room', () => {
  it('compacts a busy room once per interval or when its log reaches the cap, and keeps every edit', async () => {
    server = await startServer({ compactEvery: 5 })
    const { storage } = server.app
    const workshop = await server.createWorkshop()
    const writer = connectClient(server.syncUrl, workshop.id, workshop.tokens.participant)
    clients.push(writer)
    await synced(writer)
    const canvasId = listCanvases(writer.doc)[0]?.id ?? ''
    let written = 0
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) {
        addBox(writer.doc, canvasId, { kind: 'note', x: written++, y: 0, text: 'idée' }, 'test')
        await sleep(10)
      }
      await until('every note on disk', async () => (await stored()) === written)
    }
    const stored = async () => {
      const room = await storage.loadRoom(workshop.id)
      const doc = new Y.Doc()
      if (room.snapshot) Y.applyUpdate(doc, room.snapshot)
      for (const update of room.updates) Y.applyUpdate(doc, update)
      return readCanvasContent(doc, canvasId).items.length
    }
    const started = performance.now()
    await write(5)
    // It starts at the 5th update stored; the last note may come after it read the log.
    await until(
      'the first compaction',
      async () => (await storage.roomStats(workshop.id)).snapshotBytes > 0,
    )
    await write(10)
    await sleep(300) // time for a compaction, were one started
    expect(performance.now() - started).toBeLessThan(COMPACT_INTERVAL_MS)
    expect((await storage.roomStats(workshop.id)).updateCount).toBeGreaterThanOrEqual(10)
    expect(await stored()).toBe(15)

    // A log of COMPACT_LOG_CAP × COMPACT_EVERY updates is compacted within the interval too.
    await write(COMPACT_LOG_CAP * 5 - 10)
    await until('the log folded at its cap', async () => {
      const stats = await storage.roomStats(workshop.id)
      return stats.updateCount < COMPACT_LOG_CAP * 5
    })
    expect(performance.now() - started).toBeLessThan(COMPACT_INTERVAL_MS)
    expect(await stored()).toBe(written)
  })
})
