import { isDeepStrictEqual } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionSummary, WorkshopLinks } from '../../shared/api.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  createDecision,
  endWorkshop,
  listCanvases,
  listSessions,
  readCanvasContent,
  readFlow,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { sessionsMap } from '../../shared/schema/roots.ts'
import { joinAs } from '../helpers/people.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/** The server's clock: Thursday 4 March 2027, 9:00 in Montréal. */
let now = Date.parse('2027-03-04T09:00:00-05:00')
const clock = { now: () => now }

let server: TestServer
let lab: WorkshopLinks
const clients: TestClient[] = []
const track = (client: TestClient) => {
  clients.push(client)
  return client
}

beforeEach(async () => {
  now = Date.parse('2027-03-04T09:00:00-05:00')
  server = await startServer({}, undefined, { clock })
  lab = await server.createWorkshop({ title: 'Comité de co-création', template: 'groupe-nominal' })
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(`${server.url}/api/workshops/${lab.id}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

const sessions = async (token = lab.tokens.participant): Promise<SessionSummary[]> => {
  const res = await call('GET', '/sessions', token)
  expect(res.status).toBe(200)
  return (await res.json()) as SessionSummary[]
}

const plan = async (body: Record<string, unknown>) => {
  const res = await call('POST', '/sessions', lab.tokens.facilitator, body)
  expect(res.status).toBe(201)
  return (await res.json()) as SessionSummary
}

describe('sessions of a lab', () => {
  it('starts with one session, the one its template runs, dated the day it was made', async () => {
    expect(await sessions()).toEqual([
      {
        sessionId: expect.any(String),
        title: 'Comité de co-création',
        template: 'groupe-nominal',
        date: '2027-03-04',
        status: 'planned',
        current: true,
        attendance: { patient: 0, citizen: 0, clinician: 0, other: 0 },
        boards: [],
        boardsRoom: null,
      },
    ])
    // Any link lists them; none other does.
    expect((await sessions(lab.tokens.observer)).length).toBe(1)
    expect((await call('GET', '/sessions', 'not-a-token')).status).toBe(401)
  })

  it('dates a session in Montréal: 22:00 there is already the next day in UTC', async () => {
    now = Date.parse('2027-03-04T22:30:00-05:00')
    lab = await server.createWorkshop({ title: 'Soir', template: 'atelier-libre' })
    expect((await sessions())[0]?.date).toBe('2027-03-04')
  })

  it('lets the facilitator alone plan a session, and names the field of a bad one', async () => {
    const good = { title: 'Séance d’avril', template: 'plan-ouvert', date: '2027-04-01' }
    for (const role of ['participant', 'observer'] as const) {
      const res = await call('POST', '/sessions', lab.tokens[role], good)
      expect(res.status).toBe(403)
    }
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...good, title: '  ' }, 'title'],
      [{ ...good, title: undefined }, 'title'],
      [{ ...good, date: '1 avril' }, 'date'],
      [{ ...good, date: '2027-02-30' }, 'date'],
      [{ ...good, date: '0000-01-01' }, 'date: must be in a year from 1900 to 9999'],
      [{ ...good, date: '1899-12-31' }, 'date: must be in a year from 1900 to 9999'],
      [{ ...good, template: 'pas-un-gabarit' }, 'template'],
      [{ ...good, template: '' }, 'template'],
      [{ ...good, colour: 'red' }, 'colour'],
    ]
    for (const [body, field] of bad) {
      const res = await call('POST', '/sessions', lab.tokens.facilitator, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { error: string }).error).toContain(field)
    }
    const planned = await plan(good)
    expect(planned).toMatchObject({
      sessionId: expect.any(String),
      title: 'Séance d’avril',
      template: 'plan-ouvert',
      date: '2027-04-01',
      status: 'planned',
      current: false,
    })
    // Oldest first: one planned for February comes before both.
    await plan({ title: 'Rattrapage', template: 'atelier-libre', date: '2027-02-10' })
    expect((await sessions()).map((s) => s.title)).toEqual([
      'Rattrapage',
      'Comité de co-création',
      'Séance d’avril',
    ])
  })

  it('keeps the status written in the document in step with the session, however it moves', async () => {
    const facilitator = track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
    await synced(facilitator)
    const [first] = await sessions()
    const next = await plan({ title: 'Séance 2', template: 'groupe-nominal', date: '2027-04-01' })
    /** Each session's status as the document itself holds it (what any other tool reads). */
    const written = () =>
      Object.fromEntries(
        [...sessionsMap(facilitator.doc).entries()].map(([id, value]) => [
          id,
          (value as { status?: unknown }).status,
        ]),
      )
    const inStep = async (what: string) => {
      const listed = Object.fromEntries((await sessions()).map((s) => [s.sessionId, s.status]))
      await waitFor(what, () => isDeepStrictEqual(written(), listed))
    }
    await inStep('both planned')
    expect(
      (await call('POST', `/sessions/${first?.sessionId}/start`, lab.tokens.facilitator)).status,
    ).toBe(200)
    await inStep('the first running')
    expect(written()[first?.sessionId ?? '']).toBe('running')
    expect(
      (await call('POST', `/sessions/${first?.sessionId}/end`, lab.tokens.facilitator)).status,
    ).toBe(200)
    await inStep('the first ended')
    // The flow's own buttons move the session too, and so what the document says of it.
    now = Date.parse('2027-04-01T09:00:00-04:00')
    expect(
      (await call('POST', `/sessions/${next.sessionId}/start`, lab.tokens.facilitator)).status,
    ).toBe(200)
    await inStep('the second running')
    endWorkshop(facilitator.doc, 'test')
    await waitFor('the flow ended', () => listSessions(facilitator.doc)[1]?.status === 'ended')
    await inStep('the second ended by the flow’s button')
    expect(written()).toEqual({ [first?.sessionId ?? '']: 'ended', [next.sessionId]: 'ended' })
  })

  it('runs a session’s template flow, ends it, then runs the next on the same lab', async () => {
    const facilitator = track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
    await synced(facilitator)
    const [first] = await sessions()
    const next = await plan({ title: 'Séance 2', template: 'groupe-nominal', date: '2027-04-01' })
    const firstCanvas = listCanvases(facilitator.doc)[0]?.id ?? ''

    // The flow's own start button starts the current session.
    startWorkshop(facilitator.doc, 'test')
    await waitFor('the session running', () => readFlow(facilitator.doc).status === 'running')
    expect((await sessions()).find((s) => s.current)?.status).toBe('running')
    const ana = await joinAs(server, lab.id, lab.tokens.participant, 'Ana', 'patient')
    track(ana.shared)
    track(ana.own)
    addBox(facilitator.doc, firstCanvas, { kind: 'note', x: 0, y: 0, text: 'Idée de mars' }, 'test')

    // Another session cannot start while one runs; a participant cannot start or end one.
    expect(
      (await call('POST', `/sessions/${next.sessionId}/start`, lab.tokens.facilitator)).status,
    ).toBe(409)
    expect(
      (await call('POST', `/sessions/${first?.sessionId}/end`, lab.tokens.participant)).status,
    ).toBe(403)
    expect((await call('POST', '/sessions/nope/end', lab.tokens.facilitator)).status).toBe(404)

    const ended = await call('POST', `/sessions/${first?.sessionId}/end`, lab.tokens.facilitator)
    expect(ended.status).toBe(200)
    expect(await ended.json()).toMatchObject({ status: 'ended', current: true })
    await waitFor('the flow ended', () => readFlow(ana.shared.doc).status === 'ended')
    expect(
      (await call('POST', `/sessions/${first?.sessionId}/start`, lab.tokens.facilitator)).status,
    ).toBe(409)

    now = Date.parse('2027-04-01T09:00:00-04:00')
    const started = await call('POST', `/sessions/${next.sessionId}/start`, lab.tokens.facilitator)
    expect(started.status).toBe(200)
    expect(await started.json()).toMatchObject({ status: 'running', current: true })
    await waitFor('the second flow', () => readFlow(ana.shared.doc).status === 'running')
    const flow = readFlow(ana.shared.doc)
    // The same template again: new phases (their votes are new) on a new canvas of its own.
    expect(flow.phases.map((p) => p.id)).not.toContain('premier-vote')
    expect(flow.phases.map((p) => p.id)).toContain('premier-vote-s2')
    // The lab holds the new session's board; the first session's moved to its own room.
    const canvases = listCanvases(ana.shared.doc)
    expect(canvases.map((c) => c.id)).toEqual([`${firstCanvas}-s2`])
    const focused = flow.phases.find((p) => p.focus && 'canvas' in p.focus)?.focus
    expect(focused && 'canvas' in focused ? focused.canvas : '').toBe(canvases[0]?.id)
    // What the first session made is still there, and ended stays ended.
    const kept = track(
      connectClient(
        server.syncUrl,
        roomName({ kind: 'session', workshopId: lab.id, sessionId: first?.sessionId ?? '' }),
        lab.tokens.participant,
      ),
    )
    await synced(kept)
    expect(readCanvasContent(kept.doc, firstCanvas).items.map((i) => i.text)).toContain(
      'Idée de mars',
    )
    expect((await sessions()).map((s) => [s.title, s.status, s.current])).toEqual([
      ['Comité de co-création', 'ended', false],
      ['Séance 2', 'running', true],
    ])
  })
})

describe('decisions of a lab', () => {
  it('record the session they were taken in; the log shows and exports it', async () => {
    const facilitator = track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
    await synced(facilitator)
    const [march] = await sessions()
    const first = march?.sessionId ?? ''
    expect((await call('POST', `/sessions/${first}/start`, lab.tokens.facilitator)).status).toBe(
      200,
    )
    await waitFor('the first session running', () => readFlow(facilitator.doc).status === 'running')
    createDecision(facilitator.doc, { title: 'Essayer la navette' }, 'test')
    await call('POST', `/sessions/${first}/end`, lab.tokens.facilitator)
    const april = await plan({
      title: 'Séance d’avril',
      template: 'plan-ouvert',
      date: '2027-04-01',
    })
    now = Date.parse('2027-04-01T09:00:00-04:00')
    await call('POST', `/sessions/${april.sessionId}/start`, lab.tokens.facilitator)
    await waitFor(
      'the second session current',
      () =>
        listSessions(facilitator.doc).find((session) => session.current)?.id === april.sessionId,
    )
    createDecision(facilitator.doc, { title: 'Garder la navette' }, 'test')
    await expect
      .poll(async () => {
        const res = await call('GET', '/decisions.json', lab.tokens.observer)
        return ((await res.json()) as { decisions: unknown[] }).decisions.length
      })
      .toBe(2)

    const json = (await (await call('GET', '/decisions.json', lab.tokens.observer)).json()) as {
      decisions: Array<{ title: string; session: string | null }>
    }
    expect(json.decisions.map((d) => [d.title, d.session])).toEqual([
      ['Essayer la navette', first],
      ['Garder la navette', april.sessionId],
    ])
    const csv = await (await call('GET', '/decisions.csv', lab.tokens.observer)).text()
    const [header, ...rows] = csv.slice(1).trimEnd().split('\r\n')
    expect(header?.endsWith(',support,session,session_date,session_id')).toBe(true)
    expect(rows.map((row) => row.split(',').slice(-3))).toEqual([
      ['Comité de co-création', '2027-03-04', first],
      ['Séance d’avril', '2027-04-01', april.sessionId],
    ])
    const md = await (await call('GET', '/decisions.md', lab.tokens.observer)).text()
    expect(md).toContain(`session: ${first}`)
    expect(md).toContain('### Séance\n\nComité de co-création (4 mars 2027)')
    expect(md).toContain('### Séance\n\nSéance d’avril (1er avril 2027)')
    const report = await (await call('GET', '/report', lab.tokens.observer)).text()
    expect(report).toContain('Séance\u00a0: Séance d’avril (1er avril 2027)')
  })
})
