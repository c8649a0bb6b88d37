import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { placeNewItem } from '../../shared/canvas/placement.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { addBox, goToPhase, readCanvasContent, setProjector } from '../../shared/schema/index.ts'
import { setDots, setGradient } from '../../shared/schema/votes.ts'
import { hasChromium } from '../helpers/browser.ts'
import { closeVote, goToStep, openTab, useBrowserSuite } from '../helpers/e2e.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import * as steps from '../helpers/stepTemplate.ts'
import type { TestClient } from '../helpers/yclient.ts'

const runBrowser = hasChromium()
const { localized } = steps
const O = 'test'

/** LAYOUT_SHOTS=<folder>: the test also saves what each screen looked like, to look at. */
const shot = steps.screenshots(process.env.LAYOUT_SHOTS)

const note = (text: string, frame: string) => ({ text: localized(text, text), frame })

/** Every kind of step a projector shows: writing on a canvas, a dot vote, a gradient, a document. */
const TEMPLATE = steps.template(
  'ecran-du-projecteur',
  localized('Écran du projecteur', 'Projector screen'),
  {
    canvases: [
      steps.ideasCanvas({ id: 'solutions', title: localized('Solutions', 'Solutions') }, [
        note('Une ligne téléphonique du quartier', 'solutions'),
        note('Des pairs aidants à la clinique', 'solutions'),
        note('Un café-rencontre chaque mois', 'solutions'),
      ]),
    ],
    documents: [
      steps.planDocument(
        localized(
          '# Où en sommes-nous?\n- Un comité de pilotage\n- Une première clinique\n# Prochains pas\n- Former des pairs aidants\n- Ouvrir la ligne du quartier\n# Questions ouvertes\n- Qui appelle les personnes isolées?',
          '# Where are we?\n- A steering committee\n- A first clinic\n# Next steps\n- Train peer helpers\n- Open the neighbourhood line\n# Open questions\n- Who calls people living alone?',
        ),
      ),
    ],
  },
  [steps.writeTogether(), steps.dotVote(7), steps.gradientVote('kaner'), steps.readPlan()],
)

/** What people write in the "Besoins" frame during the writing step. */
const WRITTEN = [
  'Trouver un médecin près de chez soi',
  'Comprendre ce que dit le pharmacien',
  'Ne pas attendre six mois',
  'Être écouté sans jugement',
]

const DESKTOPS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]
const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]

/** How the page sits in the window: does it scroll, and how much of it the board covers. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement
    const board = document.querySelector('.canvas-board')?.getBoundingClientRect()
    const bar = document.querySelector('.app-header')?.getBoundingClientRect()
    const status = document.querySelector('.connection-status')?.getBoundingClientRect()
    return {
      scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth,
      board: board ? (board.width * board.height) / (innerWidth * innerHeight) : 0,
      boardTop: board?.top ?? -1,
      bar: bar?.height ?? 0,
      statusShown: !!status && status.bottom <= (bar?.bottom ?? 0) && status.right <= innerWidth,
    }
  })

/** How the projector sits in its screen, and whether each part is whole inside its place. */
const stage = (page: Page) =>
  page.evaluate((framed) => {
    const root = document.documentElement
    const rect = (selector: string) => document.querySelector(selector)?.getBoundingClientRect()
    const within = (inner: DOMRect, outer: DOMRect | undefined) =>
      !!outer &&
      inner.top >= outer.top - 1 &&
      inner.bottom <= outer.bottom + 1 &&
      inner.left >= outer.left - 1 &&
      inner.right <= outer.right + 1
    const band = rect('.projector__band')
    const shown = rect('.projector__stage')
    const fit = rect('.projector__stage .projector__fit')
    const rows = [...document.querySelectorAll('.projector__stage .vote-results__row')]
    const section = document.querySelector('.projector__section')
    const world = document.querySelector<HTMLElement>('.projector__stage .canvas-world')
    const scale = world ? new DOMMatrix(getComputedStyle(world).transform).a : 0
    const board = rect('.projector__stage .canvas-board')
    const notes = [
      ...document.querySelectorAll<HTMLElement>('.projector__stage .canvas-item--note'),
    ]
    const text = notes[0]?.querySelector('.canvas-item__text')
    return {
      scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth,
      band: (band?.height ?? 0) / innerHeight,
      stage: (shown?.height ?? 0) / innerHeight,
      rows: rows.length,
      rowsWhole: rows.every((row) => within(row.getBoundingClientRect(), fit)),
      section: section?.textContent ?? '',
      sectionWhole: !!section && within(section.getBoundingClientRect(), fit),
      /** The notes the stage frames are whole on the board (those around may be cut). */
      framedWhole: notes
        .filter((item) =>
          framed.includes(item.querySelector('.canvas-item__text')?.textContent ?? ''),
        )
        .every((item) => within(item.getBoundingClientRect(), board)),
      noteText: text ? Number.parseFloat(getComputedStyle(text).fontSize) * scale : 0,
      notes: notes.map((item) => item.querySelector('.canvas-item__text')?.textContent ?? ''),
      timer: !!document.querySelector('.projector__band [role="timer"]'),
      qr: !!document.querySelector('.projector__foot [role="img"]'),
    }
  }, WRITTEN)

