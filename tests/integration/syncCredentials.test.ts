import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { credentialProtocols, readCredentialProtocols } from '../../shared/protocol.ts'
import { roomName } from '../../shared/rooms.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import { useWorkshopServer } from '../helpers/workshopServer.ts'

/**
 * A browser sends its credentials as WebSocket subprotocols, a header, so that no URL it opens
 * holds a token or a secret; `?token=` (the contract) keeps working.
 */

const ctx = useWorkshopServer()

/** Opens `room` with `protocols` and no query; resolves with the protocol the server chose. */
const open = (room: string, protocols: string[]) =>
  new Promise<{ status: number; protocol?: string }>((resolve) => {
    const ws = new WebSocket(`${ctx.server.syncUrl}/${encodeURIComponent(room)}`, protocols)
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 })
      ws.terminate()
    })
    ws.once('open', () => {
      resolve({ status: 101, protocol: ws.protocol })
      ws.close()
    })
    ws.once('error', () => {})
  })

describe('credentials as subprotocols', () => {
  it('opens a room with the token in the header and answers with fabrique alone', async () => {
    const { workshop } = ctx
    expect(
      await open(workshop.id, credentialProtocols({ token: workshop.tokens.observer })),
    ).toEqual({ status: 101, protocol: 'fabrique' })
    expect((await open(workshop.id, credentialProtocols({ token: 'not-a-token' }))).status).toBe(
      401,
    )
    expect((await open(workshop.id, ['fabrique'])).status).toBe(401)
  })

  it("proves a participant's identity, and refuses another's secret", async () => {
    const { workshop, server } = ctx
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const room = roomName({
      kind: 'private',
      workshopId: workshop.id,
      participantId: me.participantId,
    })
    const token = workshop.tokens.participant
    const mine = { token, participant: me.participantId, secret: me.secret }
    expect(await open(room, credentialProtocols(mine))).toEqual({
      status: 101,
      protocol: 'fabrique',
    })
    expect((await open(room, credentialProtocols({ ...mine, secret: 'guess' }))).status).toBe(401)
    expect((await open(room, credentialProtocols({ token }))).status).toBe(401)
  })

  it('keeps the query of the contract and stock clients’ own subprotocols', async () => {
    const { workshop, server } = ctx
    const url = `${server.syncUrl}/${workshop.id}?token=${workshop.tokens.participant}`
    expect(await upgradeStatus(url)).toBe(101)
    const stock = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url, ['chat'])
      ws.once('open', () => {
        resolve(ws.protocol)
        ws.close()
      })
    })
    expect(stock).toBe('chat')
  })

  it('reads hostile headers without throwing or inventing credentials', () => {
    expect(readCredentialProtocols(undefined).size).toBe(0)
    expect([
      ...readCredentialProtocols('fabrique.token.%E0%A4%A, fabrique.role.x, fabrique.token, x'),
    ]).toEqual([])
    const odd = "a b(c)!'*%"
    const [, ...carried] = credentialProtocols({ secret: odd })
    for (const protocol of carried) expect(protocol).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/)
    expect(readCredentialProtocols(carried.join(', ')).get('secret')).toBe(odd)
  })
})
