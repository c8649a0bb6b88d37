import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BoxItem,
  endWorkshop,
  goToPhase,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { PHONE, pageScrolls, joinByPhone as phoneJoins, smallTargets } from '../helpers/phone.ts'
import * as steps from '../helpers/stepTemplate.ts'
import { connectClient, synced } from '../helpers/yclient.ts'

const runBrowser = hasChromium()
const { localized } = steps

/** PHONE_SHOTS=<folder>: the tests also save what each screen looked like, to look at. */
const shot = steps.screenshots(process.env.PHONE_SHOTS)

/** Every kind of step a phone meets: writing (shared and private), votes, a charter, a document. */
const TEMPLATE = steps.template(
  'atelier-au-telephone',
  localized('Atelier au téléphone', 'Workshop on a phone'),
  {
    canvases: [
      steps.ideasCanvas({ id: 'solutions', title: localized('Solutions', 'Solutions') }, [
        {
          text: localized('Une ligne du quartier', 'A neighbourhood line'),
          frame: 'solutions',
        },
        { text: localized('Des pairs aidants', 'Peer helpers'), frame: 'solutions' },
      ]),
    ],
    documents: [
      steps.planDocument(
        localized(
          '# Prochains pas\n- Former des pairs aidants\n- Ouvrir la ligne du quartier',
          '# Next steps\n- Train peer helpers\n- Open the neighbourhood line',
        ),
      ),
    ],
    charters: [
      {
        id: 'patients',
        role: 'patient',
        title: localized('Patients partenaires', 'Patient partners'),
        items: [
          { text: localized('Parler de son expérience', 'Speak from experience') },
          { text: localized('Garder la confidentialité', 'Keep what is said private') },
        ],
      },
    ],
  },
  [
    steps.writeTogether(
      localized(
        'Écrivez vos besoins, une idée par note, dans la colonne Besoins.',
        'Write your needs, one idea per note, in the Needs column.',
      ),
      10,
    ),
    steps.dotVote(3, localized('Placez vos trois points.', 'Place your three dots.')),
    steps.writeAlone({
      title: localized('Écrire chacun de son côté', 'Write on your own'),
      instructions: localized('Personne ne voit vos notes.', 'Nobody sees your notes.'),
    }),
    steps.gradientVote('five'),
    {
      id: 'consentement',
      title: localized('Ronde de consentement', 'Consent round'),
      instructions: localized('Consentez ou objectez.', 'Consent or object.'),
      allow: steps.VOTING,
      vote: {
        kind: 'consent',
        proposal: localized('Former des pairs aidants', 'Train peer helpers'),
        hidden: true,
      },
    },
    {
      id: 'charte',
      title: localized('La charte des patients', 'The patients’ charter'),
      instructions: localized('Dites votre position.', 'Say where you stand.'),
      focus: { charter: 'patients' },
      allow: steps.VOTING,
    },
    steps.readPlan(true),
  ],
)

const NEEDS = ['Un médecin près de chez moi', 'Comprendre mon ordonnance']

