import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { LeavePrivateDialog } from '../../client/features/flow/LeavePrivateDialog.tsx'
import { PhaseBanner } from '../../client/features/flow/PhaseBanner.tsx'
import { PrivateWriting } from '../../client/features/flow/PrivateWriting.tsx'
import { StepChip } from '../../client/features/flow/StepChip.tsx'
import { formatClock } from '../../client/features/flow/timer.ts'
import { StepCard } from '../../client/features/workspace/StepCard.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import type { Participation } from '../../shared/api.ts'
import {
  addBox,
  endWorkshop,
  pauseTimer,
  setSpotlight,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { writeResult } from '../../shared/schema/votes.ts'
import { makeDoc, NOW, ORIGIN, participation, phases } from './flowFixtures.ts'
import { renderWithI18n } from './helpers.tsx'

/** The workshop's steps on screen: the banner and its clock, writing alone, the step card. */

/** The step as the workspace shows it: the top bar's chip (with the timer) and the card's text. */
const Banner = (props: { doc: Y.Doc; now?: number }) => {
  const flow = createFlow(props.doc)
  return (
    <>
      <StepChip
        flow={flow}
        now={() => props.now ?? NOW}
        expanded
        cardId="card"
        onToggle={() => {}}
      />
      <PhaseBanner doc={props.doc} flow={flow} />
    </>
  )
}

describe('formatClock', () => {
  it('shows mm:ss, rounded up to the second', () => {
    expect(formatClock(5 * 60_000)).toBe('05:00')
    expect(formatClock(61_001)).toBe('01:02')
    expect(formatClock(0)).toBe('00:00')
    expect(formatClock(3_600_000 + 5_000)).toBe('1:00:05')
  })
})

describe('PhaseBanner', () => {
  it('says the workshop has not started yet', () => {
    renderWithI18n(() => <Banner doc={makeDoc()} />)
    expect(screen.getByRole('heading', { name: 'La séance n’a pas commencé' })).toBeInTheDocument()
    expect(screen.getByText(/La séance compte 3 étapes/)).toBeInTheDocument()
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('shows the step, its instructions, what it allows and the time left, live', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN, NOW - 20_000)
    renderWithI18n(() => <Banner doc={doc} />)
    const banner = screen.getByRole('region', { name: 'Étape en cours' })
    expect(
      within(banner).getByRole('heading', { name: 'Étape 1 sur 3 — La question' }),
    ).toBeInTheDocument()
    expect(within(banner).getByText('On lit la question ensemble.')).toBeInTheDocument()
    expect(
      within(banner).getByText('Pendant cette étape, on écoute et on lit : l’écriture est fermée.'),
    ).toBeInTheDocument()
    expect(
      within(banner).getByText('On travaille sur le canevas « Nos idées ».'),
    ).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Étape 1 sur 3 — La question' })).toHaveAttribute(
      'aria-expanded',
      'true',
    )
    const timer = screen.getByRole('timer', { name: 'Temps restant' })
    expect(timer).toHaveTextContent('04:40')
    expect(timer).toHaveTextContent('Il reste 4 min 40 s')

    // The facilitator moves on: private writing is explained.
    startWorkshop(doc, ORIGIN, NOW)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    await waitFor(() =>
      expect(
        within(banner).getByRole('heading', { name: 'Étape 2 sur 3 — Écrire en silence' }),
      ).toBeInTheDocument(),
    )
    expect(
      within(banner).getByText(
        'Écriture privée : vos notes ne sont visibles que par vous jusqu’au dévoilement.',
      ),
    ).toBeInTheDocument()
  })

  it('explains a vote step, shows the paused timer, then "time is up"', () => {
    const doc = makeDoc()
    const item = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    doc.transact(() => {
      doc.getMap('flow').set('status', 'running')
      doc.getMap('flow').set('phase', 2)
      doc.getMap('flow').set('timer', { state: 'running', endsAt: NOW + 90_000 })
    }, ORIGIN)
    pauseTimer(doc, ORIGIN, NOW)
    setSpotlight(doc, { canvasId: 'idees', itemId: item }, ORIGIN)
    const { unmount } = renderWithI18n(() => <Banner doc={doc} />)
    expect(
      screen.getByText('Pendant cette étape, on vote : l’écriture est fermée.'),
    ).toBeInTheDocument()
    expect(
      screen.getByText('Vote par points : vous avez 5 points, au plus 2 par idée.'),
    ).toBeInTheDocument()
    expect(screen.getByRole('timer')).toHaveTextContent('Minuterie en pause : il reste 1 min 30 s')
    expect(screen.getByText(/attire votre attention sur : « Transport »/)).toBeInTheDocument()
    unmount()

    doc.transact(
      () => doc.getMap('flow').set('timer', { state: 'running', endsAt: NOW - 1 }),
      ORIGIN,
    )
    renderWithI18n(() => <Banner doc={doc} />)
    expect(screen.getByRole('timer')).toHaveTextContent('Temps écoulé')
  })

  it('says when the workshop is over, in English too', () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN, NOW)
    endWorkshop(doc, ORIGIN)
    renderWithI18n(() => <Banner doc={doc} />, 'en')
    expect(screen.getByRole('heading', { name: 'The session is over' })).toBeInTheDocument()
  })
})

