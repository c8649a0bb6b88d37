import { describe, expect, it } from 'vitest'
import {
  addBox,
  createCanvas,
  deleteCanvas,
  getCanvas,
  listCanvases,
  readCanvasContent,
  setCanvasLocked,
  setItemText,
} from '../../shared/schema/index.ts'
import { useWorkshopServer } from '../helpers/workshopServer.ts'
import { sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const { connect } = useWorkshopServer()
const O = 'test'

const texts = (client: TestClient, canvasId: string) =>
  readCanvasContent(client.doc, canvasId).items.map((item) => item.text)

describe('locked canvases, enforced by the server', () => {
  it("reverts a participant's change to a locked canvas for everyone, and keeps their later edits", async () => {
    const facilitator = connect('facilitator')
    const participant = connect('participant')
    await Promise.all([synced(facilitator), synced(participant)])
    const locked = listCanvases(facilitator.doc)[0]?.id ?? ''
    const open = createCanvas(facilitator.doc, { title: 'Ouvert' }, O)
    const existing = addBox(facilitator.doc, locked, { kind: 'note', x: 0, y: 0, text: 'Avant' }, O)
    setCanvasLocked(facilitator.doc, locked, true, O)
    await waitFor(
      'the lock at the participant',
      () => getCanvas(participant.doc, locked)?.locked === true,
    )
    await waitFor('the open canvas', () => getCanvas(participant.doc, open) !== null)

    // A client that ignores the lock (the UI would not offer this).
    addBox(participant.doc, locked, { kind: 'note', x: 10, y: 10, text: 'Interdit' }, O)
    setItemText(participant.doc, locked, existing, 'Modifié', O)
    await waitFor(
      'the participant to be reverted',
      () => texts(participant, locked).join() === 'Avant',
    )
    // Later edits from the same client still apply (its clock did not stall).
    addBox(participant.doc, open, { kind: 'note', x: 0, y: 0, text: 'Permis' }, O)
    await waitFor('the allowed note at the facilitator', () =>
      texts(facilitator, open).includes('Permis'),
    )
    expect(texts(facilitator, locked)).toEqual(['Avant'])

    // The facilitator may still change it.
    setItemText(facilitator.doc, locked, existing, 'Revu', O)
    await waitFor('the facilitator edit', () => texts(participant, locked).join() === 'Revu')

    const late = connect('observer')
    await synced(late)
    expect(texts(late, locked)).toEqual(['Revu'])
    expect(texts(late, open)).toEqual(['Permis'])
  })

  it('lets only the facilitator lock, unlock or delete a locked canvas', async () => {
    const facilitator = connect('facilitator')
    const participant = connect('participant')
    await Promise.all([synced(facilitator), synced(participant)])
    const first = listCanvases(facilitator.doc)[0]?.id ?? ''
    const second = createCanvas(facilitator.doc, { title: 'Le second' }, O)
    await waitFor(
      'the new canvas at the participant',
      () => getCanvas(participant.doc, second) !== null,
    )

    setCanvasLocked(participant.doc, second, true, O)
    await waitFor(
      'the participant lock to be undone',
      () => getCanvas(participant.doc, second)?.locked === false,
    )
    await sleep(50)
    expect(getCanvas(facilitator.doc, second)?.locked).toBe(false)

    setCanvasLocked(facilitator.doc, first, true, O)
    await waitFor('the lock', () => getCanvas(participant.doc, first)?.locked === true)
    setCanvasLocked(participant.doc, first, false, O)
    await waitFor(
      'the unlock to be undone',
      () => getCanvas(participant.doc, first)?.locked === true,
    )
    deleteCanvas(participant.doc, first, O)
    await waitFor(
      'the deleted canvas to come back',
      () => getCanvas(participant.doc, first) !== null,
    )
    expect(getCanvas(facilitator.doc, first)?.locked).toBe(true)

    setCanvasLocked(facilitator.doc, first, false, O)
    await waitFor(
      'the facilitator unlock',
      () => getCanvas(participant.doc, first)?.locked === false,
    )
    addBox(participant.doc, first, { kind: 'note', x: 0, y: 0, text: 'Enfin' }, O)
    await waitFor('an edit after the unlock', () => texts(facilitator, first).includes('Enfin'))
  })
})
