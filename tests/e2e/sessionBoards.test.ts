import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  listCanvases,
  listSessions,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { expectNoAxeViolations } from '../helpers/axe.ts'
import { hasChromium } from '../helpers/browser.ts'
import { openTab, useBrowserSuite } from '../helpers/e2e.ts'
import { connectClient, synced, waitFor } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

const DESKTOP = { width: 1366, height: 768 }
const WIDE = { width: 1920, height: 1080 }
const PHONE = { width: 390, height: 844 }

/** Where a run's screenshots go, to look at (not compared). */
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp'

const sessionsPanel = (page: Page) =>
  page.getByRole('region', { name: /^(Séances du laboratoire|Sessions of the lab)$/ })

const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle')
  await new Promise((resolve) => setTimeout(resolve, 300))
}

describe.skipIf(!runBrowser)('in Chromium: an ended session’s boards', () => {
  const e2e = useBrowserSuite()

  it('open read-only from the Sessions tab, for every link; the facilitator carries one into the session', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Comité de co-création',
      template: 'groupe-nominal',
    })
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${e2e.server.url}/api/workshops/${workshop.id}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${workshop.tokens.facilitator}`,
          'Content-Type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      expect(res.status, await res.clone().text()).toBeLessThan(300)
      return res.json() as Promise<{ sessionId: string }>
    }
    const lab = await e2e.facilitate(workshop)
    const [march] = listSessions(lab.doc)
    if (!march) throw new Error('a new lab has one session')
    // The first session runs and ends with an idea on its board.
    await call('POST', `/sessions/${march.id}/start`)
    await waitFor('the first session running', () => readFlow(lab.doc).status === 'running')
    addBox(lab.doc, 'idees', { kind: 'note', x: 40, y: 80, text: 'Une navette le mardi' }, 'test')
    await call('POST', `/sessions/${march.id}/end`)
    const april = await call('POST', '/sessions', {
      title: 'Comité d’avril',
      template: 'groupe-nominal',
      date: '2027-04-05',
    })
    await call('POST', `/sessions/${april.sessionId}/start`)
    await waitFor(
      'the board moved out of the lab',
      () =>
        listCanvases(lab.doc)
          .map((canvas) => canvas.id)
          .join() === 'idees-s2',
    )

    const facilitator = await e2e.join(
      workshop.links.facilitator,
      { name: 'Sophie', group: /Autre/ },
      DESKTOP,
    )
    const participant = await e2e.join(
      workshop.links.participant,
      { name: 'Amina', group: /Patient partenaire/ },
      PHONE,
    )

    // The facilitator opens it by keyboard from the first session's card.
    await openTab(facilitator, 'Séances')
    const open = sessionsPanel(facilitator).getByRole('button', {
      name: `Ouvrir le tableau « Groupe nominal » de la séance « ${march.title} »`,
    })
    await open.scrollIntoViewIfNeeded()
    await facilitator.screenshot({ path: `${SHOTS}/session-boards-panel-fr-1366.png` })
    await open.focus()
    await facilitator.keyboard.press('Enter')
    const dialog = facilitator.getByRole('dialog', {
      name: new RegExp(`^« Groupe nominal », séance « ${march.title} » du `),
    })
    await dialog.waitFor()
    const board = dialog.getByRole('listbox', { name: /^Canevas « Groupe nominal »/ })
    const idea = board.getByRole('option', { name: /Une navette le mardi/ })
    // It opens on what is written at a size one reads (the session's question); Tab reaches
    // the ideas, in reading order, and brings each into view.
    await board.getByRole('option', { name: /Notre question/ }).waitFor({ timeout: 15_000 })
    await board.focus()
    for (let tab = 0; tab < 6 && !(await idea.count()); tab++)
      await facilitator.keyboard.press('Tab')
    await idea.waitFor()
    // Read-only: no tool to write with, and N on the board adds nothing.
    expect(await dialog.getByRole('button', { name: 'Note', exact: true }).count()).toBe(0)
    await idea.focus()
    await facilitator.keyboard.press('n')
    await facilitator.keyboard.type('Réécrit')
    expect(await board.getByRole('option', { name: /Réécrit/ }).count()).toBe(0)
    expect(await dialog.getByRole('textbox').count()).toBe(0)
    await settled(facilitator)
    await expectNoAxeViolations(facilitator, 'an ended session’s board, facilitator (desktop)')
    await facilitator.screenshot({ path: `${SHOTS}/session-board-fr-1366.png` })
    await facilitator.setViewportSize(WIDE)
    await facilitator.screenshot({ path: `${SHOTS}/session-board-fr-1920.png` })
    await facilitator.setViewportSize(DESKTOP)

    // It carries the board into the session: a copy among the lab's canvases, its idea with it.
    await dialog.getByRole('button', { name: 'Reprendre ce tableau dans la séance' }).click()
    await dialog
      .getByText(
        `Le tableau « Groupe nominal — ${march.title} » est repris dans la séance : il est dans les onglets des canevas.`,
      )
      .waitFor()
    await waitFor('the board back in the lab', () =>
      listCanvases(lab.doc).some((canvas) => canvas.id === 'idees'),
    )
    expect(readCanvasContent(lab.doc, 'idees').items.map((item) => item.text)).toContain(
      'Une navette le mardi',
    )
    await facilitator.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true)
    // The session's room keeps its own copy, still read-only.
    const kept = connectClient(
      e2e.server.syncUrl,
      roomName({ kind: 'session', workshopId: workshop.id, sessionId: march.id }),
      workshop.tokens.observer,
    )
    await synced(kept)
    expect(listCanvases(kept.doc).map((canvas) => canvas.id)).toEqual(['idees'])
    kept.destroy()

    // A participant reads it on a phone, with nothing to carry.
    await openTab(participant, 'Séances')
    const openOnPhone = sessionsPanel(participant).getByRole('button', {
      name: `Ouvrir le tableau « Groupe nominal » de la séance « ${march.title} »`,
    })
    await openOnPhone.scrollIntoViewIfNeeded()
    await participant.screenshot({ path: `${SHOTS}/session-boards-panel-fr-390.png` })
    await openOnPhone.click()
    const read = participant.getByRole('dialog', { name: /^« Groupe nominal », séance/ })
    // It opens on what is written, at a size one reads: the session's question first.
    await read.getByRole('option', { name: /Notre question/ }).waitFor({ timeout: 15_000 })
    expect(await read.getByRole('button', { name: /^Reprendre/ }).count()).toBe(0)
    await settled(participant)
    await expectNoAxeViolations(participant, 'an ended session’s board, participant (phone)')
    await participant.screenshot({ path: `${SHOTS}/session-board-fr-390.png` })
    await read.getByRole('button', { name: 'Fermer le tableau' }).click()

    // In English.
    for (const page of [facilitator, participant]) {
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en')
      await sessionsPanel(page)
        .getByRole('button', {
          name: `Open the board “Nominal group” of the session “${march.title}”`,
        })
        .click()
      const opened = page.getByRole('dialog', { name: /^“Nominal group”, session/ })
      await opened.getByRole('option', { name: /Our question/ }).waitFor({ timeout: 15_000 })
      await settled(page)
    }
    await facilitator
      .getByRole('dialog')
      .getByText('This board is already among the session’s canvases.')
      .waitFor()
    await facilitator.screenshot({ path: `${SHOTS}/session-board-en-1366.png` })
    await facilitator.setViewportSize(WIDE)
    await facilitator.screenshot({ path: `${SHOTS}/session-board-en-1920.png` })
    await participant.screenshot({ path: `${SHOTS}/session-board-en-390.png` })
  }, 240_000)
})
