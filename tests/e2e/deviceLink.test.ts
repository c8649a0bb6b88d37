import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { projectorLink } from '../../client/features/projector/projectorToken.ts'
import { DEVICE_FRAGMENT_KEY } from '../../shared/api.ts'
import {
  listCanvases,
  listParticipants,
  readCanvasContent,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, saveState, useBrowserSuite, writeIdea } from '../helpers/e2e.ts'
import { PHONE } from '../helpers/phone.ts'
import { screenshots } from '../helpers/stepTemplate.ts'

/** DEVICE_SHOTS=<folder>: the test also saves the dialog and the phone, in French and English. */
const shot = screenshots(process.env.DEVICE_SHOTS)
const DESK = { width: 1366, height: 768 }

/** Everything a page keeps: its text and markup, its storages, and its IndexedDB databases' content. */
const everythingIn = (page: Page) =>
  page.evaluate(async () => {
    const dump = (storage: Storage) =>
      [...Array(storage.length).keys()]
        .map((i) => `${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`)
        .join('\n')
    const stored: string[] = []
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      for (const storeName of db.objectStoreNames) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(storeName).objectStore(storeName).getAll()
          all.onsuccess = () => resolve(all.result)
          all.onerror = () => reject(all.error)
        })
        for (const value of values)
          stored.push(
            value instanceof Uint8Array ? new TextDecoder().decode(value) : JSON.stringify(value),
          )
      }
      db.close()
    }
    return [
      document.documentElement.outerHTML,
      document.body.innerText,
      location.href,
      dump(localStorage),
      dump(sessionStorage),
      ...stored,
    ].join('\n')
  })

const secretOf = (link: string) =>
  new URLSearchParams(new URL(link).hash.slice(1)).get(DEVICE_FRAGMENT_KEY) ?? ''

