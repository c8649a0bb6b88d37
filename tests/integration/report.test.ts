import { describe, expect, it } from 'vitest'
import {
  addAction,
  addBox,
  addSection,
  createDecision,
  listCanvases,
  listDecisions,
} from '../../shared/schema/index.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, waitFor } from '../helpers/yclient.ts'

const { start, track } = useTestServers()

describe('the printable report', () => {
  it('holds decisions, plan, charters and canvases, with every text escaped and no script', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({
      title: 'Rapport <b>test</b>',
      template: 'charte-des-roles',
    })
    const client = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
    await synced(client)
    const canvasId = listCanvases(client.doc)[0]?.id ?? ''
    addBox(
      client.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: '<img src=x onerror=alert(1)>' },
      'test',
    )
    createDecision(client.doc, { title: 'Adopter <script>la charte</script>' }, 'test')
    const section = addSection(client.doc, { title: 'Prochains pas', text: '- Recruter' }, 'test')
    addAction(client.doc, { title: 'Appeler la CDC', owner: 'Julie', sectionId: section }, 'test')
    await waitFor('the edits on the server', () => listDecisions(client.doc).length === 1)
    const reader = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.observer))
    await waitFor('the edits relayed', () => listDecisions(reader.doc).length === 1)

    const res = await fetch(
      `${server.url}/api/workshops/${workshop.id}/report?token=${workshop.tokens.observer}`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await res.text()
    expect(html).toContain('<h1>Rapport &lt;b&gt;test&lt;/b&gt;</h1>')
    expect(html).toContain('Adopter &lt;script&gt;la charte&lt;/script&gt;')
    expect(html).toContain('Appeler la CDC')
    expect(html).toContain('<li><p>Recruter</p></li>')
    expect(html).toMatch(/complémenter plutôt que substituer/i)
    expect(html).toContain('<svg')
    expect(html).not.toMatch(/<script|<img/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect((await fetch(`${server.url}/api/workshops/${workshop.id}/report`)).status).toBe(401)
  })
})
