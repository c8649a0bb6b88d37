import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import {
  readLayers,
  stepCanvasId,
  stepFrameId,
  stepFrames,
} from '../../client/features/phone/ideas.ts'
import {
  addBox,
  type BoxItem,
  deleteItems,
  goToPhase,
  listCanvases,
  readFlow,
  setProjector,
} from '../../shared/schema/index.ts'
import { templatePhase } from '../../shared/template.ts'
import { fakePrivate } from '../helpers/canvasArea.tsx'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import {
  boxes,
  CANVAS,
  O,
  overlaps,
  PRIVATE,
  renderPhoneMain,
  WRITE,
  workshop,
} from './phoneFixtures.tsx'

/**
 * A step names no frame but its canvas (`focus`); its words may name some, between quotes, as
 * the templates do (« Quoi? », « Récolte »). The phone offers every frame of the step's canvas.
 */
const steps = [
  ['ecrire', WRITE, 'Écrivez vos ressources dans « Ressources ».', 'Write in “Ressources”.'],
  ['seul', PRIVATE, 'Personne ne voit vos notes.', 'Nobody sees your notes.'],
  ['ensemble', WRITE, 'Mettez dans « besoins » ce qui manque.', 'Put in “Besoins” what lacks.'],
].map(([id, allow, fr, en]) =>
  templatePhase.parse({
    id,
    title: { fr: `Étape ${id}`, en: `Step ${id}` },
    instructions: { fr, en },
    focus: { canvas: CANVAS },
    allow,
  }),
)

/** The fixture's "Besoins" (two notes in it), then "Ressources" beside it, "Contexte" under both. */
const threeFrames = () => {
  const made = workshop(steps)
  const frame = (text: string, x: number, y: number) =>
    addBox(made.doc, CANVAS, { kind: 'frame', x, y, w: 560, h: 640, text }, O)
  const contexte = frame('Contexte', 0, 700)
  const ressources = frame('Ressources', 600, 0)
  return { ...made, besoins: made.frame, ressources, contexte }
}

const inside = (note: BoxItem, frame: BoxItem) =>
  note.x >= frame.x &&
  note.y >= frame.y &&
  note.x + note.w <= frame.x + frame.w &&
  note.y + note.h <= frame.y + frame.h

