import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import { identityStorageKey, loadIdentity } from '../../client/features/join/identity.ts'
import { JoinForm } from '../../client/features/join/JoinForm.tsx'
import { participantId } from '../../shared/schema/index.ts'
import { renderWithI18n } from './helpers.tsx'

describe('JoinForm', () => {
  it('refuses an empty name and a missing group, and saves nothing', () => {
    const onJoin = vi.fn()
    renderWithI18n(
      () => <JoinForm workshopId="w1" workshopRole="participant" onJoin={onJoin} />,
      'en',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    const name = screen.getByRole('textbox', { name: 'Your name' })
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Write a name.'))
    expect(name).toHaveFocus()
    expect(onJoin).not.toHaveBeenCalled()
    expect(localStorage.getItem(identityStorageKey('w1'))).toBeNull()

    fireEvent.input(name, { target: { value: '   ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    expect(onJoin).not.toHaveBeenCalled()

    fireEvent.input(name, { target: { value: 'Amina' } })
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    expect(screen.getByText('Choose a group.')).toBeInTheDocument()
    expect(onJoin).not.toHaveBeenCalled()
  })

  it('offers the four partner groups as labelled radio buttons', () => {
    renderWithI18n(() => <JoinForm workshopId="w1" workshopRole="participant" onJoin={() => {}} />)
    const group = screen.getByRole('group', { name: 'Vous participez comme' })
    expect(group).toBeInTheDocument()
    for (const label of [
      'Patient partenaire',
      'Citoyen partenaire',
      'Clinicien partenaire',
      'Autre',
    ]) {
      expect(screen.getByRole('radio', { name: label })).toBeInTheDocument()
    }
  })

  it('registers with the server, saves the identity on this device and hands it over', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ participantId: 'issued-by-server-01', secret: 's3cret' }), {
          status: 201,
          headers: { 'Content-Type': 'application/json' },
        }),
    )
    vi.stubGlobal('fetch', fetchMock)
    localStorage.setItem('fabrique:token:w1', 'participant-token')
    const onJoin = vi.fn()
    renderWithI18n(
      () => <JoinForm workshopId="w1" workshopRole="participant" onJoin={onJoin} />,
      'en',
    )
    fireEvent.input(screen.getByRole('textbox', { name: 'Your name' }), {
      target: { value: '  Amina  ' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Citizen partner' }))
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))

    await waitFor(() => expect(onJoin).toHaveBeenCalledTimes(1))
    expect(fetchMock).toHaveBeenCalledWith('/api/workshops/w1/participants', {
      method: 'POST',
      headers: { Authorization: 'Bearer participant-token' },
    })
    const saved = loadIdentity('w1')
    expect(saved).toEqual(onJoin.mock.calls[0]?.[0])
    expect(saved).toEqual({
      participantId: 'issued-by-server-01',
      secret: 's3cret',
      name: 'Amina',
      group: 'citizen',
    })
    expect(participantId.safeParse(saved?.participantId).success).toBe(true)
    vi.unstubAllGlobals()
  })

  it('after a 429 says why and when it tries again, keeps what was typed, and joins once the wait is over', async () => {
    const answers = [
      new Response(
        JSON.stringify({
          error: 'joining: too many people joining from this address',
          code: 'join.address',
        }),
        { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '2' } },
      ),
      new Response(JSON.stringify({ participantId: 'issued-after-wait-01', secret: 's3cret' }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      }),
    ]
    const fetchMock = vi.fn(async () => answers.shift() ?? new Response(null, { status: 500 }))
    vi.stubGlobal('fetch', fetchMock)
    localStorage.setItem('fabrique:token:w1', 'participant-token')
    const onJoin = vi.fn()
    renderWithI18n(
      () => <JoinForm workshopId="w1" workshopRole="participant" onJoin={onJoin} />,
      'en',
    )
    const name = screen.getByRole('textbox', { name: 'Your name' })
    fireEvent.input(name, { target: { value: 'Amina' } })
    fireEvent.click(screen.getByRole('radio', { name: 'Citizen partner' }))
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))

    // (Matchers read the no-break space before « s » as a space.)
    const news =
      'Too many people just joined from this network. Trying again in 2 s; what you wrote is kept.'
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(news))
    expect(screen.getByText(news, { selector: '[aria-hidden]' })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(name).toHaveValue('Amina')
    expect(screen.getByRole('radio', { name: 'Citizen partner' })).toBeChecked()
    expect(loadIdentity('w1')).toBeNull()
    // The visible countdown goes down; nothing is asked of the server before the wait is over.
    await waitFor(() => expect(screen.getByText(/Trying again in 1 s/)).toBeInTheDocument())
    expect(fetchMock).toHaveBeenCalledTimes(1)

    await waitFor(() => expect(onJoin).toHaveBeenCalledTimes(1), { timeout: 3000 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(loadIdentity('w1')).toEqual({
      participantId: 'issued-after-wait-01',
      secret: 's3cret',
      name: 'Amina',
      group: 'citizen',
    })
    vi.unstubAllGlobals()
  })

  it('says so in French when the workshop is full, and lets the person try again', async () => {
    const full = () =>
      new Response(JSON.stringify({ error: 'joining: full', code: 'join.full' }), {
        status: 409,
        headers: { 'Content-Type': 'application/json' },
      })
    const fetchMock = vi.fn(async () => full())
    vi.stubGlobal('fetch', fetchMock)
    localStorage.setItem('fabrique:token:w1', 'participant-token')
    renderWithI18n(() => <JoinForm workshopId="w1" workshopRole="participant" onJoin={() => {}} />)
    fireEvent.input(screen.getByRole('textbox', { name: 'Votre nom' }), {
      target: { value: 'Léa' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Patient partenaire' }))
    fireEvent.click(screen.getByRole('button', { name: 'Rejoindre' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cet atelier a déjà le nombre maximal de personnes inscrites. Prévenez l’animateur·rice.',
    )
    expect(screen.getByRole('textbox', { name: 'Votre nom' })).toHaveValue('Léa')
    fireEvent.click(screen.getByRole('button', { name: 'Rejoindre' }))
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2))
    vi.unstubAllGlobals()
  })

  it('keeps the participant id when the identity is changed', () => {
    const onJoin = vi.fn()
    const initial = {
      participantId: 'abcdefghijklmnop',
      name: 'Léa',
      group: 'patient' as const,
      secret: 'kept-secret',
    }
    renderWithI18n(
      () => (
        <JoinForm workshopId="w2" workshopRole="facilitator" initial={initial} onJoin={onJoin} />
      ),
      'en',
    )
    const name = screen.getByRole('textbox', { name: 'Your name' })
    expect(name).toHaveValue('Léa')
    fireEvent.input(name, { target: { value: 'Léa B.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(loadIdentity('w2')).toEqual({ ...initial, name: 'Léa B.' })
  })

  it('asks an observer for nothing: one button in, and says plainly they are not named', () => {
    const onJoin = vi.fn()
    renderWithI18n(() => <JoinForm workshopId="w1" workshopRole="observer" onJoin={onJoin} />, 'en')
    expect(screen.getByText(/observer link/)).toBeInTheDocument()
    expect(screen.getByText(/not asked for a name/)).toBeInTheDocument()
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.queryByRole('radio')).toBeNull()
    expect(screen.getAllByRole('button')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Enter as an observer' }))
    expect(onJoin).toHaveBeenCalledTimes(1)
    const joined = onJoin.mock.calls[0]?.[0]
    expect(joined).toMatchObject({ observer: true, name: '', secret: null })
    expect(participantId.safeParse(joined?.participantId).success).toBe(true)
    // Kept on this device (the link opens straight on the workshop next time), with no name.
    expect(loadIdentity('w1')).toEqual(joined)
    expect(localStorage.getItem(identityStorageKey('w1'))).not.toMatch(/"name":"[^"]/)
  })

  it('tells a facilitator why they are asked for a name, with « Other » chosen for them', () => {
    renderWithI18n(
      () => <JoinForm workshopId="w1" workshopRole="facilitator" onJoin={() => {}} />,
      'en',
    )
    expect(screen.getByRole('heading', { name: 'Your name as facilitator' })).toBeInTheDocument()
    expect(screen.getByText(/participants see your name/)).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'Other' })).toBeChecked()
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument()
  })
})

describe('JoinForm: sector and the recognition export', () => {
  const SECTOR_OPTIONS_FR = [
    'Aucun, ou je préfère ne pas le dire',
    'CIUSSS ou CISSS (santé et services sociaux)',
    'GMF (groupe de médecine de famille)',
    'Organisme communautaire',
    'Ville ou municipalité',
    'Autre organisation',
  ]
  const OPT_OUT_FR = 'Ne pas me compter dans l’export de reconnaissance'

  it('offers the sectors as an optional, labelled choice and the opt-out as a labelled checkbox, in the order they are read', () => {
    renderWithI18n(() => <JoinForm workshopId="w1" workshopRole="participant" onJoin={() => {}} />)
    const sector = screen.getByRole('combobox', {
      name: 'Votre secteur ou organisation (facultatif)',
    })
    expect(sector).toHaveAccessibleDescription(expect.stringContaining('au nom d’un organisme'))
    expect(
      within(sector)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(SECTOR_OPTIONS_FR)
    // Nothing is chosen for the person: « Aucun » until they say otherwise.
    expect(sector).toHaveValue('')
    const optOut = screen.getByRole('checkbox', { name: OPT_OUT_FR })
    expect(optOut).not.toBeChecked()
    expect(optOut).toHaveAccessibleDescription(expect.stringContaining('sans votre nom'))
    // Reached by Tab in reading order: name, group, sector, opt-out, then « Rejoindre ».
    const order = [
      screen.getByRole('textbox', { name: 'Votre nom' }),
      screen.getByRole('radio', { name: 'Autre' }),
      sector,
      optOut,
      screen.getByRole('button', { name: 'Rejoindre' }),
    ]
    for (const [index, control] of order.entries()) {
      expect(control.getAttribute('tabindex')).toBeNull()
      const next = order[index + 1]
      if (next)
        expect(control.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(
          Node.DOCUMENT_POSITION_FOLLOWING,
        )
    }
  })

  it('joins without a sector: the identity has none, and counts in the export', () => {
    const onJoin = vi.fn()
    const initial = {
      participantId: 'abcdefghijklmnop',
      name: 'Léa',
      group: 'patient' as const,
      secret: 'kept-secret',
    }
    renderWithI18n(() => (
      <JoinForm workshopId="w3" workshopRole="participant" initial={initial} onJoin={onJoin} />
    ))
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    expect(onJoin).toHaveBeenCalledWith(initial)
    expect(loadIdentity('w3')).toEqual(initial)
  })

  it('joins with a sector and the opt-out, in English, and the form starts from them when changed later', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ participantId: 'issued-by-server-02', secret: 's' })),
    )
    localStorage.setItem('fabrique:token:w4', 'participant-token')
    const onJoin = vi.fn()
    const first = renderWithI18n(
      () => <JoinForm workshopId="w4" workshopRole="participant" onJoin={onJoin} />,
      'en',
    )
    fireEvent.input(screen.getByRole('textbox', { name: 'Your name' }), {
      target: { value: 'Marc' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Clinician partner' }))
    const sector = screen.getByRole('combobox', { name: 'Your sector or organisation (optional)' })
    expect(within(sector).getByRole('option', { name: 'GMF (family medicine group)' })).toBeTruthy()
    fireEvent.change(sector, { target: { value: 'gmf' } })
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Don’t count me in the recognition export' }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    await waitFor(() => expect(onJoin).toHaveBeenCalledTimes(1))
    const joined = {
      participantId: 'issued-by-server-02',
      secret: 's',
      name: 'Marc',
      group: 'clinician',
      sector: 'gmf',
      recognitionOptOut: true,
    }
    expect(onJoin).toHaveBeenCalledWith(joined)
    expect(loadIdentity('w4')).toEqual(joined)
    vi.unstubAllGlobals()
    first.unmount()

    // « Edit my details »: the form starts from them; both can be taken back.
    const onChange = vi.fn()
    renderWithI18n(
      () => (
        <JoinForm
          workshopId="w4"
          workshopRole="participant"
          initial={loadIdentity('w4')}
          onJoin={onChange}
        />
      ),
      'en',
    )
    const again = screen.getByRole('combobox', { name: 'Your sector or organisation (optional)' })
    expect(again).toHaveValue('gmf')
    const optOut = screen.getByRole('checkbox', {
      name: 'Don’t count me in the recognition export',
    })
    expect(optOut).toBeChecked()
    fireEvent.change(again, { target: { value: '' } })
    fireEvent.click(optOut)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const { sector: _sector, recognitionOptOut: _optOut, ...rest } = joined
    expect(onChange).toHaveBeenCalledWith(rest)
    expect(loadIdentity('w4')).toEqual(rest)
  })

  it('keeps no sector a device stored that is not one of the list', () => {
    localStorage.setItem(
      identityStorageKey('w5'),
      JSON.stringify({
        participantId: 'abcdefghijklmnop',
        name: 'Léa',
        group: 'patient',
        secret: 's',
        sector: 'hôpital',
        recognitionOptOut: 'yes',
      }),
    )
    expect(loadIdentity('w5')).toEqual({
      participantId: 'abcdefghijklmnop',
      name: 'Léa',
      group: 'patient',
      secret: 's',
    })
  })
})
