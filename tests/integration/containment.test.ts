import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { PresenceUser } from '../../shared/presence.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import { addBox, listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { PLAN_LIMITS } from '../../shared/schema/planEntries.ts'
import { openRaw, type RawSocket } from '../helpers/raw.ts'
import type { TestServer } from '../helpers/server.ts'
import { scratch, unjudgedPlace } from '../helpers/workshopDoc.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'
import { awarenessFrame as rawAwarenessFrame } from '../soak/frames.ts'

const { start, restart, track } = useTestServers()

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapAfterGc = () => {
  gc()
  return process.memoryUsage().heapUsed
}

/** An awareness frame: `entries` of [client id, clock, state JSON]. */
const awarenessFrame = (entries: Array<[number, number, string]>): Uint8Array =>
  rawAwarenessFrame(entries.map(([clientId, clock, state]) => ({ clientId, clock, state })))

/**
 * A presence state showing `name` with `role` (the sender's: the server relays only who the
 * connection is), under an id of its own unless given one. An observer is never named: theirs
 * shows the id (made from `name`) and the role alone.
 */
const shows = (
  name: string,
  role: PresenceUser['role'],
  more: { id?: string; back?: boolean } = {},
): string => {
  const { id = `id-${Buffer.from(name).toString('hex')}`, ...rest } = more
  // A `user` has its fields only: anything else goes beside it.
  const user = role === 'observer' ? { id, role } : { id, name, group: 'other', role }
  return JSON.stringify({ user, ...rest })
}

const updateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A room with two honest clients that keep checking they still sync both ways. */
const honestPair = async (server: TestServer) => {
  const workshop = await server.createWorkshop()
  const a = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
  const b = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
  await Promise.all([synced(a), synced(b)])
  const canvasId = listCanvases(a.doc)[0]?.id ?? ''
  let n = 0
  const stillSync = async () => {
    n++
    addBox(a.doc, canvasId, { kind: 'note', x: 0, y: 0, text: `encore ${n}` }, 'test')
    await waitFor(`edit ${n} to reach the other client`, () =>
      readCanvasContent(b.doc, canvasId).items.some((item) => item.text === `encore ${n}`),
    )
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }
  return { workshop, a, b, stillSync }
}

const presenceOf = (client: TestClient, id: number) =>
  client.provider.awareness.getStates().get(id) as Record<string, unknown> | undefined

/** The raw socket stops reading: what the server sends piles up in its buffers. */
const stopReading = (raw: RawSocket) =>
  (raw.ws as WebSocket & { _socket: { pause(): void } })._socket.pause()

