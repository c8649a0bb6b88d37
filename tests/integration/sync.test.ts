import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import { isNamed, readPresence } from '../../shared/presence.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import { readMeta, readSchemaVersion, SCHEMA_VERSION } from '../../shared/schema/index.ts'
import { metaMap } from '../../shared/schema/roots.ts'
import { openRaw, upgradeStatus } from '../helpers/raw.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { scratch } from '../helpers/workshopDoc.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/** The name a presence state shows, if it is someone's who has one. */
const nameIn = (state: Record<string, unknown>): string | null => {
  const user = readPresence(state)
  return user && isNamed(user) ? user.name : null
}

let server: TestServer
let workshop: WorkshopLinks
const clients: TestClient[] = []

const connect = (role: keyof WorkshopLinks['tokens'] = 'participant') => {
  const client = connectClient(server.syncUrl, workshop.id, workshop.tokens[role])
  clients.push(client)
  return client
}

/** The names written with `join`: plain edits any writer may make (see `scratch`). */
const names = (client: TestClient) =>
  [...scratch(client.doc).values()].filter((value) => typeof value === 'string')

const join = (client: TestClient, name: string) =>
  scratch(client.doc).set(`id-${Buffer.from(name).toString('hex')}`, name)

/**
 * The update a bare socket sends for `name` written under `key` as `join` writes: made on a copy of
 * the workshop as an observer gets it (a write needs the plan), and that copy's client id.
 */
const rawJoin = async (key: string, name: string) => {
  const reader = connect('observer')
  await synced(reader)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc))
  const before = Y.encodeStateVector(doc)
  scratch(doc).set(key, name)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before))
  return { frame: encoding.toUint8Array(encoder), doc }
}

