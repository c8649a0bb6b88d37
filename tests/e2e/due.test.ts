import { mkdirSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { projectorLink } from '../../client/features/projector/projectorToken.ts'
import { listSessions, readFlow, readPlan } from '../../shared/schema/index.ts'
import { expectNoAxeViolations } from '../helpers/axe.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite } from '../helpers/e2e.ts'
import { waitFor } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

const DESKTOP = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }
const PHONE = { width: 390, height: 844 }

/** Where a run's screenshots go, to look at (not compared). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/due-shots'

/** The server's clock, and the pages': Thursday 4 March 2027, 9:00 in Montréal. */
let now = Date.parse('2027-03-04T09:00:00-05:00')
/** A month on: Monday 5 April 2027, 18:30 in Montréal (summer time), 22:30 UTC. */
const APRIL = Date.parse('2027-04-05T18:30:00-04:00')

/** The list of what is due, by its heading (« À faire (3) », "Due (3)"). */
const due = (scope: Page | Locator, count: number) =>
  scope.getByRole('region', { name: new RegExp(`^(À faire|Due) \\(${count}\\)$`) }).first()

const sessionsPanel = (page: Page) =>
  page.getByRole('region', { name: /^(Séances du laboratoire|Sessions of the lab)$/ })

const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle')
  await new Promise((resolve) => setTimeout(resolve, 300))
}

