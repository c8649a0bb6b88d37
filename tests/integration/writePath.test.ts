// One file (over 500 lines): every test drives the same write path (a real server, raw
// y-websocket peers, the database read afterwards) with the peers and helpers defined above them.
import { readFileSync } from 'node:fs'
import { join as joinPath } from 'node:path'
import Database from 'better-sqlite3'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { syncUpdate as syncUpdateFrame } from '../../server/sync/messages.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  createCanvas,
  createDecision,
  deleteCanvas,
  deleteDocument,
  documentBody,
  goToPhase,
  listCanvases,
  listCharters,
  listDecisions,
  listDocuments,
  listParticipants,
  readCanvasContent,
  readFlow,
  readItem,
  readPlainText,
  readSchemaVersion,
  renameCanvas,
  renameDocument,
  SCHEMA_VERSION,
  setPosition,
  upsertParticipant,
  writePlainText,
} from '../../shared/schema/index.ts'
import { PLAN_LIMITS } from '../../shared/schema/planEntries.ts'
import { PRIVATE_ROOT } from '../../shared/schema/private.ts'
import { canvasesMap, metaMap, participantsMap } from '../../shared/schema/roots.ts'
import { participantJoiner } from '../helpers/people.ts'
import { openRaw } from '../helpers/raw.ts'
import type { TestServer } from '../helpers/server.ts'
import { scratch } from '../helpers/workshopDoc.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import {
  connectClient,
  refusalsOf,
  sleep,
  synced,
  type TestClient,
  waitFor,
} from '../helpers/yclient.ts'

/**
 * What a participant's (or any) link writes cannot break or forge a workshop (issue 13): each
 * attack found from outside, with a stock y-websocket client, checked on the wire, through the
 * HTTP outputs and in the stored bytes.
 */
const { start, track, restart } = useTestServers()

/** The close code of the client's next closed socket. */
const nextClose = (client: TestClient): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return
      client.provider.off('connection-close', onClose)
      resolve({ code: event.code, reason: event.reason })
    }
    client.provider.on('connection-close', onClose)
  })

