import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { BalancePanel, BalanceView } from '../../client/features/flow/BalancePanel.tsx'
import { balanceHints } from '../../client/features/flow/balance.ts'
import { FacilitatorBar } from '../../client/features/flow/FacilitatorBar.tsx'
import { LeavePrivateDialog } from '../../client/features/flow/LeavePrivateDialog.tsx'
import { PhaseBanner } from '../../client/features/flow/PhaseBanner.tsx'
import { PrivateWriting } from '../../client/features/flow/PrivateWriting.tsx'
import { StepChip } from '../../client/features/flow/StepChip.tsx'
import { formatClock } from '../../client/features/flow/timer.ts'
import { VoteResults } from '../../client/features/flow/VoteResults.tsx'
import { StepCard } from '../../client/features/workspace/StepCard.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import type { Participation } from '../../shared/api.ts'
import {
  addBox,
  createCanvas,
  endWorkshop,
  initFlow,
  pauseTimer,
  readFlow,
  setSpotlight,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { type VoteResult, writeResult } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { renderWithI18n } from './helpers.tsx'

const ORIGIN = 'test'
const NOW = 1_700_000_000_000

const phases: TemplatePhase[] = [
  {
    id: 'question',
    title: { fr: 'La question', en: 'The question' },
    instructions: { fr: 'On lit la question ensemble.', en: 'We read the question together.' },
    timeboxMinutes: 5,
    focus: { canvas: 'idees' },
    allow: { write: false, move: false, vote: false, seeOthers: true },
  },
  {
    id: 'ecrire',
    title: { fr: 'Écrire en silence', en: 'Write in silence' },
    instructions: { fr: 'Écrivez vos idées.', en: 'Write your ideas.' },
    timeboxMinutes: 10,
    focus: { canvas: 'idees' },
    allow: { write: true, move: true, vote: false, seeOthers: false },
  },
  {
    id: 'voter',
    title: { fr: 'Voter', en: 'Vote' },
    instructions: { fr: 'Placez vos points.', en: 'Place your dots.' },
    focus: { canvas: 'idees' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'dots', budget: 5, perItemCap: 2, hidden: true },
  },
]

const makeDoc = () => {
  const doc = new Y.Doc()
  createCanvas(doc, { id: 'idees', title: 'Nos idées' }, ORIGIN)
  initFlow(doc, phases, ORIGIN)
  return doc
}

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
    expect(screen.getByRole('heading', { name: 'L’atelier n’a pas commencé' })).toBeInTheDocument()
    expect(screen.getByText(/L’atelier compte 3 étapes/)).toBeInTheDocument()
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
    expect(screen.getByRole('heading', { name: 'The workshop is over' })).toBeInTheDocument()
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

describe('FacilitatorBar', () => {
  const Bar = (props: { doc: Y.Doc; fetch?: typeof fetch }) => {
    const flow = createFlow(props.doc)
    return (
      <FacilitatorBar
        workshopId="ws-1"
        token="fac"
        doc={props.doc}
        flow={flow}
        origin={ORIGIN}
        writable
      />
    )
  }
  afterEach(() => vi.unstubAllGlobals())

  it('starts the workshop, moves to the next step and back, and adds time', async () => {
    const doc = makeDoc()
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(screen.getByRole('button', { name: 'Commencer l’atelier' }))
    expect(readFlow(doc)).toMatchObject({ status: 'running', phaseIndex: 0 })
    // The Start button is gone: keyboard focus goes to the next step, not to the page's body.
    await waitFor(() =>
      expect(document.activeElement).toHaveAccessibleName('Étape suivante : Écrire en silence'),
    )

    fireEvent.click(
      await screen.findByRole('button', { name: 'Étape suivante : Écrire en silence' }),
    )
    expect(readFlow(doc).phaseIndex).toBe(1)
    expect(readFlow(doc).phase?.id).toBe('ecrire')

    fireEvent.click(screen.getByRole('button', { name: 'Étape précédente' }))
    expect(readFlow(doc).phaseIndex).toBe(0)

    const before = readFlow(doc).timer
    // Named by what they show (WCAG 2.5.3, label in name), said in words by their descriptions.
    const timer = screen.getByRole('group', { name: 'Minuterie' })
    expect(
      within(timer).getByRole('button', { name: '−1 min', description: 'Enlever 1 minute' }),
    ).toBeEnabled()
    expect(
      within(timer).getByRole('button', { name: '+1 min', description: 'Ajouter 1 minute' }),
    ).toBeEnabled()
    fireEvent.click(
      screen.getByRole('button', { name: '+5 min', description: 'Ajouter 5 minutes' }),
    )
    const after = readFlow(doc).timer
    if (before.state !== 'running' || after.state !== 'running') throw new Error('timer off')
    expect(after.endsAt - before.endsAt).toBeGreaterThanOrEqual(5 * 60_000)

    fireEvent.click(screen.getByRole('button', { name: 'Mettre la minuterie en pause' }))
    expect(readFlow(doc).timer.state).toBe('paused')
    fireEvent.click(await screen.findByRole('button', { name: 'Reprendre la minuterie' }))
    expect(readFlow(doc).timer.state).toBe('running')

    // Jump from the list of steps.
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3 : Voter' }))
    expect(readFlow(doc).phaseIndex).toBe(2)
    expect(
      screen.getByRole('button', { name: 'Aller à l’étape 3 : Voter' }).closest('li'),
    ).toHaveAttribute('aria-current', 'step')
  })

  it('ends the workshop only after confirmation', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(screen.getByRole('button', { name: 'Terminer l’atelier' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Terminer l’atelier?' })
    // What it does is read with its name; "cancel" has the focus, so Enter does not end it.
    expect(dialog).toHaveAccessibleDescription(/ne pourront plus le modifier/)
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(readFlow(doc).status).toBe('running')
    fireEvent.click(screen.getByRole('button', { name: 'Terminer l’atelier' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, terminer l’atelier' }))
    expect(readFlow(doc).status).toBe('ended')
    expect(await screen.findByRole('button', { name: 'Reprendre l’atelier' })).toBeInTheDocument()
  })

  it('locks every canvas, reveals private notes and closes the vote through the API', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url.endsWith('/reveal')) return Response.json({ revealed: 3 })
      if (url.endsWith('/close')) return Response.json({ kind: 'dots' })
      if (url.endsWith('/participation')) return Response.json(participation())
      return Response.json({ error: 'only the facilitator can do this' }, { status: 403 })
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithI18n(() => <Bar doc={doc} />)
    const calls = (path: string) =>
      fetchMock.mock.calls.filter(([url]) => url === `/api/workshops/ws-1${path}`)

    fireEvent.click(screen.getByRole('button', { name: 'Verrouiller tous les canevas' }))
    expect((doc.getMap('canvases').get('idees') as Y.Map<unknown>).get('locked')).toBe(true)
    expect(screen.getByRole('button', { name: 'Déverrouiller tous les canevas' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    // The reveals come once the feed says private notes wait.
    fireEvent.click(
      await screen.findByRole('button', { name: 'Dévoiler les notes privées sans les noms' }),
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, dévoiler' }))
    expect(await screen.findByText('3 notes dévoilées.')).toBeInTheDocument()
    const [url, init] = calls('/reveal')[0] ?? []
    expect(url).toBe('/api/workshops/ws-1/reveal')
    expect(JSON.parse(String(init?.body))).toEqual({ canvasId: 'idees', anonymous: true })
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer fac')

    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3 : Voter' }))
    fireEvent.click(
      await screen.findByRole('button', { name: 'Fermer le vote et montrer les résultats' }),
    )
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/workshops/ws-1/votes/voter/close',
        expect.anything(),
      ),
    )
    // Once the server publishes the closed result, the button gives way to a note.
    const none: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 0,
      groups: { shown: [], folded: [] },
      items: {},
    }
    writeResult(doc, 'voter', none, 'server')
    expect(
      await screen.findByText('Le vote est fermé : les résultats sont publiés.'),
    ).toBeInTheDocument()
    expect(
      screen.queryByRole('button', { name: 'Fermer le vote et montrer les résultats' }),
    ).toBeNull()
  })

  it('asks what to do with an open vote before leaving its step: close it, keep it open, or stay', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 2), ORIGIN)
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/close') ? Response.json({ kind: 'dots' }) : Response.json(participation()),
    )
    vi.stubGlobal('fetch', fetchMock)
    const closes = () => fetchMock.mock.calls.filter(([url]) => url.endsWith('/close'))
    renderWithI18n(() => <Bar doc={doc} />)
    const question = () => screen.findByRole('alertdialog', { name: 'Le vote est encore ouvert' })

    // Stay: nothing changes.
    fireEvent.click(screen.getByRole('button', { name: 'Étape précédente' }))
    let dialog = await question()
    expect(dialog).toHaveTextContent('Le vote de l’étape « Voter » n’est pas fermé')
    expect(dialog).toHaveTextContent('Ensuite : aller à l’étape 2, « Écrire en silence ».')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(readFlow(doc).phaseIndex).toBe(2)

    // Keep it open: the step changes, the vote is not closed.
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 1 : La question' }))
    dialog = await question()
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Garder le vote ouvert et continuer' }),
    )
    expect(readFlow(doc).phaseIndex).toBe(0)
    expect(closes()).toHaveLength(0)

    // Back on the vote, end the workshop: close the vote, then confirm the end.
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3 : Voter' }))
    expect(readFlow(doc).phaseIndex).toBe(2)
    fireEvent.click(screen.getByRole('button', { name: 'Terminer l’atelier' }))
    dialog = await question()
    expect(dialog).toHaveTextContent('Ensuite : terminer l’atelier.')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fermer le vote et continuer' }))
    await waitFor(() => expect(closes()).toHaveLength(1))
    expect(closes()[0]?.[0]).toBe('/api/workshops/ws-1/votes/voter/close')
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, terminer l’atelier' }))
    expect(readFlow(doc).status).toBe('ended')
  })

  it('offers the reveals in a private writing step before anyone wrote, not in the step before it', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    const none: Participation = { ...participation(), privateNotesByCanvas: [] }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(none)),
    )
    renderWithI18n(() => <Bar doc={doc} />)
    const reveals = () => screen.queryAllByRole('button', { name: /^Dévoiler les notes privées/ })
    await screen.findByText(/^Aucune note privée n’attend/)
    expect(reveals()).toHaveLength(0)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    await waitFor(() => expect(reveals()).toHaveLength(2))
  })

  it('asks before leaving private writing while notes wait to be revealed: reveal, go on, or stay', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/reveal') ? Response.json({ revealed: 2 }) : Response.json(participation()),
    )
    vi.stubGlobal('fetch', fetchMock)
    const reveals = () => fetchMock.mock.calls.filter(([url]) => url.endsWith('/reveal'))
    renderWithI18n(() => <Bar doc={doc} />)
    // The figures are in: 2 private notes wait on the canvas.
    await within(screen.getByRole('group', { name: 'Notes privées' })).findByRole('list')
    const question = () =>
      screen.findByRole('alertdialog', { name: 'Des notes privées ne sont pas dévoilées' })

    // Stay: nothing changes.
    fireEvent.click(screen.getByRole('button', { name: 'Étape suivante : Voter' }))
    let dialog = await question()
    expect(dialog).toHaveTextContent('2 notes privées écrites pendant « Écrire en silence »')
    expect(dialog).toHaveTextContent('Ensuite : aller à l’étape 3, « Voter ».')
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(readFlow(doc).phaseIndex).toBe(1)

    // Go on without revealing: they stay private.
    fireEvent.click(screen.getByRole('button', { name: 'Étape précédente' }))
    dialog = await question()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continuer sans dévoiler' }))
    expect(readFlow(doc).phaseIndex).toBe(0)
    expect(reveals()).toHaveLength(0)

    // Reveal them with the names, then go.
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    fireEvent.click(await screen.findByRole('button', { name: 'Étape suivante : Voter' }))
    dialog = await question()
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Dévoiler avec les noms et continuer' }),
    )
    await waitFor(() => expect(readFlow(doc).phaseIndex).toBe(2))
    expect(JSON.parse(String(reveals()[0]?.[1]?.body))).toEqual({
      canvasId: 'idees',
      anonymous: false,
    })
    expect(await screen.findByText('2 notes dévoilées.')).toBeInTheDocument()
  })

  it('leaves a step whose vote is closed without asking', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 2), ORIGIN)
    writeResult(
      doc,
      'voter',
      { kind: 'dots', closed: true, voters: 0, groups: { shown: [], folded: [] }, items: {} },
      'server',
    )
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(participation())),
    )
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(screen.getByRole('button', { name: 'Étape précédente' }))
    expect(readFlow(doc).phaseIndex).toBe(1)
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('shows how many private notes each person has written where private writing runs', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(participation())),
    )
    renderWithI18n(() => <Bar doc={doc} />)
    const controls = screen.getByRole('group', { name: 'Notes privées' })
    const counts = await within(controls).findByRole('list')
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Amina : 0', 'Dre Tremblay : 0', 'Jean : 0', 'Marc : 0', 'Sophie : 2'])
    expect(within(controls).getByRole('heading', { name: 'Notes privées écrites' })).toBeVisible()
  })

  it('asks before a reveal, saying how many notes from how many people, named or not', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    const waiting = {
      ...participation(),
      privateNotesByCanvas: [{ canvasId: 'idees', notes: 5, people: 3 }],
    }
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/reveal') ? Response.json({ revealed: 5 }) : Response.json(waiting),
    )
    vi.stubGlobal('fetch', fetchMock)
    renderWithI18n(() => <Bar doc={doc} />)
    const reveals = () => fetchMock.mock.calls.filter(([url]) => url.endsWith('/reveal'))

    // The reveals come once the feed says private notes wait.
    fireEvent.click(
      await screen.findByRole('button', { name: 'Dévoiler les notes privées sans les noms' }),
    )
    const anonymous = await screen.findByRole('alertdialog', {
      name: 'Dévoiler les notes privées sans les noms?',
    })
    await waitFor(() =>
      expect(anonymous).toHaveAccessibleDescription(
        /5 notes privées, écrites par 3 personnes, seront copiées sur le canevas « Nos idées »/,
      ),
    )
    expect(anonymous).toHaveTextContent('ni nom, ni groupe, ni couleur')
    expect(anonymous).toHaveTextContent('on ne pourra pas les y remettre')
    // Cancelling (the button that has the focus) reveals nothing.
    expect(within(anonymous).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(anonymous).getByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(reveals()).toHaveLength(0)

    fireEvent.click(await screen.findByRole('button', { name: 'Dévoiler les notes privées' }))
    const named = await screen.findByRole('alertdialog', {
      name: 'Dévoiler les notes privées avec les noms?',
    })
    expect(named).toHaveTextContent('chaque note garde le nom, le groupe et la couleur')
    fireEvent.click(within(named).getByRole('button', { name: 'Oui, dévoiler' }))
    expect(await screen.findByText('5 notes dévoilées.')).toBeInTheDocument()
    expect(JSON.parse(String(reveals()[0]?.[1]?.body))).toEqual({
      canvasId: 'idees',
      anonymous: false,
    })
  })

  it('shows a refused request as an alert', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ error: 'no canvas idees' }, { status: 404 })),
    )
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Dévoiler les notes privées' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, dévoiler' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'L’action n’a pas fonctionné : no canvas idees',
    )
  })

  it('saves the workshop as a template from a dialog', async () => {
    const doc = makeDoc()
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      Response.json({ id: 'atelier-mai' }, { status: 201 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer comme modèle' }))
    const dialog = await screen.findByRole('dialog', {
      name: 'Enregistrer cet atelier comme modèle',
    })
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Identifiant du modèle' }), {
      target: { value: 'Pas valide!' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le modèle' }))
    expect(
      await within(dialog).findByText(
        'Utilisez seulement des lettres minuscules, des chiffres et des tirets.',
      ),
    ).toBeInTheDocument()
    expect(fetchMock).not.toHaveBeenCalled()
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Identifiant du modèle' }), {
      target: { value: 'atelier-mai' },
    })
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Titre en français' }), {
      target: { value: 'Atelier de mai' },
    })
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Titre en anglais' }), {
      target: { value: 'May workshop' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le modèle' }))
    expect(
      await screen.findByText('Le modèle « Atelier de mai » est enregistré.'),
    ).toBeInTheDocument()
    const [url, init] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/api/workshops/ws-1/template')
    expect(JSON.parse(String(init?.body))).toEqual({
      id: 'atelier-mai',
      title: { fr: 'Atelier de mai', en: 'May workshop' },
      description: { fr: 'Atelier de mai', en: 'May workshop' },
    })
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
    const results = await screen.findByRole('region', { name: 'Résultats du vote — Voter' })
    expect(within(results).getByText('En direct')).toBeInTheDocument()
    expect(results.querySelector('.vote-results__label')).toHaveTextContent('Transport')
  })
})