describe('the frames a phone’s idea may go to', () => {
  it('offers the step’s canvas’s frames in reading order, the one the step is about first chosen', () => {
    const { doc, besoins, ressources, contexte } = threeFrames()
    const layers = readLayers(doc, null, CANVAS)
    expect(stepFrames(layers, 'fr')).toEqual([
      { id: besoins, title: 'Besoins' },
      { id: ressources, title: 'Ressources' },
      { id: contexte, title: 'Contexte' },
    ])
    // The step's words name « Ressources ».
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(ressources)
    // The facilitator puts « Contexte » on the stage during this step: it is what the step is about.
    setProjector(doc, { frame: { phase: 'ecrire', itemId: contexte } }, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(contexte)
    // It stays on the stage at the next step, which names none.
    goToPhase(doc, 1, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(contexte)
    // A step that names one (whatever its capitals) goes to it, not to the earlier step's stage.
    goToPhase(doc, 2, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(besoins)
    // Nothing on the stage, nothing named: the first frame in reading order.
    setProjector(doc, { frame: null }, O)
    goToPhase(doc, 1, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(besoins)
  })

  it('has none to offer on a canvas without frames', () => {
    const { doc } = workshop(steps)
    const empty = readLayers(doc, null, 'no-such-canvas')
    expect(stepFrames(empty, 'fr')).toEqual([])
    expect(stepFrameId(readFlow(doc), empty, 'fr')).toBeNull()
  })

  // What each template's step asks for, « … » in French, “…” in English: that frame is chosen.
  it.each([
    ['quoi-et-alors-maintenant', 'et-alors', 'Et alors? Ce que ça veut dire pour nous', 'So what?'],
    ['un-deux-quatre-tous', 'a-deux', '2 — À deux (2 minutes)', '2 — In pairs (2 minutes)'],
    ['world-cafe', 'recolte', 'Récolte : ce qui ressort de toutes les tables', 'Harvest:'],
    ['world-cafe', 'ronde-1', 'Table 1 : À quoi ressemble', 'Table 1: What'],
    ['ronde-de-consentement', 'integrer-les-objections', 'Objections et leurs raisons', 'Obj'],
    ['modeliser-intervention', 'ecriture-individuelle', 'Besoins et population', 'Needs'],
  ])('chooses, in %s at « %s », the frame its words name (else the first)', (id, step, fr, en) => {
    const template = shippedTemplate(id)
    for (const [locale, title] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const { doc } = newWorkshop({ templateId: id, locale }, template)
      goToPhase(
        doc,
        template.phases.findIndex((phase) => phase.id === step),
        O,
      )
      const flow = readFlow(doc)
      const canvas = stepCanvasId(flow, listCanvases(doc))
      if (!canvas) throw new Error(`${step}: no canvas`)
      const layers = readLayers(doc, null, canvas)
      const chosen = stepFrameId(flow, layers, locale)
      const shown = stepFrames(layers, locale).find((frame) => frame.id === chosen)?.title
      expect(shown?.slice(0, title.length)).toBe(title)
    }
  })
})

describe('choosing the frame on a phone', () => {
  it('writes into the frame chosen by touch, kept for the step, the step’s own again at the next', async () => {
    const { doc, contexte } = threeFrames()
    renderPhoneMain(doc, { privateConnection: fakePrivate() })
    const field = await screen.findByRole('textbox', { name: 'Écrire une idée' })
    const where = screen.getByRole('group', { name: 'Dans quelle partie du canevas\u202f?' })
    const choices = within(where).getAllByRole('radio')
    expect(choices.map((choice) => choice.closest('label')?.textContent)).toEqual([
      'Besoins',
      'Ressources',
      'Contexte',
    ])
    // The step names « Ressources »: it is chosen, and the field says so.
    expect(within(where).getByRole('radio', { name: 'Ressources' })).toBeChecked()
    expect(field).toHaveAccessibleDescription('Elle ira dans «\u00a0Ressources\u00a0».')

    fireEvent.click(within(where).getByRole('radio', { name: 'Contexte' }))
    expect(within(where).getByRole('radio', { name: 'Contexte' })).toBeChecked()
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription('Elle ira dans «\u00a0Contexte\u00a0».'),
    )
    for (const text of ['Un interprète', 'Des heures du soir']) {
      fireEvent.input(field, { target: { value: text } })
      fireEvent.click(screen.getByRole('button', { name: 'Ajouter l’idée' }))
    }
    await screen.findByText('Idée ajoutée dans « Contexte ». Écrivez la suivante.')
    // Both in « Contexte », on no other box; the choice holds for the next idea.
    const all = boxes(doc)
    const frameBox = all.find((box) => box.id === contexte)
    if (!frameBox) throw new Error('no frame Contexte')
    for (const text of ['Un interprète', 'Des heures du soir']) {
      const note = all.find((box) => box.text === text)
      if (!note) throw new Error(`${text} not written`)
      expect(note.frame).toBe(contexte)
      expect(inside(note, frameBox)).toBe(true)
      for (const other of all)
        if (other.id !== note.id && other.kind !== 'frame')
          expect(overlaps(note, other)).toBe(false)
    }
    expect(within(where).getByRole('radio', { name: 'Contexte' })).toBeChecked()

    // The next step names « besoins »: it is chosen again, whatever was chosen before.
    goToPhase(doc, 2, O)
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('group', { name: 'Dans quelle partie du canevas\u202f?' }),
        ).getByRole('radio', { name: 'Besoins' }),
      ).toBeChecked(),
    )
  })

  it('puts a private idea where it was asked, named for the reveal', async () => {
    const { doc, ressources } = threeFrames()
    goToPhase(doc, 1, O)
    const mine = fakePrivate()
    renderPhoneMain(doc, { privateConnection: mine })
    const field = await screen.findByRole('textbox', { name: 'Écrire une idée' })
    const where = screen.getByRole('group', { name: 'Dans quelle partie du canevas\u202f?' })
    // Nothing named, nothing on the stage: the first frame.
    expect(within(where).getByRole('radio', { name: 'Besoins' })).toBeChecked()
    fireEvent.click(within(where).getByRole('radio', { name: 'Ressources' }))
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        'Privée, dans «\u00a0Ressources\u00a0»\u00a0: vous seul·e la voyez jusqu’au dévoilement.',
      ),
    )
    fireEvent.input(field, { target: { value: 'Ma voisine' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter l’idée' }))
    await screen.findByText('Idée privée ajoutée dans « Ressources ». Écrivez la suivante.')
    expect(boxes(doc).some((box) => box.text === 'Ma voisine')).toBe(false)
    const note = boxes(mine.doc).find((box) => box.text === 'Ma voisine')
    const frameBox = boxes(doc).find((box) => box.id === ressources)
    if (!note || !frameBox) throw new Error('not written')
    expect(note.frame).toBe(ressources)
    expect(inside(note, frameBox)).toBe(true)
  })

  it('names an untitled frame as the outline does', async () => {
    const { doc } = workshop(steps)
    addBox(doc, CANVAS, { kind: 'frame', x: 600, y: 0, w: 560, h: 640 }, O)
    renderPhoneMain(doc, { privateConnection: fakePrivate() })
    const where = await screen.findByRole('group', { name: 'Dans quelle partie du canevas\u202f?' })
    fireEvent.click(within(where).getByRole('radio', { name: 'Zone sans nom' }))
    expect(screen.getByRole('textbox', { name: 'Écrire une idée' })).toHaveAccessibleDescription(
      'Elle ira dans «\u00a0Zone sans nom\u00a0».',
    )
  })

  it('offers no choice when the canvas has one frame, or none', async () => {
    const { doc, frame } = workshop(steps)
    renderPhoneMain(doc, { privateConnection: fakePrivate() })
    const field = await screen.findByRole('textbox', { name: 'Écrire une idée' })
    expect(screen.queryByRole('group')).toBeNull()
    // The only frame is where the idea goes.
    expect(field).toHaveAccessibleDescription('Elle ira dans «\u00a0Besoins\u00a0».')
    // No frame: near the middle of what the canvas holds.
    deleteItems(doc, CANVAS, [frame], O)
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription('Elle ira sur le canevas «\u00a0Idées\u00a0».'),
    )
    expect(screen.queryByRole('group')).toBeNull()
  })
})