const get = (server: TestServer, workshopId: string, path: string, token: string) =>
  fetch(`${server.url}/api/workshops/${workshopId}/${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  })

/** Every HTTP output of a workshop answers 200 (none fails on what a client wrote). */
const outputsWork = async (server: TestServer, workshopId: string, token: string) => {
  for (const path of ['report', 'decisions.json', 'decisions.csv', 'export', 'participation']) {
    const res = await get(server, workshopId, path, token)
    expect(`${path} → ${res.status}`).toBe(`${path} → 200`)
  }
}

/** The SQLite database file's bytes (with its write-ahead log). */
const storedBytes = (server: TestServer): string =>
  ['fabrique.sqlite', 'fabrique.sqlite-wal']
    .map((file) => {
      try {
        return readFileSync(joinPath(server.config.dataDir, file)).toString('latin1')
      } catch {
        return ''
      }
    })
    .join('')

describe('what is structurally wrong is refused before it is applied (4400)', () => {
  it('a schema version written by any link is refused: the workshop never becomes unloadable', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    for (const role of ['participant', 'facilitator'] as const) {
      const attacker = track(connectClient(server.syncUrl, workshop.id, workshop.tokens[role]))
      await synced(attacker)
      const closed = nextClose(attacker)
      metaMap(attacker.doc).set('schemaVersion', 999)
      const { code, reason } = await closed
      expect(code).toBe(CloseCode.badMessage)
      expect(reason).toMatch(/only the server writes "meta/)
      attacker.destroy()
    }
    const reloaded = await restart()
    const facilitator = track(
      connectClient(reloaded.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    expect(readSchemaVersion(facilitator.doc)).toBe(SCHEMA_VERSION)
    expect(listCanvases(facilitator.doc).length).toBeGreaterThan(0)
    await outputsWork(reloaded, workshop.id, workshop.tokens.facilitator)
  })

  it("the same in a participant's private document", async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const room = roomName({
      kind: 'private',
      workshopId: workshop.id,
      participantId: me.participantId,
    })
    const mine = track(
      connectClient(server.syncUrl, room, workshop.tokens.participant, me.identity),
    )
    await synced(mine)
    const closed = nextClose(mine)
    mine.doc.getMap(PRIVATE_ROOT.meta).set('schemaVersion', 999)
    expect((await closed).code).toBe(CloseCode.badMessage)
    mine.destroy()
    const reveal = await fetch(`${server.url}/api/workshops/${workshop.id}/reveal`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${workshop.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ canvasId: listCanvases(await docOf(server, workshop))[0]?.id }),
    })
    expect(reveal.status).toBeLessThan(500)
  })

  it('a root no screen shows is refused, and none of it is stored', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const honest = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    const attacker = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    await Promise.all([synced(honest), synced(attacker)])
    const closed = nextClose(attacker)
    attacker.doc.getText('hidden').insert(0, 'REMPLISSAGE-INVISIBLE '.repeat(1000))
    const { code, reason } = await closed
    expect(code).toBe(CloseCode.badMessage)
    expect(reason).toMatch(/no part named "hidden"/)
    attacker.destroy()
    await sleep(100)
    expect(honest.doc.share.has('hidden')).toBe(false)
    expect(storedBytes(server)).not.toContain('REMPLISSAGE-INVISIBLE')
    // The others go on.
    const other = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    await synced(other)
    expect(listCanvases(other.doc).length).toBeGreaterThan(0)
  })
})

/** The workshop document as a fresh observer sees it. */
const docOf = async (
  server: TestServer,
  workshop: { id: string; tokens: { observer: string } },
) => {
  const observer = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
  await synced(observer)
  await waitFor('the canvases', () => listCanvases(observer.doc).length > 0)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(observer.doc))
  observer.destroy()
  return doc
}

describe('what the policy refuses reaches nobody and no disk', () => {
  const SECRET = 'NOTE-SECRETE-PENDANT-LECRITURE-PRIVEE'

  it('a note on the shared canvas during private writing: reverted, its text nowhere', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    const participant = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant),
    )
    await Promise.all([synced(facilitator), synced(participant)])
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const privateWriting = readFlow(facilitator.doc).phases.findIndex(
      (phase) => phase.allow.write && !phase.allow.seeOthers,
    )
    goToPhase(facilitator.doc, privateWriting, 'test')
    await waitFor(
      'the private phase',
      () => readFlow(participant.doc).phaseIndex === privateWriting,
    )
    // Someone else in the room, reading every byte the server sends.
    const watcher = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    const texts = (client: TestClient) =>
      readCanvasContent(client.doc, canvasId).items.map((item) => item.text)

    const note = addBox(
      participant.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: SECRET },
      'test',
    )
    await waitFor(
      'the note to be reverted at its author',
      () => !texts(participant).includes(SECRET),
    )
    // The honest client keeps syncing after the revert: once the phase allows it, its note lands.
    const open = readFlow(facilitator.doc).phases.findIndex(
      (phase) => phase.allow.write && phase.allow.seeOthers,
    )
    goToPhase(facilitator.doc, open, 'test')
    await waitFor('the open phase', () => readFlow(participant.doc).phaseIndex === open)
    addBox(participant.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Plus tard' }, 'test')
    await waitFor('the later note at the facilitator', () =>
      texts(facilitator).includes('Plus tard'),
    )
    expect(texts(facilitator)).not.toContain(SECRET)
    expect(readCanvasContent(facilitator.doc, canvasId).items.some((i) => i.id === note)).toBe(
      false,
    )

    const version = await fetch(`${server.url}/api/workshops/${workshop.id}/versions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${workshop.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'Après la phase privée' }),
    })
    expect(version.status).toBe(201)
    const received = Buffer.concat(watcher.received).toString('latin1')
    expect(received.length).toBeGreaterThan(0)
    expect(received).not.toContain(SECRET)
    const archive = await get(server, workshop.id, 'export', workshop.tokens.facilitator)
    expect(Buffer.from(await archive.arrayBuffer()).toString('latin1')).not.toContain(SECRET)
    expect(storedBytes(server)).not.toContain(SECRET)
    watcher.ws.close()
  })
})