describe('VoteResults', () => {
  const folded = (doc: Y.Doc): VoteResult => {
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    return {
      kind: 'dots',
      closed: true,
      voters: 5,
      groups: { shown: ['clinician'], folded: ['patient', 'citizen'] },
      items: { [a]: { total: 5, byGroup: { clinician: 3 }, otherGroups: 2 } },
    }
  }
  const headers = (region: HTMLElement) =>
    within(within(region).getByRole('table'))
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent)

  it('shows groups of fewer than 3 voters only together, as "other groups", and says why', () => {
    const doc = makeDoc()
    const result = folded(doc)
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    const region = screen.getByRole('region', { name: 'Résultats du vote — Voter' })
    const row = region.querySelector('.vote-results__row') as HTMLElement
    expect(row).toHaveTextContent('5 points — Dont : Clinicien partenaire 3, autres groupes 2')
    const segments = [...row.querySelectorAll('.result-bar__segment')]
    expect(segments.map((segment) => segment.getAttribute('data-group'))).toEqual([
      'clinician',
      'others',
    ])
    expect(segments[1]).toHaveTextContent('2')
    expect(
      within(region).getByText(
        'Autres groupes : Patient partenaire, Citoyen partenaire, comptés ensemble. Un groupe de moins de 3 personnes n’est jamais montré seul, ni par soustraction.',
      ),
    ).toBeInTheDocument()
    expect(headers(region)).toEqual(['Idée', 'Clinicien partenaire', 'Autres groupes', 'Total'])
    expect(
      within(within(region).getByRole('row', { name: /Transport/ }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['3', '2', '5'])
  })

  it('says plainly, in English too, when no breakdown by group can be shown', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 5,
      groups: { shown: [], folded: ['patient', 'clinician'] },
      items: { [a]: { total: 5, byGroup: {}, otherGroups: 5 } },
    }
    renderWithI18n(
      () => <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />,
      'en',
    )
    const region = screen.getByRole('region', { name: 'Vote results — Vote' })
    expect(
      within(region).getByText(
        'No breakdown by partner group: it would show a group of fewer than 3 people, on its own or by subtraction.',
      ),
    ).toBeInTheDocument()
    const row = region.querySelector('.vote-results__row') as HTMLElement
    expect(row).toHaveTextContent('5 dots')
    expect(row).not.toHaveTextContent('Of which')
    expect(row.querySelectorAll('.result-bar__segment[data-group="patient"]')).toHaveLength(0)
    expect(headers(region)).toEqual(['Idea', 'Total'])
  })

  it('names the folded groups in English', () => {
    const doc = makeDoc()
    const result = folded(doc)
    renderWithI18n(
      () => <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />,
      'en',
    )
    expect(document.querySelector('.vote-results__row')).toHaveTextContent(
      'Of which: Clinician partner 3, other groups 2',
    )
    expect(
      screen.getByText(
        'Other groups: Patient partner, Citizen partner, counted together. A group of fewer than 3 people is never shown on its own, not even by subtraction.',
      ),
    ).toBeInTheDocument()
  })

  it('says that live totals come without a breakdown by group', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: false,
      voters: 3,
      groups: null,
      items: { [a]: { total: 3, byGroup: {}, otherGroups: 3 } },
    }
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    expect(
      screen.getByText(
        'En direct : mis à jour à intervalles réguliers, quand au moins 3 votes ont changé. La répartition par groupe vient à la fermeture du vote.',
      ),
    ).toBeInTheDocument()
    expect(document.querySelector('.vote-results__row')).not.toHaveTextContent('Dont')
  })

  it('dots: a bar per idea, most dots first, split by partner group, with a table', () => {
    const doc = makeDoc()
    const a = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    const b = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Isolement' }, ORIGIN)
    const result: VoteResult = {
      kind: 'dots',
      closed: true,
      voters: 9,
      groups: { shown: ['patient', 'citizen', 'clinician'], folded: [] },
      items: {
        [a]: { total: 3, byGroup: { patient: 1, citizen: 0, clinician: 2 }, otherGroups: 0 },
        [b]: { total: 7, byGroup: { patient: 4, citizen: 2, clinician: 1 }, otherGroups: 0 },
        gone: { total: 1, byGroup: { patient: 0, citizen: 0, clinician: 1 }, otherGroups: 0 },
      },
    }
    renderWithI18n(() => (
      <VoteResults doc={doc} phase={phases[2] as TemplatePhase} result={result} />
    ))
    const region = screen.getByRole('region', { name: 'Résultats du vote — Voter' })
    expect(within(region).getByText('Vote fermé')).toBeInTheDocument()
    expect(within(region).getByText('9 personnes ont voté')).toBeInTheDocument()
    const rows = within(region)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('vote-results__row'))
    expect(rows.map((row) => row.querySelector('.vote-results__label')?.textContent)).toEqual([
      'Isolement',
      'Transport',
      'Élément supprimé',
    ])
    expect(rows[0]).toHaveTextContent('7 points')
    expect(rows[0]).toHaveTextContent(
      'Dont : Patient partenaire 4, Citoyen partenaire 2, Clinicien partenaire 1',
    )
    expect(rows[2]).toHaveTextContent('1 point')
    const table = within(region).getByRole('table', { name: 'Résultats par groupe de partenaires' })
    const isolement = within(table).getByRole('row', { name: /Isolement/ })
    expect(
      within(isolement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['4', '2', '1', '7'])
  })

  it('gradient: every point of the Kaner scale with its label and count', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: {
        kind: 'gradient',
        scale: 'kaner',
        proposal: { fr: 'Ouvrir le samedi', en: 'Open on Saturdays' },
        hidden: false,
      },
    }
    const result: VoteResult = {
      kind: 'gradient',
      closed: true,
      voters: 6,
      scale: 'kaner',
      counts: [5, 0, 0, 0, 0, 0, 0, 1],
      groups: { shown: ['patient', 'citizen'], folded: [] },
      byGroup: {
        patient: [2, 0, 0, 0, 0, 0, 0, 1],
        citizen: [3, 0, 0, 0, 0, 0, 0, 0],
      },
      otherGroups: [0, 0, 0, 0, 0, 0, 0, 0],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />)
    expect(screen.getByText('Vote fermé')).toBeInTheDocument()
    expect(screen.getByText('Proposition : « Ouvrir le samedi »')).toBeInTheDocument()
    const labels = [...document.querySelectorAll('.vote-results__label')].map(
      (el) => el.textContent,
    )
    expect(labels).toHaveLength(8)
    expect(labels[0]).toBe('1. Approbation totale')
    expect(labels[3]).toBe('4. Abstention / je peux vivre avec')
    expect(labels[7]).toBe('8. Opposition / veto')
    const rows = document.querySelectorAll('.vote-results__row')
    expect(rows[0]).toHaveTextContent('5 personnes')
    expect(rows[0]).toHaveTextContent('Dont : Patient partenaire 2, Citoyen partenaire 3')
    expect(rows[7]).toHaveTextContent('1 personne')
  })

  it('gradient: the five-point scale in English', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: { kind: 'gradient', scale: 'five', proposal: { fr: 'P', en: 'P' }, hidden: true },
    }
    const result: VoteResult = {
      kind: 'gradient',
      closed: true,
      voters: 1,
      scale: 'five',
      counts: [0, 0, 0, 0, 1],
      groups: { shown: [], folded: ['patient'] },
      byGroup: {},
      otherGroups: [0, 0, 0, 0, 1],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />, 'en')
    const labels = [...document.querySelectorAll('.vote-results__label')].map(
      (el) => el.textContent,
    )
    expect(labels).toEqual([
      '1. Strongly disagree',
      '2. Somewhat disagree',
      '3. Neutral',
      '4. Somewhat agree',
      '5. Strongly agree',
    ])
  })

  it('consent: counts by answer and the reasons, without names', () => {
    const doc = makeDoc()
    const phase: TemplatePhase = {
      ...(phases[2] as TemplatePhase),
      vote: { kind: 'consent', proposal: { fr: 'Adopter la charte', en: 'Adopt' }, hidden: true },
    }
    const result: VoteResult = {
      kind: 'consent',
      closed: true,
      voters: 6,
      counts: { consent: 3, concern: 2, objection: 1 },
      groups: { shown: ['patient', 'citizen'], folded: [] },
      byGroup: {
        patient: { consent: 2, concern: 0, objection: 1 },
        citizen: { consent: 1, concern: 2, objection: 0 },
      },
      otherGroups: { consent: 0, concern: 0, objection: 0 },
      reasons: [
        { value: 'concern', reason: 'Le transport n’est pas prévu' },
        { value: 'objection', reason: 'Les patients n’ont pas été consultés' },
      ],
    }
    renderWithI18n(() => <VoteResults doc={doc} phase={phase} result={result} />)
    const rows = document.querySelectorAll('.vote-results__row')
    expect(rows[0]).toHaveTextContent('Consentement')
    expect(rows[0]).toHaveTextContent('3 personnes')
    expect(rows[2]).toHaveTextContent('Objection')
    expect(rows[2]).toHaveTextContent('Dont : Patient partenaire 1')
    expect(
      screen.getByRole('heading', { name: 'Raisons données (sans les noms)' }),
    ).toBeInTheDocument()
    expect(screen.getByText('Les patients n’ont pas été consultés')).toBeInTheDocument()
    expect(screen.getByText('Le transport n’est pas prévu')).toBeInTheDocument()
  })
})

