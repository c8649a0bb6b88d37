import * as decoding from 'lib0/decoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { ACK_INTERVAL_MS, AWARENESS_INTERVAL_MS } from '../../server/sync/Outbox.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { MessageType } from '../../shared/protocol.ts'
import { addBox, listCanvases } from '../../shared/schema/index.ts'
import { openRaw, type RawSocket } from '../helpers/raw.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

let server: TestServer
let workshop: WorkshopLinks
const clients: TestClient[] = []

beforeEach(async () => {
  server = await startServer()
  workshop = await server.createWorkshop({ title: 'Beaucoup de curseurs' })
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

/** The awareness messages a raw observer received, applied in order to a fresh Awareness. */
const observedAwareness = (observer: RawSocket) => {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  let messages = 0
  for (const frame of observer.received) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MessageType.awareness) continue
    messages++
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server')
  }
  return { awareness, messages }
}

describe('fan-out to a full room', () => {
  it('sends a storm of cursor moves to each client as one merged message per interval, ending on every latest cursor', async () => {
    const movers = Array.from({ length: 30 }, () =>
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant),
    )
    clients.push(...movers)
    await Promise.all(movers.map(synced))
    const observer = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)

    const moves = 20
    const started = performance.now()
    for (let step = 1; step <= moves; step++) {
      for (const mover of movers) {
        mover.provider.awareness.setLocalStateField('cursor', { x: step, y: step })
      }
      await sleep(5)
    }
    const latest = (awareness: awarenessProtocol.Awareness) =>
      movers.every(
        (mover) =>
          (awareness.getStates().get(mover.doc.clientID) as { cursor?: { x: number } } | undefined)
            ?.cursor?.x === moves,
      )
    await waitFor('every latest cursor at the observer', () =>
      latest(observedAwareness(observer).awareness),
    )
    const elapsed = performance.now() - started
    const { messages } = observedAwareness(observer)
    // 600 changes were made (and each client echoes every change it receives, as y-websocket
    // does): the observer gets at most one merged message per interval.
    expect(messages).toBeLessThanOrEqual(Math.ceil(elapsed / AWARENESS_INTERVAL_MS) + 1)
    observer.ws.close()
  })
  it('acknowledges someone typing a few times a second, the last acknowledgement covering every keystroke', async () => {
    const writer = connectClient(server.syncUrl, workshop.id, workshop.tokens.participant)
    clients.push(writer)
    await synced(writer)
    const acks: Array<Map<number, number>> = []
    writer.provider.ws?.addEventListener('message', (event: { data: unknown }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
      if (decoding.readVarUint(decoder) !== MessageType.sync) return
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return
      acks.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)))
    })
    const canvasId = listCanvases(writer.doc)[0]?.id ?? ''
    const type = (i: number) =>
      addBox(writer.doc, canvasId, { kind: 'note', x: i, y: 0, text: `${i}` }, 'test')
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID)
    const acknowledged = () => acks.some((ack) => ack.get(writer.doc.clientID) === mine())
    type(0)
    await waitFor('an acknowledgement of the first keystroke', acknowledged)
    acks.length = 0
    const started = performance.now()
    for (let i = 1; i <= 50; i++) {
      type(i)
      await sleep(5)
    }
    await waitFor('an acknowledgement of the last keystroke', acknowledged)
    const elapsed = performance.now() - started
    expect(acks.length).toBeLessThanOrEqual(Math.ceil(elapsed / ACK_INTERVAL_MS) + 1)
  })
})
