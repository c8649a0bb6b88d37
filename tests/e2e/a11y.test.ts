import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createDecision,
  goToPhase,
  readCanvasContent,
  setSpotlight,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { readResult } from '../../shared/schema/votes.ts'
import { expectNoAxeViolations } from '../helpers/axe.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, openTab, saveState, useBrowserSuite, writeIdea, writeNote } from '../helpers/e2e.ts'
import * as steps from '../helpers/stepTemplate.ts'
import { waitFor } from '../helpers/yclient.ts'

const runBrowser = hasChromium()
const { localized } = steps
const O = 'test'

const DESKTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }
const SIZES = { desktop: DESKTOP, phone: PHONE }

/** A phone's heading of the step's action, where the focus goes when what had it is gone. */
const phoneStep = (page: Page) =>
  page.getByRole('heading', { name: 'Ce que l’étape vous demande', level: 2 })

/** One step of each kind: writing together, private writing, a dot vote, a gradient, a document. */
const TEMPLATE = steps.template(
  'accessibilite',
  localized('Accessibilité', 'Accessibility'),
  {
    canvases: [
      steps.ideasCanvas({ id: 'pistes', title: localized('Pistes', 'Leads') }, [
        {
          text: localized(
            'Une ligne téléphonique du quartier ouverte le soir et la fin de semaine, pour les personnes seules',
            'A neighbourhood phone line open evenings and weekends, for people living alone',
          ),
          frame: 'pistes',
        },
      ]),
    ],
    documents: [
      steps.planDocument(
        localized('# Prochains pas\n- Former des pairs aidants', '# Next steps\n- Train peers'),
      ),
    ],
  },
  [
    steps.writeTogether(),
    steps.writeAlone({
      title: localized('Écrire seul', 'Write alone'),
      instructions: localized('Vos notes restent privées.', 'Your notes stay private.'),
      timeboxMinutes: 5,
    }),
    steps.dotVote(5),
    steps.gradientVote('kaner'),
    steps.readPlan(),
  ],
)

