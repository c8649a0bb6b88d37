import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PartnerGroup } from '../../shared/groups.ts'
import { CORE_CATALOGUES } from '../../shared/i18n/index.ts'
import { PRESENCE_FIELD } from '../../shared/presence.ts'
import { goToPhase } from '../../shared/schema/index.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import { joinByPhone, pageScrolls } from '../helpers/phone.ts'
import * as steps from '../helpers/stepTemplate.ts'
import { connectClient, synced } from '../helpers/yclient.ts'

const runBrowser = hasChromium()
const { localized } = steps

/** PHONE_SHOTS=<folder>: the tests also save what each screen looked like, to look at. */
const shot = steps.screenshots(process.env.PHONE_SHOTS)

/** A charter to rate, then a consent round and a gradient of agreement. */
const TEMPLATE = steps.template(
  'telephone-en-detail',
  localized('Le téléphone en détail', 'The phone in detail'),
  {
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
    {
      id: 'charte',
      title: localized('La charte des patients', 'The patients’ charter'),
      instructions: localized('Dites votre position.', 'Say where you stand.'),
      focus: { charter: 'patients' },
      allow: steps.VOTING,
    },
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
    steps.gradientVote('five'),
  ],
)

/** Five more people online: on a desktop, the top bar would show four faces and "+2". */
const OTHERS: Array<[string, PartnerGroup]> = [
  ['Jules', 'citizen'],
  ['Noor', 'clinician'],
  ['Li', 'patient'],
  ['Rosa', 'citizen'],
  ['Marc', 'other'],
]

/** What the status says for a moment on one line beside the people: saving, reconnecting. */
const SHORT_STATES = ['status.connecting', 'status.saving', 'status.saved'] as const

/**
 * The connection status as shown: its text, and whether any of it is cut off (or, with `as`,
 * were it to say that instead: its words are put in its place for the measure, then back).
 */
const statusShown = (page: Page, as?: string) =>
  page.evaluate((instead) => {
    const pill = document.querySelector<HTMLElement>('.connection-status')
    const text = pill?.querySelector<HTMLElement>('.connection-status__text')
    const people = document.querySelector<HTMLElement>('.people-button')
    if (!pill || !text || !people) return null
    const was = text.textContent
    if (instead !== undefined) text.textContent = instead
    const box = pill.getBoundingClientRect()
    const shown = {
      text: text.textContent ?? '',
      cut:
        text.scrollWidth > text.clientWidth ||
        text.scrollHeight > text.clientHeight ||
        pill.scrollWidth > pill.clientWidth ||
        box.left < 0 ||
        box.right > innerWidth ||
        // A short state keeps its row: the people beside it, on its line.
        (instead !== undefined && people.getBoundingClientRect().top >= box.bottom),
    }
    text.textContent = was
    return shown
  }, as)

/**
 * Where the choices of each group of choices (`groups`: a CSS selector) sit: per choice, its
 * radio's top and middle and its words' first line's top and middle, in pixels.
 */
const choicePlaces = (page: Page, groups: string) =>
  page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].map((group) =>
        [...group.querySelectorAll('label')].map((choice) => {
          const radio = choice.querySelector('input')?.getBoundingClientRect()
          // The first line of its words (a hint under a name is not its first line).
          const walker = document.createTreeWalker(choice, NodeFilter.SHOW_TEXT)
          let text = walker.nextNode()
          while (text && (text.textContent ?? '').trim() === '') text = walker.nextNode()
          const range = document.createRange()
          if (text) range.selectNodeContents(text)
          const first = text ? range.getClientRects()[0] : undefined
          const middle = (rect: DOMRect | undefined) =>
            rect ? Math.round(rect.top + rect.height / 2) : Number.NaN
          return {
            choice: choice.textContent?.trim() ?? '',
            radioTop: Math.round(radio?.top ?? Number.NaN),
            radioMiddle: middle(radio),
            lineTop: Math.round(first?.top ?? Number.NaN),
            lineMiddle: middle(first),
          }
        }),
      ),
    groups,
  )

/** How far apart (px) the largest and smallest of `values` are. */
const spread = (values: number[]) => Math.max(...values) - Math.min(...values)

