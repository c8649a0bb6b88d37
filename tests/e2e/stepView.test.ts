import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addBox, goToPhase, readCanvasContent } from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { useBrowserSuite } from '../helpers/e2e.ts'
import { shownColour } from '../helpers/pixels.ts'
import * as steps from '../helpers/stepTemplate.ts'

/**
 * Where the desktop board opens on a shipped template's step (groupe-nominal): the step's
 * question whole on the board (its text too), at a size one reads, beside the step card rather than under
 * it, and so again when the window changes while the person has not moved the camera; on the
 * dot vote, no note nor its dots under the card, and every note drawn.
 */

const runBrowser = hasChromium()
const O = 'test'
const PHASE = { question: 0, roundRobin: 2, firstVote: 4 }
/** LAYOUT_SHOTS=<folder>: the test also saves what each screen looked like, to look at. */
const shot = steps.screenshots(process.env.LAYOUT_SHOTS)

const IDEAS = [
  'Un transport vers la clinique',
  'Quelqu’un qui appelle chaque semaine',
  'Un repas partagé au centre',
  'De l’aide pour les formulaires',
  'Une liste des ressources du quartier',
  'Un café-rencontre chaque mois',
  'Des visites à domicile',
  'Un groupe de marche',
]

/** Each note and its dot controls on the board: whole on it, cut by its edge, under the card. */
const seen = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('.step-card:not([hidden])')?.getBoundingClientRect()
    const board = document.querySelector('.canvas-board')?.getBoundingClientRect()
    const world = document.querySelector<HTMLElement>('.canvas-world')
    const meets = (a: DOMRect, b: DOMRect | undefined) =>
      !!b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    const inside = (a: DOMRect, b: DOMRect | undefined) =>
      !!b &&
      a.left >= b.left - 1 &&
      a.right <= b.right + 1 &&
      a.top >= b.top - 1 &&
      a.bottom <= b.bottom + 1
    const notes = [...document.querySelectorAll<HTMLElement>('.canvas-item--note')].map((note) => {
      const rect = note.getBoundingClientRect()
      const text = note.querySelector('.canvas-item__text')
      return {
        text: text?.textContent ?? '',
        /** A point inside it, in its padding below the text (the note's own colour there). */
        inside: { x: rect.left + 4, y: rect.bottom - 4 },
        /** Its text whole inside the note (a note clips what it cannot hold). */
        textWhole: !!text && text.scrollHeight <= text.clientHeight + 1,
        onBoard: meets(rect, board),
        whole: inside(rect, board),
        underCard: meets(rect, card),
      }
    })
    const dots = [...document.querySelectorAll<HTMLElement>('.canvas-dots')]
      .map((element) => element.getBoundingClientRect())
      .filter((rect) => meets(rect, board))
    return {
      card: !!card,
      zoom: world ? new DOMMatrix(getComputedStyle(world).transform).a : 0,
      notes,
      dots: dots.length,
      dotsUnderCard: dots.filter((rect) => meets(rect, card)).length,
    }
  })

describe.skipIf(!runBrowser)('in Chromium: the board opens on the step beside its card', () => {
  const e2e = useBrowserSuite()

  const nominalGroup = async () => {
    const workshop = await e2e.server.createWorkshop({ template: 'groupe-nominal' })
    const facilitator = await e2e.facilitate(workshop)
    return { workshop, facilitator: facilitator.doc }
  }

  it('shows the question whole, readable, beside the card, at each size and when the window changes', async () => {
    const { workshop, facilitator } = await nominalGroup()
    goToPhase(facilitator, PHASE.question, O)
    for (const [viewport, language] of [
      [{ width: 1366, height: 768 }, 'fr'],
      [{ width: 1920, height: 1080 }, 'en'],
    ] as const) {
      const page = await e2e.join(workshop.links.participant, {
        name: 'Amina',
        group: /Patient partenaire/,
      })
      await page.setViewportSize(viewport)
      if (language === 'en') await page.getByRole('combobox', { name: 'Langue' }).selectOption('en')
      const where = `${viewport.width}×${viewport.height}, ${language}`
      const question = async () => (await seen(page)).notes.find((note) => note.onBoard)
      await expect
        .poll(question, { message: where })
        .toMatchObject({ whole: true, textWhole: true })
      const shown = await seen(page)
      expect(shown.card, where).toBe(true)
      expect(
        shown.notes.filter((note) => note.underCard),
        where,
      ).toEqual([])
      expect(shown.zoom, where).toBeGreaterThanOrEqual(0.85)
      await shot(page, `step-question-${viewport.width}-${language}`)

      // A shorter window (the browser's own bars, a window not yet maximised): still whole.
      await page.setViewportSize({ width: viewport.width, height: viewport.height - 170 })
      await expect
        .poll(question, { message: `${where}, shorter` })
        .toMatchObject({ whole: true, underCard: false })
      await shot(page, `step-question-${viewport.width}-${language}-shorter`)
      await page.close()
    }
  })

  it('keeps the dot vote’s ideas and their dots out from under the card at 1366×768', async () => {
    const { workshop, facilitator } = await nominalGroup()
    goToPhase(facilitator, PHASE.roundRobin, O)
    const frame = readCanvasContent(facilitator, 'idees').items.find(
      (item) => item.kind === 'frame' && item.text === 'Toutes les idées',
    )
    if (!frame || !('x' in frame)) throw new Error('no frame « Toutes les idées »')
    IDEAS.forEach((text, i) => {
      const x = frame.x + 40 + 180 * (i % 6)
      const y = frame.y + 60 + 180 * Math.floor(i / 6)
      addBox(facilitator, 'idees', { kind: 'note', x, y, text }, O)
    })
    goToPhase(facilitator, PHASE.firstVote, O)
    const page = await e2e.join(
      workshop.links.participant,
      { name: 'Amina', group: /Patient partenaire/ },
      { width: 1366, height: 768 },
    )
    await page.getByRole('button', { name: `Ajouter un point à « ${IDEAS[0]} »` }).waitFor()
    // The notes in view become elements a few at a time.
    const onBoard = async () => (await seen(page)).notes.filter((note) => note.onBoard).length
    await expect.poll(onBoard).toBeGreaterThan(3)
    const shown = await seen(page)
    await shot(page, 'step-vote-1366')
    expect(shown.card).toBe(true)
    expect(shown.notes.filter((note) => note.underCard).map((note) => note.text)).toEqual([])
    expect(shown.dots).toBeGreaterThan(0)
    expect(shown.dotsUnderCard).toBe(0)
    // Each note on screen is drawn: its colour, not the board's backdrop (#fbfbf8), which the
    // dots' layer lies over it with.
    for (const note of shown.notes.filter((note) => note.whole)) {
      const colour = await shownColour(page, note.inside.x, note.inside.y)
      expect(colour, `« ${note.text} » drawn`).not.toEqual([251, 251, 248])
    }
    // The question is on the board, and takes no dots.
    expect(shown.notes.find((note) => note.text.startsWith('Notre question'))?.whole).toBe(true)
    expect(await page.getByRole('button', { name: /Notre question/ }).count()).toBe(0)
  })
})
