import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { SessionsPanel } from '../../client/features/sessions/SessionsPanel.tsx'
import { createSessions } from '../../client/state/createSessions.ts'
import type { SessionSummary } from '../../shared/api.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  addBox,
  createCanvas,
  endSession,
  listSessions,
  planSession,
  type SessionInfo,
  startSession,
} from '../../shared/schema/index.ts'
import { summarizeTemplate } from '../../shared/template.ts'
import { FakeSocket } from '../helpers/fakeWorkshop.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

/** What GET /api/templates gives for the two shipped templates these sessions run. */
const TEMPLATES = ['plan-ouvert', 'world-cafe'].map((id) => summarizeTemplate(shippedTemplate(id)))

/** A lab of the open plan with its first session dated March 1st, 2027, and a second planned. */
const lab = () => {
  const { doc } = newWorkshop({ templateId: 'plan-ouvert' }, shippedTemplate('plan-ouvert'))
  const first = listSessions(doc)[0]
  if (!first) throw new Error('a new lab has one session')
  // Its day moved to March 1st (the migration dates it on the day the lab was made).
  doc.transact(() => {
    doc.getMap('sessions').set(first.id, {
      ...(doc.getMap('sessions').get(first.id) as object),
      title: 'Comité de mars',
      date: '2027-03-01',
    })
  })
  const second = planSession(
    doc,
    { title: 'Comité d’avril', templateId: 'world-cafe', date: '2027-04-05' },
    'server',
    2,
  )
  return { doc, first: first.id, second }
}

const summary = (session: SessionInfo, attendance: Partial<SessionSummary['attendance']>) => ({
  sessionId: session.id,
  title: session.title,
  template: session.templateId,
  date: session.date,
  status: session.status,
  current: session.current,
  attendance: { patient: 0, citizen: 0, clinician: 0, other: 0, ...attendance },
})

/**
 * A server for the panel: templates, the sessions with attendance, and the facilitator's
 * routes, which do to the document what the server's do (`answer` may refuse instead).
 */
const serve = (
  doc: Y.Doc,
  answer: (path: string, body: unknown) => Response | null = () => null,
) => {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url)
    if (path === '/api/templates') return Response.json(TEMPLATES)
    if (init?.method !== 'POST')
      return Response.json(
        listSessions(doc).map((session, index) =>
          summary(session, index === 0 ? { patient: 2, clinician: 1 } : {}),
        ),
      )
    const body: unknown = JSON.parse(String(init.body ?? '{}'))
    const refused = answer(path, body)
    if (refused) return refused
    const moved = /\/sessions\/([^/]+)\/(start|end)$/.exec(path)
    if (moved?.[2] === 'start')
      startSession(doc, moved[1] ?? '', shippedTemplate('world-cafe'), 'server', 3)
    else if (moved?.[2] === 'end') endSession(doc, moved[1] ?? '', 'server')
    else {
      const plan = body as { title: string; template: string; date: string }
      planSession(doc, { title: plan.title, templateId: plan.template, date: plan.date }, 's', 4)
    }
    const listed = listSessions(doc)
    return Response.json(summary(listed[listed.length - 1] as SessionInfo, {}), { status: 201 })
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    posts: () =>
      fetchMock.mock.calls
        .filter(([, init]) => init?.method === 'POST')
        .map(([url, init]) => ({ url, body: JSON.parse(String(init?.body)) as unknown })),
  }
}

const renderPanel = (doc: Y.Doc, facilitator: boolean, locale: Locale = 'fr') =>
  renderWithI18n(
    () => (
      <SessionsPanel
        sessions={createSessions(doc)}
        workshopId="ws-1"
        token={facilitator ? 'fac' : 'par'}
        facilitator={facilitator}
        online
        templateId="plan-ouvert"
        labDoc={doc}
        participants={() => []}
        participant={null}
      />
    ),
    locale,
  )

const sessionCard = (title: string) =>
  screen.getByRole('heading', { name: title, level: 3 }).closest('li') as HTMLElement

