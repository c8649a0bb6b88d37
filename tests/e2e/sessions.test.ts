import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { listParticipants, listSessions } from '../../shared/schema/index.ts'
import { expectNoAxeViolations } from '../helpers/axe.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { waitFor } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

const DESKTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }

/** Where a run's screenshots go, to look at (not compared). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp'

/** The side panel's sessions part. */
const sessionsPanel = (page: Page) =>
  page.getByRole('region', { name: /^(Séances du laboratoire|Sessions of the lab)$/ })
/** A session's card in the list, by its title. */
const card = (page: Page, title: string) =>
  sessionsPanel(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title, level: 3 }) })

const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle')
  await new Promise((resolve) => setTimeout(resolve, 300))
}

describe.skipIf(!runBrowser)('in Chromium: the lab’s sessions', () => {
  const e2e = useBrowserSuite()

  it('the facilitator plans, starts and ends a session, then starts the next; a participant follows it read-only', async () => {
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

    // The facilitator plans the second session, by keyboard, for the first Monday of April.
    await openTab(facilitator, 'Séances')
    const form = facilitator.getByRole('form', { name: 'Planifier la prochaine séance' })
    await form.getByRole('textbox', { name: 'Titre de la séance' }).fill('Comité d’avril')
    await form.getByLabel('Date', { exact: true }).fill('2027-04-05')
    await form
      .getByRole('combobox', { name: 'Modèle de la séance' })
      .selectOption({ label: 'Plan ouvert et changeant' })
    await form.getByRole('button', { name: 'Planifier la séance' }).focus()
    await facilitator.keyboard.press('Enter')
    await sessionsPanel(facilitator)
      .getByText('La séance « Comité d’avril » est planifiée pour le 5 avril 2027.')
      .waitFor()
    expect(await card(facilitator, 'Comité d’avril').textContent()).toContain('Planifiée')
    await waitFor('the second session in the document', () => listSessions(lab.doc).length === 2)

    // Start the first one (the server runs its flow): its status and attendance follow.
    await facilitator
      .getByRole('button', { name: `Commencer la séance « ${first.title} »` })
      .click()
    await sessionsPanel(facilitator).getByText(`La séance « ${first.title} » a commencé.`).waitFor()
    await expect
      .poll(() => card(facilitator, first.title).textContent(), { timeout: 10_000 })
      .toContain('En cours')
    await waitFor('the flow running', () => listSessions(lab.doc)[0]?.status === 'running')
    // Amina (joined before the start, on the day of the session) counts as a patient partner.
    await openTab(participant, 'Séances')
    await expect
      .poll(() => card(participant, first.title).textContent(), { timeout: 10_000 })
      .toContain('En cours')
    expect(await sessionsPanel(participant).getByRole('button').count()).toBe(0)
    expect(await sessionsPanel(participant).getByRole('form').count()).toBe(0)
    await settled(facilitator)
    await expectNoAxeViolations(facilitator, 'facilitator, sessions, one running (desktop)')
    await settled(participant)
    await expectNoAxeViolations(participant, 'participant, sessions (phone)')
    await facilitator.screenshot({ path: `${SHOTS}/sessions-facilitator-fr-1366.png` })
    await participant.screenshot({ path: `${SHOTS}/sessions-participant-fr-390.png` })

    // Starting the second while the first runs is refused, saying which runs.
    await facilitator
      .getByRole('button', { name: 'Commencer la séance « Comité d’avril »' })
      .click()
    await expect
      .poll(() => sessionsPanel(facilitator).getByRole('alert').textContent())
      .toContain(`la séance «\u00a0${first.title}\u00a0» est en cours. Terminez-la d’abord.`)

    // End it, after saying what ending does: the page says the *session* ended.
    await facilitator.getByRole('button', { name: `Terminer la séance « ${first.title} »` }).click()
    const dialog = facilitator.getByRole('alertdialog', {
      name: `Terminer la séance «\u00a0${first.title}\u00a0»\u202f?`,
    })
    await dialog.getByRole('button', { name: 'Oui, terminer la séance' }).click()
    await sessionsPanel(facilitator)
      .getByText(
        `La séance « ${first.title} » est terminée. Vous pouvez planifier ou commencer la suivante.`,
      )
      .waitFor()
    expect(await card(facilitator, first.title).textContent()).toContain('Terminée')
    await facilitator
      .getByText(
        `La séance « ${first.title} » est terminée. Vous pouvez planifier ou commencer la prochaine.`,
      )
      .waitFor()
    // Amina's phone says it once, in its step card (no notice above it), then what she can still do.
    await participant.getByRole('heading', { name: 'La séance est terminée' }).waitFor()
    await participant.getByRole('region', { name: 'Ce que vous pouvez encore faire' }).waitFor()
    expect(
      await participant
        .getByText(/^La séance est terminée\u00a0: vous pouvez relire tout ce que le laboratoire/)
        .count(),
    ).toBe(0)
    await expect
      .poll(() => card(participant, first.title).textContent(), { timeout: 10_000 })
      .toContain('Patient partenaire\u00a0: 1')
    await facilitator.screenshot({ path: `${SHOTS}/sessions-ended-facilitator-fr-1366.png` })
    await participant.getByRole('button', { name: 'Fermer le panneau' }).click()
    await participant.screenshot({ path: `${SHOTS}/sessions-ended-participant-fr-390.png` })
    await openTab(participant, 'Séances')

    // The notice's button brings the sessions back; the second one starts.
    await facilitator.getByRole('button', { name: 'Fermer le panneau' }).click()
    await facilitator.getByRole('button', { name: 'Ouvrir les séances' }).click()
    await expect
      .poll(() => facilitator.getByRole('tab', { name: 'Séances' }).getAttribute('aria-selected'))
      .toBe('true')
    await facilitator
      .getByRole('button', { name: 'Commencer la séance « Comité d’avril »' })
      .click()
    await sessionsPanel(facilitator).getByText('La séance « Comité d’avril » a commencé.').waitFor()
    await waitFor(
      'the second session running, the first ended',
      () =>
        listSessions(lab.doc)
          .map((session) => session.status)
          .join() === 'ended,running',
    )
    await expect
      .poll(() => card(participant, 'Comité d’avril').textContent(), { timeout: 10_000 })
      .toContain('En cours')
    // The participant's page writes again: the new session's flow runs.
    await expect
      .poll(() => participant.getByRole('heading', { name: 'La séance est terminée' }).count())
      .toBe(0)

    // Back on the same device in the second session (the page opened again), Amina is
    // recognised: no join form, the same person in the lab, counted in both sessions.
    await participant.reload()
    await expect.poll(() => saveState(participant), { timeout: 15_000 }).toBe('saved')
    expect(await participant.getByRole('textbox', { name: 'Votre nom' }).count()).toBe(0)
    expect(listParticipants(lab.doc).filter((person) => person.name === 'Amina')).toHaveLength(1)
    await openTab(participant, 'Séances')
    await expect
      .poll(() => card(participant, 'Comité d’avril').textContent(), { timeout: 10_000 })
      .toContain('Patient partenaire\u00a0: 1')

    // In English: the same screen, days in the reader's language.
    for (const page of [facilitator, participant]) {
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en')
      await sessionsPanel(page).getByText('April 5, 2027').waitFor()
    }
    expect(await card(facilitator, first.title).textContent()).toContain('Ended')
    expect(await card(facilitator, 'Comité d’avril').textContent()).toContain('Running')
    await settled(facilitator)
    await expectNoAxeViolations(facilitator, 'facilitator, sessions, in English (desktop)')
    await expectNoAxeViolations(participant, 'participant, sessions, in English (phone)')
    await facilitator.screenshot({ path: `${SHOTS}/sessions-facilitator-en-1366.png` })
    await participant.screenshot({ path: `${SHOTS}/sessions-participant-en-390.png` })
  }, 240_000)
})