const participation = (overrides: Partial<Participation['byGroup']> = {}): Participation => ({
  byGroup: {
    patient: { people: 2, notes: 1, privateNotes: 0, edits: 0, votes: 0 },
    citizen: { people: 1, notes: 4, privateNotes: 2, edits: 2, votes: 3 },
    clinician: { people: 2, notes: 10, privateNotes: 0, edits: 6, votes: 6 },
    other: { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 },
    ...overrides,
  },
  people: [
    { id: 'p1', name: 'Amina', group: 'patient', notes: 1, privateNotes: 0, edits: 0, votes: 0 },
    { id: 'p2', name: 'Jean', group: 'patient', notes: 0, privateNotes: 0, edits: 0, votes: 0 },
    { id: 'c1', name: 'Sophie', group: 'citizen', notes: 4, privateNotes: 2, edits: 2, votes: 3 },
    {
      id: 'k1',
      name: 'Dre Tremblay',
      group: 'clinician',
      notes: 6,
      privateNotes: 0,
      edits: 3,
      votes: 3,
    },
    { id: 'k2', name: 'Marc', group: 'clinician', notes: 4, privateNotes: 0, edits: 3, votes: 3 },
  ],
  anonymousNotes: 2,
  privateNotesByCanvas: [{ canvasId: 'idees', notes: 2, people: 1 }],
})

