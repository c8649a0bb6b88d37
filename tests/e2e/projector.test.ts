// One file (over 500 lines): one browser suite (a server, Chromium, three projector sizes) for
// each template's run, and what it measures on the stage (`look`), written once above them.
import { mkdirSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { addPlacedBox } from '../../client/features/canvas/editor/addPlaced.ts'
import { projectorLink } from '../../client/features/projector/projectorToken.ts'
import { placeNewItem } from '../../shared/canvas/placement.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  endWorkshop,
  readCanvasContent,
  readFlow,
  setProjector,
} from '../../shared/schema/index.ts'
import { setDots, setGradient } from '../../shared/schema/votes.ts'
import type { WorkshopTemplate } from '../../shared/template.ts'
import { hasChromium } from '../helpers/browser.ts'
import { closeVote, goToStep, useBrowserSuite } from '../helpers/e2e.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import type { TestClient } from '../helpers/yclient.ts'

/**
 * The projector with the shipped templates and real-length notes, at the three screen sizes,
 * in French and English: what a person at 3 m reads. PROJECTOR_SHOTS=<folder> also saves
 * what each screen looked like, to look at, and prints the sizes measured.
 */
const runBrowser = hasChromium()
const O = 'test'
const SHOTS = process.env.PROJECTOR_SHOTS
if (SHOTS) mkdirSync(SHOTS, { recursive: true })

const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]
/** Note text at least 24 px on a 1080p screen, the same share of the height on the others. */
const READABLE = 24 / 1080

const template = (id: string): WorkshopTemplate =>
  JSON.parse(readFileSync(`templates/${id}.json`, 'utf8')) as WorkshopTemplate

/** A frame's notes as the room reads them: the template's own, in its language, then `written`. */
const frameNotes = (id: string, frame: string, written: readonly string[]) => {
  const notes = template(id).content.canvases.flatMap((canvas) =>
    canvas.notes.filter((note) => note.frame === frame),
  )
  return {
    fr: [...notes.map((note) => note.text.fr), ...written],
    en: [...notes.map((note) => note.text.en), ...written],
  }
}

/** What people of a role-charter workshop write about the clinicians' role: real lengths. */
const CLINICIANS = [
  'Idée : la travailleuse sociale pourrait animer un groupe de parole une fois par mois',
  'Limite : le médecin ne devrait pas décider seul du plan de soins',
  'Question : qui appelle le patient quand un rendez-vous est annulé?',
  'Idée : l’infirmière présente le patient partenaire aux nouveaux collègues',
  'Limite : ne pas demander au patient partenaire de remplacer un intervenant',
  'Idée : réserver dix minutes à chaque réunion pour la parole des patients',
  'Question : comment reconnaître le temps que les cliniciens donnent au projet?',
  'Idée : une fiche simple qui explique qui fait quoi, affichée à l’accueil',
  'Limite : le psychologue garde le secret professionnel, même en équipe élargie',
  'Idée : former les cliniciens à parler sans jargon',
  'Question : qui tranche quand un patient partenaire et un médecin ne sont pas d’accord?',
  'Idée : l’organisateur communautaire fait le lien avec les organismes du quartier',
  'Limite : pas de décision clinique prise en réunion publique',
  'Idée : inviter les pharmaciens du quartier une fois par saison',
  'Question : comment partager les dossiers sans briser la confidentialité?',
  'Idée : un clinicien répondant pour chaque patient partenaire nouvellement arrivé',
]

/** What an open-plan workshop writes under "Prochains pas": an action, who, by when. */
const NEXT_STEPS = [
  'Former six nouveaux pairs aidants d’ici juin — Amina et la CDC Centre-Sud',
  'Ouvrir la ligne téléphonique du quartier deux soirs par semaine — Julien',
  'Rencontrer la pharmacie Ontario pour les rappels de renouvellement — Chloé, en mars',
  'Traduire le dépliant d’accueil en arabe et en espagnol — comité des usagers',
  'Tenir un café-rencontre à la bibliothèque chaque premier mardi — Marc',
  'Faire le bilan des six premiers mois avec les patients partenaires — tout le monde',
  'Demander un local à la Ville pour les groupes de parole — Sophie, avant l’été',
  'Écrire une page simple sur qui fait quoi dans la communauté soignante — Nadia',
  'Inviter le CIUSSS à la prochaine rencontre pour parler du financement — Julie',
  'Préparer une formation courte sur le partenariat pour les résidents en médecine',
  'Recenser les organismes du quartier qui accueillent les personnes seules — Léo',
  'Tester un rappel par texto avant les rendez-vous, avec dix patients volontaires',
]

