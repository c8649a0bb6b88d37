import { describe, expect, it } from 'vitest'
import { addBox } from '../../shared/schema/canvasItems.ts'
import { goToPhase, listCanvases, readCanvasContent, readFlow } from '../../shared/schema/index.ts'
import { upsertParticipant } from '../../shared/schema/participants.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, useBrowserSuite } from '../helpers/e2e.ts'
import { parseRgb, pixelsOf, sameColour, shownColour } from '../helpers/pixels.ts'
import { connectClient, synced, waitFor } from '../helpers/yclient.ts'

const runBrowser = hasChromium()

describe.skipIf(!runBrowser)('in Chromium: the board during a dot vote', () => {
  const e2e = useBrowserSuite()

  // The dot controls sit on a layer of their own over the board, on the same camera: that
  // layer once carried the board's opaque backdrop too, and hid every note and frame under it.
  it('shows the ideas to vote on, close in and zoomed out', async () => {
    const workshop = await e2e.server.createWorkshop({
      title: 'Groupe nominal',
      template: 'groupe-nominal',
    })
    const facilitator = await e2e.facilitate(workshop)
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const seeded = readCanvasContent(facilitator.doc, canvasId).items
    const question = seeded.find((item) => item.kind === 'note')
    if (question?.kind !== 'note') throw new Error('no question note in the template')

    // Amina writes an idea before the workshop starts; the facilitator opens the first vote.
    const amina = await e2e.server.register(workshop.id, workshop.tokens.participant)
    const writer = connectClient(
      e2e.server.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      amina.identity,
    )
    await synced(writer)
    upsertParticipant(
      writer.doc,
      { id: amina.participantId, name: 'Amina', group: 'patient' },
      'test',
    )
    addBox(
      writer.doc,
      canvasId,
      {
        kind: 'note',
        // Under the question, which the board opens on.
        x: question.x,
        y: question.y + question.h + 40,
        text: 'Une idée à voter',
        group: 'patient',
        createdBy: amina.participantId,
      },
      'test',
    )
    await waitFor('the idea at the facilitator', () =>
      readCanvasContent(facilitator.doc, canvasId).items.some(
        (i) => i.kind === 'note' && i.text === 'Une idée à voter',
      ),
    )
    const dots = readFlow(facilitator.doc).phases.findIndex((phase) => phase.vote?.kind === 'dots')
    goToPhase(facilitator.doc, dots, 'test')

    const ben = await e2e.join(
      workshop.links.participant,
      { name: 'Ben', group: /Citoyen partenaire/ },
      { width: 1366, height: 768 },
    )
    const idea = board(ben).getByRole('option', { name: /Une idée à voter/ })
    await idea.waitFor({ timeout: 10_000 })
    // Ben gives it a dot with the mouse, the step card still open: the idea and its button are on
    // the board, in sight, nothing over them.
    const rect = await board(ben).boundingBox()
    const ideaBox = await idea.boundingBox()
    if (!rect || !ideaBox) throw new Error('no board or no idea')
    expect(ideaBox.y).toBeGreaterThanOrEqual(rect.y)
    await ben.getByRole('button', { name: 'Ajouter un point à « Une idée à voter »' }).click()
    await ben
      .getByText(/Il vous reste 4 points sur 5/)
      .first()
      .waitFor()
    await ben.getByRole('button', { name: 'Masquer les consignes' }).click()

    // Close in: the note's own fill shows at its right edge (the dot controls are in its middle).
    const seenAt = async () => {
      const box = await idea.boundingBox()
      if (!box) throw new Error('the idea has no box')
      return shownColour(ben, box.x + box.width - 10, box.y + box.height * 0.7)
    }
    const fill = parseRgb(await idea.evaluate((el) => getComputedStyle(el).backgroundColor))
    const backdrop: [number, number, number] = [0xfb, 0xfb, 0xf8]
    expect(sameColour(fill, backdrop)).toBe(false)
    const seen = await seenAt()
    expect(seen, `shown ${seen}, the note's fill ${fill}`).toSatisfy((c: typeof seen) =>
      sameColour(c, fill),
    )

    // Zoomed out to the whole canvas (painted, not laid out): the frame's colour shows.
    await board(ben).focus()
    await ben.keyboard.press('1')
    await expect.poll(() => ben.locator('.canvas-board.is-low-detail').count()).toBe(1)
    // The idea is painted in its fill, somewhere on the board.
    await expect.poll(() => pixelsOf(ben, rect, fill), { timeout: 5_000 }).toBeGreaterThan(20)
    writer.destroy()
  })
})
