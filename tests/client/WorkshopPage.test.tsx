import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { tokenStorageKey } from '../../client/features/workspace/token.ts'
import { WorkshopPage } from '../../client/features/workspace/WorkshopPage.tsx'
import type { WorkshopLinks, WorkshopSession } from '../../shared/api.ts'
import { MessageType } from '../../shared/protocol.ts'
import type { Role } from '../../shared/roles.ts'
import { initWorkshopDoc, listParticipants, ROOT } from '../../shared/schema/index.ts'

/** A WebSocket stand-in whose "server" is a Y.Doc the test drives by hand. */
class FakeSocket {
  static instances: FakeSocket[] = []
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  readonly server: Y.Doc
  constructor(readonly url: string) {
    this.server = FakeSocket.serverDoc
    FakeSocket.instances.push(this)
  }
  static serverDoc = new Y.Doc()

  open() {
    this.readyState = 1
    this.onopen?.()
  }
  /** What the server does with a client frame: apply updates, answer SyncStep1. */
  send(data: Uint8Array) {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MessageType.sync)
    syncProtocol.readSyncMessage(decoder, reply, this.server, this)
    if (encoding.length(reply) > 1) this.deliver(encoding.toUint8Array(reply))
  }
  /** The server's acknowledgement: a SyncStep1 with its state vector. */
  ack() {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, this.server)
    this.deliver(encoding.toUint8Array(encoder))
  }
  deliver(frame: Uint8Array) {
    this.onmessage?.({ data: frame.slice().buffer })
  }
  close() {
    this.readyState = 3
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const links: WorkshopLinks = {
  id: 'ws-1',
  title: 'Atelier de mai',
  template: 'open-plan',
  locale: 'fr',
  tokens: { facilitator: 'fac', participant: 'par', observer: 'obs' },
  links: {
    facilitator: 'http://localhost/w/ws-1#token=fac',
    participant: 'http://localhost/w/ws-1#token=par',
    observer: 'http://localhost/w/ws-1#token=obs',
  },
}

const serveApi = (fetchMock: ReturnType<typeof vi.fn>) =>
  fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
    const token = new Headers(init?.headers).get('Authorization')?.replace('Bearer ', '')
    const role = Object.entries(links.tokens).find(([, value]) => value === token)?.[0] as
      | Role
      | undefined
    if (!role) return json(401, { error: 'unknown token' })
    if (url === '/api/workshops/ws-1/session') {
      const session: WorkshopSession = {
        workshop: { id: 'ws-1', title: links.title, template: links.template, locale: 'fr' },
        role,
      }
      return json(200, session)
    }
    if (url === '/api/workshops/ws-1/participants' && init?.method === 'POST') {
      if (role === 'observer') return json(403, { error: 'observers do not register' })
      return json(201, { participantId: `${role}-0001`, secret: `secret-of-${role}` })
    }
    if (url === '/api/workshops/ws-1/links') {
      return role === 'facilitator' ? json(200, links) : json(403, { error: 'forbidden' })
    }
    return json(404, { error: 'not found' })
  })

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

describe('WorkshopPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  beforeEach(() => {
    fetchMock = vi.fn()
    serveApi(fetchMock)
    vi.stubGlobal('fetch', fetchMock)
    vi.stubGlobal('WebSocket', FakeSocket)
    FakeSocket.instances = []
    FakeSocket.serverDoc = new Y.Doc()
    initWorkshopDoc(
      FakeSocket.serverDoc,
      { title: links.title, templateId: 'open-plan', locale: 'fr', createdAt: 1 },
      'seed',
    )
  })
  afterEach(() => vi.unstubAllGlobals())

  it('asks for an invitation link when there is no token', async () => {
    renderAt('/w/ws-1')
    expect(await screen.findByText('You need an invitation link')).toBeInTheDocument()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('says the link is not valid when the server refuses the token', async () => {
    renderAt('/w/ws-1#token=revoked')
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid')
  })

  it('joins, shows presence and the save state, and writes the participant', async () => {
    renderAt('/w/ws-1#token=par')
    expect(window.location.hash).toBe('')
    expect(localStorage.getItem(tokenStorageKey('ws-1'))).toBe('par')

    fireEvent.input(await screen.findByRole('textbox', { name: 'Your name' }), {
      target: { value: 'Amina' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Patient partner' }))
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))

    const connection = () => document.querySelector('.connection-status') as HTMLElement
    await waitFor(() => expect(connection()).toHaveAttribute('data-state', 'connecting'))
    expect(screen.getByRole('heading', { level: 1, name: 'Atelier de mai' })).toBeInTheDocument()
    expect(screen.getByText('Your role: Participant')).toBeInTheDocument()
    const presence = screen.getByRole('region', { name: /Online now/ })
    expect(within(presence).getByText('Amina')).toBeInTheDocument()
    expect(within(presence).getByText('(you)')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Share the workshop' })).toBeNull()

    const socket = FakeSocket.instances[0]
    if (!socket) throw new Error('no socket opened')
    expect(socket.url).toBe(
      'ws://localhost:3000/sync/ws-1?token=par&participant=participant-0001&secret=secret-of-participant',
    )
    // The private document (private notes, ballots) of the identity issued at join.
    expect(FakeSocket.instances[1]?.url).toBe(
      'ws://localhost:3000/sync/ws-1/private/participant-0001?token=par&participant=participant-0001&secret=secret-of-participant',
    )
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

  it('gives the facilitator copyable links and QR codes for every role', async () => {
    localStorage.setItem(
      'fabrique:identity:ws-1',
      JSON.stringify({
        participantId: 'facilitator-0001',
        name: 'Zoé',
        group: 'clinician',
        secret: 'secret-of-facilitator',
      }),
    )
    renderAt('/w/ws-1#token=fac')
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
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    fireEvent.click(within(share).getByRole('button', { name: 'Copy the participant link' }))
    expect(await within(share).findByText('Link copied')).toBeInTheDocument()
    expect(writeText).toHaveBeenCalledWith(links.links.participant)
  })

  it('lets an observer join without writing to the document', async () => {
    renderAt('/w/ws-1#token=obs')
    fireEvent.input(await screen.findByRole('textbox', { name: 'Your name' }), {
      target: { value: 'Sam' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Other' }))
    fireEvent.click(screen.getByRole('button', { name: 'Join' }))
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
})
