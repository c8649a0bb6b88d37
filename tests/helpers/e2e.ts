import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'

/** The page's connection status (`data-state`: connecting, saving, saved, offline, error). */
export const saveState = (page: Page) =>
  page.locator('[role="status"][data-state]').getAttribute('data-state')

/** Opens a role link in a fresh browser context and joins with a name and group (French UI). */
export const joinAs = async (
  browser: Browser,
  contexts: BrowserContext[],
  link: string,
  person: { name: string; group: RegExp },
  viewport = { width: 1280, height: 800 },
): Promise<Page> => {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(link)
  await page.getByRole('textbox', { name: 'Votre nom' }).fill(person.name)
  await page.getByRole('radio', { name: person.group }).check()
  await page.getByRole('button', { name: 'Rejoindre' }).click()
  await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
  return page
}
