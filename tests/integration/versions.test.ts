import { describe, expect, it } from 'vitest'
import type { VersionSummary } from '../../shared/api.ts'
import {
  addBox,
  getCanvas,
  listCanvases,
  readCanvasContent,
  setItemText,
} from '../../shared/schema/index.ts'
import { docFromState, type VersionDiff } from '../../shared/schema/versions.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const servers = useTestServers()

const call = async (method: string, url: string, token: string, body?: unknown) =>
  fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('named versions', () => {
  it('are kept across restarts, compared, opened read-only and restored without losing history', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const base = `${server.url}/api/workshops/${workshop.id}/versions`
    const { facilitator, participant, observer } = workshop.tokens
    const client = servers.track(connectClient(server.syncUrl, workshop.id, participant))
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
    expect(v1).toMatchObject({ name: 'Adopté par le comité le 22 novembre', author: 'Ana' })

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
})
