import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite } from '../helpers/e2e.ts'
import type { TestServer } from '../helpers/server.ts'

const runBrowser = hasChromium()

/**
 * Every request of a page's browser (its popups too) from now on, and what the server answered
 * each with, by path and query (Chromium reports no response for a download).
 */
const recordTraffic = (page: Page, server: TestServer) => {
  const requests: Request[] = []
  const served = new Map<string, { status: number; type: unknown }>()
  page.context().on('request', (request) => requests.push(request))
  server.app.http.on('request', (req: IncomingMessage, res: ServerResponse) =>
    res.on('finish', () =>
      served.set(req.url ?? '', { status: res.statusCode, type: res.getHeader('content-type') }),
    ),
  )
  return { requests, served }
}

/** What the server answered to `url`. */
const answer = (traffic: ReturnType<typeof recordTraffic>, url: string) => {
  const { pathname, search } = new URL(url)
  return traffic.served.get(`${pathname}${search}`)
}

/** What a server or a proxy sees of a URL: its path and query (a fragment stays in the browser). */
const sentPart = (url: string) => url.split('#')[0] ?? url

describe.skipIf(!runBrowser)(
  'in Chromium: downloads and the projector without a role token in any URL',
  () => {
    const e2e = useBrowserSuite()

    it('downloads the decision log, the archive and the report through tickets', async () => {
      const workshop = await e2e.server.createWorkshop({ title: 'Billets de mai' })
      const tokens = Object.values(workshop.tokens)
      const page = await e2e.join(workshop.links.facilitator, { name: 'Julie', group: /Autre/ })
      const traffic = recordTraffic(page, e2e.server)
      await openTab(page, 'Versions et exports')
      const exports = page.getByRole('region', { name: 'Exporter' })

      const downloads = [
        { name: 'Journal des décisions (Markdown)', path: 'decisions.md', type: 'text/markdown' },
        { name: 'Journal des décisions (tableur CSV)', path: 'decisions.csv', type: 'text/csv' },
        { name: 'Journal des décisions (JSON)', path: 'decisions.json', type: 'application/json' },
        { name: 'Archive complète de l’atelier', path: 'export', type: 'application/json' },
      ]
      for (const { name, path, type } of downloads) {
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 10_000 }),
          exports.getByText(name, { exact: true }).click(),
        ])
        expect(download.url()).toContain(`/api/workshops/${workshop.id}/${path}?ticket=`)
        const file = await readFile(await download.path())
        expect(file.byteLength).toBeGreaterThan(0)
        expect(answer(traffic, download.url())).toEqual({
          status: 200,
          type: `${type}; charset=utf-8`,
        })
      }

      const [report] = await Promise.all([
        page.waitForEvent('popup', { timeout: 10_000 }),
        exports.getByText('Rapport à imprimer (nouvel onglet)', { exact: true }).click(),
      ])
      await expect
        .poll(() => report.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
        .toContain('Billets de mai')
      expect(report.url()).toContain(`/api/workshops/${workshop.id}/report?ticket=`)
      expect(answer(traffic, report.url())).toEqual({
        status: 200,
        type: 'text/html; charset=utf-8',
      })

      // Every ticket was asked for with the header, and no URL the browser sent holds a token.
      const tickets = traffic.requests.filter((request) => request.url().endsWith('/tickets'))
      expect(tickets).toHaveLength(downloads.length + 1)
      for (const request of tickets)
        expect(await request.headerValue('authorization')).toBe(
          `Bearer ${workshop.tokens.facilitator}`,
        )
      expect(traffic.requests.length).toBeGreaterThanOrEqual(2 * tickets.length)
      for (const request of traffic.requests) {
        for (const token of tokens) expect(sentPart(request.url())).not.toContain(token)
        expect(request.url()).not.toMatch(/[?&]token=/)
      }
      // nor the history of the tab that holds the report
      expect(report.url()).not.toContain(workshop.tokens.facilitator)
    })

    it('opens the projector with no facilitator token in its address', async () => {
      const workshop = await e2e.server.createWorkshop({ title: 'Projecteur de mai' })
      const page = await e2e.join(workshop.links.facilitator, { name: 'Julie', group: /Autre/ })
      const traffic = recordTraffic(page, e2e.server)
      await openTab(page, 'Animation')
      const open = page.getByRole('link', { name: /Ouvrir la vue projecteur/ })
      await expect.poll(() => open.getAttribute('href'), { timeout: 10_000 }).toMatch(/projector/)
      expect(await open.getAttribute('href')).not.toContain(workshop.tokens.facilitator)
      const [projector] = await Promise.all([page.waitForEvent('popup'), open.click()])
      await expect
        .poll(() => projector.getByRole('img', { name: /Code QR pour rejoindre/ }).count(), {
          timeout: 15_000,
        })
        .toBe(1)
      expect(await projector.getByRole('heading', { level: 1 }).textContent()).toBe(
        'La séance n’a pas commencé',
      )
      const opened = traffic.requests.filter((request) => request.url().includes('/projector'))
      expect(opened.length).toBeGreaterThan(0)
      for (const request of traffic.requests)
        expect(request.url()).not.toContain(workshop.tokens.facilitator)
      expect(projector.url()).not.toContain(workshop.tokens.facilitator)
      // The projector runs on observer rights: its page is the observer's, read-only.
      const session = traffic.requests.find(
        (request) => request.frame().page() === projector && request.url().endsWith('/session'),
      )
      expect(await session?.headerValue('authorization')).toBe(`Bearer ${workshop.tokens.observer}`)
    })
  },
)
