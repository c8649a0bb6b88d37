import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { VoteResults } from '../../client/features/flow/VoteResults.tsx'
import { BallotPanel } from '../../client/features/voting/BallotPanel.tsx'
import type { PrivateConnection } from '../../client/sync/privateConnection.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import type { Role } from '../../shared/roles.ts'
import {
  addBox,
  createCanvas,
  deleteCanvas,
  goToPhase,
  initFlow,
  listCanvases,
} from '../../shared/schema/index.ts'
import { readBallot, tally, type VoteResult, writeResult } from '../../shared/schema/votes.ts'
import { templatePhase } from '../../shared/template.ts'
import { fakePrivate, renderCanvasArea, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

const CANVAS = 'idees'
const proposal = { fr: 'Ouvrir le local le samedi', en: 'Open the space on Saturdays' }

const phases = [
  {
    id: 'vote-points',
    title: { fr: 'Vote', en: 'Vote' },
    instructions: { fr: 'Votez', en: 'Vote' },
    focus: { canvas: CANVAS },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'dots', budget: 3, perItemCap: 2, hidden: true },
  },
  {
    id: 'accord',
    title: { fr: 'Accord', en: 'Agreement' },
    instructions: { fr: 'Dites votre accord', en: 'Say how much you agree' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'gradient', scale: 'kaner', proposal },
  },
  {
    id: 'consentement',
    title: { fr: 'Consentement', en: 'Consent' },
    instructions: { fr: 'Consentez-vous?', en: 'Do you consent?' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'consent', proposal },
  },
  {
    id: 'accord-cinq',
    title: { fr: 'Accord', en: 'Agreement' },
    instructions: { fr: 'Dites votre accord', en: 'Say how much you agree' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'gradient', scale: 'five', proposal },
  },
].map((phase) => templatePhase.parse(phase))

const PHASE = { dots: 0, kaner: 1, consent: 2, five: 3 } as const

/** A workshop with three ideas on one canvas, at the given phase. */
const workshopAt = (phase: number) => {
  const { doc } = newWorkshop()
  // The vote's canvas only (the default "Canevas 1" goes).
  const first = listCanvases(doc)[0]
  createCanvas(doc, { id: CANVAS, title: 'Idées' }, 'seed')
  if (first) deleteCanvas(doc, first.id, 'seed')
  const ideas = ['Transport', 'Repas', 'Écoute'].map((text, i) =>
    addBox(
      doc,
      CANVAS,
      { kind: 'note', x: 200 * i, y: 0, text, createdBy: 'someone-else-01' },
      'seed',
    ),
  )
  initFlow(doc, phases, 'seed')
  goToPhase(doc, phase, 'facilitator')
  return { doc, ideas }
}

const renderArea = (doc: Y.Doc, mine: PrivateConnection | null, role: Role = 'participant') =>
  renderCanvasArea(doc, { role, privateConnection: mine, showBallot: false })

/** This person's dots by idea, as a plain object to compare with (null without a dot ballot). */
const dotsOf = (mine: PrivateConnection) => {
  const ballot = readBallot(
    mine.doc,
    phases[PHASE.dots]?.vote ?? { kind: 'dots', budget: 0, perItemCap: 0, hidden: true },
    'vote-points',
  )
  return ballot?.kind === 'dots' ? Object.fromEntries(ballot.dots) : null
}

withoutCanvas2d()

