import { Writable } from 'node:stream'
import * as encoding from 'lib0/encoding'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { type App, createApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import {
  addBox,
  listCanvases,
  listParticipants,
  readCanvasContent,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { openRaw, upgradeStatus } from '../helpers/raw.ts'
import { createWorkshop, tempDataDir } from '../helpers/server.ts'
import { unjudgedPlace } from '../helpers/workshopDoc.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'

const { start, track } = useTestServers()

const updateFrame = (doc: Y.Doc) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

describe('limits', () => {
  it('closes a connection that sends too many messages per second with 4429, others go on', async () => {
    const server = await start({ maxMessagesPerSecond: 50 })
    const workshop = await server.createWorkshop()
    const calm = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    await synced(calm)
    const flood = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    for (let i = 0; i < 500; i++) flood.ws.send(new Uint8Array([MessageType.queryAwareness]))
    expect((await flood.closed).code).toBe(CloseCode.rateLimited)
    const canvasId = listCanvases(calm.doc)[0]?.id ?? ''
    addBox(calm.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Toujours là' }, 'test')
    const other = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(other)
    await waitFor('the edit after the flood', () =>
      readCanvasContent(other.doc, canvasId).items.some((i) => i.text === 'Toujours là'),
    )
  })

  it('counts only failed upgrades per address: past the budget they get 429, valid links still connect', async () => {
    const server = await start({ maxConnectionsPerIp: 3 })
    const workshop = await server.createWorkshop()
    const bad = `${server.syncUrl}/${workshop.id}?token=not-a-token`
    for (let i = 0; i < 3; i++) expect(await upgradeStatus(bad)).toBe(401)
    expect(await upgradeStatus(bad)).toBe(429)
    expect(
      await upgradeStatus(`${server.syncUrl}/${workshop.id}?token=${workshop.tokens.participant}`),
    ).toBe(101)
  })

  it('behind TRUSTED_PROXIES, counts failed upgrades per forwarded client, not per proxy', async () => {
    const server = await start({ maxConnectionsPerIp: 2, trustedProxies: ['127.0.0.1'] })
    const workshop = await server.createWorkshop()
    const bad = `${server.syncUrl}/${workshop.id}?token=not-a-token`
    const from = (client: string) => ({ 'X-Forwarded-For': `203.0.113.9, ${client}` })
    expect(await upgradeStatus(bad, from('198.51.100.1'))).toBe(401)
    expect(await upgradeStatus(bad, from('198.51.100.1'))).toBe(401)
    expect(await upgradeStatus(bad, from('198.51.100.1'))).toBe(429)
    // Another person behind the same proxy has a budget of their own.
    expect(await upgradeStatus(bad, from('198.51.100.2'))).toBe(401)
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const server = await start({ maxConnectionsPerIp: 2 })
    const workshop = await server.createWorkshop()
    const bad = `${server.syncUrl}/${workshop.id}?token=not-a-token`
    expect(await upgradeStatus(bad, { 'X-Forwarded-For': '198.51.100.1' })).toBe(401)
    expect(await upgradeStatus(bad, { 'X-Forwarded-For': '198.51.100.2' })).toBe(401)
    expect(await upgradeStatus(bad, { 'X-Forwarded-For': '198.51.100.3' })).toBe(429)
  })

  it('refuses new sockets from an address whose connections keep being closed for bad frames', async () => {
    const server = await start({ maxRefusalsPerIp: 2 })
    const workshop = await server.createWorkshop()
    const calm = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    await synced(calm)
    for (let i = 0; i < 2; i++) {
      const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
      raw.ws.send('du texte')
      expect((await raw.closed).code).toBe(CloseCode.badMessage)
    }
    const url = `${server.url.replace('http', 'ws')}/sync/${workshop.id}?token=${workshop.tokens.participant}`
    expect(await upgradeStatus(url)).toBe(429)
    // Those already connected from that address go on.
    await sleep(100)
    expect(calm.provider.wsconnected).toBe(true)
    expect(server.app.sync.stats.connections).toBe(1)
  })

  it('does not count a full workshop (4413) against the address: honest devices meet it too', async () => {
    const server = await start({ maxRoomBytes: 128 * 1024, maxRefusalsPerIp: 1 })
    const workshop = await server.createWorkshop()
    const big = new Y.Doc()
    unjudgedPlace(big).set('padding', new Y.Text('x'.repeat(200 * 1024)))
    for (let i = 0; i < 2; i++) {
      const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
      raw.ws.send(updateFrame(big))
      expect((await raw.closed).code).toBe(CloseCode.roomFull)
    }
    expect(
      await upgradeStatus(`${server.syncUrl}/${workshop.id}?token=${workshop.tokens.participant}`),
    ).toBe(101)
  })

  it('lets 600 devices behind one address connect with the default limits', async () => {
    const server = await start({ maxConnectionsPerIp: loadConfig({}).maxConnectionsPerIp })
    const workshop = await server.createWorkshop()
    const sockets = await Promise.all(
      Array.from({ length: 600 }, () =>
        openRaw(server.syncUrl, workshop.id, workshop.tokens.participant),
      ),
    )
    expect(sockets.every((raw) => raw.ws.readyState === WebSocket.OPEN)).toBe(true)
    expect(server.app.sync.stats.connections).toBe(600)
    for (const raw of sockets) raw.ws.close()
    await Promise.all(sockets.map((raw) => raw.closed))
  }, 60_000)

  it('refuses an update that would make the room larger than its limit, and keeps serving', async () => {
    const server = await start({ maxRoomBytes: 128 * 1024 })
    const workshop = await server.createWorkshop()
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.participant)
    const big = new Y.Doc()
    unjudgedPlace(big).set('padding', new Y.Text('x'.repeat(200 * 1024)))
    raw.ws.send(updateFrame(big))
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.roomFull)
    expect(closed.reason).toMatch(/the workshop is full/)
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(reader)
    expect(unjudgedPlace(reader.doc).has('padding')).toBe(false)
  })

  it('accepts the sync socket only from ALLOWED_ORIGINS when set', async () => {
    const server = await start({ allowedOrigins: ['https://fabrique.example.org'] })
    const workshop = await server.createWorkshop()
    const url = `${server.syncUrl}/${workshop.id}?token=${workshop.tokens.participant}`
    const status = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { origin })
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.once('open', () => {
          resolve(101)
          ws.close()
        })
        ws.once('error', () => {})
      })
    expect(await status('https://evil.example.com')).toBe(403)
    expect(await status('https://fabrique.example.org')).toBe(101)
  })
})