describe.skipIf(!runBrowser)('in Chromium: a workshop app, and a projector stage', () => {
  const e2e = useBrowserSuite()
  const clients: TestClient[] = []
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  /** Each test gets a workshop of its own. */
  const workshopFromTemplate = steps.workshopsFrom(e2e, TEMPLATE)

  it('fills the window with the board under a slim bar, for the facilitator and a participant', async () => {
    const workshop = await workshopFromTemplate()
    const facilitator = await e2e.join(workshop.links.facilitator, {
      name: 'Julie',
      group: /Autre/,
    })
    const participant = await e2e.join(workshop.links.participant, {
      name: 'Amina',
      group: /Patient partenaire/,
    })
    for (const viewport of DESKTOPS) {
      for (const [who, page] of [
        ['facilitator', facilitator],
        ['participant', participant],
      ] as const) {
        await page.setViewportSize(viewport)
        await expect.poll(() => measure(page).then((m) => m.board)).toBeGreaterThan(0)
        const seen = await measure(page)
        const where = `${who} at ${viewport.width}×${viewport.height}`
        expect(seen.scrolls, `${where}: the page scrolls`).toBe(false)
        expect(seen.board, `${where}: the board's share of the window`).toBeGreaterThanOrEqual(0.6)
        expect(seen.bar, `${where}: the top bar's height`).toBeLessThanOrEqual(56)
        expect(seen.statusShown, `${where}: the connection state in the bar`).toBe(true)
        await shot(page, `workspace-${who}-${viewport.width}`)
      }
      // The facilitation panel opens beside the board: narrower, never lower, still one screen.
      const closed = await measure(facilitator)
      await openTab(facilitator, 'Animation')
      await facilitator.getByRole('region', { name: 'Animation' }).waitFor()
      const open = await measure(facilitator)
      expect(open.scrolls).toBe(false)
      expect(open.boardTop).toBe(closed.boardTop)
      expect(open.board).toBeLessThan(closed.board)
      await shot(facilitator, `workspace-facilitator-${viewport.width}-panel`)
      await facilitator.getByRole('button', { name: 'Fermer le panneau' }).click()
      await expect.poll(() => measure(facilitator).then((m) => m.board)).toBe(closed.board)
    }

    // In English too: the bar stays one row, the board the window.
    await participant.getByRole('combobox', { name: 'Langue' }).selectOption('en')
    await participant.getByRole('button', { name: 'The session has not started' }).waitFor()
    const english = await measure(participant)
    expect(english.scrolls).toBe(false)
    expect(english.bar).toBeLessThanOrEqual(56)
    expect(english.board).toBeGreaterThanOrEqual(0.6)
    await shot(participant, 'workspace-participant-1920-en')

    // A phone keeps a page: nothing wider than the screen, the panel over it and back.
    await participant.setViewportSize({ width: 390, height: 844 })
    await participant.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    expect(await participant.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    await shot(participant, 'workspace-participant-390')
    await openTab(participant, 'Personnes')
    await participant.getByRole('region', { name: /En ligne maintenant/ }).waitFor()
    await shot(participant, 'workspace-participant-390-panel')
    await participant.getByRole('button', { name: 'Fermer le panneau' }).click()
    await expect
      .poll(() => participant.getByRole('complementary', { name: 'Panneau de l’atelier' }).count())
      .toBe(0)
  })

  it('shows the home page whole on a laptop, whatever template is chosen, in French and English', async () => {
    const page = await e2e.newPage({ width: 1366, height: 768 })
    await page.goto(e2e.server.url)
    const templates = page.getByRole('combobox', { name: 'Modèle d’atelier' })
    await templates.waitFor()
    const ids = await templates
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
    expect(ids.length).toBeGreaterThan(1)
    for (const language of ['fr', 'en'] as const) {
      await page.getByRole('combobox', { name: /^(Langue|Language)$/ }).selectOption(language)
      for (const viewport of DESKTOPS.slice(0, 2)) {
        await page.setViewportSize(viewport)
        for (const id of ids) {
          await page.locator('#workshop-template').selectOption(id)
          const scroll = await page.evaluate(
            () => document.documentElement.scrollHeight - innerHeight,
          )
          expect(scroll, `${language}, ${viewport.width}×${viewport.height}, ${id}`).toBe(0)
        }
        await shot(page, `home-${language}-${viewport.width}`)
      }
    }
  })

  it('shows every tab of the side panel whole on a laptop, in French and English, each reachable by arrow keys', async () => {
    const workshop = await workshopFromTemplate()
    const page = await e2e.join(workshop.links.facilitator, { name: 'Julie', group: /Autre/ })
    await openTab(page, 'Animation')
    const tabs = page.getByRole('tablist', { name: /^(Panneaux|Panels)$/ })
    /**
     * Each tab: whole inside the panel and the tab list (none out of sight, none to scroll to),
     * its words not cut, nothing drawn over it; and how tall the tabs are together.
     */
    const seen = () =>
      tabs.evaluate((list) => {
        const panel = list.closest('aside')?.getBoundingClientRect()
        const strip = list.getBoundingClientRect()
        const inside = (box: DOMRect, outer: DOMRect | undefined) =>
          !!outer &&
          box.width > 0 &&
          box.left >= outer.left - 1 &&
          box.right <= outer.right + 1 &&
          box.top >= outer.top - 1 &&
          box.bottom <= outer.bottom + 1
        const all = [...list.querySelectorAll<HTMLElement>('[role="tab"]')].map((tab) => {
          const box = tab.getBoundingClientRect()
          const words = [...tab.querySelectorAll<HTMLElement>('*'), tab].every(
            (part) =>
              part.scrollWidth <= part.clientWidth + 1 ||
              getComputedStyle(part).display === 'inline',
          )
          const atCentre = document.elementFromPoint(
            box.left + box.width / 2,
            box.top + box.height / 2,
          )
          return {
            name: tab.getAttribute('aria-label') ?? tab.textContent ?? '',
            top: Math.round(box.top),
            whole:
              inside(box, strip) &&
              inside(box, panel) &&
              words &&
              !!atCentre &&
              tab.contains(atCentre),
            selected: tab.getAttribute('aria-selected') === 'true',
            focused: tab === document.activeElement,
          }
        })
        return {
          count: all.length,
          rows: new Set(all.map((tab) => tab.top)).size,
          hidden: all.filter((tab) => !tab.whole).map((tab) => tab.name),
          scrollable: list.scrollWidth > list.clientWidth + 1,
          height: strip.height,
          selectedFocused: all.some((tab) => tab.selected && tab.focused),
          scrolls: document.documentElement.scrollHeight > innerHeight,
        }
      })
    for (const language of ['fr', 'en'] as const) {
      await page.getByRole('combobox', { name: /^(Langue|Language)$/ }).selectOption(language)
      for (const viewport of DESKTOPS) {
        await page.setViewportSize(viewport)
        const where = `${language}, ${viewport.width}×${viewport.height}`
        await tabs.getByRole('tab').first().focus()
        const first = await seen()
        await shot(page, `panel-tabs-${language}-${viewport.width}`)
        expect(first.count, where).toBe(8)
        expect(first.hidden, `${where}: tabs not whole in sight`).toEqual([])
        expect(first.scrollable, `${where}: the tabs scroll`).toBe(false)
        expect(first.height, `${where}: the tabs' height`).toBeLessThanOrEqual(112)
        expect(first.scrolls, `${where}: the page scrolls`).toBe(false)
        // Each tab in turn by the arrow key: selected, focused, and every tab still whole.
        for (let index = 1; index < first.count; index++) {
          await page.keyboard.press('ArrowRight')
          await expect
            .poll(seen, { message: `${where}: tab ${index}` })
            .toMatchObject({ hidden: [], selectedFocused: true })
        }
        await page.keyboard.press('Home')
        await expect.poll(seen).toMatchObject({ hidden: [], selectedFocused: true })
      }
      // In the board's place (1920 px), the panel has room for its tabs in one row.
      const wide = page.getByRole('button', { name: /^(Pleine largeur|Full width)$/ })
      await wide.click()
      await expect.poll(seen).toMatchObject({ hidden: [], scrollable: false, rows: 1 })
      await shot(page, `panel-tabs-${language}-1920-wide`)
      await wide.click()
      await expect.poll(seen).toMatchObject({ hidden: [], rows: 2 })
    }
    // A phone or a small window: the panel over the page, every tab whole there too.
    await page.setViewportSize({ width: 390, height: 844 })
    await expect.poll(seen).toMatchObject({ hidden: [], scrollable: false })
    await shot(page, 'panel-tabs-en-390')
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    await expect.poll(seen).toMatchObject({ hidden: [], scrollable: false })
    await shot(page, 'panel-tabs-fr-390')
  })

  it('writes the join form’s group names in bold and what they mean in regular type', async () => {
    const workshop = await workshopFromTemplate()
    const page = await e2e.newPage({ width: 1366, height: 768 })
    await page.goto(workshop.links.participant)
    const option = page.locator('.group-choice__option').first()
    await option.waitFor()
    const weight = (selector: string) =>
      option.locator(selector).evaluate((el) => Number(getComputedStyle(el).fontWeight))
    expect(await weight('.group-choice__name')).toBeGreaterThanOrEqual(600)
    expect(await weight('.group-choice__hint')).toBe(400)
  })

  it('shows a gradient ballot whole above the board: every point and its button, no scrolling', async () => {
    const workshop = await workshopFromTemplate()
    const facilitator = await e2e.facilitate(workshop)
    goToPhase(facilitator.doc, 2, O)
    const participant = await e2e.join(workshop.links.participant, {
      name: 'Amina',
      group: /Patient partenaire/,
    })
    const ballot = participant.getByRole('region', { name: 'Votre vote : degré d’accord' })
    await ballot.waitFor()
    for (const viewport of DESKTOPS) {
      await participant.setViewportSize(viewport)
      await participant.waitForTimeout(200)
      const seen = await participant.evaluate(() => {
        const ballot = document.querySelector('.ballot')
        const box = ballot?.getBoundingClientRect()
        const save = document
          .querySelector('.ballot button[type="submit"]')
          ?.getBoundingClientRect()
        // Whole: inside the ballot's box, its text not cut, and not under its button.
        const whole = (element: Element) => {
          const rect = element.getBoundingClientRect()
          return (
            !!box &&
            rect.top >= box.top - 1 &&
            rect.bottom <= box.bottom + 1 &&
            element.scrollHeight <= element.clientHeight + 1 &&
            (!save || rect.bottom <= save.top + 1)
          )
        }
        const choices = [...document.querySelectorAll('.ballot__choice')]
        const root = document.documentElement
        return {
          choices: choices.length,
          hidden: choices.filter((choice) => !whole(choice)).length,
          saveWhole: !!box && !!save && save.top >= box.top && save.bottom <= box.bottom + 1,
          scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth,
          ballotScrolls: !!ballot && ballot.scrollHeight > ballot.clientHeight + 1,
        }
      })
      const where = `at ${viewport.width}×${viewport.height}`
      expect(seen.choices).toBe(8)
      expect(seen.hidden, `${where}: points out of sight`).toBe(0)
      expect(seen.saveWhole, `${where}: “Enregistrer mon vote” in sight`).toBe(true)
      expect(seen.ballotScrolls, `${where}: the ballot scrolls`).toBe(false)
      expect(seen.scrolls, `${where}: the page scrolls`).toBe(false)
      await shot(participant, `ballot-gradient-${viewport.width}`)
    }
  })

  it('shows every kind of step on one screen at every size, readable, on a link that holds no facilitator token', async () => {
    const workshop = await workshopFromTemplate()
    const facilitator = await e2e.facilitate(workshop)

    // The projector's link, as the facilitator's Animation panel gives it.
    const laptop = await e2e.join(workshop.links.facilitator, { name: 'Julie', group: /Autre/ })
    await openTab(laptop, 'Animation')
    const open = laptop.getByRole('link', { name: /Ouvrir la vue projecteur/ })
    await open.waitFor({ timeout: 10_000 })
    const href = (await open.getAttribute('href')) ?? ''
    expect(href).toContain(workshop.tokens.observer)
    expect(href).not.toContain(workshop.tokens.facilitator)

    const projectors = await Promise.all(
      PROJECTORS.map(async (viewport) => {
        const page = await e2e.newPage(viewport)
        const sent: string[] = []
        page.on('request', (request) =>
          sent.push(`${request.url()} ${JSON.stringify(request.headers())}`),
        )
        await page.goto(`${e2e.server.url}${href}`)
        return { page, viewport, sent }
      }),
    )
    for (const { page } of projectors)
      await page.getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }).waitFor()

    /** Each projector: one screen, a band of about 10 %, a stage of about 80 %. */
    const check = async (
      step: string,
      expectations: (seen: Awaited<ReturnType<typeof stage>>, size: string) => void,
    ) => {
      for (const { page, viewport } of projectors) {
        const size = `${viewport.width}×${viewport.height}`
        const seen = await stage(page)
        expect(seen.scrolls, `${step} at ${size}: a scrollbar`).toBe(false)
        expect(seen.band, `${step} at ${size}: the band`).toBeLessThanOrEqual(0.11)
        expect(seen.stage, `${step} at ${size}: the stage`).toBeGreaterThanOrEqual(0.78)
        expectations(seen, size)
        await shot(page, `projector-${step}-${viewport.width}`)
      }
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 400))
    const onAll = async (
      what: string,
      test: (seen: Awaited<ReturnType<typeof stage>>) => boolean,
    ) => {
      for (const { page } of projectors)
        await expect
          .poll(async () => test(await stage(page)), { message: what, timeout: 10_000 })
          .toBe(true)
      await settle()
    }

    // Writing: the canvas fitted to the frame the facilitator put on the stage.
    goToPhase(facilitator.doc, 0, O)
    const items = () => readCanvasContent(facilitator.doc, 'idees').items
    const besoins = items().find((item) => item.kind === 'frame' && item.text === 'Besoins')
    if (!besoins) throw new Error('no frame Besoins')
    // Written into the frame where the board places a new note there (in reading order).
    for (const text of WRITTEN) {
      const spot = placeNewItem({
        items: items(),
        view: { x: 0, y: 0, w: 1200, h: 700 },
        kind: 'note',
        frameId: besoins.id,
      })
      addBox(facilitator.doc, 'idees', { kind: 'note', x: spot.x, y: spot.y, text }, O)
    }
    setProjector(facilitator.doc, { frame: { phase: 'ecrire', itemId: besoins.id } }, O)
    await onAll(
      'the writing step’s notes',
      (seen) => WRITTEN.every((text) => seen.notes.includes(text)) && seen.timer && seen.qr,
    )
    await check('writing', (seen, size) => {
      expect(seen.framedWhole, `writing at ${size}: the frame's notes whole`).toBe(true)
      if (size === '1920×1080')
        expect(seen.noteText, 'note text on a 1080p projector (px)').toBeGreaterThanOrEqual(24)
    })

    // The facilitator hides the QR code and the timer, then shows them again.
    setProjector(facilitator.doc, { showQr: false, showTimer: false }, O)
    await onAll('no QR code nor timer', (seen) => !seen.qr && !seen.timer)
    setProjector(facilitator.doc, { showQr: true, showTimer: true }, O)

    // A dot vote by six people of two groups, on the seven notes: every result shown.
    const people: Person[] = []
    for (const [name, group] of [
      ['Ana', 'patient'],
      ['Bea', 'patient'],
      ['Cléo', 'patient'],
      ['Dan', 'citizen'],
      ['Éli', 'citizen'],
      ['Fay', 'citizen'],
    ] as Array<[string, PartnerGroup]>) {
      const person = await joinAs(e2e.server, workshop.id, workshop.tokens.participant, name, group)
      clients.push(person.shared, person.own)
      people.push(person)
    }
    await goToStep(facilitator, 1, people)
    const notes = items()
      .filter((item) => item.kind === 'note')
      .map((item) => item.id)
    expect(notes).toHaveLength(7)
    people.forEach((person, index) => {
      for (let k = 0; k <= index; k++)
        setDots(person.own.doc, 'points', notes[(index + k) % 7] ?? '', 1, O)
    })
    await closeVote(e2e.server, workshop, facilitator, 'points')
    await onAll('seven results', (seen) => seen.rows === 7)
    await check('dots', (seen, size) =>
      expect(seen.rowsWhole, `dot results at ${size}: every row whole`).toBe(true),
    )

    // A gradient of agreement: its eight points, whole.
    await goToStep(facilitator, 2, people)
    for (const [index, person] of people.entries())
      setGradient(person.own.doc, 'accord', (index % 8) + 1, O)
    await closeVote(e2e.server, workshop, facilitator, 'accord')
    await onAll('eight points', (seen) => seen.rows === 8)
    await check('gradient', (seen, size) =>
      expect(seen.rowsWhole, `gradient results at ${size}: every row whole`).toBe(true),
    )

    // The document: its current section, then the one the facilitator chooses.
    goToPhase(facilitator.doc, 3, O)
    await onAll('the first section', (seen) => seen.section.includes('Où en sommes-nous?'))
    await check('document', (seen, size) =>
      expect(seen.sectionWhole, `document at ${size}: the section whole`).toBe(true),
    )
    setProjector(facilitator.doc, { section: { phase: 'lire', index: 2 } }, O)
    await onAll('the third section', (seen) =>
      seen.section.includes('Qui appelle les personnes isolées?'),
    )
    await check('document-section', (seen, size) =>
      expect(seen.sectionWhole, `third section at ${size}: whole`).toBe(true),
    )

    // Nothing of the facilitator's ever reached the projectors' browsers.
    for (const { page, sent, viewport } of projectors) {
      const kept = await page.evaluate(async () => {
        const values = [localStorage, sessionStorage].flatMap((storage) =>
          Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`),
        )
        const bases = (await indexedDB.databases()).map((base) => base.name ?? '')
        return [...values, ...bases, location.href].join('\n')
      })
      const where = `the projector at ${viewport.width}×${viewport.height}`
      expect(kept, `${where}: its storage`).not.toContain(workshop.tokens.facilitator)
      expect(kept, `${where}: its storage`).toContain(workshop.tokens.observer)
      expect(sent.join('\n'), `${where}: its requests`).not.toContain(workshop.tokens.facilitator)
    }

    // The facilitator's own link, opened as a projector: refused, and kept nowhere.
    const wrong = await e2e.newPage({ width: 1280, height: 720 })
    await wrong.goto(
      `${e2e.server.url}/w/${workshop.id}/projector#token=${workshop.tokens.facilitator}`,
    )
    await wrong.getByRole('heading', { name: 'Ce lien n’est pas celui du projecteur' }).waitFor()
    expect(
      await wrong.evaluate(() =>
        [localStorage, sessionStorage, location]
          .map((part) => (part instanceof Storage ? JSON.stringify({ ...part }) : String(part)))
          .join('\n'),
      ),
    ).not.toContain(workshop.tokens.facilitator)
  }, 120_000)
})
