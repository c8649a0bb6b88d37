import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import type { Config } from '../../server/config.ts'
import type { Clock } from '../../server/lib/clock.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { goToPhase, readFlow } from '../../shared/schema/index.ts'
import { readResult } from '../../shared/schema/votes.ts'
import { launchChromium } from './browser.ts'
import type { Person } from './people.ts'
import { startServer, type TestServer } from './server.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from './yclient.ts'

/** The page's connection status (`data-state`: connecting, saving, saved, offline, error). */
export const saveState = (page: Page) =>
  page.locator('[role="status"][data-state]').getAttribute('data-state')

/** The shared canvas board (a listbox named after its canvas). */
export const board = (page: Page) => page.getByRole('listbox', { name: /^Canevas « / })

/**
 * Opens one of the side panel's tabs (Animation, Personnes, Documents, Chartes des rôles,
 * Plan…; in English too), opening the panel first (the top bar's "Documents") if it is closed.
 */
export const openTab = async (page: Page, name: string) => {
  const tabs = page.getByRole('tablist', { name: /^(Panneaux|Panels)$/ })
  if (!(await tabs.isVisible()))
    await page.getByRole('button', { name: 'Documents', exact: true }).click()
  await tabs.getByRole('tab', { name, exact: true }).click()
}

/** Writes a note by keyboard: focus on the board, N, the text, Escape (the editor closes). */
export const writeNote = async (page: Page, text: string) => {
  await board(page).focus()
  await page.keyboard.press('n')
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

/**
 * Writes an idea as a phone does (at most 600 px, a participant: no board, the step's
 * composer): « Écrire une idée », « Ajouter l’idée »; then waits for it in « Mes idées ».
 */
export const writeIdea = async (page: Page, text: string) => {
  await page.getByRole('textbox', { name: 'Écrire une idée' }).fill(text)
  await page.getByRole('button', { name: 'Ajouter l’idée' }).click()
  await page
    .getByRole('region', { name: /^Mes idées/ })
    .getByRole('listitem')
    .filter({ hasText: text })
    .waitFor()
}

/** Moves the workshop to step `index`, as `facilitator`, and waits until each person's document has it. */
export const goToStep = async (
  facilitator: TestClient,
  index: number,
  people: readonly Person[] = [],
) => {
  goToPhase(facilitator.doc, index, 'test')
  await waitFor('the step at everyone', () =>
    people.every((person) => readFlow(person.shared.doc).phaseIndex === index),
  )
}

/**
 * Closes the vote of step `phase` as the facilitator's browser does (the HTTP API), a moment
 * after the votes were cast so that they reached the server; waits for its results in `facilitator`.
 */
export const closeVote = async (
  server: TestServer,
  workshop: Pick<WorkshopLinks, 'id' | 'tokens'>,
  facilitator: TestClient,
  phase: string,
) => {
  await sleep(300)
  const response = await fetch(`${server.url}/api/workshops/${workshop.id}/votes/${phase}/close`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
  })
  expect(response.status).toBe(200)
  await waitFor('the results', () => readResult(facilitator.doc, phase)?.closed === true, 10_000)
}

type Viewport = { width: number; height: number }

export interface BrowserSuite {
  /** The suite's server (one for all its tests). */
  readonly server: TestServer
  /** A page in a fresh browser context (one person's browser), closed after the suite. */
  newPage(viewport?: Viewport): Promise<Page>
  /** Opens a role link in a fresh page and joins with a name and group (French UI). */
  join(link: string, person: { name: string; group: RegExp }, viewport?: Viewport): Promise<Page>
  /** A y-websocket client reading what the server holds, synced; destroyed after the suite. */
  observe(workshop: Pick<WorkshopLinks, 'id' | 'tokens'>): Promise<TestClient>
  /** A y-websocket client with the facilitator's link, synced; destroyed after the suite. */
  facilitate(workshop: Pick<WorkshopLinks, 'id' | 'tokens'>): Promise<TestClient>
}

export interface BrowserSuiteOptions {
  /**
   * Whether pages run the service worker (127.0.0.1 is a secure context, so it registers).
   * Blocked unless a suite tests it: each page's worker would download the whole build, and
   * the suites that open dozens of pages at once would spend their time on it.
   */
  serviceWorkers?: 'allow' | 'block'
  /**
   * The server's clock (`AppOptions.clock`), which pages follow: each page's clock starts at
   * its time (Playwright's clock, flowing from there), so a test moves both a month on (the
   * pages with `page.clock.setSystemTime`).
   */
  clock?: Clock
}

/**
 * For a browser test suite (call it inside its `describe`): before its tests, a server on
 * port 0 (with `overrides` of its configuration) and Chromium; after them, every page,
 * y-websocket client, Chromium and the server are closed.
 */
export const useBrowserSuite = (
  overrides: Partial<Config> = {},
  options: BrowserSuiteOptions = {},
): BrowserSuite => {
  let server: TestServer | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  /** The suite's y-websocket clients (observers, facilitators). */
  const clients: TestClient[] = []
  beforeAll(async () => {
    if (!existsSync('dist/client/index.html'))
      throw new Error('the client is not built: run npm run build')
    server = await startServer(overrides, undefined, options.clock ? { clock: options.clock } : {})
    browser = await launchChromium()
  })
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
    for (const client of clients.splice(0)) client.destroy()
    await browser?.close()
    await server?.close()
  })
  const ready = () => {
    if (!server || !browser) throw new Error('useBrowserSuite: used outside a test')
    return { server, browser }
  }
  const newPage = async (viewport: Viewport = { width: 1280, height: 800 }) => {
    const context = await ready().browser.newContext({
      viewport,
      serviceWorkers: options.serviceWorkers ?? 'block',
    })
    contexts.push(context)
    if (options.clock) await context.clock.install({ time: options.clock.now() })
    return context.newPage()
  }
  const connect = async (workshopId: string, token: string) => {
    const client = connectClient(ready().server.syncUrl, workshopId, token)
    clients.push(client)
    await synced(client)
    return client
  }
  return {
    get server() {
      return ready().server
    },
    newPage,
    join: async (link, person, viewport) => {
      const page = await newPage(viewport)
      await page.goto(link)
      await page.getByRole('textbox', { name: 'Votre nom' }).fill(person.name)
      await page.getByRole('radio', { name: person.group }).check()
      await page.getByRole('button', { name: 'Rejoindre' }).click()
      await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
      return page
    },
    observe: (workshop) => connect(workshop.id, workshop.tokens.observer),
    facilitate: (workshop) => connect(workshop.id, workshop.tokens.facilitator),
  }
}

/**
 * Alex, a patient partner at a 1366×768 desk, and Mo, a citizen partner on a 390×844 phone,
 * joined to `workshop` with its participant link.
 */
export const deskAndPhone = async (
  e2e: BrowserSuite,
  workshop: Pick<WorkshopLinks, 'links'>,
): Promise<{ desk: Page; phone: Page }> => ({
  desk: await e2e.join(
    workshop.links.participant,
    { name: 'Alex', group: /Patient partenaire/ },
    { width: 1366, height: 768 },
  ),
  phone: await e2e.join(
    workshop.links.participant,
    { name: 'Mo', group: /Citoyen partenaire/ },
    { width: 390, height: 844 },
  ),
})
