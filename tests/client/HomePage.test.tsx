import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { HomePage } from '../../client/features/home/HomePage.tsx'
import { tokenStorageKey } from '../../client/features/workspace/token.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import type { TemplateSummary } from '../../shared/template.ts'

const templates: TemplateSummary[] = [
  {
    id: 'one-two-four-all',
    title: { fr: '1-2-4-Tous', en: '1-2-4-All' },
    description: {
      fr: 'Seul, à deux, à quatre, puis tous.',
      en: 'Alone, in pairs, in fours, then all.',
    },
    durationMinutes: 15,
    tags: [],
    phaseCount: 4,
  },
  {
    id: 'open-plan',
    title: { fr: 'Plan ouvert', en: 'Open plan' },
    description: { fr: 'Un plan ouvert et changeant.', en: 'An open, changing plan.' },
    durationMinutes: 90,
    tags: [],
    phaseCount: 5,
  },
]

const created: WorkshopLinks = {
  id: 'ws-123',
  title: 'Mon atelier',
  template: 'open-plan',
  locale: 'en',
  tokens: { facilitator: 'fac-token', participant: 'par-token', observer: 'obs-token' },
  links: {
    facilitator: 'http://localhost/w/ws-123#token=fac-token',
    participant: 'http://localhost/w/ws-123#token=par-token',
    observer: 'http://localhost/w/ws-123#token=obs-token',
  },
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('HomePage', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  beforeEach(() => {
    history.replaceState(null, '', '/')
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  const renderHome = () =>
    render(() => (
      <I18nProvider value={createI18n('en')}>
        <Router>
          <Route path="/" component={HomePage} />
          <Route path="/w/:id" component={() => <p>workshop page</p>} />
        </Router>
      </I18nProvider>
    ))

  it('creates a workshop, asking for the admin token on 401, then opens the facilitator link', async () => {
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === '/api/templates') return json(200, templates)
      const auth = new Headers(init?.headers).get('Authorization')
      if (auth !== 'Bearer admin-secret') return json(401, { error: 'admin token required' })
      return json(201, created)
    })
    renderHome()

    const select = await screen.findByRole('combobox', { name: 'Workshop template' })
    expect(screen.getByRole('option', { name: '1-2-4-All' })).toBeInTheDocument()
    expect(screen.getByText('Alone, in pairs, in fours, then all.')).toBeInTheDocument()
    fireEvent.change(select, { target: { value: 'open-plan' } })
    expect(screen.getByText('An open, changing plan.')).toBeInTheDocument()
    expect(screen.getByText('About 90 minutes · 5 steps')).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Workshop language' })).toHaveValue('en')

    // An empty title is refused before anything is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Create the workshop' }))
    expect(screen.getByText('Give the workshop a title.')).toBeInTheDocument()
    expect(fetchMock).toHaveBeenCalledTimes(1)

    fireEvent.input(screen.getByRole('textbox', { name: 'Workshop title' }), {
      target: { value: 'Mon atelier' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create the workshop' }))
    const adminField = await screen.findByLabelText('Admin token')
    expect(screen.queryByRole('alert')).toBeNull()

    fireEvent.input(adminField, { target: { value: 'wrong' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create the workshop' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('admin token required')

    fireEvent.input(adminField, { target: { value: 'admin-secret' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create the workshop' }))
    await waitFor(() => expect(window.location.pathname).toBe('/w/ws-123'))
    expect(localStorage.getItem(tokenStorageKey('ws-123'))).toBe('fac-token')
    const body = JSON.parse(String(fetchMock.mock.calls.at(-1)?.[1]?.body))
    expect(body).toEqual({ title: 'Mon atelier', template: 'open-plan', locale: 'en' })
  })

  it('shows the server’s error text', async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url === '/api/templates'
        ? json(200, templates)
        : json(400, { error: 'title: must be at most 200 characters' }),
    )
    renderHome()
    await screen.findByRole('combobox', { name: 'Workshop template' })
    fireEvent.input(screen.getByRole('textbox', { name: 'Workshop title' }), {
      target: { value: 'x' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create the workshop' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The workshop was not created: title: must be at most 200 characters',
    )
  })
})
