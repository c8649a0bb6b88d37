import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Config } from '../../server/config.ts'
import { SERVER_ACTIONS } from '../../server/sync/origins.ts'
import type { CarriedBoard, SessionSummary, WorkshopLinks } from '../../shared/api.ts'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  createDecision,
  goToPhase,
  listCanvases,
  listSessions,
  readCanvasContent,
  readFlow,
  SCHEMA_VERSION,
} from '../../shared/schema/index.ts'
import { readBoardsMeta, writeBoards } from '../../shared/schema/sessionBoards.ts'
import { joinAs } from '../helpers/people.ts'
import { upgradeStatus } from '../helpers/raw.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * An ended session's boards leave the lab document when the next session starts, for a room
 * of their own that every link reads and no client writes (server/labs/CONTEXT.md).
 */

const servers = useTestServers()
const O = 'test'

/** The lab's HTTP routes, as `token`. */
const api = (server: TestServer, lab: WorkshopLinks) => ({
  call: (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${server.url}/api/workshops/${lab.id}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  async sessions(token = lab.tokens.observer): Promise<SessionSummary[]> {
    const res = await this.call('GET', '/sessions', token)
    expect(res.status).toBe(200)
    return (await res.json()) as SessionSummary[]
  },
  async move(sessionId: string, action: 'start' | 'end') {
    const res = await this.call('POST', `/sessions/${sessionId}/${action}`, lab.tokens.facilitator)
    expect(res.status, await res.clone().text()).toBe(200)
  },
  async plan(title: string, date: string) {
    const res = await this.call('POST', '/sessions', lab.tokens.facilitator, {
      title,
      template: 'groupe-nominal',
      date,
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as SessionSummary).sessionId
  },
  carry: (sessionId: string, canvasId: string, token = lab.tokens.facilitator) =>
    fetch(`${server.url}/api/workshops/${lab.id}/sessions/${sessionId}/boards/${canvasId}/carry`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    }),
})

const boardsRoom = (lab: WorkshopLinks, sessionId: string) =>
  roomName({ kind: 'session', workshopId: lab.id, sessionId })

const texts = (doc: Y.Doc, canvasId: string) =>
  readCanvasContent(doc, canvasId).items.map((item) => item.text)

/** Waits until `client`'s lab holds exactly these canvases, in this order. */
const canvasesAre = (client: TestClient, ids: readonly string[]) =>
  waitFor(
    `the canvases ${ids.join(', ')}`,
    () =>
      listCanvases(client.doc)
        .map((c) => c.id)
        .join() === ids.join(),
  )

/** A lab whose first session ran with Ana's notes on its board and ended, and a second planned. */
const labWithOneSession = async (overrides: Partial<Config> = {}) => {
  const server = await servers.start(overrides)
  const lab = await server.createWorkshop({ title: 'Comité', template: 'groupe-nominal' })
  const http = api(server, lab)
  const facilitator = servers.track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
  await synced(facilitator)
  const [first] = await http.sessions()
  const march = first?.sessionId ?? ''
  await http.move(march, 'start')
  await waitFor('the first session running', () => readFlow(facilitator.doc).status === 'running')
  // The round, where everyone writes on the shared board.
  goToPhase(facilitator.doc, 2, O)
  const ana = await joinAs(server, lab.id, lab.tokens.participant, 'Ana', 'patient')
  servers.track(ana.shared)
  servers.track(ana.own)
  const board = listCanvases(facilitator.doc)[0]?.id ?? ''
  const note = addBox(
    ana.shared.doc,
    board,
    { kind: 'note', x: 0, y: 0, text: 'Une navette le mardi', createdBy: ana.id, group: 'patient' },
    O,
  )
  await waitFor('Ana’s note at the facilitator', () =>
    texts(facilitator.doc, board).includes('Une navette le mardi'),
  )
  await http.move(march, 'end')
  const april = await http.plan('Avril', '2027-04-01')
  return { server, lab, http, facilitator, ana, march, april, board, note }
}

describe('an ended session’s boards', () => {
  it('leave the lab document for their own room when the next session starts', async () => {
    const { server, lab, http, facilitator, ana, march, april, board, note } =
      await labWithOneSession()
    expect((await http.sessions()).find((s) => s.sessionId === march)).toMatchObject({
      boards: [],
      boardsRoom: null,
    })
    await http.move(april, 'start')
    // The lab now holds the second session's board only, for everyone connected.
    for (const client of [facilitator, ana.shared]) await canvasesAre(client, [`${board}-s2`])
    const listed = (await http.sessions()).find((s) => s.sessionId === march)
    expect(listed).toMatchObject({
      status: 'ended',
      boards: [{ canvasId: board, title: 'Groupe nominal' }],
      boardsRoom: boardsRoom(lab, march),
    })
    // A participant and an observer read them there, note, author and all.
    const readers = [
      servers.track(
        connectClient(server.syncUrl, boardsRoom(lab, march), lab.tokens.participant, {
          participant: ana.id,
          secret: ana.secret,
        }),
      ),
      servers.track(connectClient(server.syncUrl, boardsRoom(lab, march), lab.tokens.observer)),
    ]
    for (const reader of readers) {
      await synced(reader)
      expect(readBoardsMeta(reader.doc)).toMatchObject({ sessionId: march, title: 'Comité' })
      const kept = readCanvasContent(reader.doc, board).items.find((item) => item.id === note)
      expect(kept).toMatchObject({ text: 'Une navette le mardi', createdBy: ana.id })
    }
    // The lab's stored state, compacted, no longer holds the note: its content was collected.
    for (const client of [facilitator, ana.shared, ana.own, ...readers]) client.destroy()
    await waitFor('the rooms unloaded', () => server.app.sync.stats.rooms === 0)
    await server.app.storage.compact(lab.id)
    const stored = await server.app.storage.loadRoom(lab.id)
    const bytes = Buffer.concat([stored.snapshot ?? new Uint8Array(), ...stored.updates])
    expect(bytes.includes('Une navette le mardi')).toBe(false)
  })

  it('are read by every link but written by none: any update is refused', async () => {
    // Each refused update counts against the address: three of them would block the test's.
    const { server, lab, http, ana, march, april, board } = await labWithOneSession({
      maxRefusalsPerIp: 10,
    })
    await http.move(april, 'start')
    const room = boardsRoom(lab, march)
    const writers = [
      connectClient(server.syncUrl, room, lab.tokens.participant, {
        participant: ana.id,
        secret: ana.secret,
      }),
      connectClient(server.syncUrl, room, lab.tokens.observer),
      connectClient(server.syncUrl, room, lab.tokens.facilitator),
    ].map((client) => servers.track(client))
    for (const writer of writers) {
      await synced(writer)
      const closed = new Promise<number>((resolve) =>
        writer.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
      )
      writer.provider.shouldConnect = false
      addBox(writer.doc, board, { kind: 'note', x: 90, y: 0, text: 'Réécrit' }, O)
      expect(await closed).toBe(CloseCode.badMessage)
    }
    const reader = servers.track(connectClient(server.syncUrl, room, lab.tokens.observer))
    await synced(reader)
    expect(texts(reader.doc, board)).not.toContain('Réécrit')
    expect(texts(reader.doc, board)).toContain('Une navette le mardi')
    // A session whose boards have not moved has no room; nor does one the lab never had.
    const url = (sessionId: string) =>
      `${server.syncUrl}/${boardsRoom(lab, sessionId)}?token=${lab.tokens.observer}`
    expect(await upgradeStatus(url(april))).toBe(401)
    expect(await upgradeStatus(url('nope'))).toBe(401)
    expect(
      await upgradeStatus(`${server.syncUrl}/${boardsRoom(lab, march)}?token=not-a-token`),
    ).toBe(401)
  })

  it('keep the texts a decision of their session names, and are in the report', async () => {
    const { lab, http, facilitator, march, april, board, note } = await labWithOneSession()
    createDecision(
      facilitator.doc,
      {
        title: 'Essayer la navette',
        options: [],
        support: {
          phaseId: 'premier-vote',
          result: {
            kind: 'dots',
            closed: true,
            voters: 3,
            groups: null,
            items: { [note]: { total: 3, byGroup: {}, otherGroups: 3 } },
          },
        },
      },
      O,
    )
    const log = async () => (await http.call('GET', '/decisions.md', lab.tokens.observer)).text()
    await expect.poll(log).toMatch(/«\sUne navette le mardi\s» 3/)
    await http.move(april, 'start')
    await canvasesAre(facilitator, [`${board}-s2`])
    expect(await log()).toMatch(/«\sUne navette le mardi\s» 3/)
    // The report draws every session's boards, each under its session.
    const report = await (await http.call('GET', '/report', lab.tokens.observer)).text()
    expect(report).toMatch(/<h2>Canevas — Comité \([^)]+\)<\/h2>/)
    expect(report).toMatch(/<h2>Canevas — Avril \(1er avril 2027\)<\/h2>/)
    expect(report).toContain('Une navette le mardi')
    expect(listSessions(facilitator.doc).find((s) => s.id === march)?.boards).toHaveLength(1)
  })

  it('stay out of the lab document: its size does not grow with sessions', async () => {
    const server = await servers.start()
    const lab = await server.createWorkshop({ title: 'Comité', template: 'groupe-nominal' })
    const http = api(server, lab)
    const facilitator = servers.track(connectClient(server.syncUrl, lab.id, lab.tokens.facilitator))
    await synced(facilitator)
    const ids = [(await http.sessions())[0]?.sessionId ?? '']
    ids.push(await http.plan('Avril', '2027-04-01'), await http.plan('Mai', '2027-05-06'))
    const NOTES = 300
    const figures: Array<{ session: number; labBytes: number; boardsBytes: number }> = []
    /** What a device that never opened the lab downloads. */
    const coldLoad = async (room: string) => {
      const reader = connectClient(server.syncUrl, room, lab.tokens.observer)
      await synced(reader)
      const bytes = Y.encodeStateAsUpdate(reader.doc).byteLength
      reader.destroy()
      return bytes
    }
    for (const [index, id] of ids.entries()) {
      await http.move(id, 'start')
      const board = index === 0 ? 'idees' : `idees-s${index + 1}`
      await canvasesAre(facilitator, [board])
      facilitator.doc.transact(() => {
        for (let n = 0; n < NOTES; n++) {
          const text = `Séance ${index + 1}, idée ${n} : un service de navette entre le CLSC et le quartier`
          addBox(facilitator.doc, board, { kind: 'note', x: (n % 20) * 200, y: 0, text }, O)
        }
      }, O)
      await http.move(id, 'end')
      const labBytes = await coldLoad(lab.id)
      const previous = ids[index - 1]
      figures.push({
        session: index + 1,
        labBytes,
        boardsBytes: previous ? await coldLoad(boardsRoom(lab, previous)) : 0,
      })
    }
    console.log(
      `lab document (${NOTES} notes a session), bytes a new device downloads:\n${figures
        .map(
          (f) =>
            `  after session ${f.session}: lab ${f.labBytes}, the previous session's boards room ${f.boardsBytes}`,
        )
        .join('\n')}`,
    )
    const [one, two, three] = figures.map((f) => f.labBytes)
    // Each time the lab holds one session's boards (and what the deleted ones leave: a few
    // bytes), never the sum of them.
    expect(two).toBeLessThan((one ?? 0) * 1.15)
    expect(three).toBeLessThan((one ?? 0) * 1.15)
    expect(figures[1]?.boardsBytes).toBeGreaterThan((one ?? 0) * 0.5)
  })
})

describe('the lab’s archive', () => {
  it('carries every session’s boards: an imported lab opens them; one missing is a 400', async () => {
    const { server, lab, http, march, april, board } = await labWithOneSession()
    await http.move(april, 'start')
    const archive = (await (
      await http.call('GET', '/export', lab.tokens.observer)
    ).json()) as WorkshopArchive
    expect(archive.sessionBoards?.map((entry) => entry.session)).toEqual([march])
    const importing = (body: unknown) =>
      fetch(`${server.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const imported = await importing(archive)
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as WorkshopLinks
    const reader = servers.track(
      connectClient(server.syncUrl, boardsRoom(copy, march), copy.tokens.participant),
    )
    await synced(reader)
    expect(texts(reader.doc, board)).toContain('Une navette le mardi')
    expect(readBoardsMeta(reader.doc)?.sessionId).toBe(march)

    const refused = async (body: unknown, field: string) => {
      const res = await importing(body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toContain(field)
    }
    const { sessionBoards: _kept, ...without } = archive
    await refused(without, `sessionBoards: the boards of the session ${march}`)
    await refused(
      { ...archive, sessionBoards: [{ session: april, state: '' }] },
      'sessionBoards.0.session',
    )
    const labState = archive.document
    await refused(
      { ...archive, sessionBoards: [{ session: march, state: labState }] },
      'sessionBoards.0.state: the document has no part named',
    )
  })
})

describe('forgetting a person', () => {
  it('reaches the boards of ended sessions: their notes name them no more, on disk too', async () => {
    const { server, lab, http, ana, march, april, board, note } = await labWithOneSession()
    await http.move(april, 'start')
    const forgot = await http.call(
      'POST',
      `/participants/${ana.id}/forget`,
      lab.tokens.facilitator,
      {},
    )
    expect(forgot.status).toBe(200)
    const reader = servers.track(
      connectClient(server.syncUrl, boardsRoom(lab, march), lab.tokens.observer),
    )
    await synced(reader)
    expect(
      readCanvasContent(reader.doc, board).items.find((item) => item.id === note),
    ).toMatchObject({ text: 'Une navette le mardi', createdBy: '' })
    const stored = await server.app.storage.loadRoom(boardsRoom(lab, march))
    const bytes = Buffer.concat([stored.snapshot ?? new Uint8Array(), ...stored.updates])
    expect(bytes.includes('Une navette le mardi')).toBe(true)
    expect(bytes.includes(ana.id)).toBe(false)
  })
})

describe('carrying a board into the session', () => {
  it('is the facilitator’s: others 403, an unknown board 404, one in the lab already 409', async () => {
    const { server, lab, http, facilitator, ana, march, april, board, note } =
      await labWithOneSession()
    // Not kept yet: its boards are still the lab's.
    expect((await http.carry(march, board)).status).toBe(404)
    await http.move(april, 'start')
    await canvasesAre(facilitator, [`${board}-s2`])
    expect((await http.carry(march, board, lab.tokens.participant)).status).toBe(403)
    expect((await http.carry(march, board, lab.tokens.observer)).status).toBe(403)
    expect((await http.carry(march, board, 'not-a-token')).status).toBe(401)
    expect((await http.carry('nope', board)).status).toBe(404)
    expect((await http.carry(march, 'nope')).status).toBe(404)
    expect((await http.carry(april, board)).status).toBe(404)

    const carried = await http.carry(march, board)
    expect(carried.status).toBe(201)
    expect((await carried.json()) as CarriedBoard).toEqual({
      canvasId: board,
      // Named after the session it comes from: the next one has a board of the same name.
      title: 'Groupe nominal — Comité',
      from: march,
    })
    // Back in the lab, after the session's own board, with its note and its author.
    await canvasesAre(ana.shared, [`${board}-s2`, board])
    expect(readCanvasContent(ana.shared.doc, board).items).toContainEqual(
      expect.objectContaining({ id: note, text: 'Une navette le mardi', createdBy: ana.id }),
    )
    expect((await http.carry(march, board)).status).toBe(409)
    // The session's room still holds it.
    const reader = servers.track(
      connectClient(server.syncUrl, boardsRoom(lab, march), lab.tokens.observer),
    )
    await synced(reader)
    expect(texts(reader.doc, board)).toContain('Une navette le mardi')
  })

  it('between sessions, carries it into the next one, not into the room of the one that ended', async () => {
    const { lab, http, facilitator, march, april, board } = await labWithOneSession()
    await http.move(april, 'start')
    await http.move(april, 'end')
    const may = await http.plan('Mai', '2027-05-06')
    expect((await http.carry(march, board)).status).toBe(201)
    await http.move(may, 'start')
    await canvasesAre(facilitator, [board, `${board}-s3`])
    const april_ = (await http.sessions()).find((s) => s.sessionId === april)
    expect(april_?.boards.map((b) => b.canvasId)).toEqual([`${board}-s2`])
    expect(april_?.boardsRoom).toBe(boardsRoom(lab, april))
  })
})

describe('a server that dies while it moves them', () => {
  it('loses nothing: the next start finds both, keeps what changed and deletes them then', async () => {
    const { server, lab, march, april, board } = await labWithOneSession()
    // The server wrote the session's room, durably, and died before the lab's transaction.
    await server.app.sync.withRoom(lab.id, (labRoom) =>
      server.app.sync.withRoom(boardsRoom(lab, march), async (room) => {
        writeBoards(
          labRoom.doc,
          room.doc,
          [board],
          {
            sessionId: march,
            title: 'Comité',
            date: listSessions(labRoom.doc)[0]?.date ?? '',
            schemaVersion: SCHEMA_VERSION,
            archivedAt: 0,
          },
          SERVER_ACTIONS.boards,
        )
        await room.whenDurable()
      }),
    )
    const restarted = await servers.restart()
    const http = api(restarted, lab)
    const again = servers.track(connectClient(restarted.syncUrl, lab.id, lab.tokens.facilitator))
    await synced(again)
    expect(texts(again.doc, board)).toContain('Une navette le mardi')
    // Meanwhile the facilitator adds to the board: the move must keep that too.
    addBox(again.doc, board, { kind: 'note', x: 200, y: 0, text: 'Après la panne' }, O)
    const watcher = servers.track(connectClient(restarted.syncUrl, lab.id, lab.tokens.observer))
    await waitFor('the new note on the server', () =>
      texts(watcher.doc, board).includes('Après la panne'),
    )
    const items = readCanvasContent(again.doc, board).items.length
    await http.move(april, 'start')
    await canvasesAre(again, [`${board}-s2`])
    const reader = servers.track(
      connectClient(restarted.syncUrl, boardsRoom(lab, march), lab.tokens.observer),
    )
    await synced(reader)
    expect(listCanvases(reader.doc).map((c) => c.id)).toEqual([board])
    const kept = texts(reader.doc, board)
    expect(kept.filter((text) => text === 'Une navette le mardi')).toHaveLength(1)
    expect(kept).toContain('Après la panne')
    expect(kept.length).toBe(items)
  })
})
