import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { FacilitatorBar } from '../../client/features/flow/FacilitatorBar.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import type { Participation } from '../../shared/api.ts'
import { readFlow, startWorkshop } from '../../shared/schema/index.ts'
import { type VoteResult, writeResult } from '../../shared/schema/votes.ts'
import { makeDoc, ORIGIN, participation } from './flowFixtures.ts'
import { renderWithI18n } from './helpers.tsx'

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
    fireEvent.click(screen.getByRole('button', { name: 'Commencer la séance' }))
    expect(readFlow(doc)).toMatchObject({ status: 'running', phaseIndex: 0 })
    // The Start button is gone: keyboard focus goes to the next step, not to the page's body.
    await waitFor(() =>
      expect(document.activeElement).toHaveAccessibleName(
        'Étape suivante\u00a0: Écrire en silence',
      ),
    )

    fireEvent.click(
      await screen.findByRole('button', { name: 'Étape suivante\u00a0: Écrire en silence' }),
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
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3\u00a0: Voter' }))
    expect(readFlow(doc).phaseIndex).toBe(2)
    expect(
      screen.getByRole('button', { name: 'Aller à l’étape 3\u00a0: Voter' }).closest('li'),
    ).toHaveAttribute('aria-current', 'step')
  })

  it('ends the workshop only after confirmation', async () => {
    const doc = makeDoc()
    startWorkshop(doc, ORIGIN)
    renderWithI18n(() => <Bar doc={doc} />)
    fireEvent.click(screen.getByRole('button', { name: 'Terminer la séance' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Terminer la séance\u202f?' })
    // What it does is read with its name; "cancel" has the focus, so Enter does not end it.
    expect(dialog).toHaveAccessibleDescription(
      /ne pourront plus rien modifier jusqu’à la prochaine/,
    )
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(readFlow(doc).status).toBe('running')
    fireEvent.click(screen.getByRole('button', { name: 'Terminer la séance' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, terminer la séance' }))
    expect(readFlow(doc).status).toBe('ended')
    expect(await screen.findByRole('button', { name: 'Reprendre la séance' })).toBeInTheDocument()
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

    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3\u00a0: Voter' }))
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
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 1\u00a0: La question' }))
    dialog = await question()
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Garder le vote ouvert et continuer' }),
    )
    expect(readFlow(doc).phaseIndex).toBe(0)
    expect(closes()).toHaveLength(0)

    // Back on the vote, end the workshop: close the vote, then confirm the end.
    fireEvent.click(screen.getByRole('button', { name: 'Aller à l’étape 3\u00a0: Voter' }))
    expect(readFlow(doc).phaseIndex).toBe(2)
    fireEvent.click(screen.getByRole('button', { name: 'Terminer la séance' }))
    dialog = await question()
    expect(dialog).toHaveTextContent('Ensuite : terminer la séance.')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fermer le vote et continuer' }))
    await waitFor(() => expect(closes()).toHaveLength(1))
    expect(closes()[0]?.[0]).toBe('/api/workshops/ws-1/votes/voter/close')
    fireEvent.click(await screen.findByRole('button', { name: 'Oui, terminer la séance' }))
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
    fireEvent.click(screen.getByRole('button', { name: 'Étape suivante\u00a0: Voter' }))
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
    fireEvent.click(await screen.findByRole('button', { name: 'Étape suivante\u00a0: Voter' }))
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
    ).toEqual([
      'Amina\u00a0: 0',
      'Dre Tremblay\u00a0: 0',
      'Jean\u00a0: 0',
      'Marc\u00a0: 0',
      'Sophie\u00a0: 2',
    ])
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
      name: 'Dévoiler les notes privées sans les noms\u202f?',
    })
    await waitFor(() =>
      expect(anonymous).toHaveAccessibleDescription(
        /5 notes privées, écrites par 3 personnes, seront copiées sur le canevas «\u00a0Nos idées\u00a0»/,
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
      name: 'Dévoiler les notes privées avec les noms\u202f?',
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