describe.skipIf(!hasChromium())('in Chromium: a personal link to another device', () => {
  const e2e = useBrowserSuite()

  it('made on a desktop, signs a phone in as the same person without the join form; never on the projector; replaced, the old one stops', async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Comité des usagers' })
    const facilitator = await e2e.facilitate(workshop)
    startWorkshop(facilitator.doc, 'test')
    const projector = await e2e.newPage({ width: 1920, height: 1080 })
    await projector.goto(
      `${e2e.server.url}${projectorLink(workshop.id, workshop.tokens.observer, workshop.links.participant)}`,
    )
    await projector.locator('.projector').waitFor()

    const desk = await e2e.join(
      workshop.links.participant,
      { name: 'Ana Lavoie', group: /Patient partenaire/ },
      DESK,
    )
    const identityKey = `fabrique:identity:${workshop.id}`
    const ana = JSON.parse(
      (await desk.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as {
      participantId: string
      secret: string
    }

    // In the People tab, by keyboard: « Mon lien personnel », then « Créer le lien ».
    await openTab(desk, 'Personnes')
    const open = desk.getByRole('button', { name: 'Mon lien personnel' })
    await open.focus()
    await desk.keyboard.press('Enter')
    const dialog = desk.getByRole('dialog', { name: 'Mon lien personnel' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toMatch(
      /Ne l’affichez pas sur un écran partagé ni au projecteur/,
    )
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toMatch(/Aucun lien personnel/)
    await dialog.getByRole('button', { name: 'Créer le lien' }).click()
    const field = dialog.getByRole('textbox', { name: 'Lien personnel' })
    await field.waitFor()
    const link = await field.inputValue()
    expect(link).toMatch(new RegExp(`/w/${workshop.id}#token=.+&device=.+`))
    await dialog.getByRole('img', { name: 'Code QR du lien personnel de Ana Lavoie' }).waitFor()
    expect(await dialog.getByRole('button', { name: 'Nouveau lien' }).isVisible()).toBe(true)
    await shot(desk, 'device-link-desk-fr')

    // The phone opens it: Ana's name, no join form, her identity on it.
    const phone = await e2e.newPage(PHONE)
    await phone.goto(link)
    await expect
      .poll(
        () =>
          phone
            .getByRole('status')
            .filter({ hasText: 'Cet appareil est connecté comme' })
            .textContent(),
        {
          timeout: 15_000,
        },
      )
      .toMatch(/«\s*Ana Lavoie\s*»/)
    expect(await phone.getByRole('textbox', { name: 'Votre nom' }).count()).toBe(0)
    expect(phone.url()).not.toContain(secretOf(link))
    await expect.poll(() => saveState(phone), { timeout: 15_000 }).toBe('saved')
    const onPhone = JSON.parse(
      (await phone.evaluate((key) => localStorage.getItem(key), identityKey)) ?? '{}',
    ) as {
      participantId: string
      secret: string
      name: string
    }
    expect(onPhone.participantId).toBe(ana.participantId)
    expect(onPhone.name).toBe('Ana Lavoie')
    expect(onPhone.secret).not.toBe(ana.secret)
    expect(await everythingIn(phone)).not.toContain(secretOf(link))
    await shot(phone, 'device-link-phone-fr')

    // What she writes on the phone is hers; the lab still has one Ana.
    await writeIdea(phone, 'Un horaire le soir')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    await expect
      .poll(
        () =>
          readCanvasContent(facilitator.doc, canvasId).items.find(
            (item) => 'text' in item && item.text === 'Un horaire le soir',
          )?.createdBy,
        { timeout: 10_000 },
      )
      .toBe(ana.participantId)
    expect(listParticipants(facilitator.doc).map((person) => person.name)).toEqual(['Ana Lavoie'])

    // The projector never held it, nor anything of it.
    const onProjector = await everythingIn(projector)
    expect(onProjector).not.toContain(secretOf(link))
    expect(onProjector).not.toContain(link)
    expect(onProjector).not.toContain('Mon lien personnel')

    // « Nouveau lien »: the old one stops at once; the phone signed in with it goes on.
    await dialog.getByRole('button', { name: 'Nouveau lien' }).click()
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toMatch(/l’ancien ne fonctionne plus/)
    const fresh = await field.inputValue()
    expect(fresh).not.toBe(link)
    const late = await e2e.newPage(PHONE)
    await late.goto(link)
    await late
      .getByRole('heading', { name: 'Ce lien personnel ne fonctionne plus' })
      .waitFor({ timeout: 15_000 })
    expect(await late.getByRole('textbox', { name: 'Votre nom' }).isVisible()).toBe(true)
    expect(await saveState(phone)).toBe('saved')

    // « Révoquer », then Escape closes the dialog and gives the focus back.
    await dialog.getByRole('button', { name: 'Révoquer le lien personnel' }).click()
    await expect
      .poll(() => dialog.textContent(), { timeout: 10_000 })
      .toMatch(/Le lien est révoqué/)
    expect(await dialog.getByRole('textbox', { name: 'Lien personnel' }).count()).toBe(0)
    await desk.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect
      .poll(() => desk.evaluate(() => document.activeElement?.textContent))
      .toBe('Mon lien personnel')
    const revoked = await e2e.newPage(PHONE)
    await revoked.goto(fresh)
    await revoked
      .getByRole('heading', { name: 'Ce lien personnel ne fonctionne plus' })
      .waitFor({ timeout: 15_000 })
    expect(await everythingIn(projector)).not.toContain(secretOf(fresh))
  })

  it('in English, the facilitator makes one for someone from the people list (screenshots)', async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Users’ committee', locale: 'en' })
    const facilitator = await e2e.facilitate(workshop)
    startWorkshop(facilitator.doc, 'test')
    const desk = await e2e.newPage(DESK)
    await desk.context().addInitScript(() => localStorage.setItem('fabrique:locale', 'en'))
    await desk.goto(workshop.links.participant)
    await desk.getByRole('textbox', { name: 'Your name' }).fill('Bob Tremblay')
    await desk.getByRole('radio', { name: /Citizen partner/ }).check()
    await desk.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => saveState(desk), { timeout: 15_000 }).toBe('saved')
    await openTab(desk, 'People')
    await desk.getByRole('button', { name: 'My personal link' }).click()
    const own = desk.getByRole('dialog', { name: 'My personal link' })
    await own.getByRole('button', { name: 'Make the link' }).click()
    const link = await own.getByRole('textbox', { name: 'Personal link' }).inputValue()
    await shot(desk, 'device-link-desk-en')
    const phone = await e2e.newPage(PHONE)
    await phone.context().addInitScript(() => localStorage.setItem('fabrique:locale', 'en'))
    await phone.goto(link)
    await phone
      .getByText('This device is signed in as “Bob Tremblay”.')
      .waitFor({ timeout: 15_000 })
    await expect.poll(() => saveState(phone), { timeout: 15_000 }).toBe('saved')
    await shot(phone, 'device-link-phone-en')

    // The facilitator, from « By person »: « Manage » on Bob's row makes a new one (Bob's old one stops).
    const lead = await e2e.newPage(DESK)
    await lead.context().addInitScript(() => localStorage.setItem('fabrique:locale', 'en'))
    await lead.goto(workshop.links.facilitator)
    await lead.getByRole('textbox', { name: 'Your name' }).fill('Zoé')
    await lead.getByRole('button', { name: 'Join' }).click()
    await openTab(lead, 'People')
    await lead.getByText('By person').click()
    await lead.getByRole('button', { name: 'Manage the personal link of Bob Tremblay' }).click()
    const theirs = lead.getByRole('dialog', { name: 'Personal link of Bob Tremblay' })
    await expect
      .poll(() => theirs.textContent(), { timeout: 10_000 })
      .toMatch(/A link made on .* works/)
    await theirs.getByRole('button', { name: 'New link' }).click()
    const given = await theirs.getByRole('textbox', { name: 'Personal link' }).inputValue()
    // The participant link's token, never the facilitator's.
    expect(given).toContain(workshop.tokens.participant)
    expect(given).not.toContain(workshop.tokens.facilitator)
    // Folded: the facilitator's screen may be the room's.
    expect(await theirs.getByRole('img', { name: /QR code/ }).isVisible()).toBe(false)
    await shot(lead, 'device-link-facilitator-en')
    const late = await e2e.newPage(PHONE)
    await late.context().addInitScript(() => localStorage.setItem('fabrique:locale', 'en'))
    await late.goto(link)
    await late
      .getByRole('heading', { name: 'This personal link no longer works' })
      .waitFor({ timeout: 15_000 })
    await shot(late, 'device-link-gone-en')
  })
})
