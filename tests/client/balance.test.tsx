import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import { BalancePanel, BalanceView } from '../../client/features/flow/BalancePanel.tsx'
import { balanceHints } from '../../client/features/flow/balance.ts'
import { FacilitatorBar } from '../../client/features/flow/FacilitatorBar.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import { startWorkshop } from '../../shared/schema/index.ts'
import { makeDoc, ORIGIN, participation } from './flowFixtures.ts'
import { renderWithI18n } from './helpers.tsx'

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
    const people = screen.getByRole('table', { name: 'Par personne' })
    expect(within(people).getByRole('row', { name: /Dre Tremblay/ })).toHaveTextContent(
      'Clinicien partenaire',
    )
  })

  it("counts each person's private notes and votes, and shows nothing of what they hold", () => {
    renderWithI18n(() => <BalanceView participation={participation()} />)
    const people = screen.getByRole('table', { name: 'Par personne' })
    expect(
      within(people)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Nom', 'Groupe', 'Secteur', 'Notes', 'Notes privées', 'Éléments modifiés', 'Votes'])
    expect(
      within(within(people).getByRole('row', { name: /Sophie/ }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Citoyen partenaire', 'Organisme communautaire', '4', '2', '2', '3'])
    // Who gave no sector reads as such, not as a blank.
    expect(
      within(within(people).getByRole('row', { name: /Amina/ })).getAllByRole('cell')[1],
    ).toHaveTextContent('Non précisé')
  })

  /** The rows of a data table: each row's header, then its cells. */
  const tableRows = (table: HTMLElement) =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent))

  it('reads by partner group or by sector (« Par groupe / Par secteur »), the bars with their data table', () => {
    renderWithI18n(() => <BalanceView participation={participation()} />)
    const toggle = screen.getByRole('group', { name: 'Lire la participation' })
    const byGroup = within(toggle).getByRole('radio', { name: 'Par groupe' })
    const bySector = within(toggle).getByRole('radio', { name: 'Par secteur' })
    expect(byGroup).toBeChecked()
    const groups = screen.getByRole('table', { name: 'Participation par groupe' })
    expect(
      within(groups)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Groupe', 'Personnes', 'Notes', 'Notes privées', 'Éléments modifiés', 'Votes'])
    expect(tableRows(groups)[2]).toEqual(['Clinicien partenaire', '2', '10', '0', '6', '6'])

    fireEvent.click(bySector)
    expect(bySector).toBeChecked()
    expect(screen.queryByRole('table', { name: 'Participation par groupe' })).toBeNull()
    const sectors = screen.getByRole('table', { name: 'Participation par secteur' })
    expect(tableRows(sectors)).toEqual([
      ['CIUSSS ou CISSS (santé et services sociaux)', '1', '4', '0', '3', '3'],
      ['GMF (groupe de médecine de famille)', '1', '6', '0', '3', '3'],
      ['Organisme communautaire', '1', '4', '2', '2', '3'],
      ['Ville ou municipalité', '0', '0', '0', '0', '0'],
      ['Autre organisation', '0', '0', '0', '0', '0'],
      ['Non précisé', '2', '1', '0', '0', '0'],
    ])
    // The bars follow: one per sector, its name and its people in words.
    const gmf = document.querySelector('.balance__group[data-sector="gmf"]') as HTMLElement
    expect(gmf).toHaveTextContent('GMF (groupe de médecine de famille)')
    expect(gmf).toHaveTextContent('1 personne')
    expect(within(gmf).getByText('Notes').nextElementSibling).toHaveTextContent('6')
    expect(document.querySelector('.balance__group[data-group]')).toBeNull()
    // The hints stay about partner groups: whether patients and citizens are heard.
    expect(screen.getByText(/Les patients partenaires ont peu contribué/)).toBeInTheDocument()
  })

  it('reads by sector in English too', () => {
    renderWithI18n(() => <BalanceView participation={participation()} />, 'en')
    fireEvent.click(screen.getByRole('radio', { name: 'By sector' }))
    const sectors = screen.getByRole('table', { name: 'Participation by sector' })
    expect(tableRows(sectors)[1]).toEqual(['GMF (family medicine group)', '1', '6', '0', '3', '3'])
    expect(tableRows(sectors)[5]?.[0]).toBe('Not given')
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
    const dialog = screen.getByRole('alertdialog', { name: 'Retirer le nom de Sophie\u202f?' })
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
