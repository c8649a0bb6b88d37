import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createDocVersion } from '../../client/features/flow/docText.ts'
import { freeArea, READABLE_ZOOM, readableView } from '../../client/features/phone/boardFit.ts'
import { Composer } from '../../client/features/phone/Composer.tsx'
import {
  deleteIdea,
  editIdea,
  myIdeas,
  readLayers,
  stepCanvasId,
  stepFrameId,
  voteIdeas,
} from '../../client/features/phone/ideas.ts'
import {
  addBox,
  type BoxItem,
  endWorkshop,
  goToPhase,
  ITEM_TEXT_MAX,
  listCanvases,
  readCanvasContent,
  readFlow,
  setProjector,
} from '../../shared/schema/index.ts'
import { readBallot, tally, writeResult } from '../../shared/schema/votes.ts'
import { amina, fakePrivate } from '../helpers/canvasArea.tsx'
import {
  boxes,
  CANVAS,
  O,
  overlaps,
  PRIVATE,
  phases,
  renderPhoneMain,
  renderWithI18n,
  rightsIn,
  VOTE,
  WRITE,
  workshop,
  write,
} from './phoneFixtures.tsx'

describe('the phone composer: where an idea lands', () => {
  it('writes each idea into the step’s frame, on a free spot, credited to its writer', () => {
    const { doc, frame } = workshop()
    for (const text of ['Être écouté', 'Comprendre', 'Ne pas attendre']) {
      const outcome = write(doc, `  ${text}  `, { frameId: frame })
      expect(outcome).toMatchObject({ ok: true, layer: 'shared', frameId: frame })
    }
    const all = boxes(doc)
    const frameBox = all.find((box) => box.id === frame)
    const mine = all.filter((box) => box.createdBy === amina.participantId)
    expect(mine.map((box) => box.text).sort()).toEqual([
      'Comprendre',
      'Ne pas attendre',
      'Être écouté',
    ])
    for (const note of mine) {
      expect(note).toMatchObject({ frame, group: 'patient', kind: 'note' })
      expect(note.x).toBeGreaterThanOrEqual(frameBox?.x ?? 0)
      expect(note.x + note.w).toBeLessThanOrEqual((frameBox?.x ?? 0) + (frameBox?.w ?? 0))
      expect(note.y + note.h).toBeLessThanOrEqual((frameBox?.y ?? 0) + (frameBox?.h ?? 0))
      for (const other of all)
        if (other.id !== note.id && other.kind !== 'frame')
          expect(overlaps(note, other)).toBe(false)
    }
  })

  it('goes to the private document while each person writes on their own', () => {
    const { doc, frame } = workshop()
    goToPhase(doc, 1, O)
    const own = new Y.Doc()
    const outcome = write(doc, 'Une idée à moi', {
      privateDoc: own,
      rights: rightsIn(PRIVATE),
      frameId: frame,
    })
    expect(outcome).toMatchObject({ ok: true, layer: 'private' })
    expect(boxes(doc).some((box) => box.text === 'Une idée à moi')).toBe(false)
    const kept = readCanvasContent(own, CANVAS).items
    expect(kept.map((item) => item.text)).toEqual(['Une idée à moi'])
    // Where it is on the canvas, it is clear of what the shared canvas holds.
    const note = kept[0] as BoxItem
    for (const other of boxes(doc))
      if (other.kind !== 'frame') expect(overlaps(note, other)).toBe(false)
  })

  it('grows a full frame by its height, as the board does, so the idea lands inside it', () => {
    const { doc, frame } = workshop()
    const small = addBox(
      doc,
      CANVAS,
      { kind: 'frame', x: 0, y: 800, w: 200, h: 240, text: 'Petit' },
      O,
    )
    expect(write(doc, 'Première', { frameId: small })).toMatchObject({ ok: true, frameId: small })
    expect(write(doc, 'Deuxième', { frameId: small })).toMatchObject({ ok: true, frameId: small })
    const all = boxes(doc)
    const grown = all.find((box) => box.id === small)
    if (!grown) throw new Error('frame gone')
    expect(grown).toMatchObject({ x: 0, y: 800, w: 200 })
    expect(grown.h).toBeGreaterThan(240)
    const [one, two] = ['Première', 'Deuxième'].map((text) => all.find((box) => box.text === text))
    if (!one || !two) throw new Error('not written')
    expect(overlaps(one, two)).toBe(false)
    for (const note of [one, two]) {
      expect(note.frame).toBe(small)
      expect(note.y + note.h).toBeLessThanOrEqual(grown.y + grown.h)
    }
    expect(frame).not.toBe(small)
  })

  it('writes nothing while the step does not let people write, nor an empty idea', () => {
    const { doc } = workshop()
    const before = boxes(doc).length
    expect(write(doc, 'Pendant le vote', { rights: rightsIn(VOTE) })).toEqual({
      ok: false,
      reason: 'phase.write',
    })
    expect(write(doc, '   ')).toEqual({ ok: false, reason: 'empty' })
    expect(boxes(doc)).toHaveLength(before)
  })
})

