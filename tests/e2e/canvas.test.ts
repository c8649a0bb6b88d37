import type { Locator, Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'
import {
  type BoxItem,
  type CanvasItem,
  listCanvases,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, useBrowserSuite, writeNote } from '../helpers/e2e.ts'
import type { TestClient } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

let workshop: WorkshopLinks
/** Reads what the server holds, as any y-websocket client would. */
let observer: TestClient

const canvasId = () => listCanvases(observer.doc)[0]?.id ?? ''
const items = (): CanvasItem[] =>
  canvasId() ? readCanvasContent(observer.doc, canvasId()).items : []
const notes = () => items().filter((item): item is BoxItem => item.kind === 'note')
const option = (page: Page, text: string | RegExp) =>
  board(page).getByRole('option', { name: text })

describe.skipIf(!runBrowser)('in Chromium: the shared canvas', () => {
  const e2e = useBrowserSuite()
  beforeEach(async () => {
    workshop = await e2e.server.createWorkshop({ title: 'Canevas partagé' })
    observer = await e2e.observe(workshop)
  })
  /** Ana (facilitator) and Ben (participant), each in their own browser. */
  const anaAndBen = async (): Promise<[Page, Page]> => [
    await e2e.join(workshop.links.facilitator, { name: 'Ana', group: /Patient partenaire/ }),
    await e2e.join(workshop.links.participant, { name: 'Ben', group: /Citoyen partenaire/ }),
  ]

  it('shows a note made in one page in the other, and undo there never removes it', async () => {
    const [ana, ben] = await anaAndBen()

    await writeNote(ana, 'Écoute active')
    await expect.poll(() => option(ben, /Écoute active/).count(), { timeout: 10_000 }).toBe(1)
    expect(await option(ben, /Écoute active/).getAttribute('aria-label')).toMatch(
      /Ana, Patient partenaire/,
    )

    await writeNote(ben, 'Entraide')
    await expect.poll(() => option(ana, /Entraide/).count(), { timeout: 10_000 }).toBe(1)

    // Ben undoes: only his own note goes, Ana's stays everywhere.
    await ben.keyboard.press('Escape')
    const undo = ben.getByRole('button', { name: 'Annuler' })
    while (!(await undo.isDisabled())) await undo.click()
    await expect
      .poll(() => notes().map((n) => n.text), { timeout: 10_000 })
      .toEqual(['Écoute active'])
    await expect.poll(() => option(ana, /Entraide/).count()).toBe(0)
    expect(await option(ana, /Écoute active/).count()).toBe(1)
    expect(await option(ben, /Écoute active/).count()).toBe(1)
  })

  it('creates, edits, moves and connects notes by keyboard alone, and the outline lists them', async () => {
    const page = await e2e.join(workshop.links.participant, {
      name: 'Kim',
      group: /Clinicien partenaire/,
    })
    await page.keyboard.press('Tab') // skip link
    await writeNote(page, 'Besoin')
    await expect.poll(() => notes().map((n) => n.text), { timeout: 10_000 }).toEqual(['Besoin'])
    const first = notes()[0]
    // Move it: one step right and one down per key press.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => notes()[0]?.x, { timeout: 10_000 }).toBe((first?.x ?? 0) + 40)
    // The last key's update may arrive after the others: wait for it too.
    await expect.poll(() => notes()[0]?.y, { timeout: 10_000 }).toBe((first?.y ?? 0) + 20)
    // Edit it again.
    await page.keyboard.press('Enter')
    await page.keyboard.press('End')
    await page.keyboard.type(' exprimé')
    await page.keyboard.press('Escape')
    await expect.poll(() => notes()[0]?.text, { timeout: 10_000 }).toBe('Besoin exprimé')

    // A second note, moved away, then connected from the first.
    await page.keyboard.press('Escape')
    await writeNote(page, 'Ressource')
    for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowDown')
    await expect.poll(() => notes().length, { timeout: 10_000 }).toBe(2)
    // Back to the first note (reading order), then "connect to" the next one.
    await page.keyboard.press('Shift+Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /Besoin exprimé/,
    )
    await page.keyboard.press('c')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => items().filter((item) => item.kind === 'connector').length, { timeout: 10_000 })
      .toBe(1)
    const byText = new Map(notes().map((n) => [n.text, n.id]))
    const connector = items().find((item) => item.kind === 'connector')
    expect(connector).toMatchObject({
      from: byText.get('Besoin exprimé'),
      to: byText.get('Ressource'),
    })

    // The outline lists what the canvas shows.
    await page.getByRole('button', { name: 'Vue en liste' }).click()
    const outline = page.getByRole('region', { name: /Plan du canevas|canevas/ }).last()
    await expect.poll(() => outline.textContent(), { timeout: 10_000 }).toContain('Besoin exprimé')
    const listed = await outline.textContent()
    expect(listed).toContain('Ressource')

    // Delete by keyboard takes the connector with it.
    await board(page).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /Ressource/,
    )
    await page.keyboard.press('Delete')
    await expect.poll(() => items().map((item) => item.kind), { timeout: 10_000 }).toEqual(['note'])
  })

  it('edits a connector’s label and renames a group in one page; the other page and the server see both', async () => {
    const [ana, ben] = await anaAndBen()
    const connector = () => items().find((item) => item.kind === 'connector')
    const clusters = () => (canvasId() ? readCanvasContent(observer.doc, canvasId()).clusters : [])
    const besoin = (page: Page) => option(page, /^Note : Besoin/)
    /** Fills a rename dialog and waits until the server holds the new name. */
    const renameTo = async (dialog: Locator, name: string) => {
      await dialog.getByRole('textbox', { name: 'Nom du groupe' }).fill(name)
      await dialog.getByRole('button', { name: 'Renommer', exact: true }).click()
      await expect.poll(() => clusters().map((c) => c.name), { timeout: 10_000 }).toEqual([name])
    }
    const focused = (page: Page) =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')

    // Two notes, apart, linked by keyboard.
    await writeNote(ana, 'Besoin')
    await writeNote(ana, 'Ressource')
    for (let i = 0; i < 3; i++) await ana.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => notes().length, { timeout: 10_000 }).toBe(2)
    await besoin(ana).focus()
    await ana.keyboard.press('c')
    await ana.keyboard.press('Tab')
    await ana.keyboard.press('Enter')
    await expect.poll(() => connector()?.kind, { timeout: 10_000 }).toBe('connector')

    // Tab reaches the link after the notes; Enter edits its label in place.
    await ana.keyboard.press('Tab')
    expect(await focused(ana)).toBe(
      'Lien de Note «\u00a0Besoin\u00a0» vers Note «\u00a0Ressource\u00a0», sans étiquette',
    )
    await ana.keyboard.press('Enter')
    await expect
      .poll(() => focused(ana))
      .toBe('Étiquette du lien de Note «\u00a0Besoin\u00a0» vers Note «\u00a0Ressource\u00a0»')
    await ana.keyboard.type('mène à')
    await ana.keyboard.press('Escape')
    await expect.poll(() => connector()?.text, { timeout: 10_000 }).toBe('mène à')
    expect(await focused(ana)).toBe(
      'Lien de Note «\u00a0Besoin\u00a0» vers Note «\u00a0Ressource\u00a0»\u00a0: mène à',
    )
    const label = option(
      ben,
      'Lien de Note «\u00a0Besoin\u00a0» vers Note «\u00a0Ressource\u00a0»\u00a0: mène à',
    )
    await expect.poll(() => label.count(), { timeout: 10_000 }).toBe(1)
    expect(await label.textContent()).toBe('mène à')

    // Both notes in a group, then renamed from the toolbar. Select all from the board itself:
    // the link focused just before must not stay the toolbar's target.
    await board(ana).focus()
    await ana.keyboard.press('Control+a')
    await ana.getByRole('button', { name: 'Plus d’actions' }).click()
    await ana.getByRole('button', { name: 'Regrouper…' }).click()
    const create = ana.getByRole('dialog', { name: 'Regrouper les éléments choisis' })
    await create.getByRole('textbox', { name: 'Nom du groupe' }).fill('Idées')
    await create.getByRole('button', { name: 'Regrouper', exact: true }).click()
    await expect.poll(() => clusters().map((c) => c.name), { timeout: 10_000 }).toEqual(['Idées'])
    await besoin(ana).focus()
    await ana.getByRole('button', { name: 'Plus d’actions' }).click()
    await ana.getByRole('button', { name: 'Renommer le groupe…' }).click()
    await renameTo(
      ana.getByRole('dialog', { name: 'Renommer le groupe « Idées »' }),
      'Besoins du quartier',
    )
    await expect
      .poll(() => option(ben, /Groupe : Besoins du quartier/).count(), { timeout: 10_000 })
      .toBe(2)

    // In the other page, a double click on the group's name renames it too.
    const name = ben.locator('.canvas-cluster__name')
    expect(await name.textContent()).toBe('Besoins du quartier')
    await name.dblclick()
    await renameTo(
      ben.getByRole('dialog', { name: 'Renommer le groupe « Besoins du quartier »' }),
      'Quartier',
    )
    await expect.poll(() => option(ana, /Groupe : Quartier/).count(), { timeout: 10_000 }).toBe(2)
  })

  it('puts five new notes side by side without ever scrolling the page', async () => {
    const page = await e2e.join(workshop.links.participant, { name: 'Zoé', group: /Autre/ })
    // Every scroll of the page (window or its scrolling element) is recorded.
    await page.evaluate(() => {
      const record = window as unknown as { pageScrolls: number[] }
      record.pageScrolls = []
      const note = () =>
        record.pageScrolls.push(window.scrollY, document.scrollingElement?.scrollTop ?? 0)
      window.addEventListener('scroll', note, { capture: true })
      document.addEventListener('scroll', note, { capture: true })
    })
    const scrolls = () =>
      page.evaluate(() => [
        window.scrollY,
        document.scrollingElement?.scrollTop ?? 0,
        ...(window as unknown as { pageScrolls: number[] }).pageScrolls,
      ])
    expect(await scrolls()).toEqual([0, 0])
    // Focus the board the way Tab would reach it, without scrolling it into view.
    await board(page).evaluate((element: HTMLElement) => element.focus({ preventScroll: true }))
    for (let i = 1; i <= 5; i++) {
      await page.keyboard.press('n')
      await page.keyboard.type(`Idée ${i}`)
      await page.keyboard.press('Escape')
      expect(new Set(await scrolls())).toEqual(new Set([0]))
    }
    await expect.poll(() => notes().length, { timeout: 10_000 }).toBe(5)
    const shown = option(page, /^Note : Idée \d/)
    await expect.poll(() => shown.count(), { timeout: 10_000 }).toBe(5)
    const rects = await Promise.all((await shown.all()).map((note) => note.boundingBox()))
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        if (!a || !b) throw new Error('a note is not shown')
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y
        expect(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(true)
      }
    }
    expect(new Set(await scrolls())).toEqual(new Set([0]))
  })

  it('takes away a new note left empty on Escape, for good: undo brings nothing back', async () => {
    const page = await e2e.join(workshop.links.participant, { name: 'Inès', group: /Autre/ })
    await writeNote(page, 'Gardée')
    await expect.poll(() => notes().length, { timeout: 10_000 }).toBe(1)
    await board(page).focus()
    await page.keyboard.press('n')
    await page.getByRole('textbox', { name: /^Texte de Note/ }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => option(page, /^Note : \(vide\)/).count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    // Undo takes back the note written before, never brings the empty one back.
    await page.getByRole('button', { name: 'Annuler' }).click()
    await expect.poll(() => notes().length, { timeout: 10_000 }).toBe(0)
    expect(await option(page, /^Note : \(vide\)/).count()).toBe(0)
  })

  it('keeps a participant from changing a canvas the facilitator locked', async () => {
    const facilitator = await e2e.join(workshop.links.facilitator, {
      name: 'Léa',
      group: /Autre/,
    })
    const participant = await e2e.join(workshop.links.participant, {
      name: 'Noé',
      group: /Patient partenaire/,
    })
    await writeNote(facilitator, 'Décision')
    await expect.poll(() => option(participant, /Décision/).count(), { timeout: 10_000 }).toBe(1)

    await facilitator.getByRole('button', { name: 'Verrouiller le canevas' }).click()
    await expect.poll(() => listCanvases(observer.doc)[0]?.locked, { timeout: 10_000 }).toBe(true)
    await expect
      .poll(
        () =>
          participant
            .getByText(/verrouillé par l’animateur·rice|verrouillé par l'animateur·rice/)
            .count(),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0)
    await option(participant, /Décision/).focus()
    await participant.keyboard.press('Delete')
    await participant.keyboard.press('ArrowRight')
    await board(participant).focus()
    await participant.keyboard.press('n')
    expect(await participant.getByRole('button', { name: 'Note', exact: true }).count()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(notes().map((n) => n.text)).toEqual(['Décision'])
    expect(await option(participant, /Décision/).count()).toBe(1)
  })
})

describe.skipIf(!runBrowser)('in Chromium: the board as a newcomer meets it on a desktop', () => {
  const e2e = useBrowserSuite()
  /** The camera's transform, and what the notes on the board are drawn at, in screen pixels. */
  const shown = (page: Page) =>
    page.evaluate(() => {
      const world = document.querySelector<HTMLElement>('.canvas-board .canvas-world')
      const transform = world ? getComputedStyle(world).transform : ''
      const scale = world ? new DOMMatrix(transform).a : 0
      const area = document.querySelector('.canvas-board')?.getBoundingClientRect()
      const notes = [...document.querySelectorAll<HTMLElement>('.canvas-board .canvas-item--note')]
        .filter((note) => {
          const box = note.getBoundingClientRect()
          return !!area && box.left >= area.left && box.right <= area.right && box.top >= area.top
        })
        .map((note) => {
          const text = note.querySelector('.canvas-item__text')
          return text ? Number.parseFloat(getComputedStyle(text).fontSize) * scale : 0
        })
      return { transform, scale, notes }
    })
  /** Whether a frame's title corner is on the board (the board shows that frame). */
  const showsFrame = (page: Page, title: string) =>
    page.evaluate((name) => {
      const area = document.querySelector('.canvas-board')?.getBoundingClientRect()
      const frame = [
        ...document.querySelectorAll<HTMLElement>('.canvas-board [data-item-id]'),
      ].find((item) => item.getAttribute('aria-label')?.startsWith(`Zone\u00a0: ${name}`))
      const box = frame?.getBoundingClientRect()
      return (
        !!area &&
        !!box &&
        box.left >= area.left &&
        box.left < area.right &&
        box.top >= area.top &&
        box.top < area.bottom
      )
    }, title)

  it.each([
    [1366, 768],
    [1920, 1080],
  ])(
    'at %i×%i: opens readable on the step, follows it to its frame, then stays where the person moved it',
    async (width, height) => {
      const created = await e2e.server.createWorkshop({
        title: 'Modèle logique',
        template: 'modeliser-intervention',
      })
      const observer = await e2e.observe(created)
      const facilitator = await e2e.join(created.links.facilitator, {
        name: 'Julie',
        group: /Autre/,
      })
      const page = await e2e.join(
        created.links.participant,
        { name: 'Amina', group: /Patient partenaire/ },
        { width, height },
      )
      await board(page).waitFor()

      // A canvas of eight frames, 3,560 units wide: the notes open readable (12 px or more)…
      await expect
        .poll(async () => (await shown(page)).notes.filter((px) => px >= 12).length, {
          timeout: 10_000,
          message: 'notes whole on the board, their text at 12 px or more',
        })
        .toBeGreaterThan(0)
      const opened = await shown(page)
      console.info(`${width}×${height}: notes open at ${opened.notes[0]?.toFixed(1)} px`)
      // …and the rest is one gesture away: the overview is there.
      expect(await page.locator('.canvas-minimap').isVisible()).toBe(true)

      // The facilitator starts and puts the last frame on the stage: the board goes there.
      const controls = facilitator.getByRole('region', { name: 'Animation' })
      await facilitator.getByRole('button', { name: 'Animation', exact: true }).click()
      await controls.getByRole('button', { name: 'Commencer la séance' }).click()
      await facilitator
        .getByRole('combobox', { name: 'Partie du canevas à l’écran' })
        .selectOption({ label: 'Effets à long terme' })
      await expect
        .poll(() => showsFrame(page, 'Effets à long terme'), { timeout: 10_000 })
        .toBe(true)
      expect((await shown(page)).scale * 15).toBeGreaterThanOrEqual(12)

      // The person scrolls the board: the next step leaves the view where they put it.
      const area = await board(page).boundingBox()
      if (!area) throw new Error('no board')
      await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2)
      await page.mouse.wheel(0, 240)
      await expect.poll(async () => (await shown(page)).transform).not.toBe(opened.transform)
      const theirs = (await shown(page)).transform
      await controls.getByRole('button', { name: /^Étape suivante/ }).click()
      await expect.poll(() => readFlow(observer.doc).phaseIndex, { timeout: 10_000 }).toBe(1)
      await page.getByRole('button', { name: /^Étape 2 sur/ }).waitFor({ timeout: 10_000 })
      await page.waitForTimeout(500)
      expect((await shown(page)).transform).toBe(theirs)
    },
  )
})