describe('presence is bounded and bound to its connection', () => {
  it('removes the presence of a client that goes silent with its socket open; the server stays up', async () => {
    const server = await start({ presenceTimeoutMs: 600, pingIntervalMs: 60_000 })
    const { workshop, b, stillSync } = await honestPair(server)
    const sleeper = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    sleeper.ws.send(awarenessFrame([[4242, 1, shows('Téléphone', 'participant')]]))
    await waitFor('the phone’s presence', () => presenceOf(b, 4242) !== undefined)
    stopReading(sleeper)
    await waitFor(
      'the silent phone’s presence to expire',
      () => presenceOf(b, 4242) === undefined,
      5000,
    )
    await sleep(700)
    await stillSync()
    expect(server.app.sync.stats.connections).toBe(3)
  })

  it('refuses deep, huge and million-entry presence; the others keep syncing and nothing is relayed', async () => {
    const server = await start()
    const { workshop, b, stillSync } = await honestPair(server)
    const deep = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    deep.ws.send(awarenessFrame([[5001, 1, `${'['.repeat(20_000)}${']'.repeat(20_000)}`]]))
    expect((await deep.closed).code).toBe(CloseCode.badMessage)
    const big = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    big.ws.send(awarenessFrame([[5002, 1, JSON.stringify({ user: 'x'.repeat(40_000) })]]))
    expect((await big.closed).code).toBe(CloseCode.badMessage)
    const many = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    const entries: Array<[number, number, string]> = []
    for (let i = 0; i < 1_000_000; i++) entries.push([i + 10, 1, '{}'])
    const frame = awarenessFrame(entries)
    const sent = performance.now()
    many.ws.send(frame)
    expect((await many.closed).code).toBe(CloseCode.badMessage)
    expect(performance.now() - sent).toBeLessThan(1500)
    await stillSync()
    for (const id of [5001, 5002, 10, 11]) expect(presenceOf(b, id)).toBeUndefined()
    expect(server.app.sync.stats.presenceBytes).toBeLessThan(4096 * 3)
  })

  it('never lets one connection set or remove the presence of another client id', async () => {
    const server = await start()
    const { workshop, b } = await honestPair(server)
    const alice = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    const aliceState = shows('Alice', 'participant')
    alice.ws.send(awarenessFrame([[7001, 1, aliceState]]))
    await waitFor('Alice’s presence', () => presenceOf(b, 7001) !== undefined)
    const spoofer = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    spoofer.ws.send(awarenessFrame([[7002, 1, shows('Moi', 'observer')]]))
    spoofer.ws.send(awarenessFrame([[7001, 5, shows('Alice, animatrice', 'observer')]]))
    spoofer.ws.send(awarenessFrame([[7001, 6, 'null']]))
    // The participant link is on the projector: holding it is no proof of being Alice.
    const sameLink = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    sameLink.ws.send(awarenessFrame([[7001, 2 ** 40, shows('EVIL', 'participant')]]))
    await waitFor('the spoofer’s own presence', () => presenceOf(b, 7002) !== undefined)
    await sleep(200)
    expect(presenceOf(b, 7001)).toEqual(JSON.parse(aliceState))
    // The spoofer's socket stays open: stock clients echo others' entries, never closed for it.
    expect(spoofer.ws.readyState).toBe(1)
    spoofer.ws.close()
    await spoofer.closed
    await waitFor(
      'the spoofer’s presence to leave with it',
      () => presenceOf(b, 7002) === undefined,
    )
    expect(presenceOf(b, 7001)).toEqual(JSON.parse(aliceState))
  })

  it('lets the same person’s new socket take over their client id from a half-open one', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const registered = await server.register(workshop.id, workshop.tokens.participant)
    const watcher = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(watcher)
    const params = registered.identity
    const old = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant, {}, params)
    const ana = { id: registered.participantId }
    old.ws.send(awarenessFrame([[8001, 1, shows('Ana', 'participant', ana)]]))
    await waitFor('Ana’s presence', () => presenceOf(watcher, 8001) !== undefined)
    stopReading(old)
    const stranger = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    stranger.ws.send(awarenessFrame([[8001, 2, shows('Pas Ana', 'participant')]]))
    const back = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant, {}, params)
    const backState = shows('Ana', 'participant', { ...ana, back: true })
    back.ws.send(awarenessFrame([[8001, 3, backState]]))
    await waitFor('Ana back', () => JSON.stringify(presenceOf(watcher, 8001)).includes('back'))
    old.ws.terminate()
    await old.closed
    await sleep(200)
    expect(presenceOf(watcher, 8001)).toEqual(JSON.parse(backState))
  })

  it('closes sockets that never read once their unsent bytes pass the budget, with a bounded heap', async () => {
    const maxBufferedBytes = 256 * 1024
    const server = await start({ maxBufferedBytes, maxMessagesPerSecond: 100_000 })
    const { workshop, stillSync } = await honestPair(server)
    const holder = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    holder.ws.send(awarenessFrame([[9001, 1, JSON.stringify({ padding: 'p'.repeat(4000) })]]))
    await sleep(100)
    const before = heapAfterGc()
    const readers = await Promise.all(
      Array.from({ length: 10 }, () =>
        openRaw(server.syncUrl, workshop.id, workshop.tokens.observer),
      ),
    )
    let peakBuffered = 0
    const query = new Uint8Array([MessageType.queryAwareness])
    for (const raw of readers) stopReading(raw)
    for (let round = 0; round < 400; round++) {
      for (const raw of readers)
        if (raw.ws.readyState === 1) for (let i = 0; i < 50; i++) raw.ws.send(query)
      await sleep(5)
      peakBuffered = Math.max(peakBuffered, server.app.sync.stats.maxBufferedBytes)
      if (readers.every((raw) => raw.ws.readyState !== 1)) break
    }
    await waitFor(
      'every non-reading socket to be closed',
      () => server.app.sync.stats.connections === 3,
      10_000,
    )
    // A socket is closed at its next send past the budget: by at most one message more.
    expect(peakBuffered).toBeLessThan(maxBufferedBytes + 64 * 1024)
    expect(heapAfterGc() - before).toBeLessThan(32 * 1024 * 1024)
    await stillSync()
  }, 30_000)
})