interface Seen {
  scrolls: boolean
  /** Each note text found on the stage: its rendered size (px) and whether it is whole. */
  notes: Array<{ text: string; px: number; whole: boolean }>
  /** The notes the stage says it does not show, or 0. */
  untold: number
  /** Frames drawn on the stage's board (none without a board), and those cut by its edges. */
  frames: number
  framesCut: string[]
  /** The step's instructions: found in full, whole in their box, inside the screen. */
  instructions: { found: boolean; whole: boolean; px: number }
  /** Result rows cut by the stage's edges (their text), and the size of their labels (px). */
  rowsCut: string[]
  rowPx: number
  qr: boolean
  joinText: boolean
  address: string
  text: string
}

/** What to look for: note texts, the step's instructions, the frames of the canvas shown. */
interface Looked {
  notes: readonly string[]
  instructions: string
  frames: ReadonlyArray<{ id: string; title: string; x: number; y: number; w: number; h: number }>
}

/** What a person in the room sees on one projector, measured in the page. */
const look = (page: Page, { notes, instructions, frames }: Looked) =>
  page.evaluate(
    ({ notes, instructions, frames }): Seen => {
      const root = document.documentElement
      const stage = document.querySelector<HTMLElement>('.projector__stage')
      const area = stage?.getBoundingClientRect()
      const inside = (inner: DOMRect, outer: DOMRect | undefined) =>
        !!outer &&
        inner.width > 0 &&
        inner.top >= outer.top - 1 &&
        inner.bottom <= outer.bottom + 1 &&
        inner.left >= outer.left - 1 &&
        inner.right <= outer.right + 1
      /** The size text is drawn at on screen: its font size times any zoom around it. */
      const drawn = (element: HTMLElement) =>
        element.offsetWidth > 0
          ? (Number.parseFloat(getComputedStyle(element).fontSize) *
              element.getBoundingClientRect().width) /
            element.offsetWidth
          : 0
      const uncut = (element: HTMLElement) =>
        element.scrollHeight <= element.clientHeight + 1 &&
        element.scrollWidth <= element.clientWidth + 1
      const leaves = [...(stage?.querySelectorAll<HTMLElement>('*') ?? [])].filter(
        (element) => element.children.length === 0,
      )
      const shown = notes.flatMap((text) => {
        const element = leaves.find((leaf) => leaf.textContent?.trim() === text)
        if (!element || element.getBoundingClientRect().width === 0) return []
        const whole = inside(element.getBoundingClientRect(), area) && uncut(element)
        return [{ text, px: drawn(element), whole }]
      })
      const told = /(?:Et|And) (\d+) (?:autres? notes?|more notes?)/.exec(stage?.innerText ?? '')
      const board = stage?.querySelector('.canvas-board')?.getBoundingClientRect()
      const world = stage?.querySelector<HTMLElement>('.canvas-world')
      const origin = world?.getBoundingClientRect()
      const scale = world ? new DOMMatrix(getComputedStyle(world).transform).a : 0
      /** Each frame the board draws: as an element (unless hidden), or painted when far out. */
      const drawnFrames =
        origin && scale > 0
          ? frames.flatMap((frame) => {
              const element = stage?.querySelector(`[data-item-id="${CSS.escape(frame.id)}"]`)
              if (element && getComputedStyle(element).visibility === 'hidden') return []
              // Near, the board makes elements of what is in and around the view only.
              if (!element && !stage?.querySelector('.canvas-board.is-low-detail')) return []
              const rect =
                element?.getBoundingClientRect() ??
                new DOMRect(
                  origin.left + frame.x * scale,
                  origin.top + frame.y * scale,
                  frame.w * scale,
                  frame.h * scale,
                )
              return [{ title: frame.title, rect }]
            })
          : []
      // The innermost element that holds them (the size they are drawn at is its own).
      const said = [...document.querySelectorAll<HTMLElement>('body *')].findLast(
        (element) => element.textContent?.trim() === instructions,
      )
      /** Whole: not cut by its own box, nor by any box around it that clips, nor the screen. */
      const seenWhole = (element: HTMLElement) => {
        const rect = element.getBoundingClientRect()
        if (!uncut(element) || !inside(rect, new DOMRect(0, 0, innerWidth, innerHeight)))
          return false
        for (let box = element.parentElement; box; box = box.parentElement)
          if (
            getComputedStyle(box).overflow !== 'visible' &&
            (!uncut(box) || !inside(rect, box.getBoundingClientRect()))
          )
            return false
        return true
      }
      const qr = document.querySelector('[role="img"][aria-label*="QR"]')
      const text = document.body.innerText
      return {
        scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth,
        notes: shown,
        untold: told ? Number(told[1]) : 0,
        frames: drawnFrames.length,
        framesCut: drawnFrames
          .filter((frame) => !inside(frame.rect, board))
          .map((frame) => frame.title),
        instructions: {
          found: !!said,
          whole: !!said && seenWhole(said),
          px: said ? drawn(said) : 0,
        },
        rowsCut: [...(stage?.querySelectorAll<HTMLElement>('.vote-results__row') ?? [])]
          .filter((row) => !inside(row.getBoundingClientRect(), area) || !uncut(row))
          .map((row) => row.innerText),
        rowPx: Math.min(
          ...[...(stage?.querySelectorAll<HTMLElement>('.vote-results__label') ?? [])].map(drawn),
        ),
        qr: !!qr,
        joinText: /scannez ce code|scan this code/i.test(text),
        address: document.querySelector('.projector__address')?.textContent ?? '',
        text,
      }
    },
    { notes: [...notes], instructions, frames: [...frames] },
  )

