import { describe, expect, it } from 'vitest'
import { listParticipants } from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, saveState, useBrowserSuite } from '../helpers/e2e.ts'

describe.skipIf(!hasChromium())('in Chromium: a person asks to be forgotten', () => {
  const e2e = useBrowserSuite()

  it('their page says so plainly, forgets them on the device too, and lets them join as someone new', async () => {
    const workshop = await e2e.server.createWorkshop()
    const page = await e2e.join(workshop.links.participant, {
      name: 'Amina Oubliée',
      group: /Patient partenaire/,
    })
    const observer = await e2e.observe(workshop)
    await expect
      .poll(() => listParticipants(observer.doc).map((p) => p.name), { timeout: 10_000 })
      .toEqual(['Amina Oubliée'])
    const identityKey = `fabrique:identity:${workshop.id}`
    const identity = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as { participantId: string; secret: string }
    const databases = () =>
      page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''))
    await expect
      .poll(databases, { timeout: 10_000 })
      .toContain(`fabrique:${workshop.id}:private:${identity.participantId}`)

    const forget = await fetch(
      `${e2e.server.url}/api/workshops/${workshop.id}/participants/${identity.participantId}/forget`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${workshop.tokens.participant}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ secret: identity.secret }),
      },
    )
    expect(forget.status).toBe(200)

    const notice = page.getByRole('alert')
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toMatch(/Votre nom a été retiré de cet atelier/)
    expect(await notice.textContent()).toMatch(/comme une nouvelle personne/)
    expect(await page.evaluate((key) => localStorage.getItem(key), identityKey)).toBeNull()
    await expect
      .poll(async () => (await databases()).filter((name) => name.includes(workshop.id)), {
        timeout: 10_000,
      })
      .toEqual([])
    expect(listParticipants(observer.doc)).toEqual([])

    // The join form is right below: they may come back as a new person.
    await page.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
    await page.getByRole('radio', { name: /Patient partenaire/ }).check()
    await page.getByRole('button', { name: 'Rejoindre' }).click()
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
    await expect
      .poll(() => listParticipants(observer.doc).map((p) => p.name), { timeout: 10_000 })
      .toEqual(['Amina'])
    const again = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as { participantId: string }
    expect(again.participantId).not.toBe(identity.participantId)
  })

  it('a participant removes their own name from the page: the facilitator no longer lists it, and they may come back as someone new', async () => {
    const workshop = await e2e.server.createWorkshop()
    const facilitator = await e2e.join(workshop.links.facilitator, {
      name: 'Zoé',
      group: /Clinicien partenaire/,
    })
    const page = await e2e.join(workshop.links.participant, {
      name: 'Amina Retirée',
      group: /Patient partenaire/,
    })
    await openTab(facilitator, 'Personnes')
    const registered = facilitator.getByRole('region', { name: /Personnes inscrites/ })
    await expect.poll(() => registered.textContent(), { timeout: 10_000 }).toMatch(/Amina Retirée/)
    const identityKey = `fabrique:identity:${workshop.id}`
    const before = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as { participantId: string }

    await openTab(page, 'Personnes')
    await page.getByRole('button', { name: 'Retirer mon nom de cet atelier' }).click()
    const dialog = page.getByRole('alertdialog', {
      name: 'Retirer votre nom de cet atelier\u202f?',
    })
    expect(await dialog.textContent()).toMatch(/ne pourrez pas annuler/)
    // By keyboard: the focus starts on "Annuler"; Tab reaches the confirmation.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Annuler')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    const notice = page.getByRole('alert')
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toMatch(/Votre nom a été retiré de cet atelier/)
    expect(await page.evaluate((key) => localStorage.getItem(key), identityKey)).toBeNull()
    await expect
      .poll(() => registered.textContent(), { timeout: 10_000 })
      .not.toMatch(/Amina Retirée/)
    // Nowhere else on the page either, once the balance panel's poll (every 5 s) came back.
    await expect
      .poll(() => facilitator.getByText('Amina Retirée').count(), { timeout: 10_000 })
      .toBe(0)

    await page.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
    await page.getByRole('radio', { name: /Patient partenaire/ }).check()
    await page.getByRole('button', { name: 'Rejoindre' }).click()
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
    await expect
      .poll(() => registered.textContent(), { timeout: 10_000 })
      .toMatch(/Amina(?! Retirée)/)
    const after = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as { participantId: string }
    expect(after.participantId).not.toBe(before.participantId)
  })
})
