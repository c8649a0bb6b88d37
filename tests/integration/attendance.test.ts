import { afterEach, describe, expect, it } from 'vitest'
import type { Participation, SessionSummary, WorkshopLinks } from '../../shared/api.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  getParticipant,
  listCanvases,
  listSessions,
  type ParticipantRecord,
  readCanvasContent,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { participantsMap } from '../../shared/schema/roots.ts'
import { readAttendance } from '../helpers/attendance.ts'
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

/** The server's clock, moved by the test; attendance ticks every 40 ms of real time. */
let now = 0
const clock = { now: () => now }
const TICK_MS = 40
const at = (time: string) => {
  now = Date.parse(time)
}
/** Moves the clock and lets the tracker see it. */
const moveTo = async (time: string) => {
  at(time)
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

const start = (dataDir?: string) =>
  startServer(dataDir ? { dataDir } : {}, undefined, { clock, attendanceTickMs: TICK_MS })

const request = (
  lab: WorkshopLinks,
  method: string,
  route: string,
  token: string,
  body?: unknown,
) =>
  fetch(`${server?.url}/api/workshops/${lab.id}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

const sessionsOf = async (lab: WorkshopLinks) =>
  (await (await request(lab, 'GET', '/sessions', lab.tokens.observer)).json()) as SessionSummary[]

/** An id as the CSV writes it: one starting with `-` (ids may) gets the `'` of a cell that looks like a formula. */
const asText = (id: string) => (/^[=+\-@]/.test(id) ? `'${id}` : id)

const csvOf = (lab: WorkshopLinks) => readAttendance(server?.url ?? '', lab)

/** Waits until `client` has the session running: the boards of the one before have left its lab. */
const running = (client: TestClient, sessionId: string) =>
  waitFor('the session running', () =>
    listSessions(client.doc).some((s) => s.id === sessionId && s.status === 'running'),
  )

const join = async (
  lab: WorkshopLinks,
  name: string,
  group: PartnerGroup,
  given: Pick<ParticipantRecord, 'sector' | 'recognitionOptOut'> = {},
): Promise<Person> => {
  if (!server) throw new Error('no server')
  const person = await joinAs(server, lab.id, lab.tokens.participant, name, group, given)
  track(person.shared)
  track(person.own)
  return person
}

const note = (person: Person, text: string) => {
  const canvasId = listCanvases(person.shared.doc)[0]?.id ?? ''
  addBox(
    person.shared.doc,
    canvasId,
    { kind: 'note', x: 0, y: 0, text, createdBy: person.id },
    'test',
  )
}

describe('attendance of a lab’s sessions', () => {
  it('counts each person’s connected minutes (once for two devices) and contributions, per session, across a restart', async () => {
    at('2027-03-04T09:00:00-05:00')
    server = await start()
    const lab = await server.createWorkshop({ title: 'Comité', template: 'atelier-libre' })
    const [march] = await sessionsOf(lab)
    const first = march?.sessionId ?? ''
    expect(
      (await request(lab, 'POST', `/sessions/${first}/start`, lab.tokens.facilitator)).status,
    ).toBe(200)

    const ana = await join(lab, 'Ana', 'patient')
    const bob = await join(lab, '=SUM(A1)', 'citizen')
    note(ana, 'Une navette')
    await moveTo('2027-03-04T09:10:00-05:00')
    // Ana's phone, at the same time as her laptop, from 9:10 to 9:20.
    const phone = track(
      connectClient(server.syncUrl, lab.id, lab.tokens.participant, {
        participant: ana.id,
        secret: ana.secret,
      }),
    )
    await synced(phone)
    await moveTo('2027-03-04T09:20:00-05:00')
    phone.destroy()
    bob.shared.destroy()
    await sleep(TICK_MS * 4) // the server sees them leave at 9:20
    await moveTo('2027-03-04T09:30:00-05:00')
    const ended = await request(lab, 'POST', `/sessions/${first}/end`, lab.tokens.facilitator)
    expect(ended.status).toBe(200)
    // Lingering after the end counts for no session.
    await moveTo('2027-03-04T10:30:00-05:00')

    expect((await sessionsOf(lab))[0]?.attendance).toEqual({
      patient: 1,
      citizen: 1,
      clinician: 0,
      other: 0,
    })
    const expected = [
      // A name that a spreadsheet would take for a formula is written as text.
      expect.objectContaining({ person: "'=SUM(A1)", partner_group: 'citizen', minutes: '20' }),
      {
        person: 'Ana',
        partner_group: 'patient',
        sector: '',
        session: 'Comité',
        date: '2027-03-04',
        minutes: '30',
        notes: '1',
        ballots: '0',
        items_edited: '0',
        recognition_opt_out: 'false',
        person_id: asText(ana.id),
        session_id: asText(first),
      },
    ]
    expect(await csvOf(lab)).toEqual(expected)

    // Only the facilitator downloads it.
    for (const role of ['participant', 'observer'] as const) {
      const refused = await request(lab, 'GET', '/attendance.csv', lab.tokens[role])
      expect(refused.status).toBe(403)
      // Naming what was asked (it named planning, starting or ending sessions).
      expect((await refused.json()).error).toBe('only the facilitator can download the attendance')
    }

    // A restart keeps it all.
    const { dataDir } = server.config
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    server = await start(dataDir)
    expect(await csvOf(lab)).toEqual(expected)

    // A month later, the next session counts only what is done in it.
    const april = await request(lab, 'POST', '/sessions', lab.tokens.facilitator, {
      title: 'Séance d’avril',
      template: 'atelier-libre',
      date: '2027-04-01',
    })
    const second = ((await april.json()) as SessionSummary).sessionId
    await moveTo('2027-04-01T08:50:00-04:00')
    const back = await join(lab, 'Ana', 'patient')
    // Before the start, on its day: people arriving count already.
    await moveTo('2027-04-01T09:00:00-04:00')
    expect(
      (await request(lab, 'POST', `/sessions/${second}/start`, lab.tokens.facilitator)).status,
    ).toBe(200)
    await running(back.shared, second)
    note(back, 'Un horaire')
    note(back, 'Un arrêt')
    await moveTo('2027-04-01T09:45:00-04:00')
    const rows = await csvOf(lab)
    expect(rows.map((row) => [row.person, row.session, row.date, row.minutes, row.notes])).toEqual([
      ["'=SUM(A1)", 'Comité', '2027-03-04', '20', '0'],
      ['Ana', 'Comité', '2027-03-04', '30', '1'],
      ['Ana', 'Séance d’avril', '2027-04-01', '55', '2'],
    ])
    expect((await sessionsOf(lab)).map((s) => [s.status, s.attendance.patient])).toEqual([
      ['ended', 1],
      ['running', 1],
    ])

    // Forgotten, a person leaves no row, not even an anonymous one.
    const forgot = await request(
      lab,
      'POST',
      `/participants/${bob.id}/forget`,
      lab.tokens.facilitator,
      {},
    )
    expect(forgot.status).toBe(200)
    expect((await csvOf(lab)).map((row) => row.person)).toEqual(['Ana', 'Ana'])
    expect((await sessionsOf(lab))[0]?.attendance.citizen).toBe(0)
  })
})

describe('a person across the lab’s sessions', () => {
  it('is recognised in the next session with the identity kept on their device: one person, with attendance and authorship in both', async () => {
    at('2027-03-04T09:00:00-05:00')
    server = await start()
    const lab = await server.createWorkshop({ title: 'Comité', template: 'atelier-libre' })
    const first = (await sessionsOf(lab))[0]?.sessionId ?? ''
    await request(lab, 'POST', `/sessions/${first}/start`, lab.tokens.facilitator)
    const ana = await join(lab, 'Ana', 'patient')
    note(ana, 'Une navette')
    await moveTo('2027-03-04T09:30:00-05:00')
    ana.shared.destroy()
    ana.own.destroy()
    await sleep(TICK_MS * 4)
    await request(lab, 'POST', `/sessions/${first}/end`, lab.tokens.facilitator)

    const april = await request(lab, 'POST', '/sessions', lab.tokens.facilitator, {
      title: 'Séance d’avril',
      template: 'atelier-libre',
      date: '2027-04-01',
    })
    const second = ((await april.json()) as SessionSummary).sessionId
    // A month later, on the same device: her browser kept her identity (participant and
    // secret, in its storage for this lab) and opens the lab with it, without joining again.
    await moveTo('2027-04-01T08:55:00-04:00')
    const identity = { participant: ana.id, secret: ana.secret }
    const checked = await fetch(`${server.url}/api/workshops/${lab.id}/session`, {
      headers: {
        Authorization: `Bearer ${lab.tokens.participant}`,
        'X-Fabrique-Participant': ana.id,
        'X-Fabrique-Secret': ana.secret,
      },
    })
    expect(checked.status).toBe(200)
    const back = track(connectClient(server.syncUrl, lab.id, lab.tokens.participant, identity))
    await synced(back)
    await request(lab, 'POST', `/sessions/${second}/start`, lab.tokens.facilitator)
    await running(back, second)
    note({ ...ana, shared: back }, 'Un horaire')
    await moveTo('2027-04-01T09:40:00-04:00')

    // One person, one row per session, under her one id.
    const rows = await csvOf(lab)
    expect(
      rows.map((row) => [row.person, row.person_id, row.session, row.minutes, row.notes]),
    ).toEqual([
      ['Ana', ana.id, 'Comité', '30', '1'],
      ['Ana', ana.id, 'Séance d’avril', '45', '1'],
    ])
    expect((await sessionsOf(lab)).map((s) => s.attendance.patient)).toEqual([1, 1])
    // Her notes of both sessions are hers: the lab counts one person with the note on its
    // board, and the first session's board, kept in its room, has hers too.
    const participation = (await (
      await request(lab, 'GET', '/participation', lab.tokens.facilitator)
    ).json()) as Participation
    expect(participation.people.map((person) => [person.id, person.name, person.notes])).toEqual([
      [ana.id, 'Ana', 1],
    ])
    const kept = track(
      connectClient(
        server.syncUrl,
        roomName({ kind: 'session', workshopId: lab.id, sessionId: first }),
        lab.tokens.observer,
      ),
    )
    await synced(kept)
    const board = listCanvases(kept.doc)[0]?.id ?? ''
    expect(
      readCanvasContent(kept.doc, board).items.map((item) => [item.text, item.createdBy]),
    ).toEqual([['Une navette', ana.id]])
  })
})

/** A lab whose first session runs from 9:00 on 2027-03-04. */
const runningLab = async () => {
  at('2027-03-04T09:00:00-05:00')
  server = await start()
  const lab = await server.createWorkshop({ title: 'Comité', template: 'atelier-libre' })
  const first = (await sessionsOf(lab))[0]?.sessionId ?? ''
  expect(
    (await request(lab, 'POST', `/sessions/${first}/start`, lab.tokens.facilitator)).status,
  ).toBe(200)
  return lab
}

describe('who the attendance counts', () => {
  it('records nothing for an observer link, even one sent with a participant’s id and secret', async () => {
    const lab = await runningLab()
    if (!server) throw new Error('no server')
    const ana = await join(lab, 'Ana', 'patient')
    await moveTo('2027-03-04T09:10:00-05:00')
    ana.shared.destroy()
    ana.own.destroy()
    await sleep(TICK_MS * 4) // the server sees her leave at 9:10
    // Her id and secret, sent with the observer link: an observer is nobody, so it is refused.
    const identity = { participant: ana.id, secret: ana.secret }
    const query = new URLSearchParams({ token: lab.tokens.observer, ...identity })
    expect(await upgradeStatus(`${server.syncUrl}/${lab.id}?${query}`)).toBe(401)
    track(connectClient(server.syncUrl, lab.id, lab.tokens.observer, identity))
    await moveTo('2027-03-04T09:40:00-05:00')
    expect((await csvOf(lab)).map((row) => [row.person, row.minutes])).toEqual([['Ana', '10']])
    // The observer link alone still reads the lab.
    const observer = track(connectClient(server.syncUrl, lab.id, lab.tokens.observer))
    await synced(observer)
  })

  it('gives a row to each person who came, with their name: an identity that never gave one, and people who never came to this server, have none', async () => {
    const lab = await runningLab()
    if (!server) throw new Error('no server')
    const ana = await join(lab, 'Ana', 'patient')
    note(ana, 'Une navette')
    // An identity whose browser connected and never gave a name (nor a partner group).
    const unnamed = await server.register(lab.id, lab.tokens.participant)
    const silent = track(
      connectClient(server.syncUrl, lab.id, lab.tokens.participant, unnamed.identity),
    )
    await synced(silent)
    await moveTo('2027-03-04T09:20:00-05:00')
    const expected = [['Ana', 'patient', '20', '1', asText(ana.id)]]
    const rows = async (of: WorkshopLinks) =>
      (await csvOf(of)).map((row) => [
        row.person,
        row.partner_group,
        row.minutes,
        row.notes,
        row.person_id,
      ])
    expect(await rows(lab)).toEqual(expected)
    expect((await sessionsOf(lab))[0]?.attendance).toEqual({
      patient: 1,
      citizen: 0,
      clinician: 0,
      other: 0,
    })

    // The lab imported on a server (here the same) where nobody came yet: Ana's note is in
    // it, but she never came to its session there.
    const archive = await request(lab, 'GET', '/export', lab.tokens.facilitator)
    const imported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: await archive.text(),
    })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as WorkshopLinks
    await moveTo('2027-03-04T09:30:00-05:00')
    expect(await rows(copy)).toEqual([])
    expect((await sessionsOf(copy))[0]?.attendance.patient).toBe(0)
  })
})