/** The boxes of two rectangles overlap. */
const overlap = (a: BoxItem, b: BoxItem) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe.skipIf(!runBrowser)('in Chromium: a participant’s phone (390×844, touch)', () => {
  const e2e = useBrowserSuite()
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  const joinByPhone = (link: string, name: string, locale: 'fr' | 'en' = 'fr') => {
    if (!browser) throw new Error('no browser')
    return phoneJoins(browser, link, name, locale)
  }

  /** Each test gets a workshop of its own. */
  const workshop = steps.workshopsFrom(e2e, TEMPLATE)

  it('writes two ideas into the step’s frame, follows the step change to the vote and votes, by touch alone', async () => {
    const created = await workshop()
    const observer = await e2e.observe(created)
    const facilitator = await e2e.join(created.links.facilitator, { name: 'Julie', group: /Autre/ })
    const phone = await joinByPhone(created.links.participant, 'Amina')
    const controls = facilitator.getByRole('region', { name: 'Animation' })
    await facilitator.getByRole('button', { name: 'Animation', exact: true }).click()
    await controls.getByRole('button', { name: 'Commencer la séance' }).click()
    // The facilitator puts the "Besoins" frame on the stage: the step now points there.
    await facilitator
      .getByRole('combobox', { name: 'Partie du canevas à l’écran' })
      .selectOption({ label: 'Besoins' })

    // The phone: the step on top, then its composer, which says where ideas go.
    await phone.getByRole('heading', { name: /Étape 1 sur 7/ }).waitFor()
    const composer = phone.getByRole('textbox', { name: 'Écrire une idée' })
    await expect.poll(() => composer.getAttribute('aria-describedby')).toBeTruthy()
    await expect
      .poll(() => phone.getByText('Elle ira dans « Besoins ».').count(), { timeout: 10_000 })
      .toBe(1)
    expect(await pageScrolls(phone)).toBe(false)
    await shot(phone, 'fr-writing')

    // Two ideas by taps: the field stays focused and empty for the next one.
    await composer.tap()
    for (const need of NEEDS) {
      await phone.keyboard.type(need)
      await phone.getByRole('button', { name: 'Ajouter l’idée' }).tap()
      await expect.poll(() => composer.inputValue()).toBe('')
      expect(await composer.evaluate((field) => field === document.activeElement)).toBe(true)
    }
    await phone.getByRole('heading', { name: 'Mes idées (2)' }).waitFor()
    await shot(phone, 'fr-writing-two-ideas')

    // Both in the frame, on the grid, clear of each other and of every other box.
    const boxes = () =>
      readCanvasContent(observer.doc, 'idees').items.filter(
        (item): item is BoxItem => item.kind !== 'connector',
      )
    await expect
      .poll(() => boxes().filter((box) => NEEDS.includes(box.text)).length, { timeout: 10_000 })
      .toBe(2)
    const frame = boxes().find((box) => box.kind === 'frame' && box.text === 'Besoins')
    if (!frame) throw new Error('no frame Besoins')
    const written = boxes().filter((box) => NEEDS.includes(box.text))
    for (const note of written) {
      expect(note.frame).toBe(frame.id)
      expect(note.x).toBeGreaterThanOrEqual(frame.x)
      expect(note.y).toBeGreaterThanOrEqual(frame.y)
      expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(note.y + note.h).toBeLessThanOrEqual(frame.y + frame.h)
      for (const other of boxes())
        if (other.id !== note.id && other.kind !== 'frame') expect(overlap(note, other)).toBe(false)
    }
    // The facilitator's board has them too.
    for (const need of NEEDS)
      await facilitator.getByRole('option', { name: new RegExp(need) }).waitFor()

    // The board on demand: fitted to the frame, its notes readable, and back.
    await phone.getByRole('button', { name: 'Voir le tableau' }).tap()
    const board = phone.getByRole('listbox', { name: /^Canevas « / })
    await board.waitFor()
    await expect
      .poll(
        () =>
          phone.evaluate((texts) => {
            const world = document.querySelector<HTMLElement>('.canvas-world')
            const scale = world ? new DOMMatrix(getComputedStyle(world).transform).a : 0
            const shown = document.querySelector('.canvas-board')?.getBoundingClientRect()
            return [...document.querySelectorAll<HTMLElement>('.canvas-item--note')]
              .filter((item) =>
                texts.includes(item.querySelector('.canvas-item__text')?.textContent ?? ''),
              )
              .map((item) => {
                const box = item.getBoundingClientRect()
                const text = item.querySelector('.canvas-item__text')
                const size = text ? Number.parseFloat(getComputedStyle(text).fontSize) * scale : 0
                const inside = !!shown && box.left >= shown.left - 1 && box.right <= shown.right + 1
                return inside && size >= 12
              })
              .filter(Boolean).length
          }, NEEDS),
        { timeout: 10_000, message: 'the two ideas whole across the board, at 12 px or more' },
      )
      .toBe(2)
    expect(await pageScrolls(phone)).toBe(false)
    expect(await phone.locator('.canvas-hint').isVisible()).toBe(false)
    await shot(phone, 'fr-board')
    await phone.getByRole('button', { name: 'Retour à l’étape' }).tap()
    await composer.waitFor()

    // The facilitator goes to the vote: the phone comes to it, and says so.
    await controls.getByRole('button', { name: /^Étape suivante/ }).click()
    await expect.poll(() => readFlow(observer.doc).phaseIndex, { timeout: 10_000 }).toBe(1)
    const cue = phone
      .getByRole('status')
      .filter({ hasText: 'Nouvelle étape — 2 sur 7 : Voter par points' })
    await cue.waitFor({ timeout: 10_000 })
    expect(await cue.isVisible()).toBe(true)
    const vote = phone.getByRole('region', { name: 'Vote par points' })
    await vote.waitFor()
    expect(await composer.count()).toBe(0)
    const left = vote.getByTestId('dots-remaining')
    expect(await left.textContent()).toContain('Il vous reste 3 points sur 3')
    expect(await pageScrolls(phone)).toBe(false)
    await shot(phone, 'fr-dots')

    // A dot by touch on the first need; the list says what is left.
    await vote.getByRole('button', { name: `Ajouter un point à « ${NEEDS[0]} »` }).tap()
    await expect
      .poll(() => left.textContent(), { timeout: 10_000 })
      .toContain('Il vous reste 2 points sur 3')
    await shot(phone, 'fr-dots-voted')

    // The facilitator closes the vote and sees the ballot counted.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await controls.getByRole('button', { name: 'Fermer le vote et montrer les résultats' }).click()
    await expect
      .poll(() => facilitator.getByText('1 personne a voté').count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    // And the phone, its total on the idea.
    await expect
      .poll(() => vote.getByText('Total du groupe : 1 point').count(), { timeout: 10_000 })
      .toBe(1)
    expect(await pageScrolls(phone)).toBe(false)
  })

  it('writes into the second frame, chosen by touch, on no other note, and chooses by keyboard too', async () => {
    const created = await workshop()
    const observer = await e2e.observe(created)
    const facilitator = connectClient(e2e.server.syncUrl, created.id, created.tokens.facilitator)
    await synced(facilitator)
    try {
      const phone = await joinByPhone(created.links.participant, 'Amina')
      goToPhase(facilitator.doc, 0, 'test')
      await phone.getByRole('heading', { name: /Étape 1 sur 7/ }).waitFor({ timeout: 10_000 })
      const where = phone.getByRole('group', { name: 'Dans quelle partie du canevas\u202f?' })
      const composer = phone.getByRole('textbox', { name: 'Écrire une idée' })
      // The step names no frame: the first, « Besoins », is chosen; « Solutions » is beside it.
      expect(
        await where
          .getByRole('radio')
          .evaluateAll((radios) => radios.map((radio) => radio.closest('label')?.textContent)),
      ).toEqual(['Besoins', 'Solutions'])
      expect(await where.getByRole('radio', { name: 'Besoins' }).isChecked()).toBe(true)
      expect(await smallTargets(phone), 'controls under 44 px').toEqual([])
      expect(await pageScrolls(phone)).toBe(false)

      await where.getByText('Solutions', { exact: true }).tap()
      expect(await where.getByRole('radio', { name: 'Solutions' }).isChecked()).toBe(true)
      await phone.getByText('Elle ira dans « Solutions ».').waitFor()
      await shot(phone, 'fr-writing-frame-chosen')
      await composer.tap()
      await phone.keyboard.type('Un local pour se réunir')
      await phone.getByRole('button', { name: 'Ajouter l’idée' }).tap()
      await phone.getByText('Idée ajoutée dans « Solutions ». Écrivez la suivante.').waitFor()

      // In « Solutions », after the two notes it held, on none of them.
      const boxes = () =>
        readCanvasContent(observer.doc, 'idees').items.filter(
          (item): item is BoxItem => item.kind !== 'connector',
        )
      await expect
        .poll(() => boxes().some((box) => box.text === 'Un local pour se réunir'), {
          timeout: 10_000,
        })
        .toBe(true)
      const frame = boxes().find((box) => box.kind === 'frame' && box.text === 'Solutions')
      const note = boxes().find((box) => box.text === 'Un local pour se réunir')
      if (!frame || !note) throw new Error('no frame Solutions, or no note')
      expect(note.frame).toBe(frame.id)
      expect(note.x).toBeGreaterThanOrEqual(frame.x)
      expect(note.y).toBeGreaterThanOrEqual(frame.y)
      expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w)
      expect(note.y + note.h).toBeLessThanOrEqual(frame.y + frame.h)
      for (const other of boxes())
        if (other.id !== note.id && other.kind !== 'frame') expect(overlap(note, other)).toBe(false)

      // By keyboard: Shift+Tab from the field reaches the chosen frame, an arrow the other.
      await composer.focus()
      await phone.keyboard.press('Shift+Tab')
      expect(
        await where
          .getByRole('radio', { name: 'Solutions' })
          .evaluate((radio) => radio === document.activeElement),
      ).toBe(true)
      await phone.keyboard.press('ArrowLeft')
      expect(await where.getByRole('radio', { name: 'Besoins' }).isChecked()).toBe(true)
      await phone.getByText('Elle ira dans « Besoins ».').waitFor()
    } finally {
      facilitator.destroy()
    }
  })

  /** What each step shows first on the phone, by language: the step's action. */
  const ACTIONS: Record<
    'fr' | 'en',
    Array<[string, (page: Page) => ReturnType<Page['getByRole']>]>
  > = {
    fr: [
      ['writing', (page) => page.getByRole('textbox', { name: 'Écrire une idée' })],
      ['dots', (page) => page.getByRole('region', { name: 'Vote par points' })],
      [
        'private',
        (page) =>
          page.getByText('Privée, dans « Besoins » : vous seul·e la voyez jusqu’au dévoilement.'),
      ],
      ['gradient', (page) => page.getByRole('region', { name: 'Votre vote : degré d’accord' })],
      [
        'consent',
        (page) => page.getByRole('region', { name: /^Votre vote : ronde de consentement/ }),
      ],
      ['charter', (page) => page.getByRole('region', { name: 'Patients partenaires' })],
      ['document', (page) => page.getByRole('article', { name: 'Plan d’action' })],
    ],
    en: [
      ['writing', (page) => page.getByRole('textbox', { name: 'Write an idea' })],
      ['dots', (page) => page.getByRole('region', { name: 'Dot voting' })],
      [
        'private',
        (page) => page.getByText('Private, in “Needs”: only you see it until the reveal.'),
      ],
      ['gradient', (page) => page.getByRole('region', { name: 'Your vote: degree of agreement' })],
      ['consent', (page) => page.getByRole('region', { name: /^Your vote: consent/ })],
      ['charter', (page) => page.getByRole('region', { name: 'Patient partners' })],
      ['document', (page) => page.getByRole('article', { name: 'Action plan' })],
    ],
  }

  for (const locale of ['fr', 'en'] as const) {
    it(`shows every kind of step on one screen, with large touch targets (${locale})`, async () => {
      const created = await workshop()
      const facilitator = connectClient(e2e.server.syncUrl, created.id, created.tokens.facilitator)
      await synced(facilitator)
      try {
        const phone = await joinByPhone(created.links.participant, 'Amina', locale)
        const step = (n: number) =>
          phone.getByRole('heading', {
            name: new RegExp(locale === 'fr' ? `^Étape ${n} sur 7` : `^Step ${n} of 7`),
          })
        const check = async (name: string) => {
          expect(await pageScrolls(phone), `${name}: the page scrolls`).toBe(false)
          expect(await smallTargets(phone), `${name}: controls under 44 px`).toEqual([])
          await shot(phone, `${locale}-${name}`)
        }
        await phone
          .getByRole('button', { name: locale === 'fr' ? 'Tout lire' : 'Read it all' })
          .waitFor()
        await check('ready')
        for (const [index, [name, action]] of ACTIONS[locale].entries()) {
          goToPhase(facilitator.doc, index, 'test')
          await step(index + 1).waitFor({ timeout: 10_000 })
          await action(phone).waitFor({ timeout: 10_000 })
          await check(name)
        }
        // All the step's text, on demand.
        await phone
          .getByRole('button', { name: locale === 'fr' ? 'Tout lire' : 'Read it all' })
          .tap()
        await check('document-read-all')
        // "Modifier" opens this document in the editor, over the screen, and closes again.
        const en = locale === 'en'
        await phone
          .getByRole('button', { name: en ? 'Edit “Action plan”' : 'Modifier « Plan d’action »' })
          .tap()
        await phone
          .getByRole('textbox', {
            name: en ? 'Text of “Action plan”' : 'Texte de « Plan d’action »',
          })
          .waitFor({ timeout: 30_000 })
        await check('document-edit')
        expect(await phone.locator('.rich-text__hint').isVisible(), 'a keyboard hint').toBe(false)
        await phone
          .getByRole('button', { name: en ? 'Close the panel' : 'Fermer le panneau' })
          .tap()
        await phone
          .getByRole('button', { name: locale === 'fr' ? 'Voir le tableau' : 'See the board' })
          .tap()
        await phone.getByRole('listbox').waitFor()
        await check('board')
        endWorkshop(facilitator.doc, 'test')
        await phone
          .getByRole('status')
          .filter({
            hasText: locale === 'fr' ? 'La séance est terminée.' : 'The session has ended.',
          })
          .waitFor({ timeout: 10_000 })
        await check('ended')
      } finally {
        facilitator.destroy()
      }
    })
  }
})