/** A participant with an identity, connected to the workshop room as that person. */
const joinAs = participantJoiner(track)

describe('identity belongs to the server, rights by role', () => {
  it("nobody rewrites another person's record, invents people or credits a note to another", async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const alice = await joinAs(server, workshop, 'Alice', 'clinician')
    const mallory = await joinAs(server, workshop, 'Mallory', 'citizen')
    await waitFor('both records', () => listParticipants(facilitator.doc).length === 2)
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''

    // Alice's group rewritten, five invented patient partners, a note credited to Alice.
    upsertParticipant(mallory.client.doc, { id: alice.id, name: 'Alice', group: 'patient' }, 'x')
    for (let i = 0; i < 5; i++) {
      upsertParticipant(
        mallory.client.doc,
        { id: `invented${i}`, name: `P${i}`, group: 'patient' },
        'x',
      )
    }
    addBox(
      mallory.client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Signé Alice', createdBy: alice.id, group: 'clinician' },
      'x',
    )
    // Mallory's own note, in her own group, lands.
    addBox(
      mallory.client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'De Mallory', createdBy: mallory.id, group: 'citizen' },
      'x',
    )
    const items = () => readCanvasContent(facilitator.doc, canvasId).items
    await waitFor('her own note', () => items().some((item) => item.text === 'De Mallory'))
    await sleep(100)
    expect(listParticipants(facilitator.doc).map((p) => [p.name, p.group])).toEqual([
      ['Alice', 'clinician'],
      ['Mallory', 'citizen'],
    ])
    expect(items().some((item) => item.text === 'Signé Alice')).toBe(false)
    const participation = await get(
      server,
      workshop.id,
      'participation',
      workshop.tokens.facilitator,
    )
    const counted = JSON.stringify(await participation.json())
    expect(counted).not.toContain('invented')
    // And at her end too, Mallory's forgeries were undone.
    await waitFor('the forgeries undone at Mallory', () =>
      listParticipants(mallory.client.doc).every((p) => !p.id.startsWith('invented')),
    )
  })

  it('a participant cannot delete, create or rename canvases, or record decisions', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const { client } = await joinAs(server, workshop, 'Mallory', 'citizen')
    const told = refusalsOf(client)
    const canvas = listCanvases(facilitator.doc)[0]
    if (!canvas) throw new Error('no canvas')
    deleteCanvas(client.doc, canvas.id, 'x')
    createCanvas(client.doc, { title: 'Le mien' }, 'x')
    await waitFor(
      'only the canvas, back at Mallory',
      () =>
        listCanvases(client.doc)
          .map((c) => c.id)
          .join() === canvas.id,
    )
    renameCanvas(client.doc, canvas.id, 'Renommé', 'x')
    createDecision(client.doc, { title: 'Adopté 40 contre 0', decision: 'Oui' }, 'x')
    await sleep(300)
    expect(listCanvases(facilitator.doc).map((c) => c.title)).toEqual([canvas.title])
    expect(listDecisions(facilitator.doc)).toEqual([])
    // Mallory's screen is told what was refused, as a code it translates.
    expect(new Set(told)).toEqual(new Set(['canvas.manage', 'decisions']))
    const decisions = await get(server, workshop.id, 'decisions.json', workshop.tokens.facilitator)
    expect(JSON.stringify(await decisions.json())).not.toContain('40 contre 0')
    // The facilitator still does all of it.
    renameCanvas(facilitator.doc, canvas.id, 'Par l’animatrice', 'x')
    await waitFor(
      'the rename at Mallory',
      () => listCanvases(client.doc)[0]?.title === 'Par l’animatrice',
    )
  })
})

