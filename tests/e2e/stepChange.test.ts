import { describe, expect, it } from 'vitest'
import { goToPhase, startWorkshop } from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite } from '../helpers/e2e.ts'

const runBrowser = hasChromium()
const O = 'e2e-facilitator'
const LAPTOP = { width: 1366, height: 768 }

/**
 * A participant on a laptop reads a charter at full width when the facilitator moves to its
 * vote: the screen brings them to the ballot with a cue (as a phone does), unless they are
 * typing, when a cue offers to go instead of taking the text away.
 */
describe.skipIf(!runBrowser)('in Chromium: a new step on a desktop', () => {
  const e2e = useBrowserSuite()

  /** Josée on a laptop, the workshop at step `step` (0-based), its charter open at full width. */
  const setting = async (step: number) => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Comité charte',
      template: 'charte-des-roles',
    })
    const facilitation = await e2e.facilitate(workshop)
    const page = await e2e.join(
      workshop.links.participant,
      { name: 'Josée', group: /Citoyen partenaire/ },
      LAPTOP,
    )
    startWorkshop(facilitation.doc, O)
    goToPhase(facilitation.doc, step, O)
    await page
      .getByText(`Étape ${step + 1} sur 10`)
      .first()
      .waitFor()
    await openTab(page, 'Chartes des rôles')
    await page.getByRole('button', { name: 'Pleine largeur' }).click()
    await page.getByRole('button', { name: /Retour au tableau/ }).waitFor()
    const ballot = page.getByRole('heading', { name: 'Votre vote : degré d’accord' })
    return { facilitation, page, ballot }
  }

  it('brings a reader at full width to the vote, says so, and the way back to the board takes a click', async () => {
    const { facilitation, page, ballot } = await setting(3)
    // The way back is not under anything: a mouse click reaches it.
    await page.getByRole('button', { name: /Retour au tableau/ }).click({ timeout: 5000 })
    await page.getByRole('button', { name: 'Pleine largeur' }).click()
    goToPhase(facilitation.doc, 4, O)
    await ballot.waitFor({ state: 'visible', timeout: 10_000 })
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /Nouvelle étape — 5 sur 10/ })
          .count(),
      )
      .toBe(1)
    if (process.env.ROOM_SHOTS)
      await page.screenshot({ path: `${process.env.ROOM_SHOTS}/step-vote-1366.png` })
  })

  it('leaves what someone types where it is, and offers the step instead: a click goes to its card', async () => {
    // Sharing the ideas, then the clinicians' charter: writing is allowed in both steps.
    const { facilitation, page } = await setting(2)
    const field = page.getByRole('textbox', { name: /^Texte — .* 1$/ }).first()
    await field.click()
    await page.keyboard.press('End')
    goToPhase(facilitation.doc, 3, O)
    const go = page.getByRole('button', { name: /Aller à l’étape/ })
    await go.waitFor({ timeout: 10_000 })
    await expect
      .poll(() => field.evaluate((element) => element === document.activeElement))
      .toBe(true)
    const card = page.getByRole('heading', { name: 'Rôle 1 : cliniciens partenaires' })
    expect(await card.isVisible()).toBe(false)
    if (process.env.ROOM_SHOTS)
      await page.screenshot({ path: `${process.env.ROOM_SHOTS}/step-typing-1366.png` })
    await go.click()
    await card.waitFor({ state: 'visible', timeout: 10_000 })
    await expect
      .poll(() => card.evaluate((element) => element === document.activeElement))
      .toBe(true)
  })
})
