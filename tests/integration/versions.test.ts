import { describe, expect, it } from 'vitest'
import type { ParticipantCredentials, VersionSummary } from '../../shared/api.ts'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import {
  addBox,
  getCanvas,
  getParticipant,
  listCanvases,
  readCanvasContent,
  setItemText,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { docFromState, type VersionDiff } from '../../shared/schema/versions.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const servers = useTestServers()

const call = async (
  method: string,
  url: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

/** The headers by which a request proves who makes it: the identity issued at join. */
const proof = (who: ParticipantCredentials) => ({
  'X-Fabrique-Participant': who.participantId,
  'X-Fabrique-Secret': who.secret,
})

/**
 * Someone joins with `token` as `name`: the server issues their identity, and their browser
 * writes their record into the workshop document (as the client does at join).
 */
const joinAs = async (server: TestServer, workshopId: string, token: string, name: string) => {
  const who = await server.register(workshopId, token)
  const client = servers.track(connectClient(server.syncUrl, workshopId, token, who.identity))
  await synced(client)
  upsertParticipant(client.doc, { id: who.participantId, name, group: 'citizen' }, 'test')
  return who
}

describe('named versions', () => {
  it('are kept across restarts, compared, opened read-only and restored without losing history', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const base = `${server.url}/api/workshops/${workshop.id}/versions`
    const { facilitator, participant, observer } = workshop.tokens
    const client = servers.track(connectClient(server.syncUrl, workshop.id, facilitator))
    await synced(client)
    const canvasId = listCanvases(client.doc)[0]?.id ?? ''
    const note = addBox(client.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Plan v1' }, 'test')
    const texts = (c: TestClient) =>
      getCanvas(c.doc, canvasId)
        ? readCanvasContent(c.doc, canvasId).items.map((item) => item.text)
        : []
    const watcher = servers.track(connectClient(server.syncUrl, workshop.id, observer))
    await waitFor('the note on the server', () => texts(watcher).includes('Plan v1'))

    expect((await call('POST', base, observer, { name: 'x' })).status).toBe(403)
    expect((await call('POST', base, participant, { name: '' })).status).toBe(400)
    const v1 = (await (
      await call('POST', base, participant, {
        name: 'Adopté par le comité le 22 novembre',
        author: 'Ana',
      })
    ).json()) as VersionSummary
    // No identity proven: the role made it, whatever name the body gives.
    expect(v1).toMatchObject({
      name: 'Adopté par le comité le 22 novembre',
      author: '',
      authorRole: 'participant',
    })

    setItemText(client.doc, canvasId, note, 'Plan v2', 'test')
    await waitFor('the change on the server', () => texts(watcher).includes('Plan v2'))
    const diff = (await (
      await call('GET', `${base}/diff?from=${v1.id}&to=current`, observer)
    ).json()) as VersionDiff
    expect(diff.canvases[0]?.changed[0]).toMatchObject({
      id: note,
      before: 'Plan v1',
      text: 'Plan v2',
      changes: ['text'],
    })

    // Versions survive a restart of the server.
    const restarted = await servers.restart()
    const again = `${restarted.url}/api/workshops/${workshop.id}/versions`
    const listed = (await (await call('GET', again, observer)).json()) as VersionSummary[]
    expect(listed.map((v) => v.name)).toEqual(['Adopté par le comité le 22 novembre'])

    // An old version opens read-only from its stored state.
    const state = new Uint8Array(
      await (await call('GET', `${again}/${v1.id}/state`, observer)).arrayBuffer(),
    )
    expect(readCanvasContent(docFromState(state), canvasId).items.map((i) => i.text)).toEqual([
      'Plan v1',
    ])

    // Restore: facilitator only; the live workshop gets the old content and a new version.
    expect(
      (await call('POST', `${again}/${v1.id}/restore`, participant, { name: 'Retour' })).status,
    ).toBe(403)
    const live = servers.track(connectClient(restarted.syncUrl, workshop.id, observer))
    await synced(live)
    expect(texts(live)).toEqual(['Plan v2'])
    const restored = await call('POST', `${again}/${v1.id}/restore`, facilitator, {
      name: 'Retour au plan adopté',
      author: 'Léa',
    })
    expect(restored.status).toBe(201)
    expect(await restored.json()).toMatchObject({ author: '', authorRole: 'facilitator' })
    await waitFor('the restored content', () => texts(live).join() === 'Plan v1')
    const history = (await (await call('GET', again, observer)).json()) as VersionSummary[]
    expect(history.map((v) => v.name)).toEqual([
      'Adopté par le comité le 22 novembre',
      'Retour au plan adopté',
    ])
    expect((await call('GET', `${again}/nope/state`, observer)).status).toBe(404)
    expect((await call('GET', `${again}`, 'bad')).status).toBe(401)
  })

  it('a participant link cannot flood the history: a budget per workshop, and a cap an archive can carry', async () => {
    const server = await servers.start({ maxArchiveVersions: 25 })
    const workshop = await server.createWorkshop()
    const url = `${server.url}/api/workshops/${workshop.id}/versions`
    const make = (n: number) =>
      call('POST', url, workshop.tokens.participant, { name: `v${n}`, author: 'Quelqu’un' })
    const statuses: number[] = []
    for (let n = 0; n < 21; n++) statuses.push((await make(n)).status)
    expect(statuses.slice(0, 20).every((status) => status === 201)).toBe(true)
    const refused = await make(21)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many versions/)
    const other = await server.createWorkshop()
    const otherUrl = `${server.url}/api/workshops/${other.id}/versions`
    expect(
      (await call('POST', otherUrl, other.tokens.participant, { name: 'a', author: '' })).status,
    ).toBe(201)
  })

  it('refuses a version past MAX_ARCHIVE_VERSIONS with 409, so the archive stays importable', async () => {
    const server = await servers.start({ maxArchiveVersions: 3 })
    const workshop = await server.createWorkshop()
    const url = `${server.url}/api/workshops/${workshop.id}/versions`
    for (let n = 0; n < 3; n++) {
      expect(
        (await call('POST', url, workshop.tokens.facilitator, { name: `v${n}`, author: '' }))
          .status,
      ).toBe(201)
    }
    const refused = await call('POST', url, workshop.tokens.facilitator, { name: 'v3', author: '' })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: string }).error).toMatch(/holds 3 versions/)
  })

  it('keeps no more than MAX_ARCHIVE_VERSIONS when many are asked for at once, nor when one is restored past it', async () => {
    const server = await servers.start({ maxArchiveVersions: 3 })
    const workshop = await server.createWorkshop()
    const url = `${server.url}/api/workshops/${workshop.id}/versions`
    const { facilitator } = workshop.tokens
    const statuses = await Promise.all(
      Array.from(
        { length: 8 },
        async (_, n) => (await call('POST', url, facilitator, { name: `v${n}` })).status,
      ),
    )
    expect(statuses.filter((status) => status === 201)).toHaveLength(3)
    expect(statuses.filter((status) => status === 409)).toHaveLength(5)
    const kept = (await (await call('GET', url, facilitator)).json()) as Array<{ id: string }>
    expect(kept).toHaveLength(3)
    const restore = await call('POST', `${url}/${kept[0]?.id}/restore`, facilitator, {
      name: 'Retour',
    })
    expect(restore.status).toBe(409)
    expect(((await (await call('GET', url, facilitator)).json()) as unknown[]).length).toBe(3)
    const archive = await call(
      'GET',
      `${server.url}/api/workshops/${workshop.id}/export`,
      facilitator,
    )
    const imported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: await archive.text(),
    })
    expect(imported.status).toBe(201)
  })

  it('names as author the person the request proves, never the name its body gives', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const { facilitator, participant, observer } = workshop.tokens
    const base = `${server.url}/api/workshops/${workshop.id}/versions`
    const alice = await joinAs(server, workshop.id, participant, 'Alice')
    const bob = await joinAs(server, workshop.id, participant, 'Bob')
    const reader = servers.track(connectClient(server.syncUrl, workshop.id, observer))
    await waitFor('both records on the server', () =>
      [alice, bob].every((who) => getParticipant(reader.doc, who.participantId) !== null),
    )

    // Bob, proving who he is, writes Alice's name: the version is Bob's.
    const made = await call(
      'POST',
      base,
      participant,
      { name: 'Plan', author: 'Alice' },
      proof(bob),
    )
    expect(made.status).toBe(201)
    expect(await made.json()).toMatchObject({
      name: 'Plan',
      author: 'Bob',
      authorRole: 'participant',
    })

    // Without a proof, the link's role made it: no free-text name.
    const anonymous = await call('POST', base, participant, { name: 'Sans nom', author: 'Alice' })
    expect(await anonymous.json()).toMatchObject({ author: '', authorRole: 'participant' })

    // Alice's id with Bob's secret proves nothing: refused, and nothing is kept.
    const forged = await call(
      'POST',
      base,
      participant,
      { name: 'Faux' },
      { ...proof(bob), 'X-Fabrique-Participant': alice.participantId },
    )
    expect(forged.status).toBe(403)
    expect(((await forged.json()) as { error: string }).error).toMatch(/x-fabrique-secret/)
    const half = await call(
      'POST',
      base,
      participant,
      { name: 'Demi' },
      {
        'X-Fabrique-Participant': bob.participantId,
      },
    )
    expect(half.status).toBe(400)
    expect(((await half.json()) as { error: string }).error).toMatch(/x-fabrique-secret/)

    const exported = async () =>
      (
        (await (
          await call('GET', `${server.url}/api/workshops/${workshop.id}/export`, observer)
        ).json()) as WorkshopArchive
      ).versions.map((version) => version.author)
    const listed = async () =>
      ((await (await call('GET', base, observer)).json()) as VersionSummary[]).map(
        ({ name, author, authorRole }) => ({ name, author, authorRole }),
      )
    expect(await listed()).toEqual([
      { name: 'Plan', author: 'Bob', authorRole: 'participant' },
      { name: 'Sans nom', author: '', authorRole: 'participant' },
    ])
    expect(await exported()).toEqual(['Bob', ''])

    // The author's name is their record in the workshop: forgotten, the version names nobody.
    const forget = await fetch(
      `${server.url}/api/workshops/${workshop.id}/participants/${bob.participantId}/forget`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${facilitator}`, 'Content-Type': 'application/json' },
        body: '{}',
      },
    )
    expect(forget.status).toBe(200)
    expect((await listed())[0]).toEqual({ name: 'Plan', author: '', authorRole: 'participant' })
    expect(await exported()).toEqual(['', ''])
  })

  it('restores only for the facilitator: a participant’s restore changes nothing', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const { facilitator, participant, observer } = workshop.tokens
    const base = `${server.url}/api/workshops/${workshop.id}/versions`
    const bob = await joinAs(server, workshop.id, participant, 'Bob')
    const lea = await joinAs(server, workshop.id, facilitator, 'Léa')
    const reader = servers.track(connectClient(server.syncUrl, workshop.id, observer))
    await synced(reader)
    const canvasId = listCanvases(reader.doc)[0]?.id ?? ''
    const texts = () => readCanvasContent(reader.doc, canvasId).items.map((item) => item.text)
    const writer = servers.track(connectClient(server.syncUrl, workshop.id, participant))
    await synced(writer)
    addBox(writer.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Avant' }, 'test')
    await waitFor('the note on the server', () => texts().includes('Avant'))
    const v1 = (await (
      await call('POST', base, participant, { name: 'v1' })
    ).json()) as VersionSummary
    addBox(writer.doc, canvasId, { kind: 'note', x: 9, y: 9, text: 'Après' }, 'test')
    await waitFor('the second note on the server', () => texts().includes('Après'))
    const stateBefore = await (
      await call('GET', `${base}/diff?from=${v1.id}&to=current`, observer)
    ).json()

    const refused = await call(
      'POST',
      `${base}/${v1.id}/restore`,
      participant,
      { name: 'Retour' },
      proof(bob),
    )
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ error: 'only the facilitator can restore a version' })
    // Before anything is read: a body that is no version request is refused the same way.
    const unread = await call('POST', `${base}/${v1.id}/restore`, participant, {}, proof(bob))
    expect(unread.status).toBe(403)
    // Nothing changed: the same difference from v1, the same history, nothing relayed.
    expect(
      await (await call('GET', `${base}/diff?from=${v1.id}&to=current`, observer)).json(),
    ).toEqual(stateBefore)
    expect(
      ((await (await call('GET', base, observer)).json()) as VersionSummary[]).map((v) => v.name),
    ).toEqual(['v1'])
    expect(texts().sort()).toEqual(['Après', 'Avant'])
    // Versions are never deleted nor renamed: there is no such route.
    expect((await call('DELETE', `${base}/${v1.id}`, participant)).status).toBe(404)
    expect((await call('PUT', base, participant, { name: 'autre' })).status).toBe(405)

    const restored = await call(
      'POST',
      `${base}/${v1.id}/restore`,
      facilitator,
      { name: 'Retour', author: 'Bob' },
      proof(lea),
    )
    expect(restored.status).toBe(201)
    expect(await restored.json()).toMatchObject({
      name: 'Retour',
      author: 'Léa',
      authorRole: 'facilitator',
    })
    await waitFor('the old content back', () => !texts().includes('Après'))
    expect(texts()).toEqual(['Avant'])
  })
})