describe('documents and charters are the facilitator’s to make and remove; their content follows the phase', () => {
  it('a participant cannot delete or rename the proposal, nor rewrite it during the consent vote', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ template: 'ronde-de-consentement' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const { client } = await joinAs(server, workshop, 'Mallory', 'citizen')
    const told = refusalsOf(client)
    const proposal = listDocuments(facilitator.doc)[0]
    if (!proposal) throw new Error('the template has no document')
    const text = () => readPlainText(documentBody(facilitator.doc, proposal.id) as Y.XmlFragment)
    const original = text()
    const phases = readFlow(facilitator.doc).phases
    goToPhase(
      facilitator.doc,
      phases.findIndex((phase) => phase.allow.vote),
      'test',
    )
    await waitFor('the vote at Mallory', () => readFlow(client.doc).phase?.allow.vote === true)

    writePlainText(
      documentBody(client.doc, proposal.id) as Y.XmlFragment,
      'Réécrit pendant le vote',
    )
    await waitFor('the refusal', () => told.includes('phase.artefacts'))
    goToPhase(
      facilitator.doc,
      phases.findIndex((phase) => phase.allow.write),
      'test',
    )
    await waitFor('an open step at Mallory', () => readFlow(client.doc).phase?.allow.write === true)
    renameDocument(client.doc, proposal.id, 'Autre chose', 'x')
    deleteDocument(client.doc, proposal.id, 'x')
    await waitFor('the refusal', () => told.includes('artefact.manage'))
    await sleep(100)
    expect(listDocuments(facilitator.doc).map((d) => d.title)).toEqual([proposal.title])
    expect(text()).toBe(original)
    // In a step that lets people write, she writes in it.
    writePlainText(documentBody(client.doc, proposal.id) as Y.XmlFragment, 'Ajout de Mallory')
    await waitFor('her words at the facilitator', () => text().includes('Ajout de Mallory'))
  })
})

describe("nobody writes under another person's Yjs client id", () => {
  /** A victim who wrote `text` (an observer has it), and an attacker in the same workshop. */
  const victimWrote = async (server: TestServer, workshop: WorkshopLinks, text: string) => {
    const asVictim = (await server.register(workshop.id, workshop.tokens.participant)).identity
    const asAttacker = (await server.register(workshop.id, workshop.tokens.participant)).identity
    const victim = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant, asVictim),
    )
    await synced(victim)
    scratch(victim.doc).set('victime', text)
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor('the first edit', () => scratch(reader.doc).get('victime') === text)
    return { victim, reader, asVictim, asAttacker }
  }

  /**
   * The attacker's edit under the victim's client id (`client`, at its next clock after
   * `state`), sent on a bare socket: how the server closes it.
   */
  const forgeUnder = async (
    target: TestServer,
    workshop: WorkshopLinks,
    victim: { state: Uint8Array; client: number },
    asAttacker: Record<string, string>,
  ) => {
    const forged = new Y.Doc()
    Y.applyUpdate(forged, victim.state)
    forged.clientID = victim.client
    const before = Y.encodeStateVector(forged)
    scratch(forged).set('victime', 'falsifié')
    const raw = await openRaw(
      target.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      {},
      asAttacker,
    )
    raw.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(forged, before)))
    return raw.closed
  }

  it("refuses structs under a victim's client id, across restarts; the victim's edits still land", async () => {
    let server = await start()
    const workshop = await server.createWorkshop()
    const { victim, reader, asVictim, asAttacker } = await victimWrote(server, workshop, 'première')
    const forge = (target: TestServer) =>
      forgeUnder(
        target,
        workshop,
        { state: Y.encodeStateAsUpdate(victim.doc), client: victim.doc.clientID },
        asAttacker,
      )
    const closed = await forge(server)
    expect(closed.code).toBe(CloseCode.badMessage)
    expect(closed.reason).toMatch(/belongs to someone else/)
    scratch(victim.doc).set('victime', 'deuxième')
    await waitFor('the victim’s next edit', () => scratch(reader.doc).get('victime') === 'deuxième')

    // Owners are stored: after a restart the forgery is refused too, and the victim's same
    // device (same client id) goes on.
    victim.provider.disconnect()
    reader.destroy()
    server = await restart()
    const again = await forge(server)
    expect(again.reason).toMatch(/belongs to someone else/)
    const device = new WebsocketProvider(server.syncUrl, workshop.id, victim.doc, {
      params: { token: workshop.tokens.participant, ...asVictim },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    const sameDevice = track({ doc: victim.doc, provider: device, destroy: () => device.destroy() })
    await synced(sameDevice)
    scratch(victim.doc).set('victime', 'troisième')
    const late = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor(
      'the edit after the restart',
      () => scratch(late.doc).get('victime') === 'troisième',
    )
  })

  it('an id shown in presence is its connection’s before it writes anything', async () => {
    const server = await start()
    const workshop = await server.createWorkshop()
    const attacker = await joinAs(server, workshop, 'Mallory', 'citizen')
    // The facilitator opens the workshop: the presence shows who it is, and its client id.
    const victim = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
    victim.provider.awareness.setLocalStateField('user', {
      id: 'animatrice-0001',
      name: 'Animatrice',
      group: 'other',
      role: 'facilitator',
    })
    await synced(victim)
    const client = victim.doc.clientID
    await waitFor('the victim’s presence at the attacker', () =>
      attacker.client.provider.awareness.getStates().has(client),
    )
    // Nothing written under it yet: the attacker's edit at its clock 0 would make the
    // victim's first edit ignored.
    const closed = await forgeUnder(
      server,
      workshop,
      { state: Y.encodeStateAsUpdate(attacker.client.doc), client },
      attacker.identity,
    )
    expect(closed.reason).toMatch(/belongs to someone else/)
    scratch(victim.doc).set('victime', 'premier mot')
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor(
      'the victim’s first edit',
      () => scratch(reader.doc).get('victime') === 'premier mot',
    )
  })

  it('an id stored before owners were recorded belongs to nobody new: nobody takes it over', async () => {
    let server = await start()
    const workshop = await server.createWorkshop()
    const { victim, reader, asAttacker } = await victimWrote(server, workshop, 'avant')
    const before = { state: Y.encodeStateAsUpdate(victim.doc), client: victim.doc.clientID }
    victim.destroy()
    reader.destroy()
    // The room as a server stored it before client ids had owners.
    const { dataDir } = server.config
    await server.close()
    const db = new Database(joinPath(dataDir, 'fabrique.sqlite'))
    db.prepare('DELETE FROM room_clients').run()
    db.close()
    server = await start({ dataDir })
    const closed = await forgeUnder(server, workshop, before, asAttacker)
    expect(closed.code).toBe(CloseCode.badMessage)
    expect(closed.reason).toMatch(/belongs to someone else/)
  })
})