describe('a person’s sector and the recognition opt-out', () => {
  it('land in attendance.csv: the sector as given, and an opted-out row with its minutes and counts but no name', async () => {
    const lab = await runningLab()
    const ana = await join(lab, 'Ana', 'patient')
    const marc = await join(lab, 'Marc', 'clinician', { sector: 'gmf' })
    const lea = await join(lab, 'Léa', 'citizen', { sector: 'community', recognitionOptOut: true })
    note(lea, 'Un jardin')
    await moveTo('2027-03-04T09:20:00-05:00')
    const rows = await csvOf(lab)
    expect(
      rows.map((row) => [
        row.person,
        row.partner_group,
        row.sector,
        row.minutes,
        row.notes,
        row.recognition_opt_out,
        row.person_id,
      ]),
    ).toEqual([
      // Opted out: counted (the facilitator's headcount and minutes), never named.
      ['', 'citizen', 'community', '20', '1', 'true', asText(lea.id)],
      ['Ana', 'patient', '', '20', '0', 'false', asText(ana.id)],
      ['Marc', 'clinician', 'gmf', '20', '0', 'false', asText(marc.id)],
    ])
    expect(JSON.stringify(rows)).not.toContain('Léa')

    // Changed later (« Modifier mes informations »): the export follows the record.
    upsertParticipant(
      lea.shared.doc,
      { id: lea.id, name: 'Léa', group: 'citizen', sector: 'city' },
      'test',
    )
    await sleep(TICK_MS * 4)
    expect((await csvOf(lab)).find((row) => row.person_id === asText(lea.id))).toMatchObject({
      person: 'Léa',
      sector: 'city',
      recognition_opt_out: 'false',
    })

    // The participation balance reads by sector too (one « none » for who gave no sector).
    const participation = (await (
      await request(lab, 'GET', '/participation', lab.tokens.facilitator)
    ).json()) as Participation
    expect(participation.people.map((person) => [person.name, person.sector])).toEqual([
      ['Ana', null],
      ['Marc', 'gmf'],
      ['Léa', 'city'],
    ])
    expect(
      Object.fromEntries(
        Object.entries(participation.bySector).map(([sector, entry]) => [
          sector,
          [entry.people, entry.notes],
        ]),
      ),
    ).toEqual({
      none: [1, 0],
      ciusss: [0, 0],
      gmf: [1, 0],
      community: [0, 0],
      city: [1, 1],
      other: [0, 0],
    })
  })

  it('refuses a sector not on the list, or an opt-out that is not true or false, and stores nothing', async () => {
    const lab = await runningLab()
    const mallory = await join(lab, 'Mallory', 'citizen', { sector: 'community' })
    const told = refusalsOf(mallory.shared)
    const watcher = track(connectClient(server?.syncUrl ?? '', lab.id, lab.tokens.facilitator))
    await synced(watcher)
    const recorded = getParticipant(watcher.doc, mallory.id)
    expect(recorded?.sector).toBe('community')
    const hostile: Array<Record<string, unknown>> = [
      { sector: 'hôpital' },
      { sector: ['gmf'] },
      { recognitionOptOut: 'yes' },
      { recognitionOptOut: 1 },
    ]
    for (const [index, fields] of hostile.entries()) {
      participantsMap(mallory.shared.doc).set(mallory.id, { ...recorded, ...fields })
      await waitFor(
        `refusal ${index}`,
        () => told.filter((code) => code === 'participant.invalid').length === index + 1,
      )
    }
    await sleep(100)
    expect(getParticipant(watcher.doc, mallory.id)).toEqual(recorded)
    expect(participantsMap(watcher.doc).get(mallory.id)).toEqual(recorded)
    // Undone at her end too, and the export says what the record says.
    await waitFor(
      'undone at Mallory',
      () =>
        participantsMap(mallory.shared.doc).get(mallory.id) !== undefined &&
        JSON.stringify(participantsMap(mallory.shared.doc).get(mallory.id)) ===
          JSON.stringify(recorded),
    )
    await moveTo('2027-03-04T09:10:00-05:00')
    expect((await csvOf(lab)).map((row) => [row.sector, row.recognition_opt_out])).toEqual([
      ['community', 'false'],
    ])
  })

  it('lets nobody change another person’s sector or opt-out, not even to opt them out', async () => {
    const lab = await runningLab()
    const ana = await join(lab, 'Ana', 'patient', { sector: 'ciusss' })
    const mallory = await join(lab, 'Mallory', 'citizen')
    const told = refusalsOf(mallory.shared)
    const before = getParticipant(mallory.shared.doc, ana.id)
    upsertParticipant(
      mallory.shared.doc,
      { id: ana.id, name: 'Ana', group: 'patient', sector: 'city', recognitionOptOut: true },
      'test',
    )
    await waitFor('the refusal', () => told.includes('participant.other'))
    // Nor the facilitator's link: an outside attack undid an opt-out that way, which named the
    // person in the export again (and could move them to another group, skewing the totals).
    const facilitator = track(connectClient(server?.syncUrl ?? '', lab.id, lab.tokens.facilitator))
    await synced(facilitator)
    const toldFacilitator = refusalsOf(facilitator)
    upsertParticipant(
      facilitator.doc,
      { id: ana.id, name: 'Ana', group: 'clinician', recognitionOptOut: true },
      'test',
    )
    await waitFor('the facilitator’s refusal', () => toldFacilitator.includes('participant.other'))
    await sleep(100)
    expect(getParticipant(ana.shared.doc, ana.id)).toEqual(before)
    await moveTo('2027-03-04T09:10:00-05:00')
    expect(
      (await csvOf(lab)).map((row) => [row.person, row.sector, row.recognition_opt_out]),
    ).toEqual([
      ['Ana', 'ciusss', 'false'],
      ['Mallory', '', 'false'],
    ])
  })
})