describe('Participation balance', () => {
  it('hints when patients contribute much less per person than others', () => {
    expect(balanceHints(participation())).toEqual([{ kind: 'quiet', group: 'patient' }])
    expect(
      balanceHints(
        participation({ patient: { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 } }),
      ),
    ).toEqual([{ kind: 'absent', group: 'patient' }])
    expect(
      balanceHints(
        participation({ patient: { people: 2, notes: 10, privateNotes: 0, edits: 10, votes: 4 } }),
      ),
    ).toEqual([])
  })

  it('draws every group with numbers, the hint and the list of people', () => {
    renderWithI18n(() => <BalanceView participation={participation()} />)
    expect(
      screen.getByText(
        'Les patients partenaires ont peu contribué : pensez à leur donner la parole.',
      ),
    ).toBeInTheDocument()
    const clinicians = document.querySelector(
      '.balance__group[data-group="clinician"]',
    ) as HTMLElement
    expect(clinicians).toHaveTextContent('Clinicien partenaire')
    expect(clinicians).toHaveTextContent('2 personnes')
    expect(within(clinicians).getByText('Notes').nextElementSibling).toHaveTextContent('10')
    expect(within(clinicians).getByText('Votes').nextElementSibling).toHaveTextContent('6')
    expect(clinicians).toHaveTextContent('11 par personne')
    expect(
      screen.getByText('2 notes dévoilées sans nom (comptées pour personne).'),
    ).toBeInTheDocument()
    const people = screen.getByRole('table')
    expect(within(people).getByRole('row', { name: /Dre Tremblay/ })).toHaveTextContent(
      'Clinicien partenaire',
    )
  })

  it("counts each person's private notes and votes, and shows nothing of what they hold", () => {
    renderWithI18n(() => <BalanceView participation={participation()} />)
    const people = screen.getByRole('table')
    expect(
      within(people)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Nom', 'Groupe', 'Notes', 'Notes privées', 'Éléments modifiés', 'Votes'])
    expect(
      within(within(people).getByRole('row', { name: /Sophie/ }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Citoyen partenaire', '4', '2', '2', '3'])
  })

  it('polls the server and shows errors', async () => {
    let calls = 0
    const load = vi.fn(async () => {
      calls++
      if (calls === 1) return participation()
      throw new Error('only the facilitator can do this')
    })
    renderWithI18n(() => <BalancePanel workshopId="ws-1" token="fac" load={load} intervalMs={20} />)
    expect(
      await screen.findByRole('region', { name: 'Équilibre de la participation' }),
    ).toBeInTheDocument()
    expect(
      await screen.findByText(/Les patients partenaires ont peu contribué/),
    ).toBeInTheDocument()
    expect(await screen.findByRole('alert')).toHaveTextContent('only the facilitator can do this')
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(2)
  })

  it('asks the server once for the balance panel and the private-writing counts together', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    const fetchMock = vi.fn(async (_url: string) => Response.json(participation()))
    vi.stubGlobal('fetch', fetchMock)
    renderWithI18n(() => {
      const flow = createFlow(doc)
      return (
        <>
          <FacilitatorBar
            workshopId="ws-1"
            token="fac"
            doc={doc}
            flow={flow}
            origin={ORIGIN}
            writable
          />
          <BalancePanel workshopId="ws-1" token="fac" />
        </>
      )
    })
    expect(await screen.findByText('Sophie : 2')).toBeInTheDocument()
    expect(
      await screen.findByText(/Les patients partenaires ont peu contribué/),
    ).toBeInTheDocument()
    expect(fetchMock.mock.calls.filter(([url]) => url.endsWith('/participation'))).toHaveLength(1)
    vi.unstubAllGlobals()
  })

  it("lets the facilitator remove someone's name, after saying what goes, with their link alone", async () => {
    const load = vi.fn(async () => participation())
    const calls: Array<{ url: string; init: RequestInit | undefined }> = []
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init })
      return new Response(JSON.stringify({ forgotten: 'p-sophie' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      })
    })
    vi.stubGlobal('fetch', fetchMock)
    renderWithI18n(() => <BalancePanel workshopId="ws-1" token="fac" load={load} intervalMs={20} />)
    const remove = await screen.findByRole('button', { name: 'Retirer le nom de Sophie' })
    fireEvent.click(remove)
    // The panel asks the server again every 20 ms here: the dialog stays open through it.
    const polls = load.mock.calls.length
    await waitFor(() => expect(load.mock.calls.length).toBeGreaterThan(polls + 2))
    const dialog = screen.getByRole('alertdialog', { name: 'Retirer le nom de Sophie?' })
    expect(dialog).toHaveTextContent('Ses notes privées et ses votes sont effacés.')
    expect(dialog).toHaveTextContent('Vous ne pourrez pas annuler.')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(calls).toHaveLength(0)

    fireEvent.click(remove)
    const loadsBefore = load.mock.calls.length
    fireEvent.click(screen.getByRole('button', { name: 'Oui, retirer ce nom' }))
    await waitFor(() => expect(calls).toHaveLength(1))
    const sophie = participation().people.find((person) => person.name === 'Sophie')
    expect(calls[0]?.url).toBe(`/api/workshops/ws-1/participants/${sophie?.id}/forget`)
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer fac')
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({})
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    await waitFor(() => expect(load.mock.calls.length).toBeGreaterThan(loadsBefore))
    vi.unstubAllGlobals()
  })
})
