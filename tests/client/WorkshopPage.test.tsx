import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { tokenStorageKey } from '../../client/features/workspace/token.ts'
import { WorkshopPage } from '../../client/features/workspace/WorkshopPage.tsx'
import { endWorkshop, initFlow, listParticipants, ROOT } from '../../shared/schema/index.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import {
  FakeSocket,
  fakeLinks,
  fillJoinForm,
  joinWithForm,
  useFakeWorkshop,
} from '../helpers/fakeWorkshop.ts'

const links = fakeLinks('open-plan')

/** Opens the side panel on the people (presence, registered people, one's own name). */
const openPeople = async () =>
  fireEvent.click(await screen.findByRole('button', { name: /^People, \d+ online$/ }))

const renderAt = (path: string) => {
  history.replaceState(null, '', path)
  return render(() => (
    <I18nProvider value={createI18n('en')}>
      <Router>
        <Route path="/w/:id" component={WorkshopPage} />
      </Router>
    </I18nProvider>
  ))
}

/** Opens the workshop on the facilitator's link, as Zoé who joined before. */
const openAsFacilitator = () => {
  localStorage.setItem(
    'fabrique:identity:ws-1',
    JSON.stringify({
      participantId: 'facilitator-0001',
      name: 'Zoé',
      group: 'clinician',
      secret: 'secret-of-facilitator',
    }),
  )
  return renderAt('/w/ws-1#token=fac')
}

