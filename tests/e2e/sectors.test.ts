import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getParticipant, listSessions } from '../../shared/schema/index.ts'
import { readAttendance } from '../helpers/attendance.ts'
import { expectNoAxeViolations } from '../helpers/axe.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { openTab, saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { fillJoinByPhone, phonePage, smallTargets, submitJoinByPhone } from '../helpers/phone.ts'

const runBrowser = hasChromium()

/** Where a run's screenshots go, to look at (not compared). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp'

/** The person this page joined as (the identity its browser keeps for the lab). */
const participantOf = async (page: Page, workshopId: string) =>
  (
    JSON.parse(
      (await page.evaluate(
        (key) => localStorage.getItem(key),
        `fabrique:identity:${workshopId}`,
      )) ?? '{}',
    ) as { participantId: string }
  ).participantId

describe.skipIf(!runBrowser)('in Chromium: a person’s sector and the recognition opt-out', () => {
  const e2e = useBrowserSuite()
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** A lab whose first session runs, with an observer reading what the server holds. */
  const runningLab = async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Comité', template: 'atelier-libre' })
    const lab = await e2e.observe(workshop)
    const [first] = listSessions(lab.doc)
    const started = await fetch(
      `${e2e.server.url}/api/workshops/${workshop.id}/sessions/${first?.id}/start`,
      { method: 'POST', headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` } },
    )
    expect(started.status).toBe(200)
    return { workshop, lab }
  }

  it('a phone at 390×844 joins with a sector and the opt-out by taps; attendance.csv counts them without their name', async () => {
    if (!browser) throw new Error('no browser')
    const { workshop, lab } = await runningLab()
    const phone = await phonePage(browser)
    await phone.goto(workshop.links.participant)
    await fillJoinByPhone(phone, 'Amina', 'fr', {
      sector: 'Organisme communautaire',
      optOut: true,
    })
    // Every control of the form is large enough to touch, and the form fits the phone's width.
    expect(await smallTargets(phone, '.join-form')).toEqual([])
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    )
    await expectNoAxeViolations(phone, 'join form with a sector (phone)')
    await phone.screenshot({ path: `${SHOTS}/sectors-join-phone-fr-390.png`, fullPage: true })
    await submitJoinByPhone(phone)

    const id = await participantOf(phone, workshop.id)
    await expect
      .poll(() => getParticipant(lab.doc, id), { timeout: 10_000 })
      .toMatchObject({
        name: 'Amina',
        group: 'patient',
        sector: 'community',
        recognitionOptOut: true,
      })
    const rows = await readAttendance(e2e.server.url, workshop)
    expect(
      rows.map((row) => [row.person, row.partner_group, row.sector, row.recognition_opt_out]),
    ).toEqual([['', 'patient', 'community', 'true']])
  })

  it('on a desk, by keyboard alone: the sector and the opt-out are chosen at join, then changed in the People tab', async () => {
    const { workshop, lab } = await runningLab()
    const page = await e2e.newPage({ width: 1366, height: 768 })
    await page.goto(workshop.links.participant)
    await page.getByRole('textbox', { name: 'Votre nom' }).focus()
    await page.keyboard.type('Marc')
    // The group's radios, then the sector's list, then the opt-out, then « Rejoindre ».
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown') // Citoyen partenaire
    await page.keyboard.press('ArrowDown') // Clinicien partenaire
    await page.keyboard.press('Tab')
    const sector = page.getByRole('combobox', {
      name: 'Votre secteur ou organisation (facultatif)',
    })
    await expect.poll(() => sector.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown') // CIUSSS ou CISSS
    await page.keyboard.press('ArrowDown') // GMF (groupe de médecine de famille)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    expect(
      await page
        .getByRole('checkbox', { name: 'Ne pas me compter dans l’export de reconnaissance' })
        .isChecked(),
    ).toBe(true)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
    const id = await participantOf(page, workshop.id)
    await expect
      .poll(() => getParticipant(lab.doc, id), { timeout: 10_000 })
      .toMatchObject({ name: 'Marc', group: 'clinician', sector: 'gmf', recognitionOptOut: true })

    // « Modifier mes informations »: the form starts from them; both change.
    await openTab(page, 'Personnes')
    await page.getByRole('button', { name: 'Modifier mes informations' }).click()
    const again = page.getByRole('combobox', { name: 'Votre secteur ou organisation (facultatif)' })
    expect(await again.inputValue()).toBe('gmf')
    const optOut = page.getByRole('checkbox', {
      name: 'Ne pas me compter dans l’export de reconnaissance',
    })
    expect(await optOut.isChecked()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/sectors-people-desk-fr-1366.png` })
    await again.focus()
    await page.keyboard.press('ArrowDown') // Organisme communautaire
    await page.keyboard.press('ArrowDown') // Ville ou municipalité
    await optOut.focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Enregistrer' }).press('Enter')
    await expect
      .poll(() => getParticipant(lab.doc, id), { timeout: 10_000 })
      .toEqual(expect.objectContaining({ name: 'Marc', sector: 'city' }))
    expect(getParticipant(lab.doc, id)?.recognitionOptOut).toBeUndefined()
    expect(
      (await readAttendance(e2e.server.url, workshop)).map((row) => [
        row.person,
        row.sector,
        row.recognition_opt_out,
      ]),
    ).toEqual([['Marc', 'city', 'false']])
  })
})