describe.skipIf(!runBrowser)('in Chromium: axe-core finds no violation', () => {
  const e2e = useBrowserSuite()

  /** Each test gets a workshop of its own. */
  const workshopFromTemplate = steps.workshopsFrom(e2e, TEMPLATE)

  it('on every page and in every state of a workshop, on a desktop and a phone', async () => {
    /** axe on a page once it has settled (lazy chunks, fonts, the board's first frames). */
    const check = async (page: Page, where: string) => {
      await page.waitForLoadState('networkidle')
      await new Promise((resolve) => setTimeout(resolve, 300))
      await expectNoAxeViolations(page, where)
    }

    const workshop = await workshopFromTemplate('Atelier accessible')
    const facilitation = await e2e.facilitate(workshop)

    const home = await e2e.newPage(DESKTOP)
    await home.goto(e2e.server.url)
    await home.getByRole('heading', { level: 1 }).waitFor()
    await check(home, 'home')
    for (const [size, viewport] of Object.entries(SIZES)) {
      const join = await e2e.newPage(viewport)
      await join.goto(workshop.links.participant)
      await join.getByRole('textbox', { name: 'Votre nom' }).waitFor()
      await check(join, `join (${size})`)
    }

    const facilitator = await e2e.join(
      workshop.links.facilitator,
      { name: 'Julie', group: /Autre/ },
      DESKTOP,
    )
    const participant = await e2e.join(
      workshop.links.participant,
      { name: 'Amina', group: /Patient partenaire/ },
      DESKTOP,
    )
    const phone = await e2e.join(
      workshop.links.participant,
      { name: 'Bruno', group: /Citoyen partenaire/ },
      PHONE,
    )
    // An observer is asked for nothing: one button in.
    const observer = await e2e.newPage(DESKTOP)
    await observer.goto(workshop.links.observer)
    await check(observer, 'observer entry')
    await observer.getByRole('button', { name: 'Entrer comme observateur·rice' }).click()
    await expect.poll(() => saveState(observer), { timeout: 15_000 }).toBe('saved')
    await openTab(facilitator, 'Animation')
    const projectorLink = facilitator.getByRole('link', { name: /Ouvrir la vue projecteur/ })
    const projector = await e2e.newPage({ width: 1920, height: 1080 })
    await projector.goto(`${e2e.server.url}${await projectorLink.getAttribute('href')}`)
    await projector.getByRole('img', { name: /Code QR pour rejoindre/ }).waitFor()

    /**
     * After what others do (a reveal, a vote closed, the next step), the focus is on `target`,
     * not fallen to the page's body with the element that had it. Soft, as axe's findings.
     */
    const expectFocusOn = async (target: Locator, after: string) => {
      const focused = () => target.evaluate((element) => element === document.activeElement)
      const until = Date.now() + 5000
      while (!(await focused().catch(() => false)) && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 100))
      const now = await target
        .page()
        .evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing')
      expect.soft(await focused().catch(() => false), `${after}: the focus is on ${now}`).toBe(true)
    }
    /** A phone's two screens: the step and its action, then the board on demand, and back. */
    const checkPhone = async (page: Page, where: string) => {
      await check(page, `${where} (phone)`)
      await page.getByRole('button', { name: 'Voir le tableau' }).click()
      await board(page).waitFor()
      await check(page, `${where} (phone, « Voir le tableau »)`)
      await page.getByRole('button', { name: 'Retour à l’étape' }).click()
      await page.getByRole('button', { name: 'Voir le tableau' }).waitFor()
    }
    /** Every role's page in this step: desktop and phone, and the projector. */
    const checkEveryone = async (step: string) => {
      for (const [size, viewport] of Object.entries(SIZES)) {
        await facilitator.setViewportSize(viewport)
        await observer.setViewportSize(viewport)
        await check(facilitator, `facilitator, ${step} (${size}, Animation panel)`)
        if (viewport === PHONE) await checkPhone(observer, `observer, ${step}`)
        else await check(observer, `observer, ${step} (${size})`)
      }
      await observer.setViewportSize(DESKTOP)
      await check(participant, `participant, ${step} (desktop)`)
      await checkPhone(phone, `participant, ${step}`)
      await check(projector, `projector, ${step}`)
    }
    await checkEveryone('before the start')

    // Writing together: the board with notes, and the side panel's people.
    // The phone's idea keeps its row, and the focus on its « Modifier », as others write.
    startWorkshop(facilitation.doc, O)
    await writeIdea(phone, 'Un numéro à appeler le soir')
    const editIdea = phone.getByRole('button', { name: 'Modifier : Un numéro à appeler le soir' })
    await editIdea.focus()
    await writeNote(participant, 'Être écouté sans jugement')
    await board(participant)
      .getByRole('option', { name: /Être écouté/ })
      .waitFor()
    // The facilitator spotlights it: the phone has the note once its step card quotes it.
    const written = () =>
      readCanvasContent(facilitation.doc, 'idees').items.find(
        (item) => item.kind === 'note' && item.text === 'Être écouté sans jugement',
      )?.id
    await waitFor('the note in the workshop', () => written() !== undefined)
    setSpotlight(facilitation.doc, { canvasId: 'idees', itemId: written() ?? '' }, O)
    await phone.getByText(/attire votre attention sur\u00a0: «\u00a0Être écouté/).waitFor()
    await expectFocusOn(editIdea, 'a note written by another, then spotlit (phone)')
    await checkEveryone('writing together')
    await openTab(facilitator, 'Personnes')
    await check(facilitator, 'facilitator, people and balance (desktop)')
    await openTab(participant, 'Personnes')
    await check(participant, 'participant, people (desktop)')

    // Private writing.
    setSpotlight(facilitation.doc, null, O)
    goToPhase(facilitation.doc, 1, O)
    await writeNote(participant, 'Une idée à moi')
    await writeIdea(phone, 'Mon idée au téléphone')
    await openTab(facilitator, 'Animation')
    await checkEveryone('private writing')

    // The facilitator reveals the private notes (named): they join the shared canvas. The
    // desktop had the focus on its private note, the phone on its idea's « Modifier ».
    const myNote = board(participant).getByRole('option', { name: /Une idée à moi/ })
    await expectFocusOn(myNote, 'a note written')
    const editMine = phone.getByRole('button', { name: 'Modifier : Mon idée au téléphone' })
    await editMine.focus()
    const revealed = await fetch(`${e2e.server.url}/api/workshops/${workshop.id}/reveal`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${workshop.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ canvasId: 'idees', anonymous: false }),
    })
    expect(await revealed.json()).toEqual({ revealed: 2 })
    await board(participant)
      .getByRole('option', { name: /^Note : Une idée à moi/ })
      .waitFor()
    await expectFocusOn(board(participant), 'the reveal (desktop)')
    await expectFocusOn(phoneStep(phone), 'the reveal (phone)')
    await checkEveryone('private notes revealed')

    // The dot vote, then its results.
    goToPhase(facilitation.doc, 2, O)
    await participant
      .getByText(/Il vous reste 5 points sur 5/)
      .first()
      .waitFor()
    await checkEveryone('dot vote')
    // Beside the listbox, the idea's dot buttons are still drawn on it (the board's camera)
    // and named with its whole text.
    const long = TEMPLATE.content.canvases[0]?.notes[0]?.text.fr ?? ''
    const idea = board(participant).getByRole('option', { name: new RegExp(`^Note : ${long}`) })
    const add = participant.getByRole('button', { name: `Ajouter un point à « ${long} »` })
    const [ideaBox, addBox] = [await idea.boundingBox(), await add.boundingBox()]
    if (!ideaBox || !addBox) throw new Error('the idea or its button is not on screen')
    expect(addBox.x).toBeGreaterThanOrEqual(ideaBox.x)
    expect(addBox.x + addBox.width).toBeLessThanOrEqual(ideaBox.x + ideaBox.width)
    expect(addBox.y).toBeGreaterThanOrEqual(ideaBox.y)
    expect(addBox.y + addBox.height).toBeLessThanOrEqual(ideaBox.y + ideaBox.height)
    await add.click()
    await participant
      .getByText(/Il vous reste 4 points sur 5/)
      .first()
      .waitFor()
    await check(participant, 'participant, a dot given (desktop)')
    const dots = phone.getByRole('region', { name: 'Vote par points' })
    await dots.getByRole('button', { name: `Ajouter un point à « ${long} »` }).click()
    await dots
      .getByTestId('dots-remaining')
      .filter({ hasText: 'Il vous reste 4 points sur 5' })
      .waitFor()
    await check(phone, 'participant, a dot given (phone)')
    const phoneAdd = dots.getByRole('button', { name: `Ajouter un point à « ${long} »` })
    const close = (phase: string) =>
      fetch(`${e2e.server.url}/api/workshops/${workshop.id}/votes/${phase}/close`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
      })
    expect((await close('points')).status).toBe(200)
    await waitFor('the dot results', () => readResult(facilitation.doc, 'points')?.closed === true)
    await participant
      .getByRole('region', { name: /^Résultats du vote/ })
      .first()
      .waitFor()
    await expectFocusOn(add, 'the dot vote closed (desktop)')
    await expectFocusOn(phoneAdd, 'the dot vote closed (phone)')
    await checkEveryone('dot vote results')

    // The gradient: the ballot, a vote, the results.
    goToPhase(facilitation.doc, 3, O)
    const ballot = participant.getByRole('region', { name: /^Votre vote : degré d’accord/ })
    await ballot.waitFor()
    await expectFocusOn(board(participant), 'the step after the dot vote (desktop)')
    await checkEveryone('gradient')
    await ballot.getByRole('radio', { name: /^5\./ }).check()
    await ballot.getByRole('button', { name: 'Enregistrer mon vote' }).click()
    await ballot.getByText('Vote enregistré').first().waitFor()
    await check(participant, 'participant, gradient voted (desktop)')
    const phoneBallot = phone.getByRole('region', { name: /^Votre vote : degré d’accord/ })
    await phoneBallot.getByRole('radio', { name: /^2\./ }).check()
    await phoneBallot.getByRole('button', { name: 'Enregistrer mon vote' }).click()
    await phoneBallot.getByText('Vote enregistré').first().waitFor()
    await check(phone, 'participant, gradient voted (phone)')
    expect((await close('accord')).status).toBe(200)
    await waitFor(
      'the gradient results',
      () => readResult(facilitation.doc, 'accord')?.closed === true,
    )
    await participant
      .getByRole('region', { name: /^Résultats du vote/ })
      .first()
      .waitFor()
    const ballotHeading = { name: 'Votre vote : degré d’accord', level: 2 }
    await expectFocusOn(ballot.getByRole('heading', ballotHeading), 'the gradient closed (desktop)')
    await expectFocusOn(
      phoneBallot.getByRole('heading', ballotHeading),
      'the gradient closed (phone)',
    )
    await checkEveryone('gradient results')

    // The document step, the lab's sessions, and every tab of the side panel's artefacts.
    createDecision(
      facilitation.doc,
      { title: 'Ouvrir la ligne du quartier', decision: 'Oui, dès le printemps.' },
      O,
    )
    goToPhase(facilitation.doc, 4, O)
    await phone.getByRole('article', { name: 'Plan d’action' }).waitFor()
    await expectFocusOn(board(participant), 'the step after the gradient (desktop)')
    await checkEveryone('reading the document')
    for (const [tab, what] of [
      ['Séances', 'sessions'],
      ['Documents', 'documents'],
      ['Chartes des rôles', 'charters'],
      ['Plan', 'plan'],
      ['Décisions', 'decisions'],
      ['Versions et exports', 'versions'],
    ] as const) {
      for (const [page, who] of [
        [facilitator, 'facilitator'],
        [participant, 'participant'],
        [phone, 'participant'],
      ] as const) {
        await openTab(page, tab)
        await check(page, `${who}, ${what} (${page === phone ? 'phone' : 'desktop'})`)
      }
    }
    await participant.getByRole('combobox', { name: 'Langue' }).selectOption('en')
    await participant.getByRole('combobox', { name: 'Language' }).waitFor()
    await check(participant, 'participant, versions, in English (desktop)')
    await phone.getByRole('combobox', { name: 'Langue' }).selectOption('en')
    await phone.getByRole('combobox', { name: 'Language' }).waitFor()
    await check(phone, 'participant, versions, in English (phone)')

    await facilitator.getByRole('textbox', { name: 'Nom de la version' }).fill('Avant la pause')
    await facilitator.getByRole('button', { name: 'Nommer cette version' }).click()
    await facilitator.getByRole('rowheader', { name: 'Avant la pause' }).waitFor()
    await facilitator.getByRole('button', { name: 'Comparer', exact: true }).click()
    await facilitator
      .getByText(/Ajouté|Aucun changement/)
      .first()
      .waitFor()
    await check(facilitator, 'facilitator, versions compared (desktop)')

    // The printable report.
    const [report] = await Promise.all([
      facilitator.context().waitForEvent('page'),
      facilitator.getByRole('button', { name: /Rapport à imprimer/ }).click(),
    ])
    await report.getByRole('heading', { name: 'Atelier accessible', level: 1 }).waitFor()
    await check(report, 'report')
  }, 480_000)

  it('puts the focus on the step’s heading after « Rejoindre », not on the page’s body', async () => {
    const workshop = await workshopFromTemplate('Focus')
    for (const viewport of Object.values(SIZES)) {
      const page = await e2e.join(
        workshop.links.participant,
        { name: 'Amina', group: /Patient partenaire/ },
        viewport,
      )
      const heading = page.getByRole('region', { name: 'Étape en cours' }).getByRole('heading')
      await expect
        .poll(() => heading.first().evaluate((element) => element === document.activeElement))
        .toBe(true)
      expect(await heading.first().textContent()).toBe('La séance n’a pas commencé')
    }
  })
})
