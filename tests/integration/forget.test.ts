import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { VersionSummary } from '../../shared/api.ts'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  goToPhase,
  listCanvases,
  listParticipants,
  readCanvasContent,
  readFlow,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { readBallot, readResult, setDots, type VoteResult } from '../../shared/schema/votes.ts'
import { openRaw, type RawSocket, upgradeStatus } from '../helpers/raw.ts'
import type { Registered, TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const servers = useTestServers()
const O = 'test'
/** Found nowhere else: every byte that holds it holds her. */
const NAME = 'Zephyrine Quokkaweather'
const PRIVATE_NOTE = 'Brouillon prive de Zephyrine'

interface Person extends Registered {
  group: PartnerGroup
  shared: TestClient
  own: TestClient
}

/** The dots an item got in a dot vote's totals. */
const dotsOn = (result: VoteResult | null, item: string) =>
  result?.kind === 'dots' ? (result.items[item]?.total ?? 0) : null

const bytesOf = (text: string) => Buffer.from(text, 'utf8')
const holds = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(bytesOf(text))

/**
 * A workshop (nominal group) where Zephyrine and Bob joined, wrote a public note each, she
 * wrote a private note, both voted in the first vote (closed since) and in the second (open),
 * and two versions were kept, the first by her. Her raw sockets (workshop and private room)
 * stay open, to see how they close.
 */
const scenario = async (overrides: Parameters<typeof servers.start>[0] = {}) => {
  const server = await servers.start(overrides)
  const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
  const { facilitator, participant } = workshop.tokens
  const api = `${server.url}/api/workshops/${workshop.id}`
  const privateRoom = (participantId: string) =>
    roomName({ kind: 'private', workshopId: workshop.id, participantId })
  const fac = servers.track(connectClient(server.syncUrl, workshop.id, facilitator))
  await synced(fac)

  const join = async (name: string, group: PartnerGroup): Promise<Person> => {
    const who = await server.register(workshop.id, participant)
    const shared = servers.track(
      connectClient(server.syncUrl, workshop.id, participant, who.identity),
    )
    const own = servers.track(
      connectClient(server.syncUrl, privateRoom(who.participantId), participant, who.identity),
    )
    await Promise.all([synced(shared), synced(own)])
    upsertParticipant(shared.doc, { id: who.participantId, name, group }, O)
    return { ...who, group, shared, own }
  }
  const zephyrine = await join(NAME, 'patient')
  const bob = await join('Bob', 'clinician')
  await waitFor('both records at the facilitator', () => listParticipants(fac.doc).length === 2)

  const canvasId = listCanvases(fac.doc)[0]?.id ?? ''
  const phases = readFlow(fac.doc).phases
  const go = async (id: string) => {
    const index = phases.findIndex((phase) => phase.id === id)
    goToPhase(fac.doc, index, O)
    await waitFor(`phase ${id}`, () =>
      [zephyrine, bob].every(
        (p) => readFlow(p.shared.doc).phaseIndex === index && readFlow(p.own.doc) !== null,
      ),
    )
  }

  await go('tour-de-table')
  const write = (who: Person, text: string) =>
    addBox(
      who.shared.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text, createdBy: who.participantId, group: who.group },
      O,
    )
  const ideaA = write(zephyrine, 'Idée A')
  const ideaB = write(bob, 'Idée B')
  await waitFor('both notes', () =>
    [ideaA, ideaB].every((id) =>
      readCanvasContent(fac.doc, canvasId).items.some((i) => i.id === id),
    ),
  )

  await go('generation-silencieuse')
  ensurePrivateCanvas(zephyrine.own.doc, canvasId, 'Privé', O)
  addBox(
    zephyrine.own.doc,
    canvasId,
    { kind: 'note', x: 9, y: 9, text: PRIVATE_NOTE, createdBy: zephyrine.participantId },
    O,
  )

  /** What the server holds of someone's private document, as a fresh device of theirs sees it. */
  const storedPrivate = async (who: Person, check: (doc: Y.Doc) => boolean, what: string) => {
    const probe = connectClient(
      server.syncUrl,
      privateRoom(who.participantId),
      participant,
      who.identity,
    )
    try {
      await synced(probe)
      await waitFor(what, () => check(probe.doc))
    } finally {
      probe.destroy()
    }
  }
  await storedPrivate(
    zephyrine,
    (doc) => readCanvasContent(doc, canvasId).items.some((item) => item.text === PRIVATE_NOTE),
    'her private note on the server',
  )

  const vote = async (phaseId: string) => {
    await go(phaseId)
    const phase = phases.find((candidate) => candidate.id === phaseId)
    if (phase?.vote?.kind !== 'dots') throw new Error(`${phaseId} is not a dot vote`)
    const ballotVote = phase.vote
    setDots(zephyrine.own.doc, phaseId, ideaA, 1, O)
    setDots(bob.own.doc, phaseId, ideaB, 1, O)
    const voted = (doc: Y.Doc, item: string) => {
      const ballot = readBallot(doc, ballotVote, phaseId)
      return ballot?.kind === 'dots' && ballot.dots.get(item) === 1
    }
    await storedPrivate(zephyrine, (doc) => voted(doc, ideaA), 'her ballot on the server')
    await storedPrivate(bob, (doc) => voted(doc, ideaB), 'his ballot on the server')
  }
  const close = async (phaseId: string) => {
    const response = await fetch(`${api}/votes/${phaseId}/close`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${facilitator}` },
    })
    expect(response.status).toBe(200)
    return (await response.json()) as VoteResult
  }
  await vote('premier-vote')
  const first = await close('premier-vote')
  await vote('second-vote')

  const keep = async (name: string, headers: Record<string, string>) => {
    const response = await fetch(`${api}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name }),
    })
    expect(response.status).toBe(201)
    return (await response.json()) as VersionSummary
  }
  const proof = {
    'X-Fabrique-Participant': zephyrine.participantId,
    'X-Fabrique-Secret': zephyrine.secret,
  }
  const v1 = await keep('Avant', { Authorization: `Bearer ${participant}`, ...proof })
  expect(v1.author).toBe(NAME)
  addBox(fac.doc, canvasId, { kind: 'text', x: 300, y: 0, text: 'Synthèse' }, O)
  await waitFor('the text stored', () =>
    readCanvasContent(zephyrine.shared.doc, canvasId).items.some((i) => i.text === 'Synthèse'),
  )
  const v2 = await keep('Après', { Authorization: `Bearer ${facilitator}` })

  const sockets: RawSocket[] = [
    await openRaw(server.syncUrl, workshop.id, participant, {}, zephyrine.identity),
    await openRaw(
      server.syncUrl,
      privateRoom(zephyrine.participantId),
      participant,
      {},
      zephyrine.identity,
    ),
  ]
  const closes = sockets.map((socket) => socket.closed)

  const forget = (participantId: string, token: string, body: unknown = {}) =>
    fetch(`${api}/participants/${participantId}/forget`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })

  return {
    server,
    workshop,
    api,
    fac,
    zephyrine,
    bob,
    canvasId,
    ideaA,
    ideaB,
    first,
    versions: [v1, v2],
    proof,
    privateRoom,
    closes,
    close,
    forget,
  }
}