const shot = async (page: Page, name: string) => {
  await settled(page)
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

describe.skipIf(!runBrowser)('in Chromium: what is due, a month later', () => {
  const e2e = useBrowserSuite({}, { clock: { now: () => now } })

  it('an action and a decision from session 1 are due in session 2’s review step and on the lab’s home', async () => {
    mkdirSync(SHOTS, { recursive: true })
    const workshop = await e2e.server.createWorkshop({
      title: 'Comité de co-création',
      template: 'plan-ouvert',
    })
    const lab = await e2e.observe(workshop)
    const facilitator = await e2e.join(
      workshop.links.facilitator,
      { name: 'Sophie', group: /Autre/ },
      DESKTOP,
    )
    const participant = await e2e.join(
      workshop.links.participant,
      { name: 'Amina', group: /Patient partenaire/ },
      PHONE,
    )
    const [first] = listSessions(lab.doc)
    if (!first) throw new Error('a new lab has one session')

    // ── Session 1, 4 March: the group adds two actions and a decision to review in April ──
    await openTab(facilitator, 'Séances')
    await facilitator
      .getByRole('button', { name: `Commencer la séance « ${first.title} »` })
      .click()
    await waitFor('session 1 running', () => readFlow(lab.doc).status === 'running')
    await openTab(facilitator, 'Plan')
    const newAction = facilitator.locator('details').filter({ hasText: 'Nouvelle action' })
    for (const action of [
      { title: 'Appeler la CDC Centre-Sud', owner: 'Léo', due: '2027-03-20' },
      { title: 'Réserver la salle du comité', owner: '', due: '2027-04-05' },
    ]) {
      if (!(await newAction.evaluate((details) => (details as HTMLDetailsElement).open)))
        await newAction.locator('summary').click()
      await newAction.getByLabel('Action', { exact: true }).fill(action.title)
      await newAction.getByLabel('Responsable', { exact: true }).fill(action.owner)
      await newAction.getByLabel('Échéance', { exact: true }).fill(action.due)
      await newAction.getByRole('button', { name: 'Ajouter l’action' }).click()
    }
    await waitFor('the two actions', () => readPlan(lab.doc).actions.length === 2)
    await openTab(facilitator, 'Décisions')
    await facilitator.getByRole('button', { name: 'Nouvelle décision' }).click()
    const form = facilitator.getByRole('form', { name: 'Nouvelle décision' })
    await form.getByLabel('Titre', { exact: true }).fill('Jumeler chaque patient partenaire')
    await form.getByLabel('Date de révision').fill('2027-04-01')
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click()
    await facilitator.getByRole('heading', { name: 'Jumeler chaque patient partenaire' }).waitFor()

    // The session ends; on its day nothing is due yet, and the home says so.
    await openTab(facilitator, 'Séances')
    await facilitator.getByRole('button', { name: `Terminer la séance « ${first.title} »` }).click()
    await facilitator
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Oui, terminer la séance' })
      .click()
    await waitFor('session 1 ended', () => readFlow(lab.doc).status === 'ended')
    await due(sessionsPanel(facilitator).locator('..'), 0)
      .getByText(/^Rien n’arrive à échéance/)
      .waitFor()

    // ── A month on: the server and both devices are on 5 April, 18:30 in Montréal ──────
    // (22:30 UTC: the same day there; 23:30 would still be it).
    now = APRIL
    for (const page of [facilitator, participant]) {
      await page.clock.setSystemTime(APRIL)
      await page.reload()
    }
    // The lab's home, between sessions: what is due, late first, on the desk and the phone.
    const home = due(facilitator, 3)
    await home.waitFor({ timeout: 15_000 })
    expect(await home.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(
        /Appeler la CDC Centre-Sud.*En retard.*Responsable\u00a0: Léo.*20 mars 2027/,
      ),
      expect.stringMatching(/Jumeler chaque patient partenaire.*En retard.*1er avril 2027/),
      expect.stringMatching(/Réserver la salle du comité.*Aujourd’hui.*5 avril 2027/),
    ])
    await expect.poll(() => home.textContent()).toContain('2 en retard · 1 pour aujourd’hui')
    await due(participant, 3).waitFor({ timeout: 15_000 })
    await expectNoAxeViolations(facilitator, 'facilitator, the lab’s home with what is due')
    await expectNoAxeViolations(participant, 'participant, the lab’s home with what is due')
    await shot(facilitator, 'due-home-fr-1366')
    await shot(participant, 'due-home-fr-390')
    await facilitator.setViewportSize(WIDE)
    await shot(facilitator, 'due-home-fr-1920')
    // In English too, then back to French.
    for (const page of [facilitator, participant])
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en')
    await due(facilitator, 3).getByText('Due March 20, 2027').waitFor()
    await due(participant, 3).getByText('2 late · 1 due today').waitFor()
    await shot(facilitator, 'due-home-en-1920')
    await facilitator.setViewportSize(DESKTOP)
    await shot(facilitator, 'due-home-en-1366')
    await shot(participant, 'due-home-en-390')
    for (const page of [facilitator, participant])
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    await openTab(facilitator, 'Séances')
    await due(sessionsPanel(facilitator).locator('..'), 3).waitFor()
    await shot(facilitator, 'due-home-sessions-fr-1366')

    // ── Session 2, planned for today (the form's default day is Montréal's) and started ──
    const planForm = facilitator.getByRole('form', { name: 'Planifier la prochaine séance' })
    await planForm.getByRole('textbox', { name: 'Titre de la séance' }).fill('Comité d’avril')
    expect(await planForm.getByLabel('Date', { exact: true }).inputValue()).toBe('2027-04-05')
    await planForm
      .getByRole('combobox', { name: 'Modèle de la séance' })
      .selectOption({ label: 'Plan ouvert et changeant' })
    await planForm.getByRole('button', { name: 'Planifier la séance' }).click()
    await facilitator
      .getByRole('button', { name: 'Commencer la séance « Comité d’avril »' })
      .click()
    await waitFor(
      'session 2 running',
      () =>
        listSessions(lab.doc)
          .map((session) => session.status)
          .join() === 'ended,running',
    )
    expect(readFlow(lab.doc).phase?.reviewsDue).toBe(true)
    await facilitator.getByRole('button', { name: 'Fermer le panneau' }).click()

    // Its review step lists them on the step card, the phone and the projector.
    const card = facilitator.locator('.step-card')
    await card.getByRole('heading', { name: /Accueil et suivi/ }).waitFor()
    const review = due(card, 3)
    await review.waitFor()
    const phoneReview = due(participant, 3)
    await phoneReview.waitFor()
    const projector = await e2e.newPage(WIDE)
    await projector.goto(
      `${e2e.server.url}${projectorLink(workshop.id, workshop.tokens.observer, workshop.links.participant)}`,
    )
    const stage = due(projector, 3)
    await stage.waitFor({ timeout: 15_000 })
    expect(await stage.getByRole('button').count()).toBe(0)
    // Readable at 3 m: no text on the stage under 24 px on a 1080p screen.
    const smallest = await stage.evaluate((element) =>
      Math.min(
        ...[...element.querySelectorAll<HTMLElement>('p, span, h2, time')]
          .filter((node) => node.textContent?.trim())
          .map((node) => Number.parseFloat(getComputedStyle(node).fontSize)),
      ),
    )
    expect(smallest).toBeGreaterThanOrEqual(24)
    await expectNoAxeViolations(facilitator, 'facilitator, the review step')
    await expectNoAxeViolations(participant, 'participant, the review step')
    await shot(facilitator, 'due-review-fr-1366')
    await shot(participant, 'due-review-fr-390')
    await shot(projector, 'due-review-projector-fr-1920')
    await facilitator.setViewportSize(WIDE)
    await shot(facilitator, 'due-review-fr-1920')
    await facilitator.setViewportSize(DESKTOP)

    // Each item opens where it is changed, by keyboard: the action in the Plan tab…
    await review
      .getByRole('button', { name: 'Ouvrir l’action « Appeler la CDC Centre-Sud » dans le plan' })
      .focus()
    await facilitator.keyboard.press('Enter')
    await expect
      .poll(() =>
        facilitator.getByRole('tab', { name: 'Plan', exact: true }).getAttribute('aria-selected'),
      )
      .toBe('true')
    await expect
      .poll(() =>
        facilitator.evaluate(
          () =>
            document.activeElement?.closest('tr')?.querySelector('input')?.value ??
            document.activeElement?.closest('tr')?.textContent,
        ),
      )
      .toBe('Appeler la CDC Centre-Sud')
    await shot(facilitator, 'due-opened-action-fr-1366')
    // …the decision in the decision log; Escape gives the focus back to the list.
    await facilitator.keyboard.press('Escape')
    await expect
      .poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Ouvrir l’action «\u00a0Appeler la CDC Centre-Sud\u00a0» dans le plan')
    await review
      .getByRole('button', {
        name: 'Ouvrir la décision « Jumeler chaque patient partenaire » dans le journal des décisions',
      })
      .click()
    await expect
      .poll(() =>
        facilitator
          .getByRole('tab', { name: 'Décisions', exact: true })
          .getAttribute('aria-selected'),
      )
      .toBe('true')
    await expect
      .poll(() => facilitator.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Jumeler chaque patient partenaire')
    await shot(facilitator, 'due-opened-decision-fr-1366')
    await facilitator.keyboard.press('Escape')
    // A phone opens it too.
    await phoneReview
      .getByRole('button', { name: 'Ouvrir l’action « Réserver la salle du comité » dans le plan' })
      .click()
    await expect
      .poll(() =>
        participant.getByRole('tab', { name: 'Plan', exact: true }).getAttribute('aria-selected'),
      )
      .toBe('true')
    await participant.getByRole('button', { name: 'Fermer le panneau' }).click()

    // ── In English: the same lists, days as English writes them ──────────────────────────
    for (const page of [facilitator, participant]) {
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en')
    }
    await projector.evaluate(() => localStorage.setItem('fabrique:locale', 'en'))
    await projector.reload()
    const english = due(card, 3)
    await english.getByText('2 late · 1 due today').waitFor()
    await english.getByText('Due March 20, 2027').waitFor()
    await english.getByText('To review on April 1, 2027').waitFor()
    await due(participant, 3).getByText('Due April 5, 2027').waitFor()
    await due(projector, 3).getByText('Owner: Léo').waitFor({ timeout: 15_000 })
    await expectNoAxeViolations(facilitator, 'facilitator, the review step, in English')
    await expectNoAxeViolations(participant, 'participant, the review step, in English')
    await shot(facilitator, 'due-review-en-1366')
    await shot(participant, 'due-review-en-390')
    await shot(projector, 'due-review-projector-en-1920')
    await facilitator.setViewportSize(WIDE)
    await shot(facilitator, 'due-review-en-1920')
  }, 240_000)
})