describe('PrivateWriting', () => {
  afterEach(() => vi.unstubAllGlobals())
  /** The facilitator's reveal controls while `notes` private notes wait on the canvas. */
  const renderReveal = (workshopId: string, notes: number, privateStep?: boolean) => {
    const waiting: Participation = {
      ...participation(),
      privateNotesByCanvas: notes > 0 ? [{ canvasId: 'idees', notes, people: 1 }] : [],
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(waiting)),
    )
    return renderWithI18n(() => (
      <PrivateWriting
        workshopId={workshopId}
        token="fac"
        canvas={{ id: 'idees', title: 'Nos idées' }}
        busy={false}
        run={() => {}}
        privateStep={privateStep}
      />
    ))
  }
  const reveals = () => screen.queryAllByRole('button', { name: /^Dévoiler les notes privées/ })
  const absent = /^Aucune note privée n’attend sur le canevas « Nos idées » : rien à dévoiler\./

  it('offers the reveals only where they mean something, and says why they are absent elsewhere', async () => {
    // A step without private writing, nothing waiting: no reveal, and the reason in words.
    const quiet = renderReveal('ws-quiet', 0)
    expect(await screen.findByText(absent)).toHaveTextContent(
      'Les boutons « Dévoiler » viennent avec une étape d’écriture en privé',
    )
    expect(reveals()).toHaveLength(0)
    quiet.unmount()

    // After a private writing step, while its notes wait: both reveals.
    const after = renderReveal('ws-after', 2)
    await waitFor(() => expect(reveals()).toHaveLength(2))
    expect(screen.queryByText(absent)).toBeNull()
    after.unmount()

    // During private writing, before anyone wrote: both reveals too.
    renderReveal('ws-writing', 0, true)
    await waitFor(() => expect(reveals()).toHaveLength(2))
    expect(screen.queryByText(absent)).toBeNull()
  })
})

describe('LeavePrivateDialog', () => {
  it('agrees its sentence with one note, in both languages', () => {
    const dialog = (locale: 'fr' | 'en') =>
      renderWithI18n(
        () => (
          <LeavePrivateDialog
            notes={1}
            phase="Seul"
            destination="Voter"
            onReveal={() => {}}
            onSkip={() => {}}
            onCancel={() => {}}
          />
        ),
        locale,
      )
    const fr = dialog('fr')
    expect(screen.getByText(/^1 note privée/)).toHaveTextContent(
      '1 note privée écrite pendant « Seul » n’est pas encore dévoilée : personne d’autre ne la voit.',
    )
    fr.unmount()
    dialog('en')
    expect(screen.getByText(/^1 private note/)).toHaveTextContent(
      '1 private note written during “Seul” is not revealed yet: nobody else sees it.',
    )
  })
})

describe('StepCard', () => {
  const Card = (props: { doc: Y.Doc; onClose?: () => void; onOpen?: (tab: string) => void }) => {
    const flow = createFlow(props.doc)
    return (
      <StepCard
        id="card"
        doc={props.doc}
        flow={flow}
        open
        onClose={() => props.onClose?.()}
        onOpenFocus={(tab) => props.onOpen?.(tab)}
      />
    )
  }

  it('is put away by its person, and leads to the document a step is about', () => {
    const doc = makeDoc()
    doc.transact(() => {
      doc.getMap('flow').set('phases', [
        ...phases,
        {
          id: 'lire',
          title: { fr: 'Lire le plan', en: 'Read the plan' },
          instructions: { fr: 'On lit le plan.', en: 'We read the plan.' },
          focus: { document: 'plan' },
          allow: { write: true, move: true, vote: false, seeOthers: true },
        },
      ])
    }, ORIGIN)
    startWorkshop(doc, ORIGIN, NOW)
    const onClose = vi.fn()
    const onOpen = vi.fn()
    renderWithI18n(() => <Card doc={doc} onClose={onClose} onOpen={onOpen} />)
    expect(screen.getByRole('region', { name: 'Étape en cours' })).toBeInTheDocument()
    // A canvas step: the board is right there, nothing to open.
    expect(screen.queryByRole('button', { name: 'Ouvrir le document' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Masquer les consignes' }))
    expect(onClose).toHaveBeenCalledOnce()
    doc.transact(() => doc.getMap('flow').set('phase', 3), ORIGIN)
    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir le document' }))
    expect(onOpen).toHaveBeenCalledWith('documents')
  })

  it('gives the focus back to the step chip when put away, not to the page', () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN, NOW)
    renderWithI18n(() => (
      <>
        <button type="button" aria-controls="card">
          Étape 1
        </button>
        <Card doc={doc} />
      </>
    ))
    const hide = screen.getByRole('button', { name: 'Masquer les consignes' })
    hide.focus()
    fireEvent.click(hide)
    expect(screen.getByRole('button', { name: 'Étape 1' })).toHaveFocus()
  })

  it('shows the current step’s published result', async () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    startWorkshop(doc, ORIGIN, NOW)
    doc.transact(() => doc.getMap('flow').set('phase', 2), ORIGIN)
    renderWithI18n(() => <Card doc={doc} />)
    expect(screen.queryByRole('region', { name: /Résultats du vote/ })).toBeNull()
    writeResult(
      doc,
      'voter',
      {
        kind: 'dots',
        closed: false,
        voters: 3,
        groups: null,
        items: { [a]: { total: 3, byGroup: {}, otherGroups: 3 } },
      },
      'server',
    )
    const results = await screen.findByRole(
      'region',
      { name: 'Résultats du vote — Voter' },
      { timeout: 5_000 }, // VoteResults is lazy: its module loads on first use
    )
    expect(within(results).getByText('En direct')).toBeInTheDocument()
    expect(results.querySelector('.vote-results__label')).toHaveTextContent('Transport')
  })
})