describe.skipIf(!runBrowser)(
  'in Chromium: a phone’s top bar and choices, measured (390×844)',
  () => {
    const e2e = useBrowserSuite()
    let browser: Browser | undefined
    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
    })
    const workshop = steps.workshopsFrom(e2e, TEMPLATE)
    const phoneOf = (link: string, locale: 'fr' | 'en') => {
      if (!browser) throw new Error('no browser')
      return joinByPhone(browser, link, 'Amina', locale)
    }

    for (const locale of ['fr', 'en'] as const) {
      const en = locale === 'en'

      it(`shows the whole save status beside the people of a full room (${locale})`, async () => {
        const created = await workshop()
        const others: Person[] = []
        try {
          for (const [name, group] of OTHERS) {
            const person = await joinAs(
              e2e.server,
              created.id,
              created.tokens.participant,
              name,
              group,
            )
            others.push(person)
            person.shared.provider.awareness.setLocalStateField(PRESENCE_FIELD, {
              id: person.id,
              name,
              group,
              role: 'participant',
            })
          }
          const phone = await phoneOf(created.links.participant, locale)
          await phone
            .getByRole('button', { name: en ? 'People, 6 online' : 'Personnes, 6 en ligne' })
            .waitFor({ timeout: 10_000 })
          await expect.poll(() => saveState(phone)).toBe('saved')
          expect(await statusShown(phone)).toEqual({
            text: en ? 'Saved' : 'Enregistré',
            cut: false,
          })
          expect(await pageScrolls(phone)).toBe(false)
          await shot(phone, `${locale}-status-full-room`)
          // What it says in a moment, while it saves or reconnects, is whole there too, on the
          // row of the people and « Documents ».
          for (const key of SHORT_STATES) {
            const said = CORE_CATALOGUES[locale][key]
            expect(await statusShown(phone, said), key).toEqual({ text: said, cut: false })
          }

          // Offline, the longer status is whole too (on two lines if it must).
          await phone.context().setOffline(true)
          await expect.poll(() => saveState(phone), { timeout: 15_000 }).toBe('offline')
          expect(await statusShown(phone)).toEqual({
            text: en
              ? 'Offline — your changes are kept'
              : 'Hors ligne — vos changements sont gardés',
            cut: false,
          })
          expect(await pageScrolls(phone)).toBe(false)
          await shot(phone, `${locale}-status-offline`)
        } finally {
          for (const person of others) {
            person.shared.destroy()
            person.own.destroy()
          }
        }
      })

      it(`lines up the choices of a charter item and of a ballot (${locale})`, async () => {
        const created = await workshop()
        const facilitator = connectClient(
          e2e.server.syncUrl,
          created.id,
          created.tokens.facilitator,
        )
        await synced(facilitator)
        try {
          const phone = await phoneOf(created.links.participant, locale)
          goToPhase(facilitator.doc, 0, 'test')
          await phone
            .getByRole('group', { name: en ? /^Your position/ : /^Votre position/ })
            .first()
            .waitFor({ timeout: 10_000 })
          // "Je m'oppose" beside "D'accord" and "À discuter": the same top, the same first line.
          const items = await choicePlaces(phone, '.phone-choices')
          expect(items).toHaveLength(2)
          for (const choices of items) {
            expect(choices.map(({ choice }) => choice)).toEqual(
              en
                ? ['I agree', 'To discuss', 'I object']
                : ['D’accord', 'À discuter', 'Je m’oppose'],
            )
            expect(spread(choices.map((place) => place.radioTop)), 'radios').toBeLessThanOrEqual(1)
            expect(
              spread(choices.map((place) => place.lineTop)),
              'first lines',
            ).toBeLessThanOrEqual(1)
          }
          await shot(phone, `${locale}-charter-choices`)

          // A ballot's choices, one under the other: each radio beside its name's first line,
          // whether the name, or a hint under it, takes two lines.
          for (const [index, region] of [
            [1, en ? /^Your vote: consent/ : /^Votre vote : ronde de consentement/],
            [2, en ? 'Your vote: degree of agreement' : 'Votre vote : degré d’accord'],
          ] as const) {
            goToPhase(facilitator.doc, index, 'test')
            await phone.getByRole('region', { name: region }).waitFor({ timeout: 10_000 })
            const [choices = []] = await choicePlaces(phone, '.ballot__choices')
            expect(choices.length).toBeGreaterThanOrEqual(3)
            for (const place of choices)
              expect(
                Math.abs(place.radioMiddle - place.lineMiddle),
                `${place.choice}: its radio beside its first line`,
              ).toBeLessThanOrEqual(2)
            await shot(phone, `${locale}-ballot-${index}`)
          }
        } finally {
          facilitator.destroy()
        }
      })
    }
  },
)