describe('dot voting on the board', () => {
  it('writes dots to the private ballot, within the per-idea cap and the budget', async () => {
    const { doc, ideas } = workshopAt(PHASE.dots)
    const mine = fakePrivate()
    renderArea(doc, mine)
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: '0' }) // 100 %: ideas drawn as elements

    const add = async (text: string) =>
      fireEvent.click(
        await screen.findByRole('button', { name: `Ajouter un point à «\u00a0${text}\u00a0»` }),
      )
    const bar = screen.getByRole('region', { name: 'Vote par points' })
    expect(bar).toHaveTextContent('Il vous reste 3 points sur 3')

    await add('Transport')
    await add('Transport')
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 2 })
    expect(bar).toHaveTextContent('Il vous reste 1 point sur 3')

    // A third dot on the same idea: over the cap, explained, nothing written.
    await add('Transport')
    expect(bar).toHaveTextContent('Maximum 2 points par idée.')
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 2 })

    await add('Repas')
    expect(bar).toHaveTextContent('Il vous reste 0 point sur 3')
    // Over the budget: explained, nothing written.
    await add('Écoute')
    expect(bar).toHaveTextContent('Vous avez utilisé vos 3 points.')
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 2, [ideas[1] as string]: 1 })

    // The item's own name says how many dots this person put on it.
    expect(screen.getByRole('option', { name: /Transport/ })).toHaveAccessibleName(
      expect.stringContaining('Vos points\u00a0: 2'),
    )
    // Keyboard: − on the focused idea takes a dot back, + puts one.
    const transport = screen.getByRole('option', { name: /Transport/ })
    transport.focus()
    fireEvent.keyDown(transport, { key: '-' })
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 1, [ideas[1] as string]: 1 })
    const ecoute = screen.getByRole('option', { name: /Écoute/ })
    ecoute.focus()
    fireEvent.keyDown(ecoute, { key: '+' })
    expect(dotsOf(mine)).toEqual({
      [ideas[0] as string]: 1,
      [ideas[1] as string]: 1,
      [ideas[2] as string]: 1,
    })
    fireEvent.click(screen.getByRole('button', { name: 'Retirer un point de «\u00a0Repas\u00a0»' }))
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 1, [ideas[2] as string]: 1 })
  })

  it('hides the group totals until a result is published, then freezes a closed vote', async () => {
    const { doc, ideas } = workshopAt(PHASE.dots)
    const mine = fakePrivate()
    renderArea(doc, mine)
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: '0' })
    const addTransport = await screen.findByRole('button', {
      name: 'Ajouter un point à «\u00a0Transport\u00a0»',
    })
    fireEvent.click(addTransport)
    expect(screen.queryByText(/Total/)).toBeNull()

    const vote = phases[PHASE.dots]?.vote
    if (vote?.kind !== 'dots') throw new Error('no dot vote')
    writeResult(
      doc,
      'vote-points',
      tally(
        vote,
        [
          { group: 'patient', ballot: { kind: 'dots', dots: new Map([[ideas[0] as string, 1]]) } },
          { group: 'citizen', ballot: { kind: 'dots', dots: new Map([[ideas[0] as string, 2]]) } },
        ],
        true,
      ),
      'server',
    )
    expect(await screen.findByText('Total : 3')).toBeInTheDocument()
    expect(screen.getByRole('option', { name: /Transport/ })).toHaveAccessibleName(
      expect.stringContaining('Total du groupe\u00a0: 3 points'),
    )
    // Closed: the buttons say so and write nothing.
    expect(screen.getByRole('region', { name: 'Vote par points' })).toHaveTextContent(
      'Le vote est fermé : ses résultats sont dans la carte de l’étape, sous les consignes.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un point à «\u00a0Repas\u00a0»' }))
    expect(
      screen.getByRole('button', { name: 'Ajouter un point à «\u00a0Repas\u00a0»' }),
    ).toHaveAttribute('aria-disabled', 'true')
    expect(dotsOf(mine)).toEqual({ [ideas[0] as string]: 1 })
  })

  it('keeps the dot buttons out of the board’s list of ideas, each named with its whole idea', async () => {
    const { doc } = workshopAt(PHASE.dots)
    const long =
      'Un transport accompagné vers la clinique pour les personnes âgées qui vivent seules'
    addBox(doc, CANVAS, { kind: 'note', x: 0, y: 200, text: long, createdBy: 'x-1' }, 'seed')
    renderArea(doc, fakePrivate())
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: '0' })
    const add = await screen.findByRole('button', {
      name: `Ajouter un point à «\u00a0${long}\u00a0»`,
    })
    expect(
      screen.getByRole('button', { name: `Retirer un point de «\u00a0${long}\u00a0»` }),
    ).toBeTruthy()
    // A listbox holds options only (ARIA): the buttons are drawn over it, not inside it.
    expect(board.contains(add)).toBe(false)
    expect(within(board).queryAllByRole('button')).toEqual([])
  })

  it('offers no dots on a template’s question, which the ideas answer', async () => {
    const { doc } = workshopAt(PHASE.dots)
    const question = 'Notre question : que faire en premier?'
    addBox(doc, CANVAS, { kind: 'note', x: 0, y: 200, text: question, prompt: true }, 'seed')
    renderArea(doc, fakePrivate())
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: '0' })
    await screen.findByRole('option', { name: new RegExp(question) })
    await screen.findByRole('button', { name: 'Ajouter un point à «\u00a0Transport\u00a0»' })
    expect(screen.queryByRole('button', { name: /Notre question/ })).toBeNull()
  })

  it('offers no dots to observers', async () => {
    const { doc } = workshopAt(PHASE.dots)
    renderArea(doc, null, 'observer')
    const board = screen.getByRole('listbox')
    fireEvent.keyDown(board, { key: '0' })
    await screen.findByRole('option', { name: /Transport/ })
    expect(screen.queryByRole('button', { name: /Ajouter un point/ })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Vote par points' })).toBeNull()
  })
})

