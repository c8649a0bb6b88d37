import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { saveState } from './e2e.ts'

/**
 * What the phone's browser suites share (tests/e2e/phone*.test.ts): a phone's screen, a person
 * joining by taps alone, and what a person would stumble on at that size.
 */

export const PHONE = { width: 390, height: 844 }

/** A new page on a phone: 390×844, touch, mobile, in `locale`. */
export const phonePage = async (browser: Browser, locale: 'fr' | 'en' = 'fr'): Promise<Page> => {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    serviceWorkers: 'block',
  })
  await context.addInitScript((code) => localStorage.setItem('fabrique:locale', code), locale)
  return context.newPage()
}

/** What a person may give besides a name, in the join form's words (the sector's option). */
export interface JoinChoices {
  sector?: string
  optOut?: boolean
}

/**
 * Fills the join form in by taps alone: the name, « Patient partenaire », and what else is
 * `given` (a sector is chosen in the phone's own list, which a test cannot tap: by its label).
 */
export const fillJoinByPhone = async (
  page: Page,
  name: string,
  locale: 'fr' | 'en' = 'fr',
  given: JoinChoices = {},
) => {
  const en = locale === 'en'
  await page.getByRole('textbox', { name: en ? 'Your name' : 'Votre nom' }).tap()
  await page.keyboard.type(name)
  await page.getByText(en ? 'Patient partner' : 'Patient partenaire', { exact: true }).tap()
  if (given.sector)
    await page
      .getByRole('combobox', {
        name: en
          ? 'Your sector or organisation (optional)'
          : 'Votre secteur ou organisation (facultatif)',
      })
      .selectOption({ label: given.sector })
  if (given.optOut)
    await page
      .getByText(
        en
          ? 'Don’t count me in the recognition export'
          : 'Ne pas me compter dans l’export de reconnaissance',
        { exact: true },
      )
      .tap()
}

/** Taps « Rejoindre » and waits until the workshop is saved on the server. */
export const submitJoinByPhone = async (page: Page, locale: 'fr' | 'en' = 'fr') => {
  await page.getByRole('button', { name: locale === 'en' ? 'Join' : 'Rejoindre' }).tap()
  await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
}

/** A phone: 390×844, touch, mobile, in `locale`; the join form filled in by taps alone. */
export const joinByPhone = async (
  browser: Browser,
  link: string,
  name: string,
  locale: 'fr' | 'en' = 'fr',
  given: JoinChoices = {},
): Promise<Page> => {
  const page = await phonePage(browser, locale)
  await page.goto(link)
  await fillJoinByPhone(page, name, locale, given)
  await submitJoinByPhone(page, locale)
  return page
}

/** Whether the page scrolls as a whole at the phone's size (its parts may scroll inside). */
export const pageScrolls = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollHeight > innerHeight || root.scrollWidth > innerWidth
  })

/**
 * The visible controls smaller than 44 × 44 px to touch (a radio or checkbox counts by its
 * label), in the whole page or in what `within` selects.
 */
export const smallTargets = (page: Page, within = 'body') =>
  page.evaluate(
    (scope) =>
      [
        ...document.querySelectorAll<HTMLElement>(
          `:is(${scope}) :is(button, select, textarea, a[href], input)`,
        ),
      ]
        .map((element) =>
          element instanceof HTMLInputElement && ['radio', 'checkbox'].includes(element.type)
            ? (element.closest('label') ?? element)
            : element,
        )
        .filter((element) => {
          const box = element.getBoundingClientRect()
          const shown =
            box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden'
          return (
            shown &&
            !element.closest('.visually-hidden, .skip-link') &&
            (box.height < 44 || box.width < 44)
          )
        })
        .map(
          (element) =>
            `${element.tagName} “${(element.textContent ?? '').trim().slice(0, 40)}” ${Math.round(element.getBoundingClientRect().width)}×${Math.round(element.getBoundingClientRect().height)}`,
        ),
    within,
  )