describe('room size', () => {
  it('is the document’s real size: overwriting a few keys again and again never fills a room', async () => {
    const server = await start({ maxRoomBytes: 128 * 1024 })
    const workshop = await server.createWorkshop()
    const writer = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.participant))
    await synced(writer)
    const closes: number[] = []
    writer.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code)
    })
    // 20 rounds of four questions of about 4 KB (the longest a question may be, in 2-byte
    // characters): 320 KB written, a document of about 16 KB.
    for (let round = 0; round < 20; round++) {
      for (const key of ['a', 'b', 'c', 'd'])
        scratch(writer.doc).set(key, `${round}`.padEnd(PLAN_LIMITS.question - 2, '·'))
      await sleep(20)
    }
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor(
      'the last round',
      () => closes.length > 0 || String(scratch(reader.doc).get('d')).startsWith('19'),
    )
    expect(closes).toEqual([])
  })
})

/**
 * What a property run of random, mutated participant updates found past the policy (see
 * writePolicy.property.test.ts): each as the smallest update that did it.
 */
describe("another person's item, record or position stays theirs", () => {
  /** A workshop where Alice wrote a note and Mallory sees it; the facilitator watches. */
  const withAlicesNote = async (template?: string) => {
    const server = await start()
    const workshop = await server.createWorkshop(template ? { template } : {})
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const alice = await joinAs(server, workshop, 'Alice', 'clinician')
    const mallory = await joinAs(server, workshop, 'Mallory', 'citizen')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const note = addBox(
      alice.client.doc,
      canvasId,
      { kind: 'note', x: 40, y: 40, text: 'Note d’Alice', createdBy: alice.id, group: 'clinician' },
      'test',
    )
    const itemsIn = (doc: Y.Doc) =>
      canvasesMap(doc).get(canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    await waitFor('the note at Mallory', () => itemsIn(mallory.client.doc).has(note))
    await waitFor('both records', () => listParticipants(facilitator.doc).length === 2)
    const aliceNote = () => readItem(facilitator.doc, canvasId, note)
    const told = refusalsOf(mallory.client)
    return {
      server,
      workshop,
      facilitator,
      alice,
      mallory,
      canvasId,
      note,
      itemsIn,
      aliceNote,
      told,
    }
  }

  it('a placement field set to something that is not a position is refused: the note never vanishes', async () => {
    const { mallory, note, itemsIn, aliceNote, told } = await withAlicesNote()
    itemsIn(mallory.client.doc).get(note)?.set('x', 'loin')
    await waitFor('the refusal', () => told.includes('item.invalid'))
    expect(aliceNote()).toMatchObject({ x: 40, text: 'Note d’Alice' })
  })

  it('list content written into the map of another person’s note is refused', async () => {
    const { facilitator, mallory, note, itemsIn, told, canvasId } = await withAlicesNote()
    const map = itemsIn(mallory.client.doc).get(note) as Y.Map<unknown>
    // What Y.Array writes, put into a Y.Map: nothing reads it, everybody stores it.
    Y.Array.prototype.push.call(map, ['REMPLISSAGE-DANS-LA-NOTE'])
    await waitFor('the refusal', () => told.includes('invalid'))
    await sleep(100)
    const stored = itemsIn(facilitator.doc).get(note) as Y.Map<unknown>
    expect(stored._start === null || stored._start.deleted).toBe(true)
    const bytes = Buffer.from(Y.encodeStateAsUpdate(facilitator.doc)).toString('latin1')
    expect(bytes).not.toContain('REMPLISSAGE-DANS-LA-NOTE')
    expect(readItem(facilitator.doc, canvasId, note)?.text).toBe('Note d’Alice')
  })

  it('setting and deleting the key of another person’s note in one change does not delete it', async () => {
    const { mallory, note, itemsIn, aliceNote, told } = await withAlicesNote()
    const items = itemsIn(mallory.client.doc)
    mallory.client.doc.transact(() => {
      items.set(note, new Y.Map())
      items.delete(note)
    })
    await waitFor('the refusal', () => told.includes('item.notYours'))
    await sleep(100)
    expect(aliceNote()?.text).toBe('Note d’Alice')
  })

  it('a struct that restates its own last clock and goes on inside another person’s note is refused; the room reloads', async () => {
    const { server, workshop, mallory, note, itemsIn, aliceNote } = await withAlicesNote()
    const text = itemsIn(mallory.client.doc).get(note)?.get('text') as Y.Text
    const target = text._start?.id
    if (!target) throw new Error('the note has no text')
    const client = mallory.client.doc.clientID
    const known = Y.getState(mallory.client.doc.store, client)
    expect(known).toBeGreaterThan(0)
    // One string item at (client, known − 1), two characters long, after Alice's first
    // character: Yjs would keep its tail and link it beside Mallory's own last item.
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, known - 1)
    encoding.writeUint8(encoder, 4 | 0x80)
    encoding.writeVarUint(encoder, target.client)
    encoding.writeVarUint(encoder, target.clock)
    encoding.writeVarString(encoder, 'XY')
    encoding.writeVarUint(encoder, 0)
    const raw = await openRaw(
      server.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      {},
      mallory.identity,
    )
    raw.ws.send(syncUpdateFrame(encoding.toUint8Array(encoder)))
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.badMessage)
    expect(closed.reason).toMatch(/restates part of client/)
    expect(aliceNote()?.text).toBe('Note d’Alice')
    const reloaded = await restart()
    const reader = track(connectClient(reloaded.syncUrl, workshop.id, workshop.tokens.observer))
    await synced(reader)
    const canvasId = listCanvases(reader.doc)[0]?.id ?? ''
    expect(readItem(reader.doc, canvasId, note)?.text).toBe('Note d’Alice')
    await outputsWork(reloaded, workshop.id, workshop.tokens.facilitator)
  })

  it('where each person stands on a charter item is theirs: no position set for another or for nobody', async () => {
    const { facilitator, alice, mallory, told } = await withAlicesNote('charte-des-roles')
    const charter = listCharters(facilitator.doc)[0]
    const item = charter?.items[0]
    if (!charter || !item) throw new Error('the template has no charter item')
    setPosition(mallory.client.doc, charter.id, item.id, alice.id, 'object', 'x')
    setPosition(mallory.client.doc, charter.id, item.id, 'invented0', 'object', 'x')
    await waitFor('the refusal', () => told.includes('participant.other'))
    // Her own position lands.
    setPosition(mallory.client.doc, charter.id, item.id, mallory.id, 'agree', 'x')
    const read = () => listCharters(facilitator.doc)[0]?.items[0]
    await waitFor('her own position', () => read()?.byParticipant[mallory.id] === 'agree')
    expect(read()?.byParticipant).toEqual({ [mallory.id]: 'agree' })
    expect(read()?.positions.clinician.object).toBe(0)
  })

  it('a record under one’s own key that names another person is refused', async () => {
    const { facilitator, alice, mallory, told } = await withAlicesNote()
    participantsMap(mallory.client.doc).set(mallory.id, {
      id: alice.id,
      name: 'Alice',
      group: 'patient',
      joinedAt: 1,
    })
    await waitFor('the refusal', () => told.includes('participant.invalid'))
    expect(listParticipants(facilitator.doc).map((p) => [p.name, p.group])).toEqual([
      ['Alice', 'clinician'],
      ['Mallory', 'citizen'],
    ])
  })

  it('what is written must fit the schema: no field an item or a record does not have', async () => {
    const { facilitator, mallory, canvasId, told } = await withAlicesNote()
    const own = addBox(
      mallory.client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'À moi', createdBy: mallory.id, group: 'citizen' },
      'x',
    )
    await waitFor('her note', () => readItem(facilitator.doc, canvasId, own) !== null)
    const items = canvasesMap(mallory.client.doc).get(canvasId)?.get('items') as Y.Map<
      Y.Map<unknown>
    >
    items.get(own)?.set('evil', 'x'.repeat(1000))
    participantsMap(mallory.client.doc).set(mallory.id, {
      id: mallory.id,
      name: 'Mallory',
      group: 'citizen',
      joinedAt: 1,
      admin: true,
    })
    await waitFor('both refusals', () =>
      ['item.invalid', 'participant.invalid'].every((code) => told.includes(code)),
    )
    await sleep(100)
    const stored = canvasesMap(facilitator.doc).get(canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    expect(stored.get(own)?.has('evil')).toBe(false)
    expect(participantsMap(facilitator.doc).get(mallory.id)).not.toHaveProperty('admin')
  })

  it('the facilitator too credits a new note to themself, and never changes who wrote one', async () => {
    const { facilitator, alice, canvasId, note, itemsIn, aliceNote } = await withAlicesNote()
    const told = refusalsOf(facilitator)
    addBox(
      facilitator.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Signé Alice', createdBy: alice.id, group: 'clinician' },
      'x',
    )
    await waitFor('the refusal', () => told.includes('item.author'))
    itemsIn(facilitator.doc).get(note)?.set('group', 'patient')
    await sleep(200)
    expect(told.filter((code) => code === 'item.author')).toHaveLength(2)
    expect(aliceNote()).toMatchObject({ group: 'clinician' })
    const texts = readCanvasContent(alice.client.doc, canvasId).items.map((i) => i.text)
    expect(texts).not.toContain('Signé Alice')
    // What the facilitator does of their own is theirs: a note credited to nobody in particular.
    addBox(facilitator.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'De l’animatrice' }, 'x')
    await waitFor('the facilitator’s note at Alice', () =>
      readCanvasContent(alice.client.doc, canvasId).items.some((i) => i.text === 'De l’animatrice'),
    )
  })
})