const renderBallot = (
  doc: Y.Doc,
  mine: PrivateConnection | null,
  role: Role = 'participant',
  locale: Locale = 'fr',
) => renderWithI18n(() => <BallotPanel doc={doc} privateConnection={mine} role={role} />, locale)

describe('gradient and consent ballots', () => {
  it('writes the chosen point of the gradient of agreement', async () => {
    const { doc } = workshopAt(PHASE.kaner)
    const mine = fakePrivate()
    renderBallot(doc, mine)
    const panel = screen.getByRole('region', { name: 'Votre vote\u00a0: degré d’accord' })
    expect(panel).toHaveTextContent('Ouvrir le local le samedi')
    const group = within(panel).getByRole('group', {
      name: 'À quel point êtes-vous d’accord avec la proposition\u202f?',
    })
    expect(within(group).getAllByRole('radio')).toHaveLength(8)
    fireEvent.click(
      within(group).getByRole('radio', { name: '4. Abstention / je peux vivre avec' }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    const vote = phases[PHASE.kaner]?.vote
    if (!vote) throw new Error('no vote')
    expect(readBallot(mine.doc, vote, 'accord')).toEqual({ kind: 'gradient', value: 4 })
    expect(await within(panel).findByRole('status')).toHaveTextContent('Vote enregistré')

    // Changed until the vote closes.
    fireEvent.click(within(group).getByRole('radio', { name: '1. Approbation totale' }))
    expect(within(panel).getByRole('status')).not.toHaveTextContent('Vote enregistré')
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    expect(readBallot(mine.doc, vote, 'accord')).toEqual({ kind: 'gradient', value: 1 })
  })

  it('names each point as its results do, in both languages', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const scale of ['kaner', 'five'] as const) {
        const { doc } = workshopAt(PHASE[scale])
        const phase = phases[PHASE[scale]]
        if (phase?.vote?.kind !== 'gradient') throw new Error('no gradient')
        const ballot = renderBallot(doc, fakePrivate(), 'participant', locale)
        const onBallot = screen
          .getAllByRole('radio')
          .map((radio) => radio.closest('label')?.textContent ?? '')
        ballot.unmount()
        const points = onBallot.length
        const result: VoteResult = {
          kind: 'gradient',
          closed: true,
          voters: points,
          scale,
          counts: Array(points).fill(1),
          groups: { shown: [], folded: [] },
          byGroup: {},
          otherGroups: Array(points).fill(1),
        }
        const results = renderWithI18n(
          () => <VoteResults doc={doc} phase={phase} result={result} />,
          locale,
        )
        const inResults = [...document.querySelectorAll('.vote-results__label')].map(
          (label) => label.textContent,
        )
        results.unmount()
        expect(onBallot, `${locale} ${scale}`).toEqual(inResults)
      }
    }
  })

  it('labels the five-point scale from disagreement to agreement', () => {
    const { doc } = workshopAt(PHASE.five)
    renderBallot(doc, fakePrivate(), 'facilitator')
    const radios = screen.getAllByRole('radio')
    expect(radios).toHaveLength(5)
    expect(radios[0]).toHaveAccessibleName('1. Pas du tout d’accord')
    expect(radios[4]).toHaveAccessibleName('5. Tout à fait d’accord')
  })

  it('requires a reason to object, and writes the answer with it', async () => {
    const { doc } = workshopAt(PHASE.consent)
    const mine = fakePrivate()
    renderBallot(doc, mine)
    const vote = phases[PHASE.consent]?.vote
    if (!vote) throw new Error('no vote')
    fireEvent.click(screen.getByRole('radio', { name: 'J’objecte' }))
    const reason = screen.getByRole('textbox', { name: 'Votre raison' })
    expect(reason).toBeRequired()
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    expect(readBallot(mine.doc, vote, 'consentement')).toBeNull()
    expect(reason).toHaveAttribute('aria-invalid', 'true')
    expect(reason).toHaveAccessibleDescription(
      expect.stringContaining('Écrivez la raison de votre objection.'),
    )
    expect(reason).toHaveFocus()

    fireEvent.input(reason, { target: { value: 'Les bénévoles ne sont pas là le samedi' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    expect(readBallot(mine.doc, vote, 'consentement')).toEqual({
      kind: 'consent',
      value: 'objection',
      reason: 'Les bénévoles ne sont pas là le samedi',
    })
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Vote enregistré'))
  })

  it('lets a concern go without a reason', () => {
    const { doc } = workshopAt(PHASE.consent)
    const mine = fakePrivate()
    renderBallot(doc, mine)
    fireEvent.click(screen.getByRole('radio', { name: 'J’ai une préoccupation' }))
    expect(
      screen.getByRole('textbox', { name: 'Votre préoccupation (facultatif)' }),
    ).not.toBeRequired()
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    const vote = phases[PHASE.consent]?.vote
    if (!vote) throw new Error('no vote')
    expect(readBallot(mine.doc, vote, 'consentement')).toEqual({
      kind: 'consent',
      value: 'concern',
      reason: '',
    })
  })

  it('shows a closed vote read-only, with the answer given', async () => {
    const { doc } = workshopAt(PHASE.consent)
    const mine = fakePrivate()
    renderBallot(doc, mine)
    fireEvent.click(screen.getByRole('radio', { name: 'Je consens' }))
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mon vote' }))
    const vote = phases[PHASE.consent]?.vote
    if (!vote) throw new Error('no vote')
    writeResult(doc, 'consentement', tally(vote, [], true), 'server')
    expect(await screen.findByText('Le vote est fermé.')).toBeInTheDocument()
    expect(screen.getByText('Votre vote : Je consens')).toBeInTheDocument()
    expect(screen.queryByRole('radio')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Enregistrer mon vote' })).toBeNull()
  })

  it('shows no ballot to observers, nor outside a ballot phase', () => {
    const atConsent = workshopAt(PHASE.consent)
    renderBallot(atConsent.doc, null, 'observer')
    expect(
      screen.queryByRole('region', { name: 'Votre vote\u00a0: ronde de consentement' }),
    ).toBeNull()
    const atDots = workshopAt(PHASE.dots)
    renderBallot(atDots.doc, fakePrivate())
    expect(screen.queryByRole('radio')).toBeNull()
  })
})
