import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Participation, WorkshopLinks } from '../../shared/api.ts'
import { PARTNER_GROUPS, type PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  getParticipant,
  goToPhase,
  listCanvases,
  readFlow,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { resultsMap } from '../../shared/schema/roots.ts'
import { readResult, setDots, type VoteResult } from '../../shared/schema/votes.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * Ballot secrecy from outside: real server on port 0, real y-websocket clients. The attacker
 * is anyone who reads the shared document (here an observer) and knows who is in which
 * partner group (the participants list says so): they must not work out a ballot of a group
 * of 1 or 2 voters from any result the server publishes, live or closed.
 */

let server: TestServer
let workshop: WorkshopLinks
const clients: TestClient[] = []
const O = 'test'

const track = <T extends TestClient>(client: T): T => {
  clients.push(client)
  return client
}

const join = async (name: string, group: PartnerGroup): Promise<Person> => {
  const person = await joinAs(server, workshop.id, workshop.tokens.participant, name, group)
  track(person.shared)
  track(person.own)
  return person
}

const api = (path: string, token: string, method = 'POST') =>
  fetch(`${server.url}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
  })

interface Published {
  at: number
  result: VoteResult
}

/** Every result of `phaseId` an observer receives, as it arrives. */
const watchResults = async (phaseId: string): Promise<Published[]> => {
  const observer = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
  await synced(observer)
  const seen: Published[] = []
  resultsMap(observer.doc).observe(() => {
    const result = readResult(observer.doc, phaseId)
    if (result) seen.push({ at: performance.now(), result })
  })
  return seen
}

/**
 * The partner groups of 1 or 2 voters whose ballots a reader of `result` can work out: a
 * group shown on its own, or the voters left over once the shown groups are taken from the
 * total. `voters` is how many people of each group voted (the attacker's knowledge).
 */
const exposed = (result: VoteResult, voters: Record<PartnerGroup, number>): string[] => {
  const shown = new Set<string>(
    result.kind === 'dots'
      ? Object.values(result.items).flatMap((entry) => Object.keys(entry.byGroup))
      : Object.keys(result.byGroup),
  )
  const few = (n: number) => n > 0 && n < 3
  const out = PARTNER_GROUPS.filter((group) => shown.has(group) && few(voters[group])).map(
    (group) => `${group} shown alone`,
  )
  const rest = PARTNER_GROUPS.filter((group) => !shown.has(group)).reduce(
    (n, group) => n + voters[group],
    0,
  )
  // With nothing shown, the rest is the total: published anyway, and not a group's.
  if (shown.size > 0 && few(rest))
    out.push(`${rest} voter(s) as the total minus ${[...shown].join(' + ')}`)
  return out
}

/** A visible dot vote on the first canvas, running, with three ideas (A, B, C). */
const openVisibleVote = async () => {
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  const [a, b, c] = ['A', 'B', 'C'].map((text, i) =>
    addBox(facilitator.doc, canvasId, { kind: 'note', x: i * 200, y: 0, text }, O),
  ) as [string, string, string]
  const phases = readFlow(facilitator.doc).phases.map((p) =>
    p.vote ? { ...p, vote: { ...p.vote, hidden: false } } : p,
  )
  facilitator.doc.getMap('flow').set('phases', phases)
  const index = phases.findIndex((p) => p.vote?.kind === 'dots')
  goToPhase(facilitator.doc, index, O)
  return { facilitator, index, phaseId: phases[index]?.id ?? '', ideas: { a, b, c } }
}

const inPhase = (people: Person[], index: number) =>
  waitFor('everyone in the phase', () =>
    people.every((p) => readFlow(p.shared.doc).phaseIndex === index),
  )

const voters = (counts: Partial<Record<PartnerGroup, number>>): Record<PartnerGroup, number> => ({
  patient: 0,
  citizen: 0,
  clinician: 0,
  other: 0,
  ...counts,
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

/**
 * A server whose live totals come every `liveTallyMs`, a visible vote open, who watches its
 * results, and the room: Ana, the lone patient partner, and four clinicians, all in the vote.
 */
const loneVoteRoom = async (liveTallyMs: number) => {
  server = await startServer({ liveTallyMs })
  workshop = await server.createWorkshop({ template: 'groupe-nominal' })
  const { index, phaseId, ideas } = await openVisibleVote()
  const seen = await watchResults(phaseId)
  const ana = await join('Ana', 'patient')
  const clinicians = (await Promise.all(
    ['Bea', 'Cid', 'Dan', 'Eve'].map((name) => join(name, 'clinician')),
  )) as [Person, Person, Person, Person]
  await inPhase([ana, ...clinicians], index)
  return { phaseId, ideas, seen, ana, clinicians }
}

describe('ballot secrecy', () => {
  it("lets nobody recover a lone patient partner's ballot from any result, live or closed", async () => {
    const { phaseId, ideas, seen, ana, clinicians } = await loneVoteRoom(200)

    setDots(ana.own.doc, phaseId, ideas.a, 1, O)
    setDots(ana.own.doc, phaseId, ideas.c, 1, O)
    for (const person of clinicians) setDots(person.own.doc, phaseId, ideas.b, 1, O)
    await waitFor('the live totals', () => seen.some(({ result }) => result.voters >= 3))

    const close = await api(`/votes/${phaseId}/close`, workshop.tokens.facilitator)
    expect(close.status).toBe(200)
    const answer = (await close.json()) as VoteResult
    await waitFor('the closed result', () => seen.some(({ result }) => result.closed))
    const closed = seen.find(({ result }) => result.closed)?.result
    expect(closed).toMatchObject({ kind: 'dots', closed: true, voters: 5 })
    for (const result of [...seen.map((entry) => entry.result), answer]) {
      expect(exposed(result, voters({ patient: 1, clinician: 4 }))).toEqual([])
    }
    // Four clinicians and one patient: showing the clinicians would show Ana by subtraction.
    if (closed?.kind !== 'dots') throw new Error('expected a dot result')
    expect(closed.items[ideas.a]).toMatchObject({ total: 1, byGroup: {} })
    expect(closed.items[ideas.b]).toMatchObject({ total: 4, byGroup: {} })
  })

  it('reveals nothing when one person moves alone into another group between live totals', async () => {
    const { phaseId, ideas, seen, ana, clinicians } = await loneVoteRoom(200)
    const [bea, cid, dan, eve] = clinicians

    for (const person of [bea, cid, dan, eve]) setDots(person.own.doc, phaseId, ideas.b, 1, O)
    await waitFor('the first live totals', () => seen.length > 0)
    const before = seen.length

    // Eve alone in the citizen group: a split by group would now show her ballot.
    upsertParticipant(eve.shared.doc, { id: eve.id, name: 'Eve', group: 'citizen' }, O)
    await waitFor(
      'the move at Ana',
      () => getParticipant(ana.shared.doc, eve.id)?.group === 'citizen',
    )
    setDots(ana.own.doc, phaseId, ideas.a, 1, O)
    setDots(bea.own.doc, phaseId, ideas.c, 1, O)
    setDots(cid.own.doc, phaseId, ideas.c, 1, O)
    await waitFor('live totals after the move', () =>
      seen.slice(before).some(({ result }) => result.voters === 5),
    )
    const afterMove = voters({ patient: 1, clinician: 3, citizen: 1 })
    for (const { result } of seen.slice(before)) expect(exposed(result, afterMove)).toEqual([])
    // Live totals are never split by group: two of them differ only by ballots.
    for (const { result } of seen) {
      expect(result.kind === 'dots' && Object.values(result.items).map((e) => e.byGroup)).toEqual(
        result.kind === 'dots' ? Object.values(result.items).map(() => ({})) : false,
      )
    }

    expect((await api(`/votes/${phaseId}/close`, workshop.tokens.facilitator)).status).toBe(200)
    await waitFor('the closed result', () => seen.some(({ result }) => result.closed))
    const closed = seen.find(({ result }) => result.closed)?.result as VoteResult
    expect(exposed(closed, afterMove)).toEqual([])
    // Closing again (after another move) publishes nothing new: one split per vote.
    upsertParticipant(bea.shared.doc, { id: bea.id, name: 'Bea', group: 'other' }, O)
    await sleep(100)
    const again = await api(`/votes/${phaseId}/close`, workshop.tokens.facilitator)
    expect(await again.json()).toEqual(closed)
  })

  it('republishes live totals on a fixed interval, never right after a single ballot', async () => {
    const interval = 1000
    const { phaseId, ideas, seen, ana, clinicians } = await loneVoteRoom(interval)
    const [bea, cid, dan, eve] = clinicians

    for (const person of [bea, cid, dan]) {
      setDots(person.own.doc, phaseId, ideas.b, 1, O)
      await sleep(150)
    }
    await waitFor('the first live totals', () => seen.length > 0, 3 * interval)
    const first = seen.length

    // One ballot: the totals must not move in step with it.
    setDots(ana.own.doc, phaseId, ideas.a, 1, O)
    await sleep(1.5 * interval)
    expect(seen.length).toBe(first)

    setDots(eve.own.doc, phaseId, ideas.b, 1, O)
    setDots(bea.own.doc, phaseId, ideas.c, 1, O)
    await waitFor('the next live totals', () => seen.at(-1)?.result.voters === 5, 3 * interval)
    const gaps = seen.slice(1).map((entry, i) => entry.at - (seen[i] as Published).at)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0.8 * interval)
  })
})

describe('private documents', () => {
  it('opens only for their owner; the facilitator sees how many notes and who voted, never what', async () => {
    server = await startServer()
    workshop = await server.createWorkshop({ template: 'groupe-nominal' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const ana = await join('Ana', 'patient')
    const bea = await join('Bea', 'clinician')
    const mine = await server.register(workshop.id, workshop.tokens.facilitator)
    const privateUrl = (owner: string, params: Record<string, string>) =>
      `${server.syncUrl}/${roomName({ kind: 'private', workshopId: workshop.id, participantId: owner })}?${new URLSearchParams(params)}`

    expect(await upgradeStatus(privateUrl(ana.id, { token: workshop.tokens.facilitator }))).toBe(
      401,
    )
    expect(
      await upgradeStatus(
        privateUrl(ana.id, { token: workshop.tokens.facilitator, ...mine.identity }),
      ),
    ).toBe(401)
    // The facilitator's own private document is theirs.
    expect(
      await upgradeStatus(
        privateUrl(mine.participantId, { token: workshop.tokens.facilitator, ...mine.identity }),
      ),
    ).toBe(101)

    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const idea = addBox(facilitator.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Idée' }, O)
    const phases = readFlow(facilitator.doc).phases
    const writing = phases.findIndex((p) => p.allow.write && !p.allow.seeOthers)
    goToPhase(facilitator.doc, writing, O)
    await inPhase([ana, bea], writing)
    ensurePrivateCanvas(ana.own.doc, canvasId, 'Privé', O)
    for (const text of ['Secret d’Ana', 'Autre secret']) {
      const note = { kind: 'note', x: 0, y: 0, text, createdBy: ana.id, group: 'patient' } as const
      addBox(ana.own.doc, canvasId, note, O)
    }

    const vote = phases.findIndex((p) => p.vote?.kind === 'dots')
    goToPhase(facilitator.doc, vote, O)
    await inPhase([ana, bea], vote)
    setDots(ana.own.doc, phases[vote]?.id ?? '', idea, 1, O)

    const participation = async () => {
      const res = await api('/participation', workshop.tokens.facilitator, 'GET')
      expect(res.status).toBe(200)
      return { text: await res.clone().text(), body: (await res.json()) as Participation }
    }
    await vi.waitFor(
      async () => {
        const { body } = await participation()
        expect(body.people.find((p) => p.name === 'Ana')).toMatchObject({
          privateNotes: 2,
          votes: 1,
        })
      },
      { timeout: 5000, interval: 50 },
    )
    const { text, body } = await participation()
    expect(body.people.find((p) => p.name === 'Bea')).toMatchObject({ privateNotes: 0, votes: 0 })
    expect(body.byGroup.patient).toMatchObject({ privateNotes: 2, votes: 1 })
    for (const secret of ['Secret d’Ana', 'Autre secret', idea]) expect(text).not.toContain(secret)
  })
})
