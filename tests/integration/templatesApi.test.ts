import { describe, expect, it } from 'vitest'
import { listCanvases, readCanvasContent, readFlow } from '../../shared/schema/index.ts'
import type { TemplateSummary } from '../../shared/template.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, type TestClient } from '../helpers/yclient.ts'

const servers = useTestServers()

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })

const template = {
  id: 'cercle-de-parole',
  title: { fr: 'Cercle de parole', en: 'Talking circle' },
  description: { fr: 'Chacun parle à son tour.', en: 'Everyone speaks in turn.' },
  durationMinutes: 30,
  content: { canvases: [{ id: 'cercle', title: { fr: 'Cercle', en: 'Circle' } }] },
  phases: [
    {
      id: 'tour',
      title: { fr: 'Tour de parole', en: 'Round' },
      instructions: { fr: 'Parlez à votre tour.', en: 'Speak in turn.' },
      focus: { canvas: 'cercle' },
    },
  ],
}

const names = async (url: string) =>
  ((await (await fetch(`${url}/api/templates`)).json()) as TemplateSummary[]).map((t) => t.id)

describe('templates through the API', () => {
  it('adds a valid template, keeps it across a restart, and creates workshops from it', async () => {
    const first = await servers.start()
    const res = await post(`${first.url}/api/templates`, template)
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ id: 'cercle-de-parole', phaseCount: 1 })
    const server = await servers.restart()
    expect(await names(server.url)).toContain('cercle-de-parole')
    const workshop = await server.createWorkshop({ template: 'cercle-de-parole' })
    const client = servers.track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.observer),
    )
    await synced(client)
    expect(listCanvases(client.doc).map((c) => c.id)).toEqual(['cercle'])
  })

  it('refuses a broken template with the field at fault, and a taken id', async () => {
    const server = await servers.start()
    const broken = {
      ...template,
      phases: [{ ...template.phases[0], focus: { canvas: 'nulle-part' } }],
    }
    const res = await post(`${server.url}/api/templates`, broken)
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(
      /^body: phases\.0\.focus\.canvas: expected the id of a canvas/,
    )
    const taken = await post(`${server.url}/api/templates`, { ...template, id: 'triz' })
    expect(taken.status).toBe(400)
    expect((await taken.json()).error).toMatch(/id: "triz" is already used/)
    expect(await names(server.url)).not.toContain('cercle-de-parole')
  })

  it('adds a template sent twice at once only once: the other gets the 400 of a taken id, not a 500', async () => {
    const server = await servers.start()
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => post(`${server.url}/api/templates`, template)),
    )
    const statuses = answers.map((res) => res.status).sort()
    expect(statuses).toEqual([201, 400, 400, 400])
    for (const res of answers.filter((answer) => answer.status === 400)) {
      expect((await res.json()).error).toMatch(/id: "cercle-de-parole" is already used/)
    }
    expect((await names(server.url)).filter((id) => id === 'cercle-de-parole')).toHaveLength(1)
  })

  it('needs ADMIN_TOKEN, when set, to add a template', async () => {
    const server = await servers.start({ adminToken: 'secret-admin' })
    expect((await post(`${server.url}/api/templates`, template)).status).toBe(401)
    expect((await post(`${server.url}/api/templates`, template, 'secret-admin')).status).toBe(201)
  })

  it("saves a running workshop's structure as a new template (facilitator only)", async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop({ template: 'modeliser-intervention' })
    const url = `${server.url}/api/workshops/${workshop.id}/template`
    const body = {
      id: 'notre-modele',
      title: { fr: 'Notre modèle', en: 'Our model' },
      description: { fr: 'Repris de notre atelier', en: 'Taken from our workshop' },
    }
    expect((await post(url, body, workshop.tokens.participant)).status).toBe(403)
    const res = await post(url, body, workshop.tokens.facilitator)
    expect(res.status).toBe(201)
    const copy = await server.createWorkshop({ template: 'notre-modele' })
    const [original, derived] = [workshop, copy].map((w) =>
      servers.track(connectClient(server.syncUrl, w.id, w.tokens.observer)),
    ) as [TestClient, TestClient]
    await Promise.all([synced(original), synced(derived)])
    expect(readFlow(derived.doc).phases.map((p) => p.id)).toEqual(
      readFlow(original.doc).phases.map((p) => p.id),
    )
    const frames = (client: TestClient) =>
      listCanvases(client.doc).flatMap((canvas) =>
        readCanvasContent(client.doc, canvas.id)
          .items.filter((item) => item.kind === 'frame')
          .map((item) => item.text)
          .sort(),
      )
    expect(frames(derived)).toEqual(frames(original))
    expect((await post(url, body, workshop.tokens.facilitator)).status).toBe(400)
  })
})
