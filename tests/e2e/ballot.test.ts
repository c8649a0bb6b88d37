import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { goToPhase, readFlow, startWorkshop } from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { deskAndPhone, openTab, useBrowserSuite } from '../helpers/e2e.ts'

const runBrowser = hasChromium()
/** `BALLOT_SHOTS=<folder>` saves a screenshot of each ballot checked. */
const SHOTS = process.env.BALLOT_SHOTS

/**
 * Where the gradient ballot's points are: each wholly inside the ballot's visible box (nothing
 * hidden under a scroll) and inside the window, and which words of their labels are broken
 * across two lines (a word's range has one box per line it is on).
 */
const ballotLayout = (page: Page) =>
  page.evaluate(() => {
    const ballot = document.querySelector<HTMLElement>('.ballot')
    if (!ballot) throw new Error('no ballot')
    const box = ballot.getBoundingClientRect()
    const choices = [...ballot.querySelectorAll<HTMLElement>('.ballot__choice')]
    const hidden = choices
      .filter((choice) => {
        const r = choice.getBoundingClientRect()
        return (
          r.top < box.top - 1 ||
          r.bottom > box.bottom + 1 ||
          r.right > window.innerWidth + 1 ||
          r.bottom > window.innerHeight + 1
        )
      })
      .map((choice) => choice.textContent?.trim() ?? '')
    const broken: string[] = []
    for (const choice of choices) {
      const text = choice.querySelector('span')?.firstChild
      if (!text || text.nodeType !== Node.TEXT_NODE) continue
      const value = text.textContent ?? ''
      for (const match of value.matchAll(/\S+/g)) {
        const range = document.createRange()
        range.setStart(text, match.index)
        range.setEnd(text, match.index + match[0].length)
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))
        if (lines.size > 1) broken.push(match[0])
      }
    }
    return { count: choices.length, hidden, broken }
  })

describe.skipIf(!runBrowser)('in Chromium: the gradient of agreement ballot', () => {
  const e2e = useBrowserSuite()

  it('shows its 8 points whole, no word broken, beside the open panel and on a phone', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Comité charte',
      template: 'charte-des-roles',
    })
    const facilitator = await e2e.facilitate(workshop)
    const { desk, phone } = await deskAndPhone(e2e, workshop)
    startWorkshop(facilitator.doc, 'test')
    const vote = readFlow(facilitator.doc).phases.findIndex((p) => p.vote?.kind === 'gradient')
    goToPhase(facilitator.doc, vote, 'test')
    await openTab(desk, 'Chartes des rôles')
    for (const [page, name] of [
      [desk, 'desk'],
      [phone, 'phone'],
    ] as const) {
      for (const locale of ['fr', 'en'] as const) {
        await page.getByRole('combobox', { name: /^(Langue|Language)$/ }).selectOption(locale)
        await page.locator('.ballot__choice').nth(7).waitFor()
        // The phone's action scrolls: each point is checked once scrolled to it.
        if (name === 'phone') await page.locator('.ballot__choice').nth(7).scrollIntoViewIfNeeded()
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/ballot-${name}-${locale}.png` })
        const layout = await ballotLayout(page)
        expect(layout.count).toBe(8)
        expect(layout.broken, `${name} ${locale}: words broken`).toEqual([])
        if (name === 'desk') expect(layout.hidden, `${name} ${locale}: hidden`).toEqual([])
      }
    }
  })
})
