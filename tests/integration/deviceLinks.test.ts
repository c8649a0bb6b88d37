import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEVICE_FRAGMENT_KEY,
  type DeviceClaim,
  type DeviceLink,
  type SessionSummary,
  TOKEN_FRAGMENT_KEY,
  type WorkshopLinks,
} from '../../shared/api.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { CloseCode } from '../../shared/protocol.ts'
import {
  addBox,
  listCanvases,
  listParticipants,
  listSessions,
  readCanvasContent,
} from '../../shared/schema/index.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import {
  connectClient,
  refusalsOf,
  sleep,
  synced,
  type TestClient,
  waitFor,
} from '../helpers/yclient.ts'

/**
 * A person's personal link (issue 17, "People across sessions"): made by the person (with their
 * secret) or the facilitator, it signs another device in as the same person, so attendance and
 * authorship continue; replaced or revoked, it stops at once.
 */

/** The server's clock, moved by the test; attendance ticks every 40 ms of real time. */
let now = Date.parse('2027-03-04T09:00:00-05:00')
const clock = { now: () => now }
const TICK_MS = 40
const moveTo = async (time: string) => {
  now = Date.parse(time)
  await sleep(TICK_MS * 4)
}

let server: TestServer | undefined
const clients: TestClient[] = []
const track = <T extends TestClient>(client: T) => {
  clients.push(client)
  return client
}
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

const start = async (
  overrides: Parameters<typeof startServer>[0] = {},
  log = pino({ level: 'silent' }),
) => {
  server = await startServer(overrides, log, { clock, attendanceTickMs: TICK_MS })
  return server
}

const live = () => {
  if (!server) throw new Error('no server')
  return server
}

const call = (
  lab: WorkshopLinks,
  method: string,
  route: string,
  token: string | null,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) =>
  fetch(`${live().url}/api/workshops/${lab.id}${route}`, {
    method,
    headers: {
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      'Content-Type': 'application/json',
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })

/** The headers by which a request proves it is `person` (the identity issued at join). */
const as = (person: { id: string; secret: string }) => ({
  'X-Fabrique-Participant': person.id,
  'X-Fabrique-Secret': person.secret,
})

/** `person`'s own personal link, asked with their secret and the participant link. */
const ownLink = (
  lab: WorkshopLinks,
  method: 'GET' | 'POST' | 'DELETE',
  person: { id: string; secret: string },
) =>
  call(lab, method, `/participants/${person.id}/device-link`, lab.tokens.participant, {
    headers: as(person),
  })

/** A person who joined with the participant link and whose record the server has. */
const join = async (
  lab: WorkshopLinks,
  name: string,
  group: PartnerGroup,
  watcher: TestClient,
): Promise<Person> => {
  const person = await joinAs(live(), lab.id, lab.tokens.participant, name, group)
  track(person.shared)
  track(person.own)
  await waitFor(`${name}'s record on the server`, () =>
    listParticipants(watcher.doc).some((record) => record.id === person.id),
  )
  return person
}

/** Makes (or replaces) the person's personal link, as they do with their own secret. */
const makeLink = async (lab: WorkshopLinks, person: Person) => {
  const res = await ownLink(lab, 'POST', person)
  expect(res.status).toBe(201)
  return (await res.json()) as DeviceLink
}

/** What a device opening `link` reads from it: the role token and the link's secret (after #). */
const openLink = (link: string) => {
  const url = new URL(link)
  const fragment = new URLSearchParams(url.hash.slice(1))
  return {
    url,
    token: fragment.get(TOKEN_FRAGMENT_KEY) ?? '',
    device: fragment.get(DEVICE_FRAGMENT_KEY) ?? '',
  }
}

const claim = (lab: WorkshopLinks, link: string, headers: Record<string, string> = {}) => {
  const { token, device } = openLink(link)
  return call(lab, 'POST', '/participants/claim', token, { body: { device }, headers })
}

const sessionsOf = async (lab: WorkshopLinks) =>
  (await (await call(lab, 'GET', '/sessions', lab.tokens.observer)).json()) as SessionSummary[]

const csvOf = async (lab: WorkshopLinks) => {
  const res = await call(lab, 'GET', '/attendance.csv', lab.tokens.facilitator)
  expect(res.status).toBe(200)
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
  const [header, ...rows] = text.slice(1).trimEnd().split('\r\n')
  const columns = (header ?? '').split(',')
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell])))
}

