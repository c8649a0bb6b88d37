import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  createDocument,
  documentBody,
  listCanvases,
  readCanvasContent,
  readPlainText,
} from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, openTab, saveState, useBrowserSuite, writeNote } from '../helpers/e2e.ts'
import { connectClient, synced } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

describe.skipIf(!runBrowser)('in Chromium: restoring a version', () => {
  const e2e = useBrowserSuite()

  it('keeps both open pages live: they show the restored content, then keep editing and saving', async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Retour en arrière' })
    const versions = `${e2e.server.url}/api/workshops/${workshop.id}/versions`
    const post = async (url: string, body: unknown) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${workshop.tokens.facilitator}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(201)
      return (await res.json()) as { id: string }
    }
    // The facilitator's tooling writes the document everyone will edit.
    const seeder = connectClient(e2e.server.syncUrl, workshop.id, workshop.tokens.facilitator)
    await synced(seeder)
    const documentId = createDocument(seeder.doc, { title: 'Charte', text: 'Nos valeurs' }, 'test')
    const observer = await e2e.observe(workshop)
    seeder.destroy()

    const canvasId = () => listCanvases(observer.doc)[0]?.id ?? ''
    const notes = () => readCanvasContent(observer.doc, canvasId()).items.map((item) => item.text)
    const stored = () =>
      readPlainText(documentBody(observer.doc, documentId) as Y.XmlFragment).replace(/\s+/g, ' ')
    const note = (page: Page, text: string) =>
      board(page).getByRole('option', { name: new RegExp(`^Note : ${text}`) })
    const editor = (page: Page) =>
      page
        .getByRole('region', { name: 'Ce que le groupe produit' })
        .getByRole('textbox', { name: 'Texte de « Charte »' })
    /**
     * The document's text as the page shows it, without the others' carets; null while the
     * editor is not there (each poll tries again, rather than one locator waiting 30 s).
     */
    const shown = async (page: Page) =>
      (await editor(page).count()) === 0
        ? null
        : editor(page).evaluate((element) => {
            const copy = element.cloneNode(true) as HTMLElement
            for (const caret of copy.querySelectorAll('.caret')) caret.remove()
            return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
          })
    const typeInDocument = async (page: Page, text: string) => {
      await editor(page).click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(text)
    }
    const saved = async (page: Page) =>
      expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')

    const ana = await e2e.join(workshop.links.facilitator, { name: 'Ana', group: /Autre/ })
    const ben = await e2e.join(workshop.links.participant, {
      name: 'Ben',
      group: /Citoyen partenaire/,
    })
    for (const page of [ana, ben]) {
      await openTab(page, 'Documents')
      await expect.poll(() => shown(page), { timeout: 10_000 }).toBe('Nos valeurs')
    }
    await writeNote(ben, 'Écoute')
    await expect.poll(notes, { timeout: 10_000 }).toEqual(['Écoute'])
    const v1 = await post(versions, { name: 'Avant la pause' })

    // After the version: Ben rewrites his note and adds one, Ana writes in the document.
    await note(ben, 'Écoute').click()
    await ben.keyboard.press('Enter')
    await ben.keyboard.press('End')
    await ben.keyboard.type(' active')
    await ben.keyboard.press('Escape')
    await writeNote(ben, 'Plus tard')
    await typeInDocument(ana, ' et nos moyens')
    await expect.poll(notes, { timeout: 10_000 }).toEqual(['Écoute active', 'Plus tard'])
    await expect.poll(stored, { timeout: 10_000 }).toBe('Nos valeurs et nos moyens')
    for (const page of [ana, ben]) {
      await expect.poll(() => shown(page), { timeout: 10_000 }).toBe('Nos valeurs et nos moyens')
    }

    await post(`${versions}/${v1.id}/restore`, { name: 'Retour avant la pause' })
    for (const page of [ana, ben]) {
      await expect.poll(() => note(page, 'Écoute —').count(), { timeout: 10_000 }).toBe(1)
      await expect.poll(() => note(page, 'Plus tard').count(), { timeout: 10_000 }).toBe(0)
      await expect.poll(() => shown(page), { timeout: 10_000 }).toBe('Nos valeurs')
    }

    // Both keep working where they are: a new note, and both write in the open document.
    await writeNote(ben, 'Entraide')
    await typeInDocument(ben, ' (Ben)')
    await typeInDocument(ana, ' (Ana)')
    const expected = /^Nos valeurs( \(Ben\)| \(Ana\)){2}$/
    await expect.poll(notes, { timeout: 10_000 }).toEqual(['Écoute', 'Entraide'])
    await expect.poll(stored, { timeout: 10_000 }).toMatch(expected)
    const text = stored()
    for (const page of [ana, ben]) {
      await expect.poll(() => note(page, 'Entraide').count(), { timeout: 10_000 }).toBe(1)
      await expect.poll(() => shown(page), { timeout: 10_000 }).toBe(text)
      await saved(page)
    }

    // After a reload, each page shows the same, and nothing else (no empty notes).
    for (const page of [ana, ben]) {
      await page.reload()
      await saved(page)
      await openTab(page, 'Documents')
      // The editor's code loads again after a reload: on a busy machine that takes a while.
      await expect.poll(() => shown(page), { timeout: 45_000 }).toBe(text)
      await expect.poll(() => board(page).getByRole('option').count(), { timeout: 10_000 }).toBe(2)
      expect(await note(page, 'Écoute —').count()).toBe(1)
      expect(await note(page, 'Entraide').count()).toBe(1)
    }
    expect(notes()).toEqual(['Écoute', 'Entraide'])
    // Two pages, a restore, a reload each: about 6 s alone, several times that on a busy machine.
  }, 150_000)
})
