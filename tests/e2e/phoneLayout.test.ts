import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PartnerGroup } from '../../shared/groups.ts'
import { CORE_CATALOGUES } from '../../shared/i18n/index.ts'
import { PRESENCE_FIELD } from '../../shared/presence.ts'
import { hasChromium, launchChromium } from '../helpers/browser.ts'
import { saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import { joinByPhone, pageScrolls } from '../helpers/phone.ts'
import * as steps from '../helpers/stepTemplate.ts'

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
    }
  },
)
