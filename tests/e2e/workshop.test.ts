import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite } from '../helpers/e2e.ts'

const runBrowser = hasChromium()

const status = (page: Page) => page.locator('[role="status"][data-state]')

/** Everyone listed under "online now", as that page shows them. */
const presenceNames = (page: Page, heading: RegExp) =>
  page.getByRole('region', { name: heading }).locator('.person__name').allInnerTexts()

describe.skipIf(!runBrowser)('in Chromium: create, join, see each other', () => {
  const e2e = useBrowserSuite()

  it('in French (the default): a facilitator creates a workshop, a participant joins from the link', async () => {
    const facilitator = await e2e.newPage()
    await facilitator.goto(e2e.server.url)
    expect(await facilitator.evaluate(() => document.documentElement.lang)).toBe('fr')
    await facilitator.getByLabel('Titre de l’atelier').fill('Charte des rôles — mai')
    await facilitator.getByLabel('Modèle d’atelier').selectOption('atelier-libre')
    await facilitator.getByRole('button', { name: 'Créer l’atelier' }).click()
    // The token leaves the address bar as soon as the workshop page reads it.
    await expect.poll(() => facilitator.url(), { timeout: 10_000 }).toMatch(/\/w\/[^#]+$/)

    await facilitator.getByRole('textbox', { name: 'Votre nom' }).fill('Zoé')
    await facilitator.getByRole('radio', { name: /Clinicien partenaire/ }).check()
    await facilitator.getByRole('button', { name: 'Rejoindre' }).click()
    await expect
      .poll(() => status(facilitator).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('saved')
    await expect.poll(() => status(facilitator).textContent()).toMatch(/Enregistré/)

    await openTab(facilitator, 'Animation')
    const participantLink = await facilitator
      .getByRole('textbox', { name: 'Lien de participation' })
      .inputValue()
    expect(participantLink).toMatch(/#token=/)

    const phone = await e2e.newPage({ width: 360, height: 740 })
    await phone.goto(participantLink)
    await phone.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
    // By keyboard alone: the group radios, past the optional sector and opt-out, the button.
    await phone.getByRole('radio', { name: /Patient partenaire/ }).focus()
    await phone.keyboard.press('Space')
    await phone.keyboard.press('Tab') // a radio group is one tab stop: next is the sector
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('join-sector')
    await phone.keyboard.press('Tab')
    await phone.keyboard.press('Tab')
    expect(await phone.evaluate(() => document.activeElement?.textContent)).toBe('Rejoindre')
    await phone.keyboard.press('Enter')
    await expect
      .poll(() => status(phone).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('saved')

    await openTab(facilitator, 'Personnes')
    await openTab(phone, 'Personnes')
    await expect
      .poll(() => presenceNames(facilitator, /En ligne/), { timeout: 10_000 })
      .toContain('Amina')
    await expect
      .poll(() => presenceNames(phone, /En ligne/), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([expect.stringContaining('Zoé'), expect.stringContaining('Amina')]),
      )
    await expect.poll(() => phone.getByText('Patient partenaire').count()).toBeGreaterThan(0)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    )

    // Leaving removes the participant from the facilitator's list.
    await phone.close()
    await expect
      .poll(() => presenceNames(facilitator, /En ligne/), { timeout: 10_000 })
      .not.toContain('Amina')
  })

  it('in English: the whole flow after switching the language', async () => {
    const facilitator = await e2e.newPage()
    await facilitator.goto(e2e.server.url)
    await facilitator.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en')
    expect(await facilitator.evaluate(() => document.documentElement.lang)).toBe('en')
    await facilitator.getByLabel('Workshop title').fill('Open plan review')
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click()
    await facilitator.getByRole('textbox', { name: 'Your name' }).fill('Sam')
    await facilitator.getByRole('radio', { name: /Citizen partner/ }).check()
    await facilitator.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => status(facilitator).textContent(), { timeout: 10_000 }).toMatch(/Saved/)

    await openTab(facilitator, 'Facilitation')
    const participantLink = await facilitator
      .getByRole('textbox', { name: 'Participant link' })
      .inputValue()
    const participant = await e2e.newPage()
    await participant.goto(e2e.server.url)
    await participant.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en')
    await participant.goto(participantLink)
    await participant.getByRole('textbox', { name: 'Your name' }).fill('Robin')
    await participant.getByRole('radio', { name: /Clinician partner/ }).check()
    await participant.getByRole('button', { name: 'Join' }).click()

    await openTab(facilitator, 'People')
    await openTab(participant, 'People')
    await expect
      .poll(() => presenceNames(facilitator, /Online now/), { timeout: 10_000 })
      .toContain('Robin')
    await expect
      .poll(() => presenceNames(participant, /Online now/), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([expect.stringContaining('Sam'), expect.stringContaining('Robin')]),
      )
    await expect.poll(() => participant.getByText('Clinician partner').count()).toBeGreaterThan(0)
  })

  it('says "offline — your changes are kept" and saves them once back online', async () => {
    const facilitator = await e2e.newPage()
    await facilitator.goto(e2e.server.url)
    await facilitator.getByLabel('Titre de l’atelier').fill('Hors ligne')
    await facilitator.getByRole('button', { name: 'Créer l’atelier' }).click()
    await facilitator.getByRole('textbox', { name: 'Votre nom' }).fill('Léa')
    await facilitator.getByRole('radio', { name: /Autre/ }).check()
    await facilitator.getByRole('button', { name: 'Rejoindre' }).click()
    await openTab(facilitator, 'Animation')
    const participantLink = await facilitator
      .getByRole('textbox', { name: 'Lien de participation' })
      .inputValue()

    const participant = await e2e.newPage()
    await participant.goto(participantLink)
    await participant.getByRole('textbox', { name: 'Votre nom' }).fill('Noé')
    await participant.getByRole('radio', { name: /Citoyen partenaire/ }).check()
    await participant.getByRole('button', { name: 'Rejoindre' }).click()
    await expect
      .poll(() => status(participant).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('saved')

    await participant.context().setOffline(true)
    await expect
      .poll(() => status(participant).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('offline')
    expect(await status(participant).textContent()).toMatch(
      /Hors ligne — vos changements sont gardés/,
    )
    await openTab(participant, 'Personnes')
    await participant.getByRole('button', { name: 'Modifier mes informations' }).click()
    await participant.getByRole('textbox', { name: 'Votre nom' }).fill('Noé B.')
    await participant.getByRole('button', { name: 'Enregistrer' }).click()

    await participant.context().setOffline(false)
    await expect
      .poll(() => status(participant).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('saved')
    await openTab(facilitator, 'Personnes')
    await expect
      .poll(() => facilitator.getByRole('region', { name: /Personnes inscrites/ }).textContent(), {
        timeout: 10_000,
      })
      .toContain('Noé B.')
  })
})
