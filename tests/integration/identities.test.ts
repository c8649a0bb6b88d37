import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { loadConfig } from '../../server/config.ts'
import { roomName } from '../../shared/rooms.ts'
import { addBox, goToPhase, listCanvases, readFlow } from '../../shared/schema/index.ts'
import { readResult, setDots } from '../../shared/schema/votes.ts'
import { joinAs } from '../helpers/people.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * Identities made with the participant link (issues 15/16, found from outside): one person
 * minted 60 in 300 ms, and the ballots of identities that never wrote a participant record
 * were counted (as "other"), so one person could vote many times.
 */
const { start, track } = useTestServers()

const mint = (server: TestServer, workshopId: string, token: string, from?: string) =>
  fetch(`${server.url}/api/workshops/${workshopId}/participants`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(from ? { 'X-Forwarded-For': from } : {}),
    },
  })

/** The address of the `n`th phone of a crowd, each on a network of its own. */
const phone = (n: number) => `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`

describe('making identities', () => {
  it('one address makes 60 at once (a room of phones behind one network), then waits: 429 with Retry-After', async () => {
    const defaults = loadConfig({})
    expect(defaults.joinBurst).toBe(60)
    expect(defaults.maxJoinsPerMinute).toBe(60)
    // The default burst, refilled slowly enough (one a minute, not one a second) that a busy
    // machine's slowness adds none: 60 requests one after the other once took over a second.
    const server = await start({ maxJoinsPerMinute: 1 })
    const workshop = await server.createWorkshop({ template: 'atelier-libre' })
    const token = workshop.tokens.participant
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await mint(server, workshop.id, token)).status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(60)
    const refused = await mint(server, workshop.id, token)
    expect(refused.status).toBe(429)
    const wait = Number(refused.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect((await refused.json()).error).toMatch(/too many people joining from this address/)
  })

  it('many addresses make at most a workshop’s burst at once, by default a room of 200; another workshop still joins', async () => {
    const defaults = loadConfig({})
    expect(defaults.workshopJoinBurst).toBe(200)
    expect(defaults.maxWorkshopJoinsPerMinute).toBe(200)
    // The default burst, refilled slowly enough that a busy machine's slowness adds none.
    const server = await start({ trustedProxies: ['127.0.0.1'], maxWorkshopJoinsPerMinute: 1 })
    const workshop = await server.createWorkshop({ template: 'atelier-libre' })
    const other = await server.createWorkshop({ template: 'atelier-libre' })
    const token = workshop.tokens.participant
    const statuses = await Promise.all(
      Array.from(
        { length: 200 },
        async (_, n) => (await mint(server, workshop.id, token, phone(n))).status,
      ),
    )
    expect(statuses.filter((status) => status === 201)).toHaveLength(200)
    const refused = await mint(server, workshop.id, token, phone(200))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/too many people joining this workshop/),
      code: 'join.workshop',
    })
    expect((await mint(server, other.id, other.tokens.participant, phone(200))).status).toBe(201)
    // A wrong link spends nothing of the workshop's pace: it is refused as unknown.
    expect((await mint(server, other.id, 'not-a-token', phone(201))).status).toBe(401)
  })

  it('a workshop holding MAX_PARTICIPANTS_PER_WORKSHOP identities refuses one more with 409, and stores nothing', async () => {
    const server = await start({ trustedProxies: ['127.0.0.1'], maxParticipantsPerWorkshop: 3 })
    const workshop = await server.createWorkshop({ template: 'atelier-libre' })
    const token = workshop.tokens.participant
    for (let n = 0; n < 3; n++)
      expect((await mint(server, workshop.id, token, phone(n))).status).toBe(201)
    const refused = await mint(server, workshop.id, token, phone(3))
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/has 3 participants already/),
      code: 'join.full',
    })
    expect(await server.app.storage.listParticipants(workshop.id)).toHaveLength(3)
  })
})

describe('a ballot from an identity that never joined the room', () => {
  it('is left out of the live totals and of the closed result; the ballots of people who joined count', async () => {
    const server = await start({ liveTallyMs: 1000 })
    const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const doc = facilitator.doc
    const canvasId = listCanvases(doc)[0]?.id ?? ''
    const idea = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Idée' }, 'test')
    // A visible vote: its live totals are published.
    const phases = readFlow(doc).phases.map((phase) =>
      phase.vote ? { ...phase, vote: { ...phase.vote, hidden: false } } : phase,
    )
    doc.getMap('flow').set('phases', phases)
    const index = phases.findIndex((phase) => phase.vote?.kind === 'dots')
    const phaseId = phases[index]?.id ?? ''
    goToPhase(doc, index, 'test')

    const token = workshop.tokens.participant
    const voted: Y.Doc[] = []
    for (const [name, group] of [
      ['Ana', 'patient'],
      ['Bea', 'clinician'],
      ['Cid', 'citizen'],
    ] as const) {
      const person = await joinAs(server, workshop.id, token, name, group)
      track(person.shared)
      voted.push(track(person.own).doc)
    }
    // Five identities of one person, who opens only their private documents to vote.
    for (let i = 0; i < 5; i++) {
      const { participantId, identity } = await server.register(workshop.id, token)
      const room = roomName({ kind: 'private', workshopId: workshop.id, participantId })
      const own = track(connectClient(server.syncUrl, room, token, identity))
      await synced(own)
      voted.push(own.doc)
    }
    for (const own of voted) setDots(own, phaseId, idea, 1, 'test')
    await waitFor('the live totals', () => readResult(doc, phaseId) !== null)
    // Republished each second once 3 ballots changed: the five would be in by now.
    await sleep(2500)
    expect(readResult(doc, phaseId)).toMatchObject({ closed: false, voters: 3 })

    const closed = await fetch(
      `${server.url}/api/workshops/${workshop.id}/votes/${phaseId}/close`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
      },
    )
    expect(closed.status).toBe(200)
    const result = await closed.json()
    expect(result).toMatchObject({ closed: true, voters: 3 })
    expect(result.items[idea].total).toBe(3)
  })
})
