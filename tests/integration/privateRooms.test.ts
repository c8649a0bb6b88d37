import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import { roomName } from '../../shared/rooms.ts'
import { startWorkshop } from '../../shared/schema/index.ts'
import { PRIVATE_ROOT } from '../../shared/schema/private.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { synced, type TestClient, waitFor } from '../helpers/yclient.ts'

let server: TestServer
let workshop: WorkshopLinks
const clients: TestClient[] = []

const join = async (token: string): Promise<Response> =>
  fetch(`${server.url}/api/workshops/${workshop.id}/participants`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })

const credentials = () => server.register(workshop.id, workshop.tokens.participant)

/** A y-websocket client on a participant's private room. */
const openPrivate = (owner: string, params: Record<string, string>): TestClient => {
  const doc = new Y.Doc()
  const room = roomName({ kind: 'private', workshopId: workshop.id, participantId: owner })
  const provider = new WebsocketProvider(server.syncUrl, room, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const destroy = () => {
    provider.destroy()
    doc.destroy()
  }
  const client = { doc, provider, destroy }
  clients.push(client)
  return client
}

const privateUrl = (owner: string, query: string) =>
  `${server.syncUrl}/${roomName({ kind: 'private', workshopId: workshop.id, participantId: owner })}?${query}`

beforeEach(async () => {
  server = await startServer()
  workshop = await server.createWorkshop()
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

describe('participant identities and private documents', () => {
  it('issues an identity to participant and facilitator links, not to observers', async () => {
    const one = await credentials()
    const two = await credentials()
    expect(one.participantId).not.toBe(two.participantId)
    expect(one.secret.length).toBeGreaterThanOrEqual(22)
    expect((await join(workshop.tokens.facilitator)).status).toBe(201)
    expect((await join(workshop.tokens.observer)).status).toBe(403)
    expect((await join('nope')).status).toBe(401)
  })

  it('opens a private document to its owner only, not to the facilitator', async () => {
    // Private notes are written while a phase lets people write (the free workshop's does).
    await server.app.sync.withRoom(workshop.id, (room) => startWorkshop(room.doc, null))
    const alice = await credentials()
    const bob = await credentials()
    const own = { token: workshop.tokens.participant, ...alice.identity }
    const mine = openPrivate(alice.participantId, own)
    await synced(mine)
    mine.doc.getMap(PRIVATE_ROOT.canvases).set('idea', 'Mon idée privée')

    const otherDevice = openPrivate(alice.participantId, own)
    await waitFor(
      'the note on her other device',
      () => otherDevice.doc.getMap(PRIVATE_ROOT.canvases).get('idea') === 'Mon idée privée',
    )

    expect(
      await upgradeStatus(privateUrl(alice.participantId, `token=${workshop.tokens.facilitator}`)),
    ).toBe(401)
    const asBob = `token=${workshop.tokens.participant}&participant=${bob.participantId}&secret=${bob.secret}`
    expect(await upgradeStatus(privateUrl(alice.participantId, asBob))).toBe(401)
    expect(
      await upgradeStatus(privateUrl(alice.participantId, `token=${workshop.tokens.participant}`)),
    ).toBe(401)
    const wrongSecret = `token=${workshop.tokens.participant}&participant=${alice.participantId}&secret=${bob.secret}`
    expect(await upgradeStatus(privateUrl(alice.participantId, wrongSecret))).toBe(401)
    expect(
      await upgradeStatus(privateUrl(alice.participantId, `token=${workshop.tokens.observer}`)),
    ).toBe(401)
    expect(await upgradeStatus(privateUrl(bob.participantId, asBob))).toBe(101)
  })
})
