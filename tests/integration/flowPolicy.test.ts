import { describe, expect, it } from 'vitest'
import {
  addBox,
  goToPhase,
  listCanvases,
  moveItems,
  nextPhase,
  readCanvasContent,
  readFlow,
  setItemText,
  setProjector,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { useWorkshopServer } from '../helpers/workshopServer.ts'
import { sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

// The nominal group technique: private writing, then a dot vote where nothing is written.
const { connect } = useWorkshopServer({ template: 'groupe-nominal' })
const O = 'test'

const phaseWhere = (
  client: TestClient,
  test: (allow: { write: boolean; move: boolean; seeOthers: boolean }) => boolean,
) => readFlow(client.doc).phases.findIndex((phase) => test(phase.allow))

describe('the flow, enforced by the server', () => {
  it('lets only the facilitator start and advance the phases', async () => {
    const facilitator = connect('facilitator')
    const participant = connect('participant')
    await Promise.all([synced(facilitator), synced(participant)])
    expect(readFlow(participant.doc).phases.length).toBeGreaterThan(2)

    startWorkshop(participant.doc, O)
    await waitFor('the start to be undone', () => readFlow(participant.doc).status === 'ready')
    startWorkshop(facilitator.doc, O)
    await waitFor('the start', () => readFlow(participant.doc).status === 'running')
    nextPhase(participant.doc, O)
    await waitFor('the next phase to be undone', () => readFlow(participant.doc).phaseIndex === 0)
    await sleep(50)
    expect(readFlow(facilitator.doc).phaseIndex).toBe(0)
    nextPhase(facilitator.doc, O)
    await waitFor('the next phase', () => readFlow(participant.doc).phaseIndex === 1)
  })

  it('keeps what the projector shows the facilitator’s to choose', async () => {
    const facilitator = connect('facilitator')
    const participant = connect('participant')
    const projector = connect('observer')
    await Promise.all([synced(facilitator), synced(participant), synced(projector)])
    setProjector(participant.doc, { showQr: false }, O)
    await waitFor('the change to be undone', () => readFlow(participant.doc).projector.showQr)
    await sleep(50)
    expect(readFlow(projector.doc).projector.showQr).toBe(true)
    setProjector(facilitator.doc, { showQr: false, zoom: 1.5 }, O)
    await waitFor('the projector to hide its QR code', () => {
      const shown = readFlow(projector.doc).projector
      return !shown.showQr && shown.zoom === 1.5
    })
    expect(readFlow(participant.doc).projector.showTimer).toBe(true)
  })

  it('refuses on the shared canvas what the current phase does not allow', async () => {
    const facilitator = connect('facilitator')
    const participant = connect('participant')
    await Promise.all([synced(facilitator), synced(participant)])
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const note = addBox(facilitator.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Idée' }, O)
    const texts = (client: TestClient) =>
      readCanvasContent(client.doc, canvasId).items.map((i) => i.text)
    await waitFor('the note at the participant', () => texts(participant).includes('Idée'))

    const noWriting = phaseWhere(facilitator, (allow) => !allow.write && !allow.move)
    expect(noWriting).toBeGreaterThanOrEqual(0)
    goToPhase(facilitator.doc, noWriting, O)
    await waitFor('the voting phase', () => readFlow(participant.doc).phaseIndex === noWriting)
    addBox(participant.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Pendant le vote' }, O)
    setItemText(participant.doc, canvasId, note, 'Changée', O)
    moveItems(participant.doc, canvasId, [note], { dx: 100, dy: 0 }, O)
    await waitFor(
      'the participant to be reverted',
      () => texts(participant).join() === texts(facilitator).join(),
    )
    await sleep(50)
    expect(texts(facilitator)).toContain('Idée')
    expect(texts(facilitator)).not.toContain('Pendant le vote')

    const privateWriting = phaseWhere(facilitator, (allow) => allow.write && !allow.seeOthers)
    goToPhase(facilitator.doc, privateWriting, O)
    await waitFor(
      'the private phase',
      () => readFlow(participant.doc).phaseIndex === privateWriting,
    )
    addBox(participant.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Visible par tous ?' }, O)
    await sleep(100)
    expect(texts(facilitator)).not.toContain('Visible par tous ?')

    const open = phaseWhere(facilitator, (allow) => allow.write && allow.seeOthers && allow.move)
    goToPhase(facilitator.doc, open, O)
    await waitFor('an open phase', () => readFlow(participant.doc).phaseIndex === open)
    addBox(participant.doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Permis' }, O)
    await waitFor('the allowed note', () => texts(facilitator).includes('Permis'))
  })
})
