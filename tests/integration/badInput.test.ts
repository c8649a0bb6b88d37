import net from 'node:net'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import { addBox, listCanvases, readCanvasContent } from '../../shared/schema/index.ts'
import { openRaw } from '../helpers/raw.ts'
import { unjudgedPlace } from '../helpers/workshopDoc.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'
import { awarenessFrame } from '../soak/frames.ts'

const servers = useTestServers()

/** Every code the server may close a misbehaving connection with (README, close codes). */
const DOCUMENTED = new Set<number>([
  CloseCode.badMessage,
  CloseCode.messageTooBig,
  CloseCode.rateLimited,
  CloseCode.roomFull,
])

const validUpdate = (gen: prng.PRNG) => {
  const doc = new Y.Doc()
  unjudgedPlace(doc).set(prng.word(gen, 1, 6), prng.word(gen, 0, 30))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

/** A frame no client should send: random, truncated, mutated, huge, unknown… */
const badFrame = (gen: prng.PRNG, maxBytes: number): Uint8Array => {
  const kind = prng.uint32(gen, 0, 8)
  const bytes = (n: number) => prng.uint8Array(gen, n)
  switch (kind) {
    case 0:
      return bytes(prng.uint32(gen, 0, 64))
    case 1: {
      const frame = validUpdate(gen)
      return frame.slice(0, prng.uint32(gen, 0, frame.length - 1))
    }
    case 2: {
      const frame = validUpdate(gen)
      for (let i = 0; i < 3; i++)
        frame[prng.uint32(gen, 0, frame.length - 1)] = prng.uint32(gen, 0, 255)
      return frame
    }
    case 3:
      return new Uint8Array([
        MessageType.sync,
        syncProtocol.messageYjsUpdate,
        0xff,
        0xff,
        0xff,
        0xff,
        0x0f,
        ...bytes(8),
      ])
    case 4:
      return new Uint8Array([prng.uint32(gen, 4, 200), ...bytes(prng.uint32(gen, 0, 16))])
    case 5:
      return new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80])
    case 6: {
      // An awareness update whose entry claims a longer state than the message holds.
      const entry = encoding.createEncoder()
      encoding.writeVarUint(entry, 1) // one entry
      encoding.writeVarUint(entry, prng.uint32(gen, 1, 1e6)) // client id
      encoding.writeVarUint(entry, prng.uint32(gen, 1, 1e6)) // clock
      encoding.writeVarUint(entry, prng.uint32(gen, 10, 1e6)) // state length
      encoding.writeUint8Array(entry, bytes(prng.uint32(gen, 0, 9)))
      const frame = encoding.createEncoder()
      encoding.writeVarUint(frame, MessageType.awareness)
      encoding.writeVarUint8Array(frame, encoding.toUint8Array(entry))
      return encoding.toUint8Array(frame)
    }
    case 7:
      // A SyncStep1 whose state vector is not one: its reply would be encoded later.
      return new Uint8Array([
        MessageType.sync,
        syncProtocol.messageYjsSyncStep1,
        3,
        0xff,
        0xff,
        0xff,
      ])
    default:
      return new Uint8Array(maxBytes + 1)
  }
}

