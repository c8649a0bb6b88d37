import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  documentBody,
  listCanvases,
  listDocuments,
  readCanvasContent,
  readPlainText,
} from '../../shared/schema/index.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, openTab, saveState, useBrowserSuite, writeNote } from '../helpers/e2e.ts'

const runBrowser = hasChromium()

const PHONE = { width: 390, height: 844 }

/**
 * What a phone participant's page may download before its first screen (issue 16), compressed
 * as Chromium asks of a plain-http LAN address (gzip: br is only offered on secure origins),
 * headers included. kB are 1,000 bytes.
 */
const PARTICIPANT_BUDGET_BYTES = 150_000

interface Script {
  url: string
  /** Its text, decoded. */
  text: string
  /** What came over the wire: the compressed body and the response's headers. */
  bytes: number
  /** Its `Content-Encoding` (`identity` if none). */
  encoding: string
}

/** Every script the page downloads. */
const recordScripts = (page: Page) => {
  const scripts: Script[] = []
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return
    void Promise.all([request.response(), request.sizes()]).then(
      async ([response, sizes]) => {
        const text = (await response?.text()) ?? ''
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize
        const encoding = (await response?.headerValue('content-encoding')) ?? 'identity'
        scripts.push({ url: request.url(), text, bytes, encoding })
      },
      () => undefined,
    )
  })
  return scripts
}

/** ProseMirror's class name: in Tiptap's code, and nowhere else in the build. */
const holdsEditor = (script: { text: string }) => script.text.includes('ProseMirror')
/** A key of the artefacts' catalogue (shared/i18n/documents.ts), used by their area alone. */
const holdsArtefactMessages = (script: { text: string }) =>
  script.text.includes('artefacts.phaseReadOnly')

const joinAsParticipant = async (page: Page, link: string) => {
  await page.goto(link)
  await page.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
  await page.getByRole('radio', { name: /Patient partenaire/ }).check()
  await page.getByRole('button', { name: 'Rejoindre' }).click()
  await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
}

describe.skipIf(!runBrowser)('in Chromium: the rich-text editor loads with a document', () => {
  const e2e = useBrowserSuite()

  it('a phone joins with at most 150 kB of gzipped JavaScript and without the editor’s code, then opens the document and writes in it', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Évaluation',
      template: 'evaluation-participative',
    })
    const observer = await e2e.observe(workshop)
    const page = await e2e.newPage(PHONE)
    // What Chromium asks of http://192.168.x.y, where most phones in the room reach the server.
    await page.setExtraHTTPHeaders({ 'Accept-Encoding': 'gzip, deflate' })
    const scripts = recordScripts(page)
    await joinAsParticipant(page, workshop.links.participant)
    // The phone's step screen is there and the page has settled: within the budget, and still
    // neither the editor's code nor the artefacts' messages.
    await page.getByRole('textbox', { name: 'Écrire une idée' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(scripts.length).toBeGreaterThan(2)
    expect(new Set(scripts.map((script) => script.encoding))).toEqual(new Set(['gzip']))
    const downloaded = scripts.reduce((total, script) => total + script.bytes, 0)
    expect(downloaded).toBeLessThanOrEqual(PARTICIPANT_BUDGET_BYTES)
    expect(scripts.filter(holdsEditor).map((script) => script.url)).toEqual([])
    expect(scripts.filter(holdsArtefactMessages).map((script) => script.url)).toEqual([])

    await openTab(page, 'Documents')
    const editor = page.getByRole('textbox', {
      name: 'Texte de « Apprendre dans l’action : notre plan d’évaluation »',
    })
    await editor.waitFor({ timeout: 30_000 })
    expect(scripts.filter(holdsEditor)).toHaveLength(1)
    // They come with the documents (so their absence above is no accident of spelling).
    expect(scripts.filter(holdsArtefactMessages).length).toBeGreaterThan(0)
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Écrit sur un téléphone.')
    const [document] = listDocuments(observer.doc)
    if (!document) throw new Error('the template has no document')
    await expect
      .poll(
        () => {
          const body = documentBody(observer.doc, document.id)
          return body ? readPlainText(body) : ''
        },
        { timeout: 10_000 },
      )
      .toContain('Écrit sur un téléphone.')
  })
})

describe.skipIf(!runBrowser)('in Chromium: a reload without the server', () => {
  const e2e = useBrowserSuite({}, { serviceWorkers: 'allow' })

  it('shows the last known workspace from the service worker, read-only and marked offline', async () => {
    const workshop = await e2e.server.createWorkshop({ title: 'Atelier du jeudi' })
    const observer = await e2e.observe(workshop)
    const page = await e2e.newPage()
    await joinAsParticipant(page, workshop.links.participant)
    await writeNote(page, 'Gardée sur cet appareil')
    const notes = () =>
      listCanvases(observer.doc).flatMap((canvas) =>
        readCanvasContent(observer.doc, canvas.id).items.map((item) => item.text),
      )
    await expect.poll(notes, { timeout: 10_000 }).toContain('Gardée sur cet appareil')
    // 127.0.0.1 is a secure context: the worker registers once the page is idle, and is
    // active once it has cached the build.
    expect(
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready
        return registration.active?.state
      }),
    ).toBe('activated')

    await e2e.server.close()
    await page.reload()

    const status = page.locator('[role="status"][data-state]')
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toBe('Hors ligne — copie de cet appareil, en lecture seule')
    expect(await status.getAttribute('data-state')).toBe('offline')
    expect(
      await page.getByRole('heading', { name: 'Hors ligne : la copie de cet appareil' }).count(),
    ).toBe(1)
    expect(await page.getByRole('heading', { name: 'Atelier du jeudi', level: 1 }).count()).toBe(1)
    // The note this device kept, on the board; nothing offers to write.
    await expect
      .poll(
        () =>
          board(page)
            .getByRole('option', { name: /Gardée sur cet appareil/ })
            .count(),
        {
          timeout: 15_000,
        },
      )
      .toBe(1)
    expect(await page.getByRole('button', { name: 'Note', exact: true }).count()).toBe(0)
    await board(page).focus()
    await page.keyboard.press('n')
    expect(await page.locator('textarea.canvas-editor').count()).toBe(0)
    // It does not pretend: a few seconds on, still offline, never "saved".
    await page.waitForTimeout(2000)
    expect(await status.getAttribute('data-state')).toBe('offline')
  })
})