describe.skipIf(!runBrowser)('in Chromium: a phone in a workshop that is full', () => {
  const e2e = useBrowserSuite({ maxRoomBytes: 40_000 })

  it('says what happened, what is kept and what to do, over the step', async () => {
    const created = await e2e.server.createWorkshop({ title: 'Atelier plein' })
    const browser = await launchChromium()
    try {
      const context = await browser.newContext({
        viewport: PHONE,
        hasTouch: true,
        isMobile: true,
        serviceWorkers: 'block',
      })
      const phone = await context.newPage()
      await phone.goto(created.links.participant)
      await phone.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
      await phone.getByText('Patient partenaire', { exact: true }).tap()
      await phone.getByRole('button', { name: 'Rejoindre' }).tap()
      await expect.poll(() => saveState(phone), { timeout: 15_000 }).toBe('saved')
      const composer = phone.getByRole('textbox', { name: 'Écrire une idée' })
      const full = phone.getByRole('alert').filter({ hasText: 'L’atelier est plein' })
      // Long ideas (within ITEM_TEXT_MAX), until the workshop has no room for the next.
      for (let n = 0; n < 16 && (await full.count()) === 0; n++) {
        await composer.fill(`${n} ${'Une très longue idée. '.repeat(200)}`)
        await phone.getByRole('button', { name: 'Ajouter l’idée' }).tap()
        await expect
          .poll(async () => (await saveState(phone)) === 'saved' || (await full.count()) > 0, {
            timeout: 10_000,
          })
          .toBe(true)
      }
      await full.waitFor({ timeout: 10_000 })
      for (const part of ['Ce qui s’est passé', 'Ce qui est gardé', 'Que faire'])
        expect(await full.getByText(part, { exact: true }).count()).toBe(1)
      expect(await full.textContent()).toContain('Prévenez l’animateur·rice.')
      expect(await saveState(phone)).toBe('error')
      expect(await pageScrolls(phone)).toBe(false)
      await shot(phone, 'fr-full')
    } finally {
      await browser.close()
    }
  })
})
