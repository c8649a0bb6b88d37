import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getCanvas, listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { canvasOperations } from '../helpers/canvasOps.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * Seeded random canvas operations from several real y-websocket clients through the real
 * server, with every client's frames delayed at random (so they arrive out of order) and
 * clients going offline and back: at the end every client, and the server's disk, hold the
 * same canvas. `npm run fuzz` runs it long (FUZZ_STEPS, FUZZ_SEEDS).
 */
const STEPS = Number(process.env.FUZZ_STEPS ?? 200)
const SEEDS = (process.env.FUZZ_SEEDS ?? '7,2026').split(',').map(Number)
const CLIENTS = 6

const servers = useTestServers()

/**
 * A WebSocket whose frames leave after random delays, in the order they were sent (one socket
 * is one TCP stream): a slow, jittery network, not a reordering one.
 */
const delayedSocket = (gen: prng.PRNG) =>
  class DelayedWebSocket extends WebSocket {
    private readonly queue: unknown[] = []
    private pumping = false

    override send(data: unknown): void {
      this.queue.push(data)
      if (!this.pumping) this.pump()
    }

    private pump(): void {
      this.pumping = true
      setTimeout(
        () => {
          const data = this.queue.shift()
          if (this.readyState === WebSocket.OPEN) super.send(data as Buffer)
          if (this.queue.length > 0) this.pump()
          else this.pumping = false
        },
        prng.uint32(gen, 0, 25),
      )
    }
  }

const connect = (
  syncUrl: string,
  room: string,
  token: string,
  polyfill: typeof WebSocket,
): TestClient => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const client = {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  return servers.track(client)
}

const canvasState = (doc: Y.Doc, canvasId: string) =>
  getCanvas(doc, canvasId) ? JSON.stringify(readCanvasContent(doc, canvasId)) : 'missing'

describe('convergence through the real server', () => {
  it.each(SEEDS)(
    `seed %i: ${CLIENTS} clients, ${STEPS} steps, delays and disconnects, same end state everywhere and on disk`,
    async (seed) => {
      const gen = prng.create(seed)
      const server = await servers.start({ maxMessagesPerSecond: 10_000 })
      const workshop = await server.createWorkshop()
      const polyfill = delayedSocket(gen)
      const peers = Array.from({ length: CLIENTS }, () =>
        connect(server.syncUrl, workshop.id, workshop.tokens.participant, polyfill),
      )
      await Promise.all(peers.map(synced))
      const canvasId = listCanvases(peers[0]?.doc ?? new Y.Doc())[0]?.id ?? ''
      const operations = canvasOperations(gen, canvasId, 'fuzz')

      for (let step = 0; step < STEPS; step++) {
        const peer = peers[prng.uint32(gen, 0, CLIENTS - 1)] as TestClient
        const roll = prng.real53(gen)
        if (roll < 0.8) {
          const operation = operations[prng.uint32(gen, 0, operations.length - 1)]
          operation?.(peer.doc)
        } else if (roll < 0.9) {
          if (peer.provider.shouldConnect) peer.provider.disconnect()
          else peer.provider.connect()
        } else {
          await sleep(prng.uint32(gen, 0, 30))
        }
        if (step % 20 === 0) await sleep(1)
      }
      for (const peer of peers) if (!peer.provider.shouldConnect) peer.provider.connect()

      const reader = connect(server.syncUrl, workshop.id, workshop.tokens.observer, WebSocket)
      await synced(reader)
      const settled = () => {
        const target = canvasState(reader.doc, canvasId)
        return peers.every((peer) => canvasState(peer.doc, canvasId) === target)
      }
      await waitFor('every client to hold the server’s state', settled, 30_000)
      const expected = canvasState(reader.doc, canvasId)
      expect(JSON.parse(expected).items.length).toBeGreaterThan(0)

      // And on disk: a restarted server serves the same.
      const restarted = await servers.restart()
      const fresh = connect(restarted.syncUrl, workshop.id, workshop.tokens.observer, WebSocket)
      await synced(fresh)
      expect(canvasState(fresh.doc, canvasId)).toBe(expected)
    },
    120_000,
  )
})