describe('documents are bounded', () => {
  it('refuses deeply nested updates with 4400; nothing is stored, the room reloads', async () => {
    const server = await start()
    const { workshop, b, stillSync } = await honestPair(server)
    const deepAny = new Y.Doc()
    let value: unknown = 'fond'
    for (let i = 0; i < 3000; i++) value = [value]
    unjudgedPlace(deepAny).set('deep', value)
    const nestedTypes = new Y.Doc()
    nestedTypes.transact(() => {
      let map = unjudgedPlace(nestedTypes)
      for (let i = 0; i < 200; i++) {
        const inner = new Y.Map<unknown>()
        map.set('child', inner)
        map = inner
      }
    })
    for (const doc of [deepAny, nestedTypes]) {
      const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
      raw.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)))
      const closed = await raw.closed
      expect(closed.code).toBe(CloseCode.badMessage)
      expect(closed.reason).toMatch(/nested deeper/)
    }
    await stillSync()
    expect(unjudgedPlace(b.doc).has('deep')).toBe(false)
    expect(unjudgedPlace(b.doc).has('child')).toBe(false)
    const reloaded = await restart()
    const fresh = track(connectClient(reloaded.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(fresh)
    expect(unjudgedPlace(fresh.doc).has('deep')).toBe(false)
    expect(unjudgedPlace(fresh.doc).has('child')).toBe(false)
  })

  it('refuses an update that would leave pending structs, and one with too many client ids', async () => {
    const server = await start()
    const { workshop, stillSync } = await honestPair(server)
    const source = new Y.Doc()
    unjudgedPlace(source).set('t', new Y.Text('premier'))
    const first = Y.encodeStateAsUpdate(source)
    const vector = Y.encodeStateVector(source)
    ;(unjudgedPlace(source).get('t') as Y.Text).insert(7, ' second')
    const second = Y.encodeStateAsUpdate(source, vector)
    const gap = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    // A y-websocket client's first SyncStep2 (empty here) ends the wait for offline content.
    const step2 = encoding.createEncoder()
    encoding.writeVarUint(step2, MessageType.sync)
    syncProtocol.writeSyncStep2(step2, new Y.Doc())
    gap.ws.send(encoding.toUint8Array(step2))
    gap.ws.send(updateFrame(second))
    const closed = await gap.closed
    expect(closed.code).toBe(CloseCode.badMessage)
    expect(closed.reason).toMatch(/history|does not have/)
    expect(first.length).toBeGreaterThan(0)

    const crowd = new Y.Doc()
    for (let i = 0; i < 70; i++) {
      const one = new Y.Doc()
      unjudgedPlace(one).set(`k${i}`, i)
      Y.applyUpdate(crowd, Y.encodeStateAsUpdate(one))
    }
    const many = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    many.ws.send(updateFrame(Y.encodeStateAsUpdate(crowd)))
    expect((await many.closed).reason).toMatch(/client ids/)
    await stillSync()
  })

  it('holds an edit that builds on offline content until the SyncStep2 that brings it', async () => {
    const server = await start()
    const { workshop, b, stillSync } = await honestPair(server)
    const phone = new Y.Doc()
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(b.doc))
    const vector = Y.encodeStateVector(phone)
    scratch(phone).setText('hors-ligne', new Y.Text('écrit hors ligne'))
    const offline = Y.encodeStateAsUpdate(phone, vector)
    const before = Y.encodeStateVector(phone)
    scratch(phone).text('hors-ligne')?.insert(16, ', puis en ligne')
    const live = Y.encodeStateAsUpdate(phone, before)
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    raw.ws.send(updateFrame(live))
    const step2 = encoding.createEncoder()
    encoding.writeVarUint(step2, MessageType.sync)
    encoding.writeVarUint(step2, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(step2, offline)
    raw.ws.send(encoding.toUint8Array(step2))
    await waitFor(
      'the offline and live edits',
      () => scratch(b.doc).text('hors-ligne')?.toString() === 'écrit hors ligne, puis en ligne',
    )
    expect(raw.ws.readyState).toBe(1)
    await stillSync()
  })
  it('refuses an update that would split a text into too many pieces, before applying it', async () => {
    const server = await start()
    const { workshop, b, stillSync } = await honestPair(server)
    const attacker = new Y.Doc()
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(b.doc))
    const updates: Uint8Array[] = []
    attacker.on('update', (update: Uint8Array) => updates.push(update))
    // 40,000 characters as 20 questions of the longest a question may be, then every other
    // one deleted at once: 20,000 deletions, far past the pieces a connection may add.
    const texts = Array.from({ length: 20 }, () => new Y.Text('x'.repeat(PLAN_LIMITS.question)))
    attacker.transact(() => {
      for (const [i, text] of texts.entries()) scratch(attacker).setText(`long-${i}`, text)
    })
    attacker.transact(() => {
      for (const text of texts)
        for (let i = PLAN_LIMITS.question - 1; i > 0; i -= 2) text.delete(i, 1)
    })
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    raw.ws.send(updateFrame(updates[0] as Uint8Array))
    raw.ws.send(updateFrame(updates[1] as Uint8Array))
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.rateLimited)
    expect(closed.reason).toMatch(/too many changes at once/)
    await stillSync()
    await waitFor('the long texts, whole', () =>
      texts.every((_, i) => scratch(b.doc).text(`long-${i}`)?.length === PLAN_LIMITS.question),
    )
  })
})

describe('containment', () => {
  it('a fault inside one room closes only that room with 4500; it reloads at the next join', async () => {
    const server = await start()
    const first = await honestPair(server)
    const other = await honestPair(server)
    let faulty = true
    server.app.sync.onStored((roomId) => {
      if (faulty && roomId === first.workshop.id) throw new Error('a bug in a hook')
    })
    const closed = new Promise<number>((resolve) =>
      first.a.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
    )
    const canvasId = listCanvases(first.a.doc)[0]?.id ?? ''
    addBox(first.a.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'déclencheur' }, 'test')
    expect(await closed).toBe(CloseCode.internalError)
    faulty = false
    await other.stillSync()
    await synced(first.a)
    await waitFor(
      'both clients back',
      () => first.a.provider.wsconnected && first.b.provider.wsconnected,
    )
    await first.stillSync()
    await waitFor('the note written before the fault', () =>
      readCanvasContent(first.b.doc, canvasId).items.some((item) => item.text === 'déclencheur'),
    )
  })
})