describe('WorkshopPage', () => {
  const api = useFakeWorkshop(links)

  it('asks for an invitation link when there is no token', async () => {
    renderAt('/w/ws-1')
    expect(await screen.findByText('You need an invitation link')).toBeInTheDocument()
    expect(api.fetch).not.toHaveBeenCalled()
  })

  it('says the link is not valid when the server refuses the token', async () => {
    renderAt('/w/ws-1#token=revoked')
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid')
  })

  it('joins, shows presence and the save state, and writes the participant', async () => {
    renderAt('/w/ws-1#token=par')
    expect(window.location.hash).toBe('')
    expect(localStorage.getItem(tokenStorageKey('ws-1'))).toBe('par')

    await fillJoinForm()

    const connection = () => document.querySelector('.connection-status') as HTMLElement
    await waitFor(() => expect(connection()).toHaveAttribute('data-state', 'connecting'))
    expect(screen.getByRole('heading', { level: 1, name: 'Atelier de mai' })).toBeInTheDocument()
    expect(screen.getByText('Your role: Participant')).toBeInTheDocument()
    // The side panel is closed at first: the board has the room. Participants do not facilitate.
    expect(screen.queryByRole('region', { name: /Online now/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Facilitation' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Share the workshop' })).toBeNull()
    await openPeople()
    expect(screen.getByRole('tab', { name: 'People', selected: true })).toHaveFocus()
    const presence = screen.getByRole('region', { name: /Online now/ })
    expect(within(presence).getByText('Amina')).toBeInTheDocument()
    expect(within(presence).getByText('(you)')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Share the workshop' })).toBeNull()

    const socket = FakeSocket.instances[0]
    if (!socket) throw new Error('no socket opened')
    // The credentials go as subprotocols: no URL holds the token or the secret.
    const credentials = [
      'fabrique',
      'fabrique.token.par',
      'fabrique.participant.participant-0001',
      'fabrique.secret.secret-of-participant',
    ]
    expect(socket.url).toBe('ws://localhost:3000/sync/ws-1')
    expect(socket.protocols).toEqual(credentials)
    // The private document (private notes, ballots) of the identity issued at join.
    expect(FakeSocket.instances[1]?.url).toBe(
      'ws://localhost:3000/sync/ws-1/private/participant-0001',
    )
    expect(FakeSocket.instances[1]?.protocols).toEqual(credentials)
    // Open: the client sends SyncStep1, the server answers with SyncStep2; once synced the
    // client records the participant, which the server has stored but not acknowledged yet.
    socket.open()
    await waitFor(() => expect(connection()).toHaveAttribute('data-state', 'saving'))
    expect(connection()).toHaveTextContent('Saving…')
    expect(listParticipants(socket.server).map((p) => [p.id, p.name])).toEqual([
      ['participant-0001', 'Amina'],
    ])
    socket.ack()
    await waitFor(() => expect(connection()).toHaveAttribute('data-state', 'saved'))
    expect(connection()).toHaveTextContent('Saved')

    socket.onclose?.({ code: 1006, reason: '' })
    await waitFor(() => expect(connection()).toHaveAttribute('data-state', 'offline'))
    expect(connection()).toHaveTextContent('Offline — your changes are kept')
  })

  it('keeps one side panel: its tabs by arrow keys, the whole width and back, Escape closes it', async () => {
    renderAt('/w/ws-1#token=par')
    await fillJoinForm()
    const documents = await screen.findByRole('button', { name: 'Documents' })
    expect(documents).toHaveAttribute('aria-pressed', 'false')
    documents.focus()
    fireEvent.click(documents)
    expect(documents).toHaveAttribute('aria-pressed', 'true')
    const tab = screen.getByRole('tab', { name: 'Documents', selected: true })
    await waitFor(() => expect(tab).toHaveFocus())
    fireEvent.keyDown(tab, { key: 'ArrowRight' })
    expect(screen.getByRole('tab', { name: 'Role charters', selected: true })).toHaveFocus()
    fireEvent.click(screen.getByRole('button', { name: 'Full width' }))
    expect(screen.getByRole('button', { name: 'Full width' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Back to the board' }))
    expect(screen.queryByRole('button', { name: 'Back to the board' })).toBeNull()
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Role charters' }), { key: 'Escape' })
    expect(screen.queryByRole('complementary', { name: 'Workshop panel' })).toBeNull()
    expect(documents).toHaveFocus()
    expect(documents).toHaveAttribute('aria-pressed', 'false')
  })

  it('presses the top bar’s button of the panel on screen, and only that one', async () => {
    openAsFacilitator()
    const people = await screen.findByRole('button', { name: /^People, \d+ online$/ })
    const documents = screen.getByRole('button', { name: 'Documents' })
    const facilitation = screen.getByRole('button', { name: 'Facilitation' })
    const pressed = () =>
      [people, documents, facilitation]
        .filter((button) => button.getAttribute('aria-pressed') === 'true')
        .map((button) => button.textContent?.trim())
    expect(pressed()).toEqual([])
    fireEvent.click(documents)
    expect(pressed()).toEqual(['Documents'])
    // Another artefact's tab: "Documents" is not what the panel shows any more.
    for (const name of ['Role charters', 'Plan', 'Decisions', 'Versions & exports']) {
      fireEvent.click(screen.getByRole('tab', { name }))
      expect(pressed(), name).toEqual([])
    }
    // Pressed from there, "Documents" brings the documents back.
    fireEvent.click(documents)
    expect(screen.getByRole('tab', { name: 'Documents', selected: true })).toBeInTheDocument()
    expect(pressed()).toEqual(['Documents'])
    fireEvent.click(screen.getByRole('tab', { name: 'People' }))
    expect(pressed()).toEqual([people.textContent?.trim()])
    fireEvent.click(screen.getByRole('tab', { name: 'Facilitation' }))
    expect(pressed()).toEqual(['Facilitation'])
    // Pressed again, its button closes the panel: nothing is pressed.
    fireEvent.click(facilitation)
    expect(screen.queryByRole('complementary', { name: 'Workshop panel' })).toBeNull()
    expect(pressed()).toEqual([])
  })

  it('puts « Share the workshop » in the facilitator’s top bar: the links at once, in view', async () => {
    // jsdom scrolls nothing: what is scrolled to the panel's top is recorded instead.
    const scrolled: Element[] = []
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this)
    }
    onTestFinished(() => {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
    })
    openAsFacilitator()
    const button = await screen.findByRole('button', { name: 'Share the workshop' })
    button.focus()
    fireEvent.click(button)
    // The Facilitation tab, with the focus on its share section (which brings it into view).
    const share = await screen.findByRole(
      'region',
      { name: 'Share the workshop' },
      { timeout: 5000 },
    )
    const heading = within(share).getByRole('heading', { name: 'Share the workshop' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(screen.getByRole('tab', { name: 'Facilitation', selected: true })).toBeInTheDocument()
    expect(await within(share).findByDisplayValue(links.links.participant)).toBeVisible()
    // Brought to the panel's top once asked, and again once its links have loaded.
    await waitFor(() => expect(scrolled).toEqual([heading, heading]))
    // Escape closes the panel and gives the focus back; pressed again, the links come back.
    fireEvent.keyDown(heading, { key: 'Escape' })
    expect(share).not.toBeVisible()
    expect(button).toHaveFocus()
    fireEvent.click(button)
    await waitFor(() => expect(heading).toHaveFocus())
    expect(share).toBeVisible()
    expect(scrolled).toHaveLength(3)
  }, 15_000)

  it('gives the facilitator copyable links and QR codes for every role', async () => {
    openAsFacilitator()
    fireEvent.click(await screen.findByRole('button', { name: 'Facilitation' }))
    // The share panel is a lazy chunk (QR codes): give jsdom time to load it.
    const share = await screen.findByRole(
      'region',
      { name: 'Share the workshop' },
      { timeout: 5000 },
    )
    for (const [role, name] of [
      ['facilitator', 'facilitator link'],
      ['participant', 'participant link'],
      ['observer', 'observer link'],
    ] as const) {
      expect(
        await within(share).findByRole('button', { name: `Copy the ${name}` }),
      ).toBeInTheDocument()
      expect(within(share).getByRole('img', { name: `QR code of the ${name}` })).toBeInTheDocument()
      expect(within(share).getByDisplayValue(links.links[role])).toBeInTheDocument()
    }
    // Once the workshop is known, the projector's controls: it opens on its own link (the
    // observer's, read-only, and the participant link for its QR code), never the facilitator's.
    FakeSocket.instances[0]?.open()
    const projector = await screen.findByRole('region', { name: 'Projector' }, { timeout: 5000 })
    expect(
      await within(projector).findByRole('link', { name: /Open the projector view/ }),
    ).toHaveAttribute(
      'href',
      `/w/ws-1/projector#token=obs&join=${encodeURIComponent(links.links.participant)}`,
    )
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    fireEvent.click(within(share).getByRole('button', { name: 'Copy the participant link' }))
    expect(await within(share).findByText('Link copied')).toBeInTheDocument()
    expect(writeText).toHaveBeenCalledWith(links.links.participant)
    // A facilitator who joined with a name may remove it too.
    fireEvent.click(screen.getByRole('tab', { name: 'People' }))
    expect(
      screen.getByRole('button', { name: 'Remove my name from this workshop' }),
    ).toBeInTheDocument()
  }, 15_000)

  it('lets an observer in unnamed, and shows them to others as an observer, with no name', async () => {
    // A name an older build asked for and kept: never shown again, nor kept.
    localStorage.setItem(
      'fabrique:identity:ws-1',
      JSON.stringify({ participantId: 'observer-0001', name: 'Sam', group: 'other', secret: null }),
    )
    renderAt('/w/ws-1#token=obs')
    expect(screen.queryByRole('textbox', { name: 'Your name' })).toBeNull()
    fireEvent.click(await screen.findByRole('button', { name: 'Enter as an observer' }))
    expect(localStorage.getItem('fabrique:identity:ws-1')).not.toContain('Sam')
    expect(
      await screen.findByText('You can see everything, but not change it.'),
    ).toBeInTheDocument()
    const socket = FakeSocket.instances[0]
    if (!socket) throw new Error('no socket opened')
    socket.open()
    socket.ack()
    await openPeople()
    const presence = screen.getByRole('region', { name: /Online now/ })
    expect(within(presence).getByText('Observer')).toBeInTheDocument()
    expect(within(presence).queryByText('Sam')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Edit my details' })).toBeNull()
    expect(screen.getByText(/not asked for a name/)).toBeInTheDocument()
  })

  it('lets an observer join without writing to the document', async () => {
    renderAt('/w/ws-1#token=obs')
    fireEvent.click(await screen.findByRole('button', { name: 'Enter as an observer' }))
    expect(
      await screen.findByText('You can see everything, but not change it.'),
    ).toBeInTheDocument()
    const socket = FakeSocket.instances[0]
    if (!socket) throw new Error('no socket opened')
    socket.open()
    socket.ack()
    await waitFor(() =>
      expect(document.querySelector('.connection-status')).toHaveTextContent('Up to date'),
    )
    expect(listParticipants(socket.server)).toEqual([])
    await openPeople()
    // The server knows no identity of theirs: there is no name of theirs to remove.
    expect(screen.queryByRole('button', { name: 'Remove my name from this workshop' })).toBeNull()
  })

  it('refuses to write to a document made by a newer Fabrique', async () => {
    FakeSocket.serverDoc.transact(() => {
      // A newer build's schema version, written the way a newer build would.
      FakeSocket.serverDoc.getMap(ROOT.meta).set('schemaVersion', 999)
    })
    localStorage.setItem(
      'fabrique:identity:ws-1',
      JSON.stringify({
        participantId: 'participant-0001',
        name: 'Amina',
        group: 'patient',
        secret: 'secret-of-participant',
      }),
    )
    renderAt('/w/ws-1#token=par')
    // The workshop document, then the private one.
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(2))
    const socket = FakeSocket.instances[0]
    if (!socket) throw new Error('no socket opened')
    socket.open()
    expect(await screen.findByRole('alert')).toHaveTextContent('newer version of Fabrique')
    expect(listParticipants(socket.server)).toEqual([])
  })

  it('says plainly that a finished workshop is read-only, and still records who came', async () => {
    const phase: TemplatePhase = {
      id: 'ecrire',
      title: { fr: 'Écrire', en: 'Write' },
      instructions: { fr: 'Écrivez.', en: 'Write.' },
      allow: { write: true, move: true, vote: false, seeOthers: true },
    }
    initFlow(FakeSocket.serverDoc, [phase], 'seed')
    endWorkshop(FakeSocket.serverDoc, 'seed')
    renderAt('/w/ws-1#token=par')
    const socket = await joinWithForm()
    socket.open()
    expect(
      await screen.findByText(
        'The session has ended: you can read everything the lab holds, but not change it until the next session.',
      ),
    ).toBeInTheDocument()
    // Her own record is still hers to write (the server allows it after the end too).
    await waitFor(() =>
      expect(listParticipants(socket.server).map((p) => p.name)).toEqual(['Amina']),
    )
  })

  const identityKey = 'fabrique:identity:ws-1'
  const workshopSockets = () =>
    FakeSocket.instances.filter((socket) => !socket.url.includes('/private/'))

  /**
   * Says so, keeps nothing of the old identity, stops connecting, then lets them join anew:
   * the server issues `newId`, and the page opens its connections with it.
   */
  const expectForgottenThenJoin = async (newId: string) => {
    const notice = await screen.findByRole('alert')
    expect(notice).toHaveTextContent('Your name was removed from this workshop')
    expect(notice).toHaveTextContent('join the workshop as a new person')
    expect(localStorage.getItem(identityKey)).toBeNull()
    const opened = FakeSocket.instances.length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(FakeSocket.instances).toHaveLength(opened)
    const name = screen.getByRole('textbox', { name: 'Your name' })
    expect(name).toHaveValue('')
    fireEvent.input(name, { target: { value: 'Amina B.' } })
    fireEvent.click(screen.getByRole('radio', { name: 'Patient partner' }))
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    await waitFor(() =>
      expect(FakeSocket.instances.at(-1)?.protocols).toContain(`fabrique.participant.${newId}`),
    )
    expect(screen.queryByText('Your name was removed from this workshop')).toBeNull()
    expect(JSON.parse(localStorage.getItem(identityKey) ?? '{}')).toMatchObject({
      participantId: newId,
      name: 'Amina B.',
    })
  }

  describe('when the server forgot this person', () => {
    const amina = {
      participantId: 'forgotten-0001',
      name: 'Amina',
      group: 'patient',
      secret: 'secret-of-amina',
    }

    it('says so when its connection is closed with 4401, and lets them join as someone new', async () => {
      localStorage.setItem(identityKey, JSON.stringify(amina))
      renderAt('/w/ws-1#token=par')
      await waitFor(() => expect(FakeSocket.instances).toHaveLength(2))
      const socket = workshopSockets()[0]
      if (!socket) throw new Error('no socket opened')
      socket.open()
      api.forget(amina.participantId)
      socket.onclose?.({ code: 4401, reason: 'your name was removed from this workshop' })
      await expectForgottenThenJoin('participant-0001')
    })

    it('says so when its identity is refused at every connection, without retrying forever', async () => {
      api.forget(amina.participantId)
      localStorage.setItem(identityKey, JSON.stringify(amina))
      renderAt('/w/ws-1#token=par')
      // The upgrade is refused (401): the browser only sees the socket close, again and again.
      for (let attempt = 1; attempt <= 3; attempt++) {
        await waitFor(() => expect(workshopSockets()).toHaveLength(attempt), { timeout: 3000 })
        workshopSockets()[attempt - 1]?.onclose?.({ code: 1006, reason: '' })
      }
      await expectForgottenThenJoin('participant-0001')
    })
  })
  describe('when a person asks to have their name removed', () => {
    const control = 'Remove my name from this workshop'
    const forgetCalls = () =>
      api.fetch.mock.calls.filter(([url]) => String(url).endsWith('/forget'))

    /** Joins as Amina with the participant link: the server issues participant-0001. */
    const joinAsAmina = async () => {
      renderAt('/w/ws-1#token=par')
      await fillJoinForm()
      await waitFor(() => expect(workshopSockets()).toHaveLength(1))
      workshopSockets()[0]?.open()
      await openPeople()
      return screen.findByRole('button', { name: control })
    }

    it('explains plainly what goes and what stays, and cancelling changes nothing', async () => {
      const button = await joinAsAmina()
      button.focus()
      fireEvent.click(button)
      const dialog = screen.getByRole('alertdialog', {
        name: 'Remove your name from this workshop?',
      })
      for (const sentence of [
        'Your name “Amina” leaves this workshop, its saved versions and its exports.',
        'Your private notes and your votes are deleted.',
        'What you wrote on the shared canvases stays, without your name.',
        'The server cannot erase the copies kept offline on other people’s devices',
        'This cannot be undone.',
      ]) {
        expect(dialog).toHaveTextContent(sentence)
      }
      // Read out with the dialog, not only its title.
      expect(dialog).toHaveAccessibleDescription(/without your name\. .*This cannot be undone\./)
      // The safe choice has the focus: Enter right away removes nothing.
      expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
      expect(screen.queryByRole('alertdialog')).toBeNull()
      expect(button).toHaveFocus()
      // Escape closes it too.
      fireEvent.click(button)
      fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' })
      expect(screen.queryByRole('alertdialog')).toBeNull()
      expect(forgetCalls()).toEqual([])
      expect(JSON.parse(localStorage.getItem(identityKey) ?? '{}')).toMatchObject({
        participantId: 'participant-0001',
      })
      expect(
        within(screen.getByRole('region', { name: /Online now/ })).getByText('(you)'),
      ).toBeInTheDocument()
    })

    it('once confirmed, asks the server with their secret, then says so and lets them join as someone new', async () => {
      fireEvent.click(await joinAsAmina())
      fireEvent.click(screen.getByRole('button', { name: 'Yes, remove my name' }))
      // The focus goes to what happened (the dialog and its button are gone), then the form.
      const notice = await screen.findByRole('alert')
      await waitFor(() => expect(notice.parentElement).toHaveFocus())
      await expectForgottenThenJoin('participant-0002')
      const calls = forgetCalls()
      expect(calls).toHaveLength(1)
      const [url, init] = calls[0] ?? []
      expect(url).toBe('/api/workshops/ws-1/participants/participant-0001/forget')
      expect(init?.method).toBe('POST')
      expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer par')
      expect(JSON.parse(String(init?.body))).toEqual({ secret: 'secret-of-participant' })
    })

    it('says so when the server could not do it, and keeps them in the workshop', async () => {
      api.failForget({ status: 500, error: 'the database is busy' })
      fireEvent.click(await joinAsAmina())
      const dialog = screen.getByRole('alertdialog')
      fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, remove my name' }))
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'Your name was not removed: the database is busy. You are still in this workshop: try again.',
      )
      expect(forgetCalls()).toHaveLength(1)
      expect(screen.queryByText('Your name was removed from this workshop')).toBeNull()
      expect(JSON.parse(localStorage.getItem(identityKey) ?? '{}')).toMatchObject({
        participantId: 'participant-0001',
        secret: 'secret-of-participant',
      })
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
      expect(screen.queryByRole('alertdialog')).toBeNull()
      expect(
        within(screen.getByRole('region', { name: /Online now/ })).getByText('(you)'),
      ).toBeInTheDocument()
      expect(workshopSockets()).toHaveLength(1)
    })
  })
})