beforeEach(async () => {
  server = await startServer()
  workshop = await server.createWorkshop({ title: 'Modéliser ensemble' })
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

describe('sync server with real y-websocket clients', () => {
  it('serves the seeded workshop document', async () => {
    const a = connect()
    await synced(a)
    expect(readMeta(a.doc)).toMatchObject({
      title: 'Modéliser ensemble',
      templateId: 'atelier-libre',
      locale: 'fr',
    })
  })

  it('syncs edits both ways', async () => {
    const a = connect()
    const b = connect('facilitator')
    await Promise.all([synced(a), synced(b)])
    join(a, 'Alice')
    await waitFor('Alice at B', () => names(b).includes('Alice'))
    join(b, 'Bruno')
    await waitFor('Bruno at A', () => names(a).includes('Bruno'))
    expect(names(a)).toEqual(names(b))
  })

  it('shows awareness and clears it for everyone when a client leaves', async () => {
    const a = connect()
    const b = connect()
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalStateField('user', {
      id: 'alice-00001',
      name: 'Alice',
      group: 'citizen',
      role: 'participant',
    })
    const aliceAtB = () =>
      [...b.provider.awareness.getStates().values()].some((state) => nameIn(state) === 'Alice')
    await waitFor('Alice present at B', aliceAtB)
    // Closing the socket without a goodbye: the server must remove Alice's state itself.
    ;(a.provider.ws as unknown as { terminate(): void }).terminate()
    a.provider.shouldConnect = false
    await waitFor('Alice gone at B', () => !aliceAtB(), 3000)
  })

  it("never applies, relays or stores an observer's edit", async () => {
    const observer = connect('observer')
    const participant = connect()
    await Promise.all([synced(observer), synced(participant)])
    join(observer, 'Intrus')
    await sleep(100)
    join(participant, 'Paule')
    const late = connect()
    await synced(late)
    await waitFor('Paule at the late client', () => names(late).includes('Paule'))
    expect(names(participant)).toEqual(['Paule'])
    expect(names(late)).toEqual(['Paule'])
    // Nor stored: a restarted server serves the same.
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    server = await startServer({ dataDir: server.config.dataDir })
    const fresh = connect()
    await synced(fresh)
    expect(names(fresh)).toEqual(['Paule'])
  })

  it('gives each new device the document as it is when it joins a room loaded from a snapshot', async () => {
    const { storage } = server.app
    const stored = async () => {
      const room = await storage.loadRoom(workshop.id)
      const doc = new Y.Doc()
      if (room.snapshot) Y.applyUpdate(doc, room.snapshot)
      for (const update of room.updates) Y.applyUpdate(doc, update)
      return { doc, snapshotAlone: room.snapshot !== null && room.updates.length === 0 }
    }
    const until = async (what: string, check: (doc: Y.Doc, snapshotAlone: boolean) => boolean) => {
      for (let tries = 0; ; tries++) {
        const { doc, snapshotAlone } = await stored()
        if (check(doc, snapshotAlone)) return
        if (tries > 250) throw new Error(`timed out waiting for ${what}`)
        await sleep(20)
      }
    }
    // A change that the next load migrates (the schema version put back to 1, as a document
    // an older build stored: only the server writes it), then everyone leaves: the room
    // unloads and is compacted into a snapshot alone.
    const facilitator = connect('facilitator')
    await synced(facilitator)
    join(facilitator, 'Alice')
    await server.app.sync.withRoom(workshop.id, (room) => metaMap(room.doc).set('schemaVersion', 1))
    await until('the change on disk', (doc) => readSchemaVersion(doc) === 1)
    facilitator.destroy()
    await until('the room compacted', (_, snapshotAlone) => snapshotAlone)

    // New devices get the migrated document, not the snapshot as stored.
    const first = connect()
    await synced(first)
    await until('the migration on disk', (doc) => readSchemaVersion(doc) === SCHEMA_VERSION)
    const second = connect()
    await synced(second)
    for (const client of [first, second]) {
      expect(readSchemaVersion(client.doc)).toBe(SCHEMA_VERSION)
      expect(names(client)).toEqual(['Alice'])
    }
    // A change, then another new device (the same empty state vector): it gets the change too.
    join(first, 'Bruno')
    await until('Bruno on disk', (doc) => scratch(doc).size === 2)
    const third = connect()
    await synced(third)
    expect(names(third).sort()).toEqual(['Alice', 'Bruno'])
    expect(readSchemaVersion(third.doc)).toBe(SCHEMA_VERSION)
  })

  it('refuses an unknown workshop or token with 401', async () => {
    const other = await server.createWorkshop()
    const base = `${server.syncUrl}/${workshop.id}`
    expect(await upgradeStatus(`${base}?token=not-a-token`)).toBe(401)
    expect(await upgradeStatus(base)).toBe(401)
    expect(await upgradeStatus(`${base}?token=${other.tokens.participant}`)).toBe(401)
    expect(await upgradeStatus(`${server.syncUrl}/nope?token=${workshop.tokens.participant}`)).toBe(
      401,
    )
    expect(await upgradeStatus(`${base}?token=${workshop.tokens.participant}`)).toBe(101)
  })

  it('acknowledges a stored update to its sender with the server state vector', async () => {
    const { frame, doc } = await rawJoin('raw-client-1', 'Raw')
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    raw.ws.send(frame)
    const ackCovers = () =>
      raw.received.some((frame) => {
        const decoder = decoding.createDecoder(frame)
        if (decoding.readVarUint(decoder) !== MessageType.sync) return false
        if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return false
        const serverVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
        return (serverVector.get(doc.clientID) ?? 0) >= (Y.getState(doc.store, doc.clientID) ?? 0)
      })
    await waitFor('an ack covering the update', ackCovers)
    raw.ws.close()
  })

  it('closes a connection that sends malformed frames and keeps serving the others', async () => {
    // Eight refused sockets from one address: past MAX_REFUSALS_PER_IP's default.
    await server.close()
    server = await startServer({ maxRefusalsPerIp: 100 })
    workshop = await server.createWorkshop({ title: 'Modéliser ensemble' })
    const a = connect()
    const b = connect()
    await Promise.all([synced(a), synced(b)])
    join(a, 'Avant')
    await waitFor('first edit', () => names(b).includes('Avant'))

    const garbage: Uint8Array[] = [
      new Uint8Array([]), // empty frame
      new Uint8Array([0x80]), // truncated varint
      new Uint8Array([99, 1, 2, 3]), // unknown message type
      new Uint8Array([0, 7, 0]), // unknown sync message type
      new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]), // update with a huge declared length
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // update whose bytes are not Yjs
      new Uint8Array([1, 4, 1, 2, 3, 4]), // awareness that is not an awareness update
    ]
    for (const frame of garbage) {
      const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
      raw.ws.send(frame)
      const { code } = await raw.closed
      expect(code, `frame ${Array.from(frame).join(',')}`).toBe(CloseCode.badMessage)
    }
    const text = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    text.ws.send('hello')
    expect((await text.closed).code).toBe(CloseCode.badMessage)

    join(b, 'Après')
    await waitFor('edit after the garbage', () => names(a).includes('Après'))
    expect(names(a)).toEqual(['Avant', 'Après'])
  })

  it('drops a socket that stops answering pings and clears its presence', async () => {
    await server.close()
    server = await startServer({ pingIntervalMs: 100 })
    workshop = await server.createWorkshop()
    const watcher = connect()
    await synced(watcher)
    // A client whose network vanished: it never answers pings.
    const silent = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant, {
      autoPong: false,
    })
    const ghost = new awarenessProtocol.Awareness(new Y.Doc())
    ghost.setLocalStateField('user', {
      id: 'ghost-0001',
      name: 'Fantôme',
      group: 'other',
      role: 'participant',
    })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(ghost, [ghost.clientID]),
    )
    silent.ws.send(encoding.toUint8Array(encoder))
    const ghostPresent = () =>
      [...watcher.provider.awareness.getStates().values()].some(
        (state) => nameIn(state) === 'Fantôme',
      )
    await waitFor('the ghost to appear', ghostPresent)
    await silent.closed
    await waitFor('the ghost to be gone', () => !ghostPresent(), 2000)
    ghost.destroy()
  })

  it('closes a connection whose message is over the size limit with 1009', async () => {
    await server.close()
    server = await startServer({ maxMessageBytes: 64 * 1024 })
    workshop = await server.createWorkshop()
    const a = connect()
    await synced(a)
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    raw.ws.send(new Uint8Array(100 * 1024))
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig)
    join(a, 'Toujours')
    const b = connect()
    await synced(b)
    await waitFor('sync after the oversized frame', () => names(b).includes('Toujours'))
  })
})

describe('what a joining device is told is saved', () => {
  it('the first SyncStep1 a device gets covers only what is on disk', async () => {
    const { frame, doc } = await rawJoin('brouillon', 'écrit juste avant une coupure')
    const storage = server.app.storage
    const append = storage.appendUpdates.bind(storage)
    let stored = 0
    storage.appendUpdates = async (batches) => {
      await sleep(400)
      await append(batches)
      stored = performance.now()
    }
    const first = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    first.ws.send(frame)
    await sleep(50)
    // The phone's socket drops and it comes back at once, while that edit is being stored.
    first.ws.terminate()
    const again = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    await waitFor('the SyncStep1 of the new socket', () => again.received.length > 0)
    const message = decoding.createDecoder(
      again.received.find((m) => m[0] === MessageType.sync) ?? new Uint8Array(),
    )
    expect(stored).toBeGreaterThan(0)
    expect(decoding.readVarUint(message)).toBe(MessageType.sync)
    expect(decoding.readVarUint(message)).toBe(syncProtocol.messageYjsSyncStep1)
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(message))
    expect(vector.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID))
    again.ws.close()
  })
})
