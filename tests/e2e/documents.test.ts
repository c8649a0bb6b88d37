import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { listCanvases, listCharters, readCanvasContent } from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite, writeNote } from '../helpers/e2e.ts'

const runBrowser = hasChromium()

describe.skipIf(!runBrowser)('in Chromium: charters, versions and the report', () => {
  const e2e = useBrowserSuite()

  it('keeps both edits when two people edit the same role charter item at once', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Chartes',
      template: 'charte-des-roles',
    })
    const observer = await e2e.observe(workshop)
    const ana = await e2e.join(workshop.links.participant, {
      name: 'Ana',
      group: /Patient partenaire/,
    })
    const ben = await e2e.join(workshop.links.participant, {
      name: 'Ben',
      group: /Clinicien partenaire/,
    })
    const field = (page: Page) => page.getByRole('textbox', { name: /^Texte — .* 1$/ }).first()
    for (const page of [ana, ben]) {
      await openTab(page, 'Chartes des rôles')
      await expect.poll(() => field(page).count(), { timeout: 10_000 }).toBe(1)
    }
    const original = await field(ana).inputValue()
    await Promise.all([
      (async () => {
        await field(ana).click()
        await ana.keyboard.press('Control+End')
        await ana.keyboard.type(' (Ana)')
      })(),
      (async () => {
        await field(ben).click()
        await ben.keyboard.press('Control+Home')
        await ben.keyboard.type('Ben : ')
      })(),
    ])
    const merged = `Ben : ${original} (Ana)`
    for (const page of [ana, ben])
      await expect.poll(() => field(page).inputValue(), { timeout: 10_000 }).toBe(merged)
    await expect
      .poll(
        () =>
          listCharters(observer.doc).some((charter) =>
            charter.items.some((item) => item.text === merged),
          ),
        { timeout: 10_000 },
      )
      .toBe(true)
  })

  it('at 1366×768 a charter and a document are usable in the side panel as it opens: nothing cut, the toolbar in rows', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Chartes',
      template: 'charte-des-roles',
    })
    const page = await e2e.join(
      workshop.links.facilitator,
      { name: 'Julie', group: /Autre/ },
      { width: 1366, height: 768 },
    )
    const panel = page.locator('#workspace-panel-content')
    /** How far what the panel shows reaches past its right edge (0 when nothing is cut). */
    const overflow = () =>
      panel.evaluate((element) => {
        const edge = element.getBoundingClientRect().right
        let past = 0
        for (const child of element.querySelectorAll('*')) {
          const box = child.getBoundingClientRect()
          if (box.width > 0 && (child as HTMLElement).offsetParent !== null)
            past = Math.max(past, box.right - edge)
        }
        return Math.round(past)
      })
    await openTab(page, 'Chartes des rôles')
    const field = page.getByRole('textbox', { name: /^Texte — .* 1$/ }).first()
    await field.waitFor()
    expect(await overflow()).toBeLessThanOrEqual(0)
    // The item's text has room to be read (at least 20 rem wide), on screen as the tab opens.
    const item = await field.boundingBox()
    expect(item?.width ?? 0).toBeGreaterThanOrEqual(320)
    expect((item?.y ?? 768) + (item?.height ?? 0)).toBeLessThanOrEqual(768)
    if (process.env.ROOM_SHOTS)
      await page.screenshot({ path: `${process.env.ROOM_SHOTS}/panel-charter-1366.png` })

    await openTab(page, 'Documents')
    await page.getByText('Nouveau document', { exact: true }).click()
    await page.getByRole('textbox', { name: 'Titre du nouveau document' }).fill('Plan')
    await page.getByRole('button', { name: 'Créer le document' }).click()
    const toolbar = page.getByRole('toolbar').first()
    await toolbar.waitFor()
    const box = await toolbar.boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(box?.height ?? 0)
    expect(await overflow()).toBeLessThanOrEqual(0)
    if (process.env.ROOM_SHOTS)
      await page.screenshot({ path: `${process.env.ROOM_SHOTS}/panel-doc-1366.png` })
  })

  it('names a version, shows what changed since, and renders the printable report', async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Plan du comité' })
    const observer = await e2e.observe(workshop)
    const page = await e2e.join(workshop.links.facilitator, {
      name: 'Julie',
      group: /Autre/,
    })
    await openTab(page, 'Versions et exports')
    await page.getByRole('textbox', { name: 'Nom de la version' }).fill('Avant l’atelier')
    await page.getByRole('button', { name: 'Nommer cette version' }).click()
    await expect
      .poll(() => page.getByRole('rowheader', { name: 'Avant l’atelier' }).count(), {
        timeout: 10_000,
      })
      .toBe(1)
    // The server names the author from the identity Julie proved at join.
    expect(
      await page
        .getByRole('row', { name: /Avant l’atelier/ })
        .getByRole('cell', { name: 'Julie', exact: true })
        .count(),
    ).toBe(1)

    // The content changes: a new note on the canvas.
    await writeNote(page, 'Nouvelle idée du comité')
    const canvasId = listCanvases(observer.doc)[0]?.id ?? ''
    await expect
      .poll(() => readCanvasContent(observer.doc, canvasId).items.map((item) => item.text), {
        timeout: 10_000,
      })
      .toContain('Nouvelle idée du comité')

    // By default the comparison runs from the latest version to today.
    const from = page.getByRole('combobox', { name: 'De', exact: true })
    expect(await from.locator('option:checked').textContent()).toMatch(/^Avant l’atelier/)
    expect(await page.getByRole('combobox', { name: 'À', exact: true }).inputValue()).toBe(
      'current',
    )
    await page.getByRole('button', { name: 'Comparer', exact: true }).click()
    await expect
      .poll(() => page.getByText('Nouvelle idée du comité').count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => page.getByText(/Ajouté \(1\)/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0)

    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: /Rapport à imprimer/ }).click(),
    ])
    await report.waitForLoadState()
    await expect
      .poll(() => report.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe('Plan du comité')
    expect(await report.locator('svg').count()).toBeGreaterThan(0)
    expect(await report.content()).toContain('Nouvelle idée du comité')
  })
})
