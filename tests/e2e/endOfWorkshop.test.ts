import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { projectorLink } from '../../client/features/projector/projectorToken.ts'
import {
  addBox,
  createDecision,
  endWorkshop,
  goToPhase,
  listCanvases,
  listDecisions,
  readFlow,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { readResult } from '../../shared/schema/votes.ts'
import { hasChromium } from '../helpers/browser.ts'
import { deskAndPhone, openTab, useBrowserSuite } from '../helpers/e2e.ts'

const runBrowser = hasChromium()
/** `END_SHOTS=<folder>` saves a screenshot of each screen checked, in French and English. */
const SHOTS = process.env.END_SHOTS
const O = 'test'

const language = (page: Page, locale: 'fr' | 'en') =>
  page.getByRole('combobox', { name: /^(Langue|Language)$/ }).selectOption(locale)

const shoot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

/** Whether nothing of the page's content goes past the window (a projector never scrolls). */
const fitsOneScreen = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.scrollHeight <= window.innerHeight + 1 &&
      document.documentElement.scrollWidth <= window.innerWidth + 1,
  )

describe.skipIf(!runBrowser)('in Chromium: votes, decisions and the end of a workshop', () => {
  const e2e = useBrowserSuite()

  it('a closed dot vote shows its results; a vetoed decision asks first; the end is said once', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Atelier groupe-nominal',
      template: 'groupe-nominal',
    })
    const facilitator = await e2e.facilitate(workshop)
    const { desk, phone } = await deskAndPhone(e2e, workshop)
    // An idea to vote on (the template's question takes no dots).
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    addBox(
      facilitator.doc,
      canvasId,
      { kind: 'note', x: 40, y: 120, text: 'Une ligne d’écoute' },
      O,
    )
    startWorkshop(facilitator.doc, O)
    const phases = readFlow(facilitator.doc).phases
    const dots = phases.findIndex((phase) => phase.vote?.kind === 'dots')
    goToPhase(facilitator.doc, dots, O)
    const phaseId = phases[dots]?.id ?? ''

    // Mo gives a dot on his phone, then the vote closes.
    const vote = phone.getByRole('region', { name: 'Vote par points' })
    await vote
      .getByRole('button', { name: /^Ajouter un point à/ })
      .first()
      .click()
    await expect.poll(() => vote.textContent(), { timeout: 10_000 }).toContain('Point ajouté')
    const closed = await fetch(
      `${e2e.server.url}/api/workshops/${workshop.id}/votes/${phaseId}/close`,
      { method: 'POST', headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` } },
    )
    expect(closed.status).toBe(200)
    await expect
      .poll(() => vote.textContent(), { timeout: 10_000 })
      .toContain('Le total du groupe est sous chaque idée')
    expect(await vote.textContent()).not.toContain('Point ajouté')
    // On a desktop, the step card shows the results, in view.
    const results = desk.getByRole('region', { name: /^Résultats du vote/ })
    await results.waitFor({ timeout: 10_000 })
    expect(await results.isVisible()).toBe(true)
    for (const locale of ['fr', 'en'] as const) {
      await language(desk, locale)
      await language(phone, locale)
      await shoot(desk, `dots-closed-desk-${locale}`)
      await shoot(phone, `dots-closed-phone-${locale}`)
    }
    await language(desk, 'fr')
    await language(phone, 'fr')

    // A decision from a vote with a veto: its card shows the breakdown; adopting asks first.
    const result = readResult(facilitator.doc, phaseId)
    expect(result?.closed).toBe(true)
    createDecision(
      facilitator.doc,
      {
        title: 'Notre accord',
        participants: { patient: 3, citizen: 1, clinician: 0, other: 0 },
        support: {
          phaseId: 'accord',
          result: {
            kind: 'gradient',
            closed: true,
            voters: 4,
            scale: 'kaner',
            counts: [1, 1, 1, 0, 0, 0, 0, 1],
            groups: { shown: [], folded: ['patient', 'citizen'] },
            byGroup: {},
            otherGroups: [1, 1, 1, 0, 0, 0, 0, 1],
          },
        },
      },
      O,
    )
    const lead = await e2e.join(
      workshop.links.facilitator,
      { name: 'Julie', group: /Autre/ },
      { width: 1366, height: 768 },
    )
    await openTab(lead, 'Décisions')
    const card = lead.getByRole('listitem', { name: 'Notre accord' })
    await card.waitFor({ timeout: 10_000 })
    await card.getByText('8. Opposition / veto').first().scrollIntoViewIfNeeded()
    await shoot(lead, 'decision-card-fr')
    await card.getByRole('button', { name: 'Adopter « Notre accord »' }).click()
    const dialog = lead.getByRole('alertdialog', { name: 'Adopter malgré l’opposition\u202f?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('8. Opposition / veto')
    await shoot(lead, 'decision-adopt-fr')
    await lead.keyboard.press('Escape')
    await language(lead, 'en')
    await card.getByRole('button', { name: 'Adopt “Notre accord”' }).click()
    await shoot(lead, 'decision-adopt-en')
    await lead.keyboard.press('Tab')
    await lead.keyboard.press('Enter')
    await expect
      .poll(() => listDecisions(facilitator.doc)[0]?.status, { timeout: 10_000 })
      .toBe('adopted')

    // The end: the phone says it once, the projector shows what the group made.
    const link = projectorLink(workshop.id, workshop.tokens.observer, workshop.links.participant)
    const projectors = await Promise.all(
      [
        { width: 1920, height: 1080 },
        { width: 1366, height: 768 },
      ].map(async (size) => {
        const page = await e2e.newPage(size)
        await page.goto(`${e2e.server.url}${link}`)
        return { page, size }
      }),
    )
    endWorkshop(facilitator.doc, O)
    const still = phone.getByRole('region', { name: 'Ce que vous pouvez encore faire' })
    await still.waitFor({ timeout: 10_000 })
    // Once on screen (the cue says it to screen readers only).
    expect(
      await phone.evaluate(
        () =>
          [...document.querySelectorAll('h1, h2, h3, p, li')].filter(
            (el) =>
              !el.closest('.visually-hidden') &&
              /La séance est terminée/.test(el.textContent ?? ''),
          ).length,
      ),
    ).toBe(1)
    for (const { page } of projectors)
      await page.getByText('Ce que le groupe a produit').waitFor({ timeout: 10_000 })
    for (const locale of ['fr', 'en'] as const) {
      await language(phone, locale)
      await shoot(phone, `ended-phone-${locale}`)
      for (const { page, size } of projectors) {
        await page.evaluate((value) => localStorage.setItem('fabrique:locale', value), locale)
        await page.reload()
        await page
          .getByText(locale === 'fr' ? 'Ce que le groupe a produit' : 'What the group made')
          .waitFor({ timeout: 10_000 })
        await page.waitForTimeout(300)
        expect(await fitsOneScreen(page)).toBe(true)
        await shoot(page, `ended-projector-${size.width}-${locale}`)
      }
    }
  })
})