describe('the phone’s lists: my ideas, the ideas of a dot vote', () => {
  it('lists my ideas of both layers, newest first, each changed or deleted only where the rules allow', () => {
    const { doc } = workshop()
    const own = new Y.Doc()
    // A millisecond apart, so "newest first" does not fall to the ids' random order.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000)
    write(doc, 'Partagée')
    vi.setSystemTime(2_000)
    write(doc, 'Privée', { privateDoc: own, rights: rightsIn(PRIVATE) })
    vi.useRealTimers()
    const ideas = myIdeas(readLayers(doc, own, CANVAS), amina.participantId, rightsIn(WRITE), 'fr')
    expect(ideas.map((idea) => [idea.text, idea.layer])).toEqual([
      ['Privée', 'private'],
      ['Partagée', 'shared'],
    ])
    expect(ideas.every((idea) => idea.editable && idea.removable)).toBe(true)

    const shared = ideas[1]
    if (!shared) throw new Error('no shared idea')
    expect(editIdea(doc, own, CANVAS, shared, ' Partagée, mieux dite ', O)).toBe(true)
    expect(boxes(doc).some((box) => box.text === 'Partagée, mieux dite')).toBe(true)

    // During a vote, nothing of them may change.
    const voting = myIdeas(readLayers(doc, own, CANVAS), amina.participantId, rightsIn(VOTE), 'fr')
    expect(voting.some((idea) => idea.editable || idea.removable)).toBe(false)
    const locked = voting.find((idea) => idea.layer === 'shared')
    if (!locked) throw new Error('no shared idea')
    expect(deleteIdea(doc, own, CANVAS, locked, O)).toBe(false)
    expect(boxes(doc).some((box) => box.id === locked.id)).toBe(true)

    expect(deleteIdea(doc, own, CANVAS, shared, O)).toBe(true)
    expect(boxes(doc).some((box) => box.id === shared.id)).toBe(false)
  })

  it('gives a dot vote’s ideas by frame, in reading order, the ones in no frame last', () => {
    const { doc, frame } = workshop()
    addBox(doc, CANVAS, { kind: 'frame', x: 0, y: 700, w: 400, h: 400, text: 'Vide' }, O)
    addBox(doc, CANVAS, { kind: 'text', x: 220, y: 60, text: 'Un titre écrit' }, O)
    const groups = voteIdeas(readLayers(doc, null, CANVAS).shared, 'fr')
    expect(
      groups.map((group) => [group.frameId, group.title, group.ideas.map((idea) => idea.text)]),
    ).toEqual([
      [frame, 'Besoins', ['Un médecin', 'Un titre écrit', 'Du transport']],
      [null, '', ['Ailleurs']],
    ])
  })

  it('leaves a template’s question out of a dot vote’s ideas', () => {
    const { doc } = workshop()
    addBox(doc, CANVAS, { kind: 'note', x: 900, y: 300, text: 'Notre question', prompt: true }, O)
    const groups = voteIdeas(readLayers(doc, null, CANVAS).shared, 'fr')
    expect(groups.flatMap((group) => group.ideas.map((idea) => idea.text))).toEqual([
      'Un médecin',
      'Du transport',
      'Ailleurs',
    ])
  })

  it('finds the step’s canvas and the frame the facilitator put on the stage', () => {
    const { doc, frame } = workshop()
    const staged = addBox(
      doc,
      CANVAS,
      { kind: 'frame', x: 0, y: 700, w: 560, h: 640, text: 'Ressources' },
      O,
    )
    const layers = readLayers(doc, null, CANVAS)
    expect(stepCanvasId(readFlow(doc), listCanvases(doc))).toBe(CANVAS)
    // Nothing on the stage: the first frame in reading order.
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(frame)
    setProjector(doc, { frame: { phase: 'ecrire', itemId: staged } }, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(staged)
    // It stays on the stage at the next step on the same canvas, until the facilitator changes it.
    goToPhase(doc, 1, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(staged)
    setProjector(doc, { frame: null }, O)
    expect(stepFrameId(readFlow(doc), layers, 'fr')).toBe(frame)
  })

  it('shows the board at a readable scale: the whole frame when it fits, else from its top-left', () => {
    const small = readableView({ x: 0, y: 0, w: 200, h: 200 }, { w: 366, h: 600 })
    expect(small).toMatchObject({ x: 100, y: 100 })
    expect(small.zoom).toBeGreaterThan(1)
    const wide = readableView({ x: 0, y: 0, w: 1200, h: 640 }, { w: 366, h: 600 })
    expect(wide.zoom).toBe(READABLE_ZOOM)
    // The frame's left edge and its title band are on screen.
    expect(wide.x - 366 / 2 / wide.zoom).toBeLessThanOrEqual(0)
    expect(wide.y - 600 / 2 / wide.zoom).toBeLessThanOrEqual(0)
  })
})

describe('the board’s readable view beside what covers it', () => {
  const size = { w: 1342, h: 534 }
  /** Where a canvas point lands on the board under `view`. */
  const onScreen = (view: { x: number; y: number; zoom: number }, x: number, y: number) => ({
    x: (x - view.x) * view.zoom + size.w / 2,
    y: (y - view.y) * view.zoom + size.h / 2,
  })
  const card = { x: 12, y: 12, w: 432, h: 291 }

  it('shows a question note whole beside the step card, as large as without it', () => {
    const note = { x: 0, y: -200, w: 340, h: 160 }
    const view = readableView(note, size, card)
    expect(view.zoom).toBe(readableView(note, size).zoom)
    const from = onScreen(view, note.x, note.y)
    const to = onScreen(view, note.x + note.w, note.y + note.h)
    expect(from.x).toBeGreaterThanOrEqual(card.x + card.w)
    expect(to.x).toBeLessThanOrEqual(size.w)
    expect(from.y).toBeGreaterThanOrEqual(0)
    expect(to.y).toBeLessThanOrEqual(size.h)
  })

  it('shows what is too large from its top-left, beside the card rather than under it', () => {
    const ideas = { x: 0, y: -200, w: 1160, h: 1320 }
    const view = readableView(ideas, size, card)
    expect(view.zoom).toBe(READABLE_ZOOM)
    expect(onScreen(view, ideas.x, ideas.y).x).toBeGreaterThanOrEqual(card.x + card.w)
    expect(onScreen(view, ideas.x, ideas.y).y).toBeGreaterThanOrEqual(0)
  })

  it('puts new notes in the largest part the card leaves free', () => {
    expect(freeArea(size, card)).toEqual({ x: 444, y: 0, w: 898, h: 534 })
    expect(freeArea(size, null)).toEqual({ x: 0, y: 0, ...size })
  })

  it('uses the whole board when nothing covers it, or what is left is too small', () => {
    const note = { x: 0, y: 0, w: 160, h: 160 }
    expect(readableView(note, size, null)).toEqual(readableView(note, size))
    const most = { x: 0, y: 0, w: size.w - 40, h: size.h - 40 }
    expect(readableView(note, size, most)).toEqual(readableView(note, size))
  })
})

describe('the composer on screen', () => {
  const renderComposer = (doc: Y.Doc, frameId: string | null) =>
    renderWithI18n(() => {
      const version = createDocVersion(doc)
      return (
        <Composer
          doc={doc}
          privateDoc={null}
          canvasId={CANVAS}
          canvasTitle="Idées"
          rights={rightsIn(WRITE)}
          frames={frameId ? [{ id: frameId, title: 'Besoins' }] : []}
          frameId={frameId}
          onChooseFrame={() => {}}
          identity={amina}
          layers={() => {
            version()
            return readLayers(doc, null, CANVAS)
          }}
        />
      )
    })

  it('adds the idea, says where, stays focused and empty for the next one, lists it under my ideas', async () => {
    const { doc, frame } = workshop()
    renderComposer(doc, frame)
    const field = screen.getByRole('textbox', { name: 'Écrire une idée' })
    expect(field).toHaveAccessibleDescription('Elle ira dans «\u00a0Besoins\u00a0».')
    // It stops where the server would refuse the text (text.tooLong).
    expect(field).toHaveAttribute('maxlength', String(ITEM_TEXT_MAX))
    fireEvent.input(field, { target: { value: 'Être écouté' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter l’idée' }))
    expect(boxes(doc).find((box) => box.text === 'Être écouté')?.frame).toBe(frame)
    expect(field).toHaveValue('')
    expect(field).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent('Idée ajoutée dans « Besoins ».')

    // Enter sends the next one; Shift+Enter would start a new line.
    fireEvent.input(field, { target: { value: 'Comprendre' } })
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true })
    expect(boxes(doc).some((box) => box.text === 'Comprendre')).toBe(false)
    fireEvent.keyDown(field, { key: 'Enter' })
    await waitFor(() => expect(boxes(doc).some((box) => box.text === 'Comprendre')).toBe(true))

    const list = screen.getByRole('region', { name: 'Mes idées (2)' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('p')?.textContent),
    ).toEqual(['Comprendre', 'Être écouté'])
    // Nothing is written for an empty field: it says so.
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter l’idée' }))
    expect(screen.getByRole('status')).toHaveTextContent('Écrivez d’abord votre idée.')
  })

  it('changes and deletes one of my ideas from the list, after asking', async () => {
    const { doc } = workshop()
    write(doc, 'Première version')
    renderComposer(doc, null)
    fireEvent.click(screen.getByRole('button', { name: 'Modifier\u00a0: Première version' }))
    const field = screen.getByRole('textbox', { name: 'Texte de l’idée' })
    expect(field).toHaveAttribute('maxlength', String(ITEM_TEXT_MAX))
    fireEvent.input(field, { target: { value: 'Deuxième version' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    await screen.findByRole('button', { name: 'Modifier\u00a0: Deuxième version' })
    expect(boxes(doc).some((box) => box.text === 'Deuxième version')).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Supprimer\u00a0: Deuxième version' }))
    const ask = screen.getByRole('group', { name: 'Supprimer cette idée\u202f?' })
    fireEvent.click(within(ask).getByRole('button', { name: 'Oui, supprimer' }))
    await screen.findByText('Vos idées apparaîtront ici.')
    expect(boxes(doc).some((box) => box.text === 'Deuxième version')).toBe(false)
  })
})

describe('the phone’s screen across a step change', () => {
  it('comes to the new step’s action and says so: from the composer to the vote list', async () => {
    const { doc } = workshop()
    const mine = fakePrivate()
    const { container } = renderPhoneMain(doc, { privateConnection: mine })
    await screen.findByRole('textbox', { name: 'Écrire une idée' })
    const cue = container.querySelector('.phone-cue')
    expect(cue).toHaveAttribute('role', 'status')
    expect(cue).toHaveTextContent('')

    goToPhase(doc, 2, O)
    await waitFor(() => expect(cue).toHaveTextContent('Nouvelle étape — 3 sur 3 : Étape points'))
    const vote = await screen.findByRole('region', { name: 'Vote par points' })
    expect(screen.queryByRole('textbox', { name: 'Écrire une idée' })).toBeNull()
    fireEvent.click(
      within(vote).getByRole('button', { name: 'Ajouter un point à «\u00a0Un médecin\u00a0»' }),
    )
    const ballot = readBallot(
      mine.doc,
      phases[2]?.vote ?? { kind: 'dots', budget: 0, perItemCap: 0, hidden: true },
      'points',
    )
    expect(ballot?.kind === 'dots' ? [...ballot.dots.values()] : []).toEqual([1])
    expect(within(vote).getByTestId('dots-remaining')).toHaveTextContent(
      'Il vous reste 2 points sur 3',
    )
    expect(vote).toHaveTextContent('Point ajouté à « Un médecin »')

    // The vote closes: what the last dot did goes with it, and the totals are said to be there.
    const dots = phases[2]?.vote
    if (dots?.kind !== 'dots') throw new Error('no dot vote')
    const ideaId = readCanvasContent(doc, CANVAS).items.find(
      (item) => item.text === 'Un médecin',
    )?.id
    writeResult(
      doc,
      'points',
      tally(
        dots,
        [{ group: 'patient', ballot: { kind: 'dots', dots: new Map([[ideaId ?? '', 1]]) } }],
        true,
      ),
      'server',
    )
    await waitFor(() =>
      expect(vote).toHaveTextContent('Le vote est fermé. Le total du groupe est sous chaque idée.'),
    )
    expect(vote).not.toHaveTextContent('Point ajouté')
    expect(vote).not.toHaveTextContent('Il vous reste')
    expect(vote).toHaveTextContent('Total du groupe : 1 point')

    // "Voir le tableau" shows the board, "Retour à l'étape" the action again.
    fireEvent.click(screen.getByRole('button', { name: 'Voir le tableau' }))
    await screen.findByText('Le tableau')
    fireEvent.click(screen.getByRole('button', { name: 'Retour à l’étape' }))
    await screen.findByRole('region', { name: 'Vote par points' })
  })
})

describe('the phone once the workshop has ended', () => {
  it('says it once, in the step card, then what this person can still do', async () => {
    const { doc } = workshop()
    const opened: string[] = []
    const { container } = renderPhoneMain(doc, {
      privateConnection: fakePrivate(),
      writable: false,
      onOpen: (tab) => opened.push(tab),
    })
    await screen.findByRole('button', { name: 'Voir le tableau' })
    endWorkshop(doc, O)
    const still = await screen.findByRole('region', { name: 'Ce que vous pouvez encore faire' })
    // The cue says it to screen readers only: the step card shows it.
    const cue = container.querySelector('.phone-cue')
    await waitFor(() => expect(cue).toHaveTextContent('La séance est terminée.'))
    expect(cue).toHaveClass('visually-hidden')
    const visible = [...container.querySelectorAll('h2, h3, p, li')].filter(
      (el) =>
        !el.closest('.visually-hidden') && /La séance est terminée/.test(el.textContent ?? ''),
    )
    expect(visible.map((el) => el.textContent)).toEqual(['La séance est terminée'])
    expect(still).toHaveTextContent('Relire le tableau')
    fireEvent.click(within(still).getByRole('button', { name: /Relire les documents/ }))
    fireEvent.click(within(still).getByRole('button', { name: /Télécharger le rapport/ }))
    expect(opened).toEqual(['documents', 'versions'])
  })
})
