import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { saveState } from './e2e.ts'

/**
 * What the phone's browser suites share (tests/e2e/phone*.test.ts): a phone's screen, a person
 * joining by taps alone, and what a person would stumble on at that size.
 */

export const PHONE = { width: 390, height: 844 }

/** A phone: 390×844, touch, mobile, in `locale`; the join form filled in by taps alone. */
export const joinByPhone = async (
  browser: Browser,
  link: string,
  name: string,
  locale: 'fr' | 'en' = 'fr',
): Promise<Page> => {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    serviceWorkers: 'block',
  })
  await context.addInitScript((code) => localStorage.setItem('fabrique:locale', code), locale)
  const page = await context.newPage()
  await page.goto(link)
  const en = locale === 'en'
  await page.getByRole('textbox', { name: en ? 'Your name' : 'Votre nom' }).tap()
  await page.keyboard.type(name)
  await page.getByText(en ? 'Patient partner' : 'Patient partenaire', { exact: true }).tap()
  await page.getByRole('button', { name: en ? 'Join' : 'Rejoindre' }).tap()
  await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
  return page
}

/** Whether the page scrolls as a whole at the phone's size (its parts may scroll inside). */
export const pageScrolls = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollHeight > innerHeight || root.scrollWidth > innerWidth
  })

/** The visible controls smaller than 44 × 44 px to touch (a radio or checkbox counts by its label). */
export const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, textarea, a[href], input')]
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
  )
