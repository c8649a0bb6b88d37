import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { listCanvases, readCanvasContent, readFlow } from '../../shared/schema/index.ts'
import { readResult } from '../../shared/schema/votes.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, openTab, useBrowserSuite, writeNote } from '../helpers/e2e.ts'
import type { TestClient } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

let observer: TestClient

const heading = (page: Page) =>
  page.getByRole('region', { name: 'Étape en cours' }).getByRole('heading').first()
const option = (page: Page, text: RegExp) => board(page).getByRole('option', { name: text })
const controls = (page: Page) => page.getByRole('region', { name: 'Animation' })

/**
 * Clicks "next step", answers what it asks (`answer`), and waits until every page (and the
 * server) shows step `n`.
 */
const nextStep = async (
  facilitator: Page,
  pages: Page[],
  n: number,
  answer?: (facilitator: Page) => Promise<void>,
) => {
  await controls(facilitator)
    .getByRole('button', { name: /^Étape suivante/ })
    .click()
  await answer?.(facilitator)
  await expect.poll(() => readFlow(observer.doc).phaseIndex, { timeout: 10_000 }).toBe(n - 1)
  for (const page of pages)
    await expect
      .poll(() => heading(page).textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^Étape ${n} sur`))
}

/** Moves keyboard focus through the board (Tab, in reading order) to the item with `text`. */
const focusItem = async (page: Page, text: RegExp) => {
  await board(page).focus()
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const label = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? '',
    )
    if (text.test(label)) return
  }
  throw new Error(`no item ${text} on the board`)
}

describe.skipIf(!runBrowser)('in Chromium: a whole workshop from a shipped template', () => {
  const e2e = useBrowserSuite()

  it('runs Modéliser l’intervention: phases, timer, private notes revealed, dot and gradient votes, projector', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Modèle Centre-Sud',
      template: 'modeliser-intervention',
    })
    observer = await e2e.observe(workshop)
    const phases = readFlow(observer.doc).phases
    const total = phases.length

    const facilitator = await e2e.join(
      workshop.links.facilitator,
      { name: 'Julie', group: /Autre/ },
      { width: 1366, height: 900 },
    )
    await openTab(facilitator, 'Animation')
    const ana = await e2e.join(workshop.links.participant, {
      name: 'Ana',
      group: /Patient partenaire/,
    })
    // On a phone: the step, then what it asks (its own suite is tests/e2e/phone.test.ts).
    const ben = await e2e.join(
      workshop.links.participant,
      { name: 'Ben', group: /Citoyen partenaire/ },
      { width: 360, height: 740 },
    )
    // The projector opens on its own link (read-only), from the facilitator's panel.
    const projectorLink = facilitator.getByRole('link', { name: /Ouvrir la vue projecteur/ })
    await projectorLink.waitFor({ timeout: 10_000 })
    const projector = await e2e.newPage({ width: 1920, height: 1080 })
    await projector.goto(`${e2e.server.url}${await projectorLink.getAttribute('href')}`)
    await expect
      .poll(() => projector.getByRole('img', { name: /Code QR pour rejoindre/ }).count(), {
        timeout: 15_000,
      })
      .toBe(1)
    const everyone = [facilitator, ana, ben]

    // Start: every page shows step 1, its timer, and no participant has the controls.
    expect(await heading(ana).textContent()).toMatch(
      /La séance n’a pas commencé|La séance n'a pas commencé/,
    )
    await controls(facilitator)
      .getByRole('button', { name: 'Commencer la séance' })
      .or(controls(facilitator).getByRole('button', { name: "Commencer l'atelier" }))
      .click()
    for (const page of everyone) {
      await expect
        .poll(() => heading(page).textContent(), { timeout: 10_000 })
        .toBe(`Étape 1 sur ${total}${phases[0]?.title.fr}`)
      await expect.poll(() => page.getByRole('timer', { name: 'Temps restant' }).count()).toBe(1)
    }
    expect(await controls(ana).count()).toBe(0)
    await expect
      .poll(() => projector.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toContain(`Étape 1 sur ${total}`)

    // Private writing: each note stays on its writer's device until the reveal.
    const privateStep = phases.findIndex((p) => !p.allow.seeOthers) + 1
    for (let n = 2; n <= privateStep; n++) await nextStep(facilitator, everyone, n)
    await writeNote(ana, 'Idée d’Ana')
    // Ben is on a phone: its composer, and his ideas listed under it.
    await ben.getByRole('textbox', { name: 'Écrire une idée' }).fill('Idée de Ben')
    await ben.getByRole('button', { name: 'Ajouter l’idée' }).click()
    await expect.poll(() => option(ana, /Idée d’Ana/).count(), { timeout: 10_000 }).toBe(1)
    await expect
      .poll(
        () =>
          ben
            .getByRole('region', { name: /^Mes idées/ })
            .getByText('Idée de Ben')
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await ben.getByText('Idée d’Ana').count()).toBe(0)
    expect(await option(facilitator, /Idée d’Ana/).count()).toBe(0)

    // The facilitator sees how many each has written (never what), where the reveal is.
    const privateCounts = controls(facilitator).getByRole('group', { name: 'Notes privées' })
    for (const line of ['Ana : 1', 'Ben : 1', 'Julie : 0'])
      await expect
        .poll(() => privateCounts.getByText(line, { exact: true }).count(), { timeout: 10_000 })
        .toBe(1)

    // Leaving private writing while notes wait asks first; here they are revealed next step.
    await nextStep(facilitator, everyone, privateStep + 1, async (page) => {
      const waiting = page.getByRole('alertdialog', {
        name: 'Des notes privées ne sont pas dévoilées',
      })
      await expect
        .poll(() => waiting.textContent(), { timeout: 10_000 })
        .toContain('2 notes privées écrites pendant')
      await waiting.getByRole('button', { name: 'Continuer sans dévoiler' }).click()
    })
    await controls(facilitator)
      .getByRole('button', { name: 'Dévoiler les notes privées', exact: true })
      .click()
    // It asks first, saying what it will do.
    const reveal = facilitator.getByRole('alertdialog', {
      name: /^Dévoiler les notes privées avec les noms/,
    })
    await expect
      .poll(() => reveal.textContent(), { timeout: 10_000 })
      .toContain('2 notes privées, écrites par 2 personnes, seront copiées')
    await reveal.getByRole('button', { name: 'Oui, dévoiler' }).click()
    const shared = () =>
      listCanvases(observer.doc).flatMap((canvas) =>
        readCanvasContent(observer.doc, canvas.id).items.map((item) => item.text),
      )
    await expect
      .poll(shared, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Idée d’Ana', 'Idée de Ben']))
    // Everyone's outline (the whole canvas as a list) now lists both.
    for (const page of [facilitator, ana]) {
      await page.getByRole('button', { name: 'Vue en liste' }).click()
      const outline = page.getByRole('region', { name: /^Plan du canevas/ })
      await expect.poll(() => outline.textContent(), { timeout: 10_000 }).toContain('Idée de Ben')
      expect(await outline.textContent()).toContain('Idée d’Ana')
      await page.getByRole('button', { name: 'Vue en liste' }).click()
    }

    // Dot vote: Ana gives 2 dots (the cap) to Ben's idea, Ben 1 to Ana's.
    const dotStep = phases.findIndex((p) => p.vote?.kind === 'dots') + 1
    for (let n = privateStep + 2; n <= dotStep; n++) await nextStep(facilitator, everyone, n)
    await focusItem(ana, /Idée de Ben/)
    await ana.keyboard.press('+')
    await ana.keyboard.press('+')
    await ana.keyboard.press('+')
    await ben.getByRole('button', { name: 'Ajouter un point à « Idée d’Ana »' }).click()
    await expect
      .poll(() => ana.getByText(/Il vous reste 3 points sur 5/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => ben.getByText(/Il vous reste 4 points sur 5/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await controls(facilitator)
      .getByRole('button', { name: 'Fermer le vote et montrer les résultats' })
      .click()
    const dotPhase = phases[dotStep - 1]?.id ?? ''
    await expect
      .poll(() => readResult(observer.doc, dotPhase)?.closed, { timeout: 10_000 })
      .toBe(true)
    const dots = readResult(observer.doc, dotPhase)
    if (dots?.kind !== 'dots') throw new Error('expected dot results')
    const canvasId = listCanvases(observer.doc)[0]?.id ?? ''
    expect(canvasId).not.toBe('')
    // One patient, one citizen: totals only, no breakdown that would show either ballot.
    expect(dots.groups).toEqual({ shown: [], folded: ['patient', 'citizen'] })
    expect(
      Object.values(dots.items)
        .map((entry) => [entry.total, Object.keys(entry.byGroup).length])
        .sort(),
    ).toEqual([
      [1, 0],
      [2, 0],
    ])
    const results = ana.getByRole('region', { name: /^Résultats du vote/ })
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect
      .poll(() => results.first().textContent(), { timeout: 10_000 })
      .toContain('Pas de répartition par groupe de partenaires')

    // Gradient of agreement: Ana 5, Ben 4.
    const gradientStep = phases.findIndex((p) => p.vote?.kind === 'gradient') + 1
    for (let n = dotStep + 1; n <= gradientStep; n++) await nextStep(facilitator, everyone, n)
    for (const [page, point] of [
      [ana, /^5\./],
      [ben, /^4\./],
    ] as const) {
      const ballot = page.getByRole('region', {
        name: /^Votre vote : degré d’accord|^Votre vote : degré d'accord/,
      })
      await ballot.getByRole('radio', { name: point }).check()
      await ballot.getByRole('button', { name: 'Enregistrer mon vote' }).click()
      await expect
        .poll(() => ballot.getByText('Vote enregistré').count(), { timeout: 10_000 })
        .toBeGreaterThan(0)
    }
    await controls(facilitator)
      .getByRole('button', { name: 'Fermer le vote et montrer les résultats' })
      .click()
    const gradientPhase = phases[gradientStep - 1]?.id ?? ''
    await expect
      .poll(() => readResult(observer.doc, gradientPhase)?.closed, { timeout: 10_000 })
      .toBe(true)
    expect(readResult(observer.doc, gradientPhase)).toMatchObject({
      kind: 'gradient',
      voters: 2,
      counts: [0, 0, 0, 1, 1],
    })
    await expect
      .poll(() => projector.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toContain(`Étape ${gradientStep} sur ${total}`)

    // The end, everywhere.
    await controls(facilitator)
      .getByRole('button', { name: /^Terminer l/ })
      .click()
    await facilitator
      .getByRole('alertdialog')
      .getByRole('button', { name: /^Oui, terminer/ })
      .click()
    for (const page of [...everyone, projector]) {
      await expect
        .poll(() => page.getByText(/La séance est terminée|La séance est terminée/).count(), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0)
    }
  })
})
