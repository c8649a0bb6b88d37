import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { hasChromium } from '../helpers/browser.ts'
import { useBrowserSuite } from '../helpers/e2e.ts'

const runBrowser = hasChromium()

describe.skipIf(!runBrowser)(
  'in Chromium: the sync connections keep credentials out of URLs',
  () => {
    const e2e = useBrowserSuite()

    it("sends a participant's token and secret as subprotocols, never in a WebSocket URL", async () => {
      const workshop = await e2e.server.createWorkshop({ title: 'Prises de mai' })
      const upgrades: Array<{ url: string; protocols: string }> = []
      e2e.server.app.http.on('upgrade', (req: IncomingMessage) =>
        upgrades.push({
          url: req.url ?? '',
          protocols: req.headers['sec-websocket-protocol'] ?? '',
        }),
      )
      const page = await e2e.join(workshop.links.participant, { name: 'Rosalie', group: /Patient/ })
      const sockets: string[] = []
      page.on('websocket', (socket) => sockets.push(socket.url()))
      // The workshop room and the person's private room, both open and proven.
      await expect
        .poll(() => upgrades.filter((u) => u.url.startsWith('/sync/')).length)
        .toBeGreaterThanOrEqual(2)
      const secret = await page.evaluate(() => JSON.stringify(localStorage))
      for (const { url, protocols } of upgrades) {
        expect(url).not.toMatch(/[?&](token|secret|participant)=/)
        expect(url).not.toContain(workshop.tokens.participant)
        expect(protocols).toMatch(/^fabrique, fabrique\.token\./)
      }
      expect(
        upgrades.some(
          ({ url, protocols }) => url.includes('private') && /fabrique\.secret\./.test(protocols),
        ),
      ).toBe(true)
      for (const url of sockets) expect(url).not.toContain('secret')
      // Nothing the browser stores as the secret appears in any URL it opened.
      const stored = Object.values(JSON.parse(secret) as Record<string, string>).flatMap(
        (value) => value.match(/[A-Za-z0-9_-]{40,}/g) ?? [],
      )
      for (const value of stored) for (const { url } of upgrades) expect(url).not.toContain(value)
      await expect
        .poll(() => page.getByText(/Enregistré|Saved/).count(), { timeout: 10_000 })
        .toBeGreaterThan(0)
    })
  },
)
