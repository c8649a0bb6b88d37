import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { type ServerProcess, spawnServer } from '../helpers/process.ts'
import { createWorkshop, tempDataDir } from '../helpers/server.ts'
import { scratch } from '../helpers/workshopDoc.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const WRITERS = 20
const ROUNDS = 3

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const processes: ServerProcess[] = []
const clients: TestClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})

/** The highest sequence number seen per writer in a doc's `stress` map. */
const seen = (doc: Y.Doc): Map<string, number> => {
  const out = new Map<string, number>()
  for (const [key, value] of scratch(doc).entries()) out.set(key, Number(value))
  return out
}

describe('durability under crash', () => {
  it(`keeps every relayed update through ${ROUNDS} SIGKILLs while ${WRITERS} clients write, and everyone converges`, async () => {
    const dataDir = tempDataDir()
    const port = await freePort()
    const start = async () => {
      const server = await spawnServer(dataDir, { PORT: String(port) })
      processes.push(server)
      return server
    }
    let server = await start()
    const workshop = await createWorkshop(server.url)
    const writers = Array.from({ length: WRITERS }, () => {
      const client = connectClient(server.syncUrl, workshop.id, workshop.tokens.participant)
      clients.push(client)
      return client
    })
    await Promise.all(writers.map(synced))
    const sequence = new Array<number>(WRITERS).fill(0)
    let writing = true
    const loop = (async () => {
      while (writing) {
        writers.forEach((writer, index) => {
          if (writer.provider.wsconnected) {
            const next = (sequence[index] ?? 0) + 1
            sequence[index] = next
            scratch(writer.doc).set(`w${index}`, next)
          }
        })
        await sleep(50)
      }
    })()

    for (let round = 0; round < ROUNDS; round++) {
      // An observer sees what the server relayed; it never writes, so it cannot resend anything.
      const observer = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
      clients.push(observer)
      await synced(observer)
      await sleep(200 + Math.random() * 600)
      server.child.kill('SIGKILL')
      await server.exited
      const relayed = seen(observer.doc)
      observer.provider.disconnect()
      // Keep the writers away until the restarted server has been checked on its own.
      for (const writer of writers) writer.provider.disconnect()
      server = await start()
      const checker = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
      clients.push(checker)
      await synced(checker)
      const stored = seen(checker.doc)
      for (const [key, value] of relayed) {
        expect(stored.get(key) ?? 0, `${key} after round ${round + 1}`).toBeGreaterThanOrEqual(
          value,
        )
      }
      expect(relayed.size).toBeGreaterThan(0)
      checker.provider.disconnect()
      for (const writer of writers) writer.provider.connect()
      await Promise.all(writers.map(synced))
    }
    writing = false
    await loop

    // After reconnecting, every client and the server hold the same state (keys sorted: a
    // Y.Map lists its keys in the order updates arrived, which differs between peers).
    const final = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
    clients.push(final)
    await synced(final)
    const state = (doc: Y.Doc) => JSON.stringify(Object.entries(scratch(doc).toJSON()).sort())
    const expected = JSON.stringify(sequence.map((value, index) => [`w${index}`, value]).sort())
    await waitFor(
      'the server to have every last write',
      () => state(final.doc) === expected,
      15_000,
    )
    for (const writer of writers)
      await waitFor('a writer to converge', () => state(writer.doc) === expected, 15_000)
  }, 120_000)
})
