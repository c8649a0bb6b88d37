import { connect } from 'node:net'
import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced } from '../helpers/yclient.ts'

const { start, track } = useTestServers()

const DOWNLOADS = [
  { purpose: 'decisions.md', type: 'text/markdown; charset=utf-8' },
  { purpose: 'decisions.csv', type: 'text/csv; charset=utf-8' },
  { purpose: 'decisions.json', type: 'application/json; charset=utf-8' },
  { purpose: 'report', type: 'text/html; charset=utf-8' },
  { purpose: 'export', type: 'application/json; charset=utf-8' },
] as const

interface Ticket {
  ticket: string
  expiresAt: number
  url: string
}

/** `POST /api/workshops/<id>/tickets` with `token` as the bearer (none when null). */
const askTicket = (
  server: TestServer,
  workshopId: string,
  token: string | null,
  body: unknown,
  contentType = 'application/json',
) =>
  fetch(`${server.url}/api/workshops/${workshopId}/tickets`, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const ticketFor = async (
  server: TestServer,
  workshop: WorkshopLinks,
  purpose: string,
  token = workshop.tokens.participant,
): Promise<Ticket> => {
  const res = await askTicket(server, workshop.id, token, { purpose })
  expect(res.status).toBe(201)
  return (await res.json()) as Ticket
}

const download = (server: TestServer, path: string) => fetch(`${server.url}${path}`)

const refusal = async (res: Response) => ({ status: res.status, ...(await res.json()) })

describe('download tickets', () => {
  it('are issued only for a valid token of the workshop, for one of its downloads', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const other = await server.createWorkshop()
    const body = { purpose: 'decisions.csv' }
    for (const token of [null, 'not-a-token', other.tokens.facilitator]) {
      expect(await refusal(await askTicket(server, workshop.id, token, body))).toEqual({
        status: 401,
        error: 'unknown workshop or token',
      })
    }
    // ?token= does not stand in for the header either: a ticket is asked for with Authorization.
    const byQuery = await fetch(
      `${server.url}/api/workshops/${workshop.id}/tickets?token=${workshop.tokens.facilitator}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
    )
    expect(byQuery.status).toBe(401)
    const bad = async (payload: unknown, contentType?: string) =>
      refusal(
        await askTicket(server, workshop.id, workshop.tokens.facilitator, payload, contentType),
      )
    expect(await bad({ purpose: 'links' })).toMatchObject({
      status: 400,
      error: expect.stringMatching(/^purpose: /),
    })
    expect(await bad({})).toMatchObject({ status: 400, error: expect.stringMatching(/^purpose/) })
    expect(await bad({ purpose: 'report', token: 'x' })).toMatchObject({ status: 400 })
    expect(await bad('{"purpose":')).toMatchObject({ status: 400 })
    expect(await bad('purpose=report', 'text/plain')).toMatchObject({ status: 415 })
  })

  it('download their one endpoint once, with no role token in the URL', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ title: 'Atelier des billets' })
    for (const { purpose, type } of DOWNLOADS) {
      const before = Date.now()
      const ticket = await ticketFor(server, workshop, purpose, workshop.tokens.observer)
      expect(ticket.url).toBe(`/api/workshops/${workshop.id}/${purpose}?ticket=${ticket.ticket}`)
      for (const token of Object.values(workshop.tokens)) expect(ticket.url).not.toContain(token)
      expect(ticket.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(ticket.expiresAt).toBeGreaterThan(before)
      expect(ticket.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000)

      const first = await download(server, ticket.url)
      expect(first.status).toBe(200)
      expect(first.headers.get('content-type')).toBe(type)
      expect((await first.text()).length).toBeGreaterThan(0)
      expect(await refusal(await download(server, ticket.url))).toEqual({
        status: 401,
        error: 'this download ticket was already used; ask for a new one',
      })
    }
  })

  it('refuse an expired ticket, one for another download and one for another workshop', async () => {
    const server = await start({ downloadTicketTtlMs: 300 })
    const workshop = await server.createWorkshop()
    const other = await server.createWorkshop()

    const late = await ticketFor(server, workshop, 'decisions.md')
    expect(late.expiresAt - Date.now()).toBeLessThanOrEqual(300)
    await sleep(400)
    expect(await refusal(await download(server, late.url))).toEqual({
      status: 401,
      error: 'unknown or expired download ticket; ask for a new one',
    })

    const csv = await ticketFor(server, workshop, 'decisions.csv')
    expect(
      await refusal(
        await download(server, `/api/workshops/${workshop.id}/report?ticket=${csv.ticket}`),
      ),
    ).toEqual({
      status: 401,
      error: 'this download ticket is for decisions.csv, not for report',
    })
    // Shown to the wrong endpoint, it is spent: whoever saw it cannot use it either.
    expect((await download(server, csv.url)).status).toBe(401)

    const archive = await ticketFor(server, workshop, 'export')
    expect(
      await refusal(
        await download(server, `/api/workshops/${other.id}/export?ticket=${archive.ticket}`),
      ),
    ).toEqual({ status: 401, error: 'this download ticket is for another workshop' })

    expect(
      await refusal(await download(server, `/api/workshops/${workshop.id}/export?ticket=made-up`)),
    ).toEqual({ status: 401, error: 'unknown or expired download ticket; ask for a new one' })
  })

  it('for attendance.csv are the facilitator’s alone: its only download is theirs', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const body = { purpose: 'attendance.csv' }
    for (const role of ['participant', 'observer'] as const) {
      expect(
        await refusal(await askTicket(server, workshop.id, workshop.tokens[role], body)),
      ).toEqual({ status: 403, error: 'only the facilitator can download the attendance' })
    }
    const ticket = await ticketFor(server, workshop, 'attendance.csv', workshop.tokens.facilitator)
    const res = await download(server, ticket.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  })

  it('carry the rights of the token they were made with, and no more', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    // A ticket is not a token: the facilitator's does not open the facilitator's routes.
    const facilitators = await ticketFor(server, workshop, 'report', workshop.tokens.facilitator)
    for (const route of ['links', 'participation', 'session']) {
      const res = await download(
        server,
        `/api/workshops/${workshop.id}/${route}?ticket=${facilitators.ticket}`,
      )
      expect(res.status).toBe(401)
    }
    // A participant ticket made before the link was replaced is worth what the old link is now.
    const participants = await ticketFor(server, workshop, 'decisions.json')
    const rotated = await fetch(
      `${server.url}/api/workshops/${workshop.id}/links/participant/rotate`,
      { method: 'POST', headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` } },
    )
    expect(rotated.status).toBe(200)
    expect(await refusal(await download(server, participants.url))).toEqual({
      status: 401,
      error: 'unknown workshop or token',
    })
  })

  it('are bounded: a flood of requests holds at most 100 pending tickets per workshop', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const other = await server.createWorkshop()
    const statuses: number[] = []
    let retryAfter: string | null = null
    let error = ''
    for (let i = 0; i < 150; i++) {
      const res = await askTicket(server, workshop.id, workshop.tokens.observer, {
        purpose: 'decisions.md',
      })
      statuses.push(res.status)
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after')
        error = ((await res.json()) as { error: string }).error
      } else await res.body?.cancel()
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(100)
    expect(statuses.slice(100).every((status) => status === 429)).toBe(true)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    expect(error).toMatch(/^too many download tickets for this link; try again in \d+ s$/)
    // Other workshops, and the facilitator's own link, are not held up by this one.
    await ticketFor(server, other, 'decisions.md')
    const facilitator = await askTicket(server, workshop.id, workshop.tokens.facilitator, {
      purpose: 'decisions.md',
    })
    expect(facilitator.status).toBe(201)
  })

  it('leave the contract as it was: ?token= and Authorization still download', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const base = `${server.url}/api/workshops/${workshop.id}`
    expect((await fetch(`${base}/decisions.md?token=${workshop.tokens.observer}`)).status).toBe(200)
    const res = await fetch(`${base}/export`, {
      headers: { Authorization: `Bearer ${workshop.tokens.participant}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
  })
})

/** Sends bytes on a raw TCP connection and waits until the server closes it. */
const sendRaw = (server: TestServer, bytes: string) =>
  new Promise<void>((resolve) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(bytes))
    socket.on('data', () => {})
    socket.on('error', () => resolve())
    socket.on('close', () => resolve())
  })

describe('the server log', () => {
  it('holds no token, secret or ticket through a session with a join, tickets and exports', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const server = await start({}, pino({ level: 'trace' }, sink))
    const workshop = await server.createWorkshop()
    const { tokens } = workshop
    const ana = await server.register(workshop.id, tokens.participant)
    const secrets: string[] = [...Object.values(tokens), ana.secret]

    const shared = track(
      connectClient(server.syncUrl, workshop.id, tokens.participant, ana.identity),
    )
    const own = track(
      connectClient(
        server.syncUrl,
        `${workshop.id}/private/${ana.participantId}`,
        tokens.participant,
        ana.identity,
      ),
    )
    await Promise.all([synced(shared), synced(own)])
    for (const { purpose } of DOWNLOADS) {
      const ticket = await ticketFor(server, workshop, purpose)
      secrets.push(ticket.ticket)
      await (await download(server, ticket.url)).body?.cancel()
      await (await download(server, ticket.url)).body?.cancel() // reused: refused, and logged
    }
    await fetch(`${server.url}/api/workshops/${workshop.id}/report?token=${tokens.observer}`)
    // Refused upgrades: a wrong secret, a stranger on a private room.
    const privateUrl = `${server.syncUrl}/${workshop.id}/private/${ana.participantId}`
    expect(
      await upgradeStatus(
        `${privateUrl}?token=${tokens.participant}&participant=${ana.participantId}&secret=x${ana.secret}`,
      ),
    ).toBe(401)
    expect(await upgradeStatus(`${privateUrl}?token=${tokens.observer}`)).toBe(401)
    // A request the HTTP parser rejects, with a token and a secret in its first line.
    await sendRaw(
      server,
      `GET /api/workshops/${workshop.id}/decisions.md?token=${tokens.facilitator}&secret=${ana.secret} HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n`,
    )
    shared.destroy()
    own.destroy()
    await sleep(100)

    const log = lines.join('\n')
    expect(log).toContain('malformed HTTP request')
    expect(lines.length).toBeGreaterThan(10)
    for (const secret of secrets) {
      expect(log).not.toContain(secret)
      // nor as the bytes of a buffer logged as JSON
      expect(log).not.toContain([...Buffer.from(secret)].join(','))
    }
  })
})