/** Every byte of the database and its WAL, as they are in DATA_DIR now. */
const storedBytes = (server: TestServer): Buffer[] => {
  const file = path.join(server.config.dataDir, 'fabrique.sqlite')
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f))
}

describe('forgetting a person', () => {
  it('closes their sockets with 4401 and refuses their identity from then on', async () => {
    const s = await scenario()
    const { participant } = s.workshop.tokens
    const response = await s.forget(s.zephyrine.participantId, participant, {
      secret: s.zephyrine.secret,
    })
    expect(response.status).toBe(200)
    for (const closed of s.closes) expect((await closed).code).toBe(CloseCode.unauthorized)

    const query = new URLSearchParams({ token: participant, ...s.zephyrine.identity })
    const workshopRoom = `${s.server.syncUrl}/${s.workshop.id}?${query}`
    const own = `${s.server.syncUrl}/${s.privateRoom(s.zephyrine.participantId)}?${query}`
    expect(await upgradeStatus(workshopRoom)).toBe(401)
    expect(await upgradeStatus(own)).toBe(401)
    // HTTP with her headers: unknown, like a token that no longer works.
    const version = await fetch(`${s.api}/versions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${participant}`,
        'Content-Type': 'application/json',
        ...s.proof,
      },
      body: JSON.stringify({ name: 'Encore moi' }),
    })
    expect(version.status).toBe(401)
    const session = (headers: Record<string, string>) =>
      fetch(`${s.api}/session`, { headers: { Authorization: `Bearer ${participant}`, ...headers } })
    expect((await session(s.proof)).status).toBe(401)
    // Someone known, with a secret that is not theirs: refused as before (403).
    const forged = { ...s.proof, 'X-Fabrique-Participant': s.bob.participantId }
    expect((await session(forged)).status).toBe(403)
    expect((await session({})).status).toBe(200)
    // Her link itself still works, without her identity: she may join again as someone new.
    expect(await upgradeStatus(`${s.server.syncUrl}/${s.workshop.id}?token=${participant}`)).toBe(
      101,
    )
    expect((await s.server.register(s.workshop.id, participant)).participantId).not.toBe(
      s.zephyrine.participantId,
    )
  })

  it('leaves her name in no response of any GET endpoint', async () => {
    const s = await scenario()
    const { facilitator, participant, observer } = s.workshop.tokens
    expect((await s.forget(s.zephyrine.participantId, facilitator)).status).toBe(200)

    const responses = new Map<string, Uint8Array>()
    const get = async (route: string, token: string) => {
      const response = await fetch(`${s.api}${route}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(response.status, route).toBe(200)
      const bytes = new Uint8Array(await response.arrayBuffer())
      responses.set(`${route} (${token === facilitator ? 'facilitator' : 'other'})`, bytes)
      return bytes
    }
    for (const token of [facilitator, participant, observer]) await get('/session', token)
    await get('/participation', facilitator)
    for (const format of ['md', 'csv', 'json']) await get(`/decisions.${format}`, observer)
    await get('/report', observer)
    const archive = JSON.parse(
      Buffer.from(await get('/export', observer)).toString('utf8'),
    ) as WorkshopArchive
    responses.set('archive document', Buffer.from(archive.document, 'base64'))
    for (const [index, version] of archive.versions.entries()) {
      responses.set(`archive version ${index}`, Buffer.from(version.state, 'base64'))
    }
    const listed = JSON.parse(
      Buffer.from(await get('/versions', observer)).toString('utf8'),
    ) as VersionSummary[]
    expect(listed).toHaveLength(2)
    for (const version of listed) await get(`/versions/${version.id}/state`, observer)
    const [v1, v2] = s.versions.map((version) => version.id)
    await get(`/versions/diff?from=${v1}&to=${v2}`, observer)
    await get(`/versions/diff?from=${v1}&to=current`, observer)
    // What a new device receives when it opens the workshop.
    const fresh = await openRaw(s.server.syncUrl, s.workshop.id, observer)
    await sleep(300)
    fresh.ws.close()
    responses.set('sync', Buffer.concat(fresh.received))

    const withName = [...responses].filter(([, bytes]) => holds(bytes, NAME)).map(([k]) => k)
    expect(withName).toEqual([])
    // Her note stays, as the group's work: nobody's.
    expect(readCanvasContent(s.fac.doc, s.canvasId).items).toContainEqual(
      expect.objectContaining({ id: s.ideaA, createdBy: '' }),
    )
  })

  it.each([
    ['as an update log', false],
    ['folded into snapshots', true],
  ])(
    'leaves her name and her private notes in no byte of the database or its WAL, stored %s',
    async (_, compacted) => {
      const s = await scenario()
      if (compacted) {
        const { storage } = s.server.app
        for (const room of [s.workshop.id, s.privateRoom(s.zephyrine.participantId)]) {
          await storage.compact(room)
          expect(holds((await storage.loadRoom(room)).snapshot ?? new Uint8Array(), NAME)).toBe(
            room === s.workshop.id,
          )
        }
      }
      const before = storedBytes(s.server)
      expect(before.some((bytes) => holds(bytes, NAME))).toBe(true)
      expect(before.some((bytes) => holds(bytes, PRIVATE_NOTE))).toBe(true)
      const response = await s.forget(s.zephyrine.participantId, s.workshop.tokens.participant, {
        secret: s.zephyrine.secret,
      })
      expect(response.status).toBe(200)
      const after = storedBytes(s.server)
      expect(after.filter((bytes) => holds(bytes, NAME))).toEqual([])
      expect(after.filter((bytes) => holds(bytes, PRIVATE_NOTE))).toEqual([])
    },
  )

  it('no longer counts her ballot in the open vote; the closed vote keeps its totals', async () => {
    const s = await scenario()
    expect(dotsOn(s.first, s.ideaA)).toBe(1)
    const { facilitator } = s.workshop.tokens
    expect((await s.forget(s.zephyrine.participantId, facilitator)).status).toBe(200)
    const second = await s.close('second-vote')
    expect(second).toMatchObject({ voters: 1, items: { [s.ideaB]: { total: 1 } } })
    expect(dotsOn(second, s.ideaA)).toBe(0)
    // Published before she was forgotten: anonymous totals, kept as they were.
    expect(readResult(s.fac.doc, 'premier-vote')).toMatchObject({
      voters: 2,
      items: { [s.ideaA]: { total: 1 }, [s.ideaB]: { total: 1 } },
    })
  })

  it('reloads the workshop after a restart, without her, and stays forgotten', async () => {
    const s = await scenario()
    const { facilitator, participant, observer } = s.workshop.tokens
    expect((await s.forget(s.zephyrine.participantId, facilitator)).status).toBe(200)
    const server = await servers.restart()
    const api = `${server.url}/api/workshops/${s.workshop.id}`
    const reader = servers.track(connectClient(server.syncUrl, s.workshop.id, observer))
    await synced(reader)
    expect(listParticipants(reader.doc).map((p) => p.name)).toEqual(['Bob'])
    expect(readCanvasContent(reader.doc, s.canvasId).items.map((i) => i.text)).toEqual(
      expect.arrayContaining(['Idée A', 'Idée B', 'Synthèse']),
    )
    const listed = (await (
      await fetch(`${api}/versions`, { headers: { Authorization: `Bearer ${observer}` } })
    ).json()) as VersionSummary[]
    expect(listed.map((v) => [v.name, v.author])).toEqual([
      ['Avant', ''],
      ['Après', ''],
    ])
    for (const version of listed) {
      const state = await fetch(`${api}/versions/${version.id}/state`, {
        headers: { Authorization: `Bearer ${observer}` },
      })
      const doc = new Y.Doc()
      Y.applyUpdate(doc, new Uint8Array(await state.arrayBuffer()))
      expect(listParticipants(doc).map((p) => p.name)).toEqual(['Bob'])
      expect(readCanvasContent(doc, s.canvasId).items.length).toBeGreaterThanOrEqual(2)
      doc.destroy()
    }
    const query = new URLSearchParams({ token: participant, ...s.zephyrine.identity })
    expect(await upgradeStatus(`${server.syncUrl}/${s.workshop.id}?${query}`)).toBe(401)
    expect(storedBytes(server).filter((bytes) => holds(bytes, NAME))).toEqual([])
  })

  it('is idempotent, and says so plainly for an id it does not know', async () => {
    const s = await scenario()
    const { facilitator, participant } = s.workshop.tokens
    const id = s.zephyrine.participantId
    expect((await s.forget(id, participant, { secret: s.zephyrine.secret })).status).toBe(200)
    // The facilitator may ask again: nothing is left, and that is what was asked.
    const again = await s.forget(id, facilitator)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ forgotten: id })
    // Her secret proves nothing any more: nobody by that id is known.
    const own = await s.forget(id, participant, { secret: s.zephyrine.secret })
    expect(own.status).toBe(404)
    expect(((await own.json()) as { error: string }).error).toMatch(/no participant/)
    const malformed = await s.forget('not%20an%20id', facilitator)
    expect(malformed.status).toBe(400)
    // Bob is still himself.
    expect(listParticipants(s.fac.doc).map((p) => p.name)).toEqual(['Bob'])
    const bobSocket = await openRaw(
      s.server.syncUrl,
      s.workshop.id,
      participant,
      {},
      s.bob.identity,
    )
    bobSocket.ws.close()
  })
})