describe('bad input never takes the server down', () => {
  it('closes each connection that sends a bad frame with a documented code, and keeps serving', async () => {
    const maxMessageBytes = 16 * 1024
    const server = await servers.start({ maxMessageBytes, maxRefusalsPerIp: 1_000_000 })
    const workshop = await server.createWorkshop()
    const a = servers.track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    const b = servers.track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await Promise.all([synced(a), synced(b)])
    const canvasId = listCanvases(a.doc)[0]?.id ?? ''
    const gen = prng.create(42)
    const url = `${server.syncUrl}/${workshop.id}?token=${workshop.tokens.participant}`
    const codes = new Map<number, number>()
    let sent = 0
    const started = Date.now()
    while (sent < 2000 && Date.now() - started < 40_000) {
      const ws = new WebSocket(url)
      await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
      })
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
      // Several frames per connection: valid ones are accepted, the first bad one ends it.
      for (let i = 0; i < 20 && ws.readyState === WebSocket.OPEN; i++) {
        ws.send(prng.bool(gen) ? badFrame(gen, maxMessageBytes) : validUpdate(gen))
        sent++
      }
      ws.send(new Uint8Array([0x80]))
      sent++
      const code = await closed
      codes.set(code, (codes.get(code) ?? 0) + 1)
      if (sent % 400 < 21) {
        // Others still sync while this goes on.
        addBox(a.doc, canvasId, { kind: 'note', x: 0, y: 0, text: `vivant ${sent}` }, 'test')
        await waitFor('an edit to reach the other client', () =>
          readCanvasContent(b.doc, canvasId).items.some((item) => item.text === `vivant ${sent}`),
        )
      }
    }
    expect(sent).toBeGreaterThanOrEqual(2000)
    for (const code of codes.keys()) expect(DOCUMENTED.has(code), `close code ${code}`).toBe(true)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 60_000)

  it('refuses a valid message followed by junk in the same frame (4400), and applies none of it', async () => {
    const server = await servers.start({ maxRefusalsPerIp: 1_000 })
    const workshop = await server.createWorkshop()
    const watcher = servers.track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.observer),
    )
    await synced(watcher)
    const canvasId = listCanvases(watcher.doc)[0]?.id ?? ''
    const note = new Y.Doc()
    Y.applyUpdate(note, Y.encodeStateAsUpdate(watcher.doc))
    addBox(note, canvasId, { kind: 'note', x: 0, y: 0, text: 'suivie de déchets' }, 'test')
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, MessageType.sync)
    syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(note, Y.encodeStateVector(watcher.doc)))
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, MessageType.sync)
    syncProtocol.writeSyncStep1(step1, new Y.Doc())
    const presence = awarenessFrame([{ clientId: 4321, clock: 1, state: '{"cursor":1}' }])
    const junk = [0x00, 0x01, 0xff]
    const followed = (frame: Uint8Array) => new Uint8Array([...frame, ...junk])
    // Inside a presence message: bytes after its entries.
    const entries = encoding.createEncoder()
    encoding.writeVarUint(entries, 0)
    encoding.writeUint8Array(entries, new Uint8Array(junk))
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, MessageType.awareness)
    encoding.writeVarUint8Array(inner, encoding.toUint8Array(entries))
    const frames: Array<[string, Uint8Array]> = [
      ['an update', followed(encoding.toUint8Array(update))],
      ['a SyncStep1', followed(encoding.toUint8Array(step1))],
      ['a presence', followed(presence)],
      ['a presence query', followed(new Uint8Array([MessageType.queryAwareness]))],
      ['a presence’s entries', encoding.toUint8Array(inner)],
    ]
    for (const [what, frame] of frames) {
      const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
      raw.ws.send(frame)
      const closed = await raw.closed
      expect(closed.code, what).toBe(CloseCode.badMessage)
      expect(closed.reason, what).toMatch(/bytes after/)
    }
    await sleep(200)
    expect(readCanvasContent(watcher.doc, canvasId).items).toEqual([])
    expect(watcher.provider.awareness.getStates().has(4321)).toBe(false)
    // The same messages alone are taken.
    const honest = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    honest.ws.send(encoding.toUint8Array(update))
    await waitFor('the note', () => readCanvasContent(watcher.doc, canvasId).items.length === 1)
    honest.ws.close()
  })

  it('answers random API requests with 4xx and a message, never 500', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const gen = prng.create(7)
    const paths = [
      '/api/workshops',
      '/api/workshops/import',
      '/api/templates',
      `/api/workshops/${workshop.id}/reveal`,
      `/api/workshops/${workshop.id}/versions`,
      `/api/workshops/${workshop.id}/participants`,
      `/api/workshops/${workshop.id}/template`,
      `/api/workshops/${workshop.id}/votes/x/close`,
      `/api/workshops/${workshop.id}/links/participant/rotate`,
      `/api/workshops/${workshop.id}/versions/nope/restore`,
      `/api/workshops/%E0%A4%A/session`,
      '/api/nothing',
    ]
    const bodies = [
      () => prng.word(gen, 0, 40),
      () => JSON.stringify(prng.int32(gen, -5, 5)),
      () => JSON.stringify({ title: prng.int32(gen, 0, 9), template: [], locale: {} }),
      () =>
        JSON.stringify({ title: 'x'.repeat(prng.uint32(gen, 0, 300)), template: 'atelier-libre' }),
      () => '{"format":"fabrique.workshop","version":1,"schemaVersion":1,"document":"@@@"}',
      () => JSON.stringify([null, true, { a: 1 }]),
      () => 'x'.repeat(70 * 1024),
    ]
    const tokens = [workshop.tokens.facilitator, workshop.tokens.participant, 'garbage', '']
    for (let i = 0; i < 300; i++) {
      const path = paths[prng.uint32(gen, 0, paths.length - 1)] ?? '/'
      const body = bodies[prng.uint32(gen, 0, bodies.length - 1)]?.() ?? ''
      const token = tokens[prng.uint32(gen, 0, tokens.length - 1)]
      const method = prng.oneOf(gen, ['POST', 'POST', 'GET', 'PUT', 'DELETE'])
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          'Content-Type': prng.bool(gen) ? 'application/json' : 'text/plain',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        ...(method === 'GET' ? {} : { body }),
      })
      expect(res.status, `${method} ${path}`).toBeLessThan(500)
      if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
        expect(typeof (await res.json()).error, `${method} ${path}`).toBe('string')
      } else {
        await res.arrayBuffer()
      }
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 60_000)

  it('answers a request or an upgrade whose target is not a URL with 400, and goes on serving', async () => {
    const server = await servers.start()
    const port = Number(new URL(server.url).port)
    /** The status line the server answers `head` with (Node's parser lets these targets through). */
    const statusLine = (head: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`))
        let answer = ''
        socket.on('data', (chunk) => {
          answer += chunk
        })
        socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''))
        socket.setTimeout(2000, () => socket.destroy())
      })
    const upgrade = [
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ].join('\r\n')
    expect(
      await statusLine('GET http://[x/api/templates HTTP/1.1\r\nHost: a\r\nConnection: close'),
    ).toBe('HTTP/1.1 400 Bad Request')
    expect(await statusLine(`GET http://[x/sync/abc HTTP/1.1\r\nHost: a\r\n${upgrade}`)).toMatch(
      /^HTTP\/1\.1 40[04] /,
    )
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})
