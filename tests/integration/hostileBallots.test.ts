import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  createCanvas,
  goToPhase,
  readFlow,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { PRIVATE_VOTES_ROOT, readResult, setDots } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * Issue 13: what a participant writes in their private document cannot forge or break a vote.
 * The keys below are the ones a `{}` dictionary trips over, and ids of things that are not
 * ideas of the vote (a note on another canvas, a frame, nothing at all).
 */
const HOSTILE_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'no-such-idea']
const O = 'test'

let server: TestServer
let workshop: WorkshopLinks
const clients: TestClient[] = []
/** Every line the server logged (the tests that read them start it with `logged`). */
const lines: Array<Record<string, unknown>> = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  lines.length = 0
  await server.close()
})

const start = async () => {
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  server = await startServer({}, log)
  workshop = await server.createWorkshop({ template: 'groupe-nominal' })
}

const track = (client: TestClient) => {
  clients.push(client)
  return client
}

const post = (path: string, token: string) =>
  fetch(`${server.url}/api/workshops/${workshop.id}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })

const privateRoom = (participantId: string) =>
  roomName({ kind: 'private', workshopId: workshop.id, participantId })

/** Joins (identity, record in the workshop's registry); `own` opens their private document. */
const join = async (name: string, group: PartnerGroup, own: boolean) => {
  const token = workshop.tokens.participant
  const { participantId: id, identity } = await server.register(workshop.id, token)
  const shared = track(connectClient(server.syncUrl, workshop.id, token, identity))
  await synced(shared)
  upsertParticipant(shared.doc, { id, name, group }, O)
  if (!own) return { id, shared, own: null }
  const mine = track(connectClient(server.syncUrl, privateRoom(id), token, identity))
  await synced(mine)
  return { id, shared, own: mine }
}

/** A workshop at its first dot vote, with two ideas on the vote's canvas and things that are not. */
const atDotVote = async () => {
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const doc = facilitator.doc
  const index = readFlow(doc).phases.findIndex((phase) => phase.vote?.kind === 'dots')
  const phase = readFlow(doc).phases[index] as TemplatePhase
  const focus = phase.focus && 'canvas' in phase.focus ? phase.focus.canvas : ''
  const idea = addBox(doc, focus, { kind: 'note', x: 0, y: 0, text: 'Idée A' }, O)
  const other = addBox(doc, focus, { kind: 'note', x: 200, y: 0, text: 'Idée B' }, O)
  const frame = addBox(doc, focus, { kind: 'frame', x: 0, y: 400, text: 'Zone' }, O)
  const elsewhere = createCanvas(doc, { title: 'Ailleurs' }, O)
  const away = addBox(doc, elsewhere, { kind: 'note', x: 0, y: 0, text: 'Hors vote' }, O)
  goToPhase(doc, index, O)
  return { facilitator, phase, idea, other, notIdeas: [...HOSTILE_IDS, frame, away] }
}

/** The ids a ballot holds, read straight from the Y.Map (`toJSON` would drop `__proto__`). */
const ballotIds = (doc: Y.Doc, phaseId: string): string[] => {
  const ballot = doc.getMap(PRIVATE_VOTES_ROOT).get(phaseId)
  return ballot instanceof Y.Map ? [...ballot.keys()].sort() : []
}

/** One dot on `itemId`, written with plain Yjs as any client could. */
const rawDot = (doc: Y.Doc, phaseId: string, itemId: string) =>
  doc.transact(() => {
    const votes = doc.getMap<Y.Map<number>>(PRIVATE_VOTES_ROOT)
    const ballot = votes.get(phaseId) ?? new Y.Map<number>()
    if (!votes.has(phaseId)) votes.set(phaseId, ballot)
    ballot.set(itemId, 1)
  })

/** An item's totals when every group has fewer than 3 voters: no breakdown is published. */
const unsplit = (total: number) => ({ total, byGroup: {}, otherGroups: total })

describe('a dot ballot on ids that are not ideas of the vote', () => {
  it('is reverted when written, and closing the vote counts the honest ballots', async () => {
    await start()
    const { facilitator, phase, idea, other, notIdeas } = await atDotVote()
    const ana = await join('Ana', 'patient', true)
    const bob = await join('Bob', 'clinician', true)
    const mallory = await join('Mallory', 'citizen', true)
    await waitFor('the vote phase', () => readFlow(mallory.shared.doc).phase?.id === phase.id)

    setDots(ana.own?.doc as Y.Doc, phase.id, idea, 1, O)
    setDots(bob.own?.doc as Y.Doc, phase.id, other, 1, O)
    const hers = mallory.own?.doc as Y.Doc
    for (const id of notIdeas) {
      rawDot(hers, phase.id, id)
      expect(ballotIds(hers, phase.id)).toContain(id)
      await waitFor(
        `the dot on "${id}" to be reverted`,
        () => ballotIds(hers, phase.id).length === 0,
      )
    }
    // Her dot on an idea is taken as any other.
    setDots(hers, phase.id, idea, 1, O)
    await sleep(200)
    expect(ballotIds(hers, phase.id)).toEqual([idea])

    const closed = await post(`/votes/${phase.id}/close`, workshop.tokens.facilitator)
    expect(closed.status, await closed.clone().text()).toBe(200)
    const expected = {
      kind: 'dots',
      closed: true,
      voters: 3,
      votersByGroup: { patient: 1, citizen: 1, clinician: 1, other: 0 },
      groups: { shown: [], folded: ['patient', 'citizen', 'clinician'] },
      items: { [idea]: unsplit(2), [other]: unsplit(1) },
    }
    expect(await closed.json()).toEqual(expected)
    await waitFor('the totals at Bob', () => readResult(bob.shared.doc, phase.id) !== null)
    expect(readResult(bob.shared.doc, phase.id)).toEqual(expected)
    expect(readResult(facilitator.doc, phase.id)).toEqual(expected)
  })

  it('is skipped and logged at closing when it was stored before these checks', async () => {
    await start()
    const { phase, idea, other } = await atDotVote()
    const ana = await join('Ana', 'patient', true)
    const mallory = await join('Mallory', 'citizen', false)
    const eve = await join('Eve', 'clinician', false)
    setDots(ana.own?.doc as Y.Doc, phase.id, idea, 1, O)
    await sleep(200)
    // Ballots as a server without these checks stored them (their rooms are not loaded yet).
    const stored = (dots: Record<string, unknown>) => {
      const doc = new Y.Doc()
      doc.transact(() => {
        const ballot = new Y.Map<unknown>()
        doc.getMap(PRIVATE_VOTES_ROOT).set(phase.id, ballot)
        for (const [id, count] of Object.entries(dots)) ballot.set(id, count)
      })
      return Y.encodeStateAsUpdate(doc)
    }
    // Five dots, the budget: four on the keys a `{}` trips over, one on an idea.
    const notIdeas = HOSTILE_IDS.filter((id) => id !== 'no-such-idea')
    const hostile = Object.fromEntries([...notIdeas.map((id) => [id, 1]), [idea, 1]])
    await server.app.storage.appendUpdates([
      { roomId: privateRoom(mallory.id), updates: [stored(hostile)] },
      // Over the per-idea cap (1): not counted at all.
      { roomId: privateRoom(eve.id), updates: [stored({ [idea]: 1, [other]: 2 })] },
    ])

    const closed = await post(`/votes/${phase.id}/close`, workshop.tokens.facilitator)
    expect(closed.status, await closed.clone().text()).toBe(200)
    // Mallory's dot on the idea counts; her dots on the rest do not; Eve's ballot is left out.
    expect(await closed.json()).toEqual({
      kind: 'dots',
      closed: true,
      voters: 2,
      // Eve's ballot is not counted: she is no voter.
      votersByGroup: { patient: 1, citizen: 1, clinician: 0, other: 0 },
      groups: { shown: [], folded: ['patient', 'citizen'] },
      items: { [idea]: unsplit(2) },
    })
    const about = (participant: string) =>
      lines.filter(
        (line) => line.participant === participant && line.room === privateRoom(participant),
      )
    expect(about(eve.id)).toEqual([
      expect.objectContaining({ msg: 'ballot not counted', reason: 'at most 1 dots on one item' }),
    ])
    expect(about(mallory.id)).toEqual([
      expect.objectContaining({
        msg: 'dots not counted',
        reason: `${notIdeas.length} ids are not items of this vote`,
      }),
    ])
  })
})