describe.skipIf(!runBrowser)('in Chromium: the projector, with the shipped templates', () => {
  const e2e = useBrowserSuite()
  const clients: TestClient[] = []
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  /** A workshop from a shipped template, its facilitator's client, and three projectors. */
  const workshopOf = async (id: string) => {
    const workshop = await e2e.server.createWorkshop({ title: 'Atelier du quartier', template: id })
    const facilitator = await e2e.facilitate(workshop)
    const link = projectorLink(workshop.id, workshop.tokens.observer, workshop.links.participant)
    const projectors = await Promise.all(
      PROJECTORS.map(async (viewport) => {
        const page = await e2e.newPage(viewport)
        await page.goto(`${e2e.server.url}${link}`)
        await page.getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }).waitFor()
        return { page, viewport }
      }),
    )
    const steps = template(id).phases
    const items = (canvas: string) => readCanvasContent(facilitator.doc, canvas).items
    /** Notes written into a frame where the board places them, as people add them. */
    const write = (canvas: string, frameId: string, texts: readonly string[]) => {
      for (const text of texts) {
        const place = placeNewItem({
          items: items(canvas),
          view: { x: 0, y: 0, w: 1200, h: 700 },
          kind: 'note',
          frameId,
        })
        addPlacedBox(facilitator.doc, canvas, { place, box: { kind: 'note', text } }, O)
      }
    }
    /** The language of the projectors (chosen for this browser, then the page reloaded). */
    const speak = async (locale: Locale) => {
      for (const { page } of projectors) {
        await page.evaluate((value) => localStorage.setItem('fabrique:locale', value), locale)
        await page.reload()
        await page.locator('.projector').waitFor()
      }
    }
    /** Every projector, once what it shows is there and has settled, measured. */
    const each = async (
      step: string,
      ready: (seen: Seen) => boolean,
      expectations: (seen: Seen, size: string, viewport: { height: number }) => void,
      { notes = [] as readonly string[], locale = 'fr' as Locale } = {},
    ) => {
      const phase = steps[readFlow(facilitator.doc).phaseIndex]
      const said = readFlow(facilitator.doc).status === 'ended' ? '' : phase?.instructions[locale]
      const focus = phase?.focus
      const frames = (focus && 'canvas' in focus ? items(focus.canvas) : []).flatMap((item) =>
        item.kind === 'frame'
          ? [{ id: item.id, title: item.text, x: item.x, y: item.y, w: item.w, h: item.h }]
          : [],
      )
      const looked = { notes, instructions: said ?? '', frames }
      for (const { page, viewport } of projectors) {
        await expect
          .poll(async () => ready(await look(page, looked)), {
            message: `${step} (${locale}) at ${viewport.width}`,
            timeout: 10_000,
          })
          .toBe(true)
        await page.waitForTimeout(400)
        const seen = await look(page, looked)
        const size = `${step} (${locale}) at ${viewport.width}×${viewport.height}`
        expect.soft(seen.scrolls, `${size}: a scrollbar`).toBe(false)
        if (said) {
          expect.soft(seen.instructions.found, `${size}: the instructions in full`).toBe(true)
          expect.soft(seen.instructions.whole, `${size}: the instructions whole`).toBe(true)
          expect
            .soft(seen.instructions.px, `${size}: the instructions' size`)
            .toBeGreaterThanOrEqual(viewport.height * 0.02)
        }
        expectations(seen, size, viewport)
        if (SHOTS) {
          await page.screenshot({ path: `${SHOTS}/${step}-${locale}-${viewport.width}.png` })
          const px = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} px` : '–')
          const notes = seen.notes.map((note) => note.px)
          console.log(
            `${size}: ${notes.length} notes shown (smallest ${px(Math.min(...notes))}), ` +
              `${seen.untold} counted; result labels ${px(seen.rowPx)}; ` +
              `instructions ${said ? px(seen.instructions.px) : '–'}`,
          )
        }
      }
    }
    /** People of the room, each with their own documents. */
    const room = async (count: number) => {
      const groups: PartnerGroup[] = ['patient', 'citizen', 'clinician']
      const people: Person[] = []
      for (let index = 0; index < count; index++) {
        const person = await joinAs(
          e2e.server,
          workshop.id,
          workshop.tokens.participant,
          `Personne ${index + 1}`,
          groups[index % groups.length] ?? 'other',
        )
        clients.push(person.shared, person.own)
        people.push(person)
      }
      return people
    }
    const go = (index: number, people: readonly Person[] = []) =>
      goToStep(facilitator, index, people)
    const close = (phase: string) => closeVote(e2e.server, workshop, facilitator, phase)
    return { workshop, facilitator, projectors, steps, items, write, speak, each, room, go, close }
  }

  /** Every note the frame holds is on the stage, whole and readable, or counted as not shown. */
  const readable =
    (notes: readonly string[]) => (seen: Seen, size: string, viewport: { height: number }) => {
      expect
        .soft(
          seen.notes.filter((note) => !note.whole).map((note) => note.text),
          `${size}: notes cut`,
        )
        .toEqual([])
      const small = seen.notes.filter((note) => note.px < viewport.height * READABLE - 0.5)
      expect
        .soft(
          small.map((note) => `${note.px.toFixed(1)} px: ${note.text}`),
          `${size}: notes under ${(viewport.height * READABLE).toFixed(0)} px`,
        )
        .toEqual([])
      expect.soft(seen.notes.length, `${size}: notes shown`).toBeGreaterThan(0)
      expect
        .soft(seen.notes.length + seen.untold, `${size}: notes shown or counted`)
        .toBe(notes.length)
    }

  /** Every result row whole on the stage, its label readable. */
  const results = (seen: Seen, size: string, viewport: { height: number }) => {
    expect.soft(seen.rowsCut, `${size}: result rows cut`).toEqual([])
    expect
      .soft(seen.rowPx, `${size}: result labels (px)`)
      .toBeGreaterThanOrEqual(viewport.height * READABLE - 0.5)
  }

  it('role charter: the canvas with its frames whole, one frame readable, the charter, the gradient, the end', async () => {
    const { workshop, facilitator, items, write, speak, each, room, go, close } =
      await workshopOf('charte-des-roles')
    const people = await room(6)
    await go(2, people)
    const frame = items('idees-et-limites').find(
      (item) => item.kind === 'frame' && item.text.startsWith('Cliniciens partenaires'),
    )
    if (!frame) throw new Error('no frame for the clinicians')
    write('idees-et-limites', frame.id, CLINICIANS)
    const inFrame = frameNotes('charte-des-roles', 'idees-cliniciens', CLINICIANS)

    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      setProjector(facilitator.doc, { frame: null }, O)
      // No frame chosen: the whole canvas is too large to read at 3 m, so what was written is
      // read, every note shown at 24 px or more on a 1080p screen (or counted), nothing cut.
      await each(
        'canvas',
        (seen) => seen.notes.length > 0,
        (seen, size, viewport) => {
          expect.soft(seen.framesCut, `${size}: frames cut`).toEqual([])
          expect
            .soft(
              seen.notes.filter((note) => !note.whole),
              `${size}: notes cut`,
            )
            .toEqual([])
          const small = seen.notes.filter((note) => note.px < viewport.height * READABLE - 0.5)
          expect
            .soft(
              small.map((note) => note.text),
              `${size}: notes too small`,
            )
            .toEqual([])
        },
        { locale, notes: CLINICIANS },
      )
      // One frame on the stage: its notes, readable from the back of the room.
      setProjector(facilitator.doc, { frame: { phase: 'partage-des-idees', itemId: frame.id } }, O)
      await each(
        'frame',
        (seen) => seen.notes.some((note) => note.text === CLINICIANS[0]),
        readable(inFrame[locale]),
        { locale, notes: inFrame[locale] },
      )
    }
    // The facilitator makes the stage twice as large: what fits is shown, the rest counted.
    setProjector(facilitator.doc, { zoom: 2 }, O)
    await each(
      'frame-larger',
      (seen) => seen.untold > 0,
      (seen, size, viewport) => {
        readable(inFrame.en)(seen, size, viewport)
        expect.soft(seen.text, size).toMatch(/And \d+ more notes, to read on your screens\./)
      },
      { locale: 'en', notes: inFrame.en },
    )
    setProjector(facilitator.doc, { zoom: 1 }, O)
    await speak('fr')

    // The charter, read together.
    await go(3, people)
    await each(
      'charter',
      (seen) => seen.text.includes('Charte'),
      () => {},
    )
    await speak('en')
    await each(
      'charter',
      (seen) => seen.text.includes('Charter'),
      () => {},
      { locale: 'en' },
    )
    await speak('fr')

    // The gradient of agreement: while it is open, what is proposed and the scale; then its results.
    await go(4, people)
    await each(
      'vote',
      (seen) => seen.text.includes('Nous adoptons la charte des cliniciens'),
      (seen, size) => expect.soft(seen.text, size).toMatch(/1\. Approbation totale/),
    )
    for (const [index, person] of people.entries())
      setGradient(person.own.doc, 'accord-cliniciens-partenaires', (index % 8) + 1, O)
    await close('accord-cliniciens-partenaires')
    await each('gradient', (seen) => seen.text.includes('Vote fermé'), results)
    await speak('en')
    await each('gradient', (seen) => seen.text.includes('Vote closed'), results, { locale: 'en' })
    await speak('fr')

    // The join corner: the address a person can type, with the participant link's token only.
    await each(
      'join',
      () => true,
      (seen, size) => {
        const join = new URL(workshop.links.participant)
        expect
          .soft(seen.address, `${size}: the address to type`)
          .toBe(`${join.host}${join.pathname}${join.hash}`)
        expect.soft(seen.text).not.toContain(workshop.tokens.facilitator)
        expect.soft(seen.text).not.toContain(workshop.tokens.observer)
      },
    )

    // The end: no more way to join.
    endWorkshop(facilitator.doc, O)
    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      await each(
        'ended',
        (seen) => /terminé|ended|over/i.test(seen.text),
        (seen, size) => {
          expect.soft(seen.qr, `${size}: a QR code`).toBe(false)
          expect.soft(seen.joinText, `${size}: “scan to join”`).toBe(false)
        },
        { locale },
      )
    }
  }, 180_000)

  it('role charter, step 10: the three charters’ votes whole, and one readable when the facilitator chooses it', async () => {
    const { facilitator, speak, each, room, go, close } = await workshopOf('charte-des-roles')
    const people = await room(6)
    const votes = [
      'accord-cliniciens-partenaires',
      'accord-patients-partenaires',
      'accord-citoyens-partenaires',
    ]
    for (const [k, vote] of votes.entries()) {
      await go(4 + 2 * k, people)
      for (const [index, person] of people.entries())
        setGradient(person.own.doc, vote, ((index + k) % 4) + 1, O)
      await close(vote)
    }
    await go(9, people)
    expect(readFlow(facilitator.doc).phase?.id).toBe('suite')
    const closed = (count: number) => (seen: Seen) =>
      (seen.text.match(/Vote (fermé|closed)/g) ?? []).length === count
    // All three side by side, to compare: every row whole and readable at 3 m (stacked, their
    // labels were 18.6 px at 1080p).
    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      await each('look-back', closed(3), results, { locale })
    }
    // The facilitator puts one on the stage: readable from the back of the room.
    setProjector(facilitator.doc, { section: { phase: 'suite', index: 2 } }, O)
    await each(
      'look-back-one',
      closed(1),
      (seen, size, viewport) => {
        results(seen, size, viewport)
        expect.soft(seen.text, size).toMatch(/Our agreement: citizen partners/)
      },
      { locale: 'en' },
    )
  }, 180_000)

  it('open plan: what is due, the plan’s section, a tall frame of next steps readable', async () => {
    const { facilitator, items, write, speak, each, go } = await workshopOf('plan-ouvert')
    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      // Its first step reviews what has come due: nothing yet, in a new lab.
      await go(0)
      await each(
        'due',
        (seen) => /(À faire|Due) \(0\)/.test(seen.text),
        (seen, size) =>
          expect.soft(seen.text, size).toMatch(/Rien n’arrive à échéance|Nothing has come due/),
        { locale },
      )
      // The step that updates the plan shows its part.
      await go(4)
      await each(
        'plan',
        (seen) => /Plan\s?: Où en sommes-nous/.test(seen.text),
        (seen, size) => expect.soft(seen.text, size).toMatch(/GMF Notre-Dame/),
        { locale },
      )
    }
    await speak('fr')
    await go(2)
    const frame = items('plan').find(
      (item) => item.kind === 'frame' && item.text === 'Prochains pas',
    )
    if (!frame) throw new Error('no frame for the next steps')
    // Its one example note: on the board, readable, and no frame cut at the stage's edges.
    setProjector(facilitator.doc, { frame: { phase: 'prochains-pas', itemId: frame.id } }, O)
    const example = frameNotes('plan-ouvert', 'prochains-pas', [])
    await each(
      'one-note-frame',
      (seen) => seen.notes.length === 1,
      (seen, size, viewport) => {
        readable(example.fr)(seen, size, viewport)
        expect.soft(seen.framesCut, `${size}: frames cut`).toEqual([])
      },
      { notes: example.fr },
    )
    write('plan', frame.id, NEXT_STEPS)
    const inFrame = frameNotes('plan-ouvert', 'prochains-pas', NEXT_STEPS)
    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      await each(
        'tall-frame',
        (seen) => seen.notes.some((note) => note.text === NEXT_STEPS[0]),
        readable(inFrame[locale]),
        { locale, notes: inFrame[locale] },
      )
    }
  }, 120_000)

  it('nominal group: the dot vote’s results, every row whole', async () => {
    const { items, write, speak, each, room, go, close } = await workshopOf('groupe-nominal')
    const people = await room(6)
    await go(3, people)
    const frame = items('idees').find((item) => item.kind === 'frame')
    if (!frame) throw new Error('no frame for the ideas')
    write('idees', frame.id, CLINICIANS.slice(0, 12))
    await go(4, people)
    const notes = items('idees')
      .filter((item) => item.kind === 'note')
      .map((item) => item.id)
    people.forEach((person, index) => {
      for (let k = 0; k < 5; k++)
        setDots(person.own.doc, 'premier-vote', notes[(index * 2 + k) % notes.length] ?? '', 1, O)
    })
    await close('premier-vote')
    for (const locale of ['fr', 'en'] as const) {
      if (locale === 'en') await speak('en')
      await each('dots', (seen) => /Vote fermé|Vote closed/.test(seen.text), results, { locale })
    }
  }, 120_000)
})