describe('access', () => {
  it('rotating a link stops the old token at once, open connections included', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const old = workshop.tokens.participant
    const open = await openRaw(server.syncUrl, workshop.id, old)
    const rotate = (token: string) =>
      fetch(`${server?.url}/api/workshops/${workshop.id}/links/participant/rotate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      })
    expect((await rotate(old)).status).toBe(403)
    const res = await rotate(workshop.tokens.facilitator)
    expect(res.status).toBe(200)
    const links = (await res.json()) as WorkshopLinks
    expect(links.tokens.participant).not.toBe(old)
    expect(links.tokens.facilitator).toBe(workshop.tokens.facilitator)
    expect((await open.closed).code).toBe(CloseCode.unauthorized)
    expect(await upgradeStatus(`${server.syncUrl}/${workshop.id}?token=${old}`)).toBe(401)
    expect(
      await upgradeStatus(`${server.syncUrl}/${workshop.id}?token=${links.tokens.participant}`),
    ).toBe(101)
    const again = await fetch(`${server.url}/api/workshops/${workshop.id}/links`, {
      headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
    })
    expect(((await again.json()) as WorkshopLinks).tokens.participant).toBe(
      links.tokens.participant,
    )
  })

  it('removes a person’s name and authorship at their request, or the facilitator’s', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const join = () => server.register(workshop.id, workshop.tokens.participant)
    const ana = await join()
    const ben = await join()
    const anaClient = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant, ana.identity),
    )
    await synced(anaClient)
    upsertParticipant(
      anaClient.doc,
      { id: ana.participantId, name: 'Ana Tremblay', group: 'patient' },
      'test',
    )
    const canvasId = listCanvases(anaClient.doc)[0]?.id ?? ''
    addBox(
      anaClient.doc,
      canvasId,
      {
        kind: 'note',
        x: 0,
        y: 0,
        text: 'Mon idée',
        createdBy: ana.participantId,
        group: 'patient',
      },
      'test',
    )
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor(
      'Ana and her note',
      () =>
        listParticipants(reader.doc).length === 1 &&
        readCanvasContent(reader.doc, canvasId).items.length === 1,
    )

    const forget = (body: unknown) =>
      fetch(
        `${server?.url}/api/workshops/${workshop.id}/participants/${ana.participantId}/forget`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${workshop.tokens.participant}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        },
      )
    expect((await forget({ secret: ben.secret })).status).toBe(403)
    expect((await forget({})).status).toBe(403)
    expect((await forget({ secret: ana.secret })).status).toBe(200)
    await waitFor('the name gone', () => listParticipants(reader.doc).length === 0)
    expect(readCanvasContent(reader.doc, canvasId).items).toMatchObject([
      { text: 'Mon idée', createdBy: '' },
    ])
    await waitFor('her connection closed', () => anaClient.provider.wsconnected === false)
  })

  it('never writes a token into the logs', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const config = { ...loadConfig({}), port: 0, dataDir: tempDataDir() }
    const app: App = await createApp(config, pino({ level: 'trace' }, sink))
    const { port } = await app.listen()
    const url = `http://127.0.0.1:${port}`
    try {
      const workshop = await createWorkshop(url)
      const tokens = Object.values(workshop.tokens)
      await fetch(`${url}/api/workshops/${workshop.id}/session?token=${workshop.tokens.observer}`)
      await fetch(`${url}/api/workshops/${workshop.id}/links`, {
        headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
      })
      await fetch(
        `${url}/api/workshops/${workshop.id}/decisions.md?token=${workshop.tokens.participant}`,
      )
      const client = track(
        connectClient(`ws://127.0.0.1:${port}/sync`, workshop.id, workshop.tokens.participant),
      )
      await synced(client)
      expect(
        await upgradeStatus(
          `ws://127.0.0.1:${port}/sync/${workshop.id}?token=wrong-${workshop.tokens.observer}`,
        ),
      ).toBe(401)
      const raw = await openRaw(
        `ws://127.0.0.1:${port}/sync`,
        workshop.id,
        workshop.tokens.participant,
      )
      raw.ws.send(new Uint8Array([0x80]))
      await raw.closed
      client.destroy()
      await sleep(100)
      expect(lines.length).toBeGreaterThan(5)
      for (const token of tokens) expect(lines.join('\n')).not.toContain(token)
    } finally {
      await app.close()
    }
  })
})