describe('the lab’s sessions panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists the sessions with their day in French, status and attendance by partner group', async () => {
    const { doc } = lab()
    serve(doc)
    renderPanel(doc, true)
    const list = await screen.findByRole('list', { name: /^Séances, de la plus ancienne/ })
    const titles = within(list)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent)
    expect(titles).toEqual(['Comité de mars', 'Comité d’avril'])
    const march = sessionCard('Comité de mars')
    expect(march).toHaveTextContent('1er mars 2027')
    expect(march).toHaveTextContent('Planifiée')
    await within(march).findByText('Modèle : Plan ouvert et changeant')
    await within(march).findByText('Patient partenaire : 2')
    expect(within(march).getByText('Clinicien partenaire : 1')).toBeInTheDocument()
    const april = sessionCard('Comité d’avril')
    expect(april).toHaveTextContent('5 avril 2027')
    await within(april).findByText('Personne n’y est encore venu.')
    expect(april).toHaveTextContent('Modèle : World Café')
  })

  it('starts a session, ends it after asking, then starts the next one, by the HTTP routes', async () => {
    const { doc, first, second } = lab()
    const server = serve(doc)
    renderPanel(doc, true)
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Commencer la séance «\u00a0Comité de mars\u00a0»',
      }),
    )
    await screen.findByText('La séance « Comité de mars » a commencé.')
    expect(sessionCard('Comité de mars')).toHaveTextContent('En cours')
    expect(screen.getByRole('heading', { name: 'Comité de mars' })).toHaveFocus()

    // Starting another while one runs says which, and asks the server nothing.
    fireEvent.click(
      screen.getByRole('button', { name: 'Commencer la séance «\u00a0Comité d’avril\u00a0»' }),
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'La séance n’a pas pu commencer : la séance « Comité de mars » est en cours. Terminez-la d’abord.',
    )

    fireEvent.click(
      screen.getByRole('button', { name: 'Terminer la séance «\u00a0Comité de mars\u00a0»' }),
    )
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Terminer la séance «\u00a0Comité de mars\u00a0»\u202f?',
    })
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Oui, terminer la séance' }))
    await screen.findByText(
      'La séance « Comité de mars » est terminée. Vous pouvez planifier ou commencer la suivante.',
    )
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(sessionCard('Comité de mars')).toHaveTextContent('Terminée')

    fireEvent.click(
      screen.getByRole('button', { name: 'Commencer la séance «\u00a0Comité d’avril\u00a0»' }),
    )
    await screen.findByText('La séance « Comité d’avril » a commencé.')
    expect(sessionCard('Comité d’avril')).toHaveTextContent('En cours')
    expect(sessionCard('Comité de mars')).toHaveTextContent('Terminée')
    expect(server.posts().map((post) => post.url)).toEqual([
      `/api/workshops/ws-1/sessions/${first}/start`,
      `/api/workshops/ws-1/sessions/${first}/end`,
      `/api/workshops/ws-1/sessions/${second}/start`,
    ])
  })

  it('says why the server refused to start a session', async () => {
    const { doc } = lab()
    serve(doc, () => Response.json({ error: 'the session is ended' }, { status: 409 }))
    renderPanel(doc, true)
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Commencer la séance «\u00a0Comité de mars\u00a0»',
      }),
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'La séance n’a pas pu commencer : son état a changé entre-temps. La liste est à jour : réessayez.',
    )
  })

  it('plans the next session: says what is missing at its field, then sends title, day and template', async () => {
    const { doc } = lab()
    const server = serve(doc)
    renderPanel(doc, true)
    const form = await screen.findByRole('form', { name: 'Planifier la prochaine séance' })
    const template = within(form).getByRole('combobox', { name: 'Modèle de la séance' })
    await waitFor(() => expect(template).toHaveValue('plan-ouvert'))
    const date = within(form).getByLabelText('Date')
    fireEvent.input(date, { target: { value: '' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Planifier la séance' }))
    const title = within(form).getByRole('textbox', { name: 'Titre de la séance' })
    expect(title).toHaveFocus()
    expect(title).toHaveAccessibleDescription(/Donnez un titre à la séance\./)
    expect(date).toHaveAccessibleDescription(/Choisissez le jour de la séance\./)
    expect(server.posts()).toHaveLength(0)

    fireEvent.input(title, { target: { value: 'Comité de mai' } })
    fireEvent.input(date, { target: { value: '2027-05-03' } })
    fireEvent.change(template, { target: { value: 'world-cafe' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Planifier la séance' }))
    await screen.findByText('La séance « Comité de mai » est planifiée pour le 3 mai 2027.')
    expect(server.posts()).toEqual([
      {
        url: '/api/workshops/ws-1/sessions',
        body: { title: 'Comité de mai', date: '2027-05-03', template: 'world-cafe' },
      },
    ])
    expect(sessionCard('Comité de mai')).toHaveTextContent('Planifiée')
    expect(title).toHaveValue('')
  })

  it('shows a field the server refused at that field', async () => {
    const { doc } = lab()
    serve(doc, () =>
      Response.json({ error: 'date: must be a day of the calendar' }, { status: 400 }),
    )
    renderPanel(doc, true)
    const form = await screen.findByRole('form', { name: 'Planifier la prochaine séance' })
    const template = within(form).getByRole('combobox', { name: 'Modèle de la séance' })
    await waitFor(() => expect(template).toHaveValue('plan-ouvert'))
    fireEvent.input(within(form).getByRole('textbox', { name: 'Titre de la séance' }), {
      target: { value: 'Comité' },
    })
    fireEvent.click(within(form).getByRole('button', { name: 'Planifier la séance' }))
    const date = within(form).getByLabelText('Date')
    await waitFor(() => expect(date).toHaveFocus())
    expect(date).toHaveAccessibleDescription(/date: must be a day of the calendar/)
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'La séance n’a pas été planifiée : date: must be a day of the calendar',
    )
  })

  it('lists an ended session’s boards; one opens read-only from its room, and the facilitator carries it', async () => {
    const { doc, first, second } = lab()
    startSession(doc, first, shippedTemplate('plan-ouvert'), 'server', 1)
    endSession(doc, first, 'server')
    const server = serve(doc, (path) => {
      if (!path.endsWith('/boards/plan-mars/carry')) return null
      // What the server does: the board is among the lab's canvases again.
      createCanvas(doc, { id: 'plan-mars', title: 'Notre plan' }, 'server')
      return Response.json(
        { canvasId: 'plan-mars', title: 'Notre plan', from: first },
        {
          status: 201,
        },
      )
    })
    renderPanel(doc, true)
    // Ended, its boards stay the lab's until the next session starts: it says so.
    await within(sessionCard('Comité de mars')).findByText(
      'Ses tableaux restent dans le laboratoire jusqu’au début de la prochaine séance ; ils se liront ensuite ici.',
    )
    // The next one started: its record names the boards kept in the session's room.
    startSession(doc, second, shippedTemplate('world-cafe'), 'server', 2)
    const seedText = { fr: 'Notre plan', en: 'Our plan' }
    doc.transact(() => {
      const record = doc.getMap('sessions').get(first) as object
      doc.getMap('sessions').set(first, {
        ...record,
        boards: [{ id: 'plan-mars', title: 'Notre plan', seedText }],
      })
    })
    const kept = new Y.Doc()
    createCanvas(kept, { id: 'plan-mars', title: 'Notre plan', seedText }, 'server')
    addBox(kept, 'plan-mars', { kind: 'note', x: 0, y: 0, text: 'Une navette le mardi' }, 's')
    FakeSocket.serverDoc = kept
    vi.stubGlobal('WebSocket', FakeSocket)

    const open = await screen.findByRole('button', {
      name: 'Ouvrir le tableau «\u00a0Notre plan\u00a0» de la séance «\u00a0Comité de mars\u00a0»',
    })
    expect(open).toHaveTextContent('Notre plan')
    open.focus()
    fireEvent.click(open)
    // Its chunk (the board's) loads on first open.
    const dialog = await screen.findByRole(
      'dialog',
      { name: '«\u00a0Notre plan\u00a0», séance «\u00a0Comité de mars\u00a0» du 1er mars 2027' },
      { timeout: 15_000 },
    )
    expect(dialog).toHaveAccessibleDescription(/^Lecture seule\u00a0: le tableau tel que la séance/)
    expect(within(dialog).getByRole('button', { name: 'Fermer le tableau' })).toHaveFocus()
    within(dialog).getByText('Ouverture du tableau…')
    const socket = FakeSocket.instances.at(-1)
    expect(socket?.url).toMatch(new RegExp(`/sync/ws-1/session/${first}$`))
    socket?.open()
    // The board, read-only: its note is there to read, nothing to write with.
    await within(dialog).findByRole('option', { name: /Une navette le mardi/ })
    expect(within(dialog).queryByRole('button', { name: /Note/ })).toBeNull()

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reprendre ce tableau dans la séance' }),
    )
    await within(dialog).findByText(
      'Le tableau « Notre plan » est repris dans la séance : il est dans les onglets des canevas.',
    )
    // The button pressed is gone: the focus is on closing.
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Fermer le tableau' })).toHaveFocus(),
    )
    expect(server.posts().at(-1)?.url).toBe(
      `/api/workshops/ws-1/sessions/${first}/boards/plan-mars/carry`,
    )
    fireEvent.keyDown(dialog, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(open).toHaveFocus()
    // Opened again, it says the lab holds it already.
    fireEvent.click(open)
    const again = await screen.findByRole('dialog')
    await within(again).findByText('Ce tableau est déjà dans les canevas de la séance.')
    expect(within(again).queryByRole('button', { name: /^Reprendre/ })).toBeNull()
  }, 30_000)

  it('shows a participant the sessions in English, read-only', async () => {
    const { doc } = lab()
    serve(doc)
    renderPanel(doc, false, 'en')
    await screen.findByRole('list', { name: 'Sessions, oldest first' })
    const march = sessionCard('Comité de mars')
    expect(march).toHaveTextContent('March 1, 2027')
    expect(march).toHaveTextContent('Planned')
    await within(march).findByText('Patient partner: 2')
    expect(screen.getByText('The facilitator plans, starts and ends the sessions.')).toBeVisible()
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.queryByRole('form')).toBeNull()
  })
})