/** Whether the server takes `identity` as the person (the check every page makes on load). */
const recognised = async (lab: WorkshopLinks, identity: { id: string; secret: string }) =>
  (await call(lab, 'GET', '/session', lab.tokens.participant, { headers: as(identity) })).status

const writeNote = (client: TestClient, createdBy: string, text: string) => {
  const canvasId = listCanvases(client.doc)[0]?.id ?? ''
  addBox(client.doc, canvasId, { kind: 'note', x: 0, y: 0, text, createdBy }, 'test')
}

/** A lab whose first session runs from 9:00, with the facilitator's client watching it. */
const runningLab = async (overrides: Parameters<typeof startServer>[0] = {}, log?: pino.Logger) => {
  now = Date.parse('2027-03-04T09:00:00-05:00')
  const server = await start(overrides, log)
  const lab = await server.createWorkshop({ title: 'Comité', template: 'atelier-libre' })
  const first = (await sessionsOf(lab))[0]?.sessionId ?? ''
  expect((await call(lab, 'POST', `/sessions/${first}/start`, lab.tokens.facilitator)).status).toBe(
    200,
  )
  const watcher = track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
  await synced(watcher)
  return { lab, first, watcher }
}

describe('a personal link', () => {
  it('signs a second device in as the same person: their notes, and their attendance of the next session, are theirs', async () => {
    const { lab, first, watcher } = await runningLab()
    const ana = await join(lab, 'Ana', 'patient', watcher)
    writeNote(ana.shared, ana.id, 'Une navette')
    await moveTo('2027-03-04T09:30:00-05:00')
    ana.shared.destroy()
    ana.own.destroy()
    await sleep(TICK_MS * 4)
    await call(lab, 'POST', `/sessions/${first}/end`, lab.tokens.facilitator)

    // On her laptop, she makes her personal link: the lab's address, its secrets after '#'.
    const made = await makeLink(lab, ana)
    const { url, token, device } = openLink(made.link)
    expect(`${url.origin}${url.pathname}`).toBe(`${live().url}/w/${lab.id}`)
    expect(url.search).toBe('')
    // The participant link's token, never anything more.
    expect(token).toBe(lab.tokens.participant)
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(made.createdAt).toBe(now)
    const status = await ownLink(lab, 'GET', ana)
    expect(await status.json()).toEqual({ active: true, createdAt: made.createdAt })

    // A month later she comes with her new phone, which opens the link.
    const april = await call(lab, 'POST', '/sessions', lab.tokens.facilitator, {
      body: { title: 'Séance d’avril', template: 'atelier-libre', date: '2027-04-01' },
    })
    const second = ((await april.json()) as SessionSummary).sessionId
    await moveTo('2027-04-01T08:55:00-04:00')
    const claimed = await claim(lab, made.link)
    expect(claimed.status).toBe(201)
    const phone = (await claimed.json()) as DeviceClaim
    // Her id, a secret of the phone's own, and her record: the phone asks her nothing.
    expect(phone.participantId).toBe(ana.id)
    expect(phone.secret).not.toBe(ana.secret)
    expect(phone.secret).not.toBe(device)
    expect(phone.record).toMatchObject({ name: 'Ana', group: 'patient' })
    expect(await recognised(lab, { id: ana.id, secret: phone.secret })).toBe(200)
    // Her laptop's secret works as before.
    expect(await recognised(lab, ana)).toBe(200)

    const identity = { participant: ana.id, secret: phone.secret }
    const onPhone = track(connectClient(live().syncUrl, lab.id, lab.tokens.participant, identity))
    const told = refusalsOf(onPhone)
    await synced(onPhone)
    await call(lab, 'POST', `/sessions/${second}/start`, lab.tokens.facilitator)
    // On the new session's board: March's left for its own room as April's started.
    await waitFor('April’s session at the phone', () =>
      listSessions(onPhone.doc).some((s) => s.id === second && s.status === 'running'),
    )
    writeNote(onPhone, ana.id, 'Un horaire')
    await waitFor('the phone’s note at the facilitator', () =>
      readCanvasContent(watcher.doc, listCanvases(watcher.doc)[0]?.id ?? '').items.some(
        (item) => 'text' in item && item.text === 'Un horaire',
      ),
    )
    expect(told).toEqual([])
    const notes = readCanvasContent(watcher.doc, listCanvases(watcher.doc)[0]?.id ?? '').items
    expect(
      notes
        .filter((item) => 'text' in item)
        .map((item) => [('text' in item && item.text) || '', item.createdBy]),
    ).toEqual([['Un horaire', ana.id]])
    // Her March note, from the laptop, is in March's own room now (sessionBoards.test.ts), as hers.
    await moveTo('2027-04-01T09:40:00-04:00')

    // One person across both sessions and both devices.
    const rows = await csvOf(lab)
    expect(
      rows.map((row) => [row.person, row.person_id, row.session, row.minutes, row.notes]),
    ).toEqual([
      ['Ana', ana.id, 'Comité', '30', '1'],
      ['Ana', ana.id, 'Séance d’avril', '45', '1'],
    ])
    expect((await sessionsOf(lab)).map((s) => s.attendance.patient)).toEqual([1, 1])

    // Forgotten, from her phone: her name leaves the whole lab, her link and both devices stop.
    const forgot = await call(
      lab,
      'POST',
      `/participants/${ana.id}/forget`,
      lab.tokens.participant,
      {
        body: { secret: phone.secret },
      },
    )
    expect(forgot.status).toBe(200)
    await waitFor('the phone closed', () => onPhone.provider.wsconnected === false)
    expect(await recognised(lab, ana)).toBe(401)
    expect(await recognised(lab, { id: ana.id, secret: phone.secret })).toBe(401)
    expect((await claim(lab, made.link)).status).toBe(403)
    expect(await csvOf(lab)).toEqual([])
    expect((await sessionsOf(lab)).map((s) => s.attendance.patient)).toEqual([0, 0])
    expect(listParticipants(watcher.doc)).toEqual([])
  })

  it('made by the facilitator for someone carries the participant link, never the facilitator’s', async () => {
    const { lab, watcher } = await runningLab()
    const bob = await join(lab, 'Bob', 'citizen', watcher)
    const res = await call(
      lab,
      'POST',
      `/participants/${bob.id}/device-link`,
      lab.tokens.facilitator,
    )
    expect(res.status).toBe(201)
    const { link } = (await res.json()) as DeviceLink
    expect(openLink(link).token).toBe(lab.tokens.participant)
    expect(link).not.toContain(lab.tokens.facilitator)
    const claimed = await claim(lab, link)
    expect(claimed.status).toBe(201)
    const device = (await claimed.json()) as DeviceClaim
    expect(device.participantId).toBe(bob.id)
    // The phone opens the lab as a participant, as Bob.
    const session = await call(lab, 'GET', '/session', openLink(link).token, {
      headers: as({ id: bob.id, secret: device.secret }),
    })
    expect((await session.json()).role).toBe('participant')
    // The facilitator reads whether it is active, and revokes it.
    const status = await call(
      lab,
      'GET',
      `/participants/${bob.id}/device-link`,
      lab.tokens.facilitator,
    )
    expect((await status.json()).active).toBe(true)
    const revoked = await call(
      lab,
      'DELETE',
      `/participants/${bob.id}/device-link`,
      lab.tokens.facilitator,
    )
    expect(revoked.status).toBe(200)
    expect(await revoked.json()).toEqual({ revoked: true })
    expect((await claim(lab, link)).status).toBe(403)
  })

  it('replaced (« Nouveau lien ») or revoked (« Révoquer »), stops at once; a device signed in with it goes on', async () => {
    const { lab, watcher } = await runningLab()
    const ana = await join(lab, 'Ana', 'patient', watcher)
    const old = await makeLink(lab, ana)
    const tablet = (await (await claim(lab, old.link)).json()) as DeviceClaim
    const fresh = await makeLink(lab, ana)
    expect(fresh.link).not.toBe(old.link)
    const refused = await claim(lab, old.link)
    expect(refused.status).toBe(403)
    expect((await refused.json()).error).toMatch(/personal link .*replaced or revoked/)
    // The tablet, signed in before, keeps working: its secret is its own.
    expect(await recognised(lab, { id: ana.id, secret: tablet.secret })).toBe(200)
    const onTablet = track(
      connectClient(live().syncUrl, lab.id, lab.tokens.participant, {
        participant: ana.id,
        secret: tablet.secret,
      }),
    )
    await synced(onTablet)

    // The new link works (for any number of devices) until she revokes it.
    expect((await claim(lab, fresh.link)).status).toBe(201)
    const revoke = await ownLink(lab, 'DELETE', ana)
    expect(await revoke.json()).toEqual({ revoked: true })
    expect((await claim(lab, fresh.link)).status).toBe(403)
    const again = await ownLink(lab, 'DELETE', ana)
    expect(await again.json()).toEqual({ revoked: false })
    const status = await ownLink(lab, 'GET', ana)
    expect(await status.json()).toEqual({ active: false, createdAt: null })
    await sleep(100)
    expect(onTablet.provider.wsconnected).toBe(true)

    // Replacing the participant link stops the personal links made with it: their token is the old one.
    const renewed = await makeLink(lab, ana)
    await call(lab, 'POST', '/links/participant/rotate', lab.tokens.facilitator)
    expect((await claim(lab, renewed.link)).status).toBe(401)
  })

  it('is refused to an observer, to a participant asking for someone else’s, and without proof; bad input names the field', async () => {
    const { lab, watcher } = await runningLab()
    const ana = await join(lab, 'Ana', 'patient', watcher)
    const bob = await join(lab, 'Bob', 'clinician', watcher)
    const route = (id: string) => `/participants/${id}/device-link`
    const expectError = async (res: Response, status: number, error: RegExp) => {
      expect(res.status).toBe(status)
      expect((await res.json()).error).toMatch(error)
    }
    for (const method of ['POST', 'GET', 'DELETE']) {
      // An observer link, with or without someone's identity.
      await expectError(
        await call(lab, method, route(ana.id), lab.tokens.observer),
        403,
        /only this person/,
      )
      // Bob, proving he is Bob, for Ana's link.
      await expectError(
        await call(lab, method, route(ana.id), lab.tokens.participant, { headers: as(bob) }),
        403,
        /only this person \(with their secret\) or the facilitator/,
      )
      // The participant link alone proves nobody.
      await expectError(
        await call(lab, method, route(ana.id), lab.tokens.participant),
        403,
        /only this person/,
      )
      // A secret that is not hers.
      await expectError(
        await call(lab, method, route(ana.id), lab.tokens.participant, {
          headers: as({ id: ana.id, secret: bob.secret }),
        }),
        403,
        /x-fabrique-secret/i,
      )
      await expectError(
        await call(lab, method, route('nobody-at-all'), lab.tokens.facilitator),
        404,
        /no participant nobody-at-all/,
      )
      await expectError(
        await call(lab, method, route('no!'), lab.tokens.facilitator),
        400,
        /^participantId: /,
      )
      await expectError(
        await call(lab, method, route(ana.id), 'not-a-token'),
        401,
        /unknown workshop or token/,
      )
    }
    // An identity that never gave a name has no link: nobody could be recognised with it.
    const unnamed = await live().register(lab.id, lab.tokens.participant)
    await expectError(
      await call(lab, 'POST', route(unnamed.participantId), lab.tokens.facilitator),
      409,
      /has no name in this lab yet/,
    )

    const claimWith = (body: unknown, token: string | null = lab.tokens.participant) =>
      call(lab, 'POST', '/participants/claim', token, { body })
    await expectError(await claimWith({}), 400, /^device: /)
    await expectError(await claimWith({ device: '' }), 400, /^device: /)
    await expectError(await claimWith({ device: 'x'.repeat(600) }), 400, /^device: /)
    await expectError(await claimWith({ device: 'abc', more: 1 }), 400, /more/)
    await expectError(await claimWith({ device: 'not-a-link-secret' }), 403, /personal link/)
    const { link } = await makeLink(lab, ana)
    const { device } = openLink(link)
    await expectError(await claimWith({ device }, lab.tokens.observer), 403, /observer/)
    await expectError(await claimWith({ device }, null), 401, /unknown workshop or token/)
    // Another lab's link with this lab's secret: unknown there.
    const other = await live().createWorkshop({ template: 'atelier-libre' })
    const elsewhere = await fetch(`${live().url}/api/workshops/${other.id}/participants/claim`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${other.tokens.participant}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ device }),
    })
    expect(elsewhere.status).toBe(403)
  })

  it('claims are limited per address like joins (429 join.address), and a person holds at most 20 devices', async () => {
    const { lab, watcher } = await runningLab({
      trustedProxies: ['127.0.0.1'],
      joinBurst: 3,
      maxJoinsPerMinute: 1,
    })
    const ana = await join(lab, 'Ana', 'patient', watcher)
    const { link } = await makeLink(lab, ana)
    const from = (address: string) => ({ 'X-Forwarded-For': address })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await claim(lab, link, from('198.51.100.7'))).status)
    expect(statuses).toEqual([201, 201, 201, 429])
    const limited = await claim(lab, link, from('198.51.100.7'))
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).code).toBe('join.address')
    // Wrong secrets spend the same budget: nothing is tried without end.
    const guesser = '198.51.100.8'
    for (let i = 0; i < 3; i++)
      expect(
        (
          await call(lab, 'POST', '/participants/claim', lab.tokens.participant, {
            body: { device: `guess-${i}` },
            headers: from(guesser),
          })
        ).status,
      ).toBe(403)
    expect((await claim(lab, link, from(guesser))).status).toBe(429)

    // 3 devices so far; 17 more from other addresses, then one too many.
    for (let i = 0; i < 17; i++)
      expect((await claim(lab, link, from(`203.0.113.${i + 1}`))).status).toBe(201)
    const full = await claim(lab, link, from('203.0.113.100'))
    expect(full.status).toBe(409)
    expect((await full.json()).error).toMatch(/20 devices/)
  })

  it('its secrets never reach the server’s log', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const { lab, watcher } = await runningLab({}, pino({ level: 'trace' }, sink))
    const ana = await join(lab, 'Ana', 'patient', watcher)
    const secrets: string[] = []
    const first = await makeLink(lab, ana)
    secrets.push(openLink(first.link).device)
    const device = (await (await claim(lab, first.link)).json()) as DeviceClaim
    secrets.push(device.secret)
    const onPhone = track(
      connectClient(live().syncUrl, lab.id, lab.tokens.participant, {
        participant: ana.id,
        secret: device.secret,
      }),
    )
    await synced(onPhone)
    const second = await makeLink(lab, ana)
    secrets.push(openLink(second.link).device)
    expect((await claim(lab, first.link)).status).toBe(403) // refused, and logged
    await ownLink(lab, 'DELETE', ana)
    expect((await claim(lab, second.link)).status).toBe(403)
    // A wrong device secret at the upgrade, and a claim sent in a query string.
    const query = new URLSearchParams({
      token: lab.tokens.participant,
      participant: ana.id,
      secret: `x${device.secret}`,
    })
    expect(await upgradeStatus(`${live().syncUrl}/${lab.id}?${query}`)).toBe(401)
    await fetch(`${live().url}/api/workshops/${lab.id}/participants/claim?device=${secrets[0]}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.tokens.participant}` },
    })
    onPhone.destroy()
    await sleep(100)
    const log = lines.join('\n')
    expect(log).toContain('personal link')
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20)
      expect(log).not.toContain(secret)
      expect(log).not.toContain([...Buffer.from(secret)].join(','))
    }
  })

  it('the device a forgotten person signed in is closed like their first one (4401)', async () => {
    const { lab, watcher } = await runningLab()
    const ana = await join(lab, 'Ana', 'patient', watcher)
    const { link } = await makeLink(lab, ana)
    const device = (await (await claim(lab, link)).json()) as DeviceClaim
    const onPhone = track(
      connectClient(live().syncUrl, lab.id, lab.tokens.participant, {
        participant: ana.id,
        secret: device.secret,
      }),
    )
    await synced(onPhone)
    const closed = new Promise<number>((resolve) =>
      onPhone.provider.on('connection-close', (event: CloseEvent | null) =>
        resolve(event?.code ?? 0),
      ),
    )
    expect(
      (await call(lab, 'POST', `/participants/${ana.id}/forget`, lab.tokens.facilitator)).status,
    ).toBe(200)
    expect(await closed).toBe(CloseCode.unauthorized)
  })
})
