import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, expect, vi } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { PARTICIPANT_HEADER, type WorkshopLinks, type WorkshopSession } from '../../shared/api.ts'
import { MessageType } from '../../shared/protocol.ts'
import type { Role } from '../../shared/roles.ts'
import { initWorkshopDoc } from '../../shared/schema/index.ts'

/** Workshop `ws-1` as the server hands it out: tokens fac, par and obs, and their links. */
export const fakeLinks = (template: string): WorkshopLinks => ({
  id: 'ws-1',
  title: 'Atelier de mai',
  template,
  locale: 'fr',
  tokens: { facilitator: 'fac', participant: 'par', observer: 'obs' },
  links: {
    facilitator: 'http://localhost/w/ws-1#token=fac',
    participant: 'http://localhost/w/ws-1#token=par',
    observer: 'http://localhost/w/ws-1#token=obs',
  },
})

/** What `GET /api/workshops/ws-1/session` answers for a token of `role`. */
export const fakeSession = (links: WorkshopLinks, role: Role): WorkshopSession => ({
  workshop: { id: links.id, title: links.title, template: links.template, locale: links.locale },
  role,
})

/** An error the fake server answers with instead of doing what it was asked. */
export interface FakeFailure {
  status: number
  error: string
}

/**
 * A `fetch` stand-in for the workshop API of `links`: the session, registering a participant
 * (the n-th registration is `<role>-000n`, with the secret `secret-of-<role>`), forgetting one
 * (with their secret, or the facilitator's token; `failForget` answers instead when set) and
 * the links (facilitator only); an unknown token gets 401, and so does a participant identity
 * in `forgotten` presented in the headers.
 */
export const fakeWorkshopApi = (
  links: WorkshopLinks,
  forgotten: Set<string> = new Set(),
  failForget: () => FakeFailure | null = () => null,
) => {
  const issued = new Map<string, string>()
  return vi.fn(async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers)
    const token = headers.get('Authorization')?.replace('Bearer ', '')
    const role = Object.entries(links.tokens).find(([, value]) => value === token)?.[0] as
      | Role
      | undefined
    if (!role) return Response.json({ error: 'unknown token' }, { status: 401 })
    if (forgotten.has(headers.get(PARTICIPANT_HEADER) ?? '')) {
      return Response.json({ error: 'unknown participant' }, { status: 401 })
    }
    const base = `/api/workshops/${links.id}`
    if (url === `${base}/session`) return Response.json(fakeSession(links, role))
    if (url === `${base}/participants` && init?.method === 'POST') {
      if (role === 'observer')
        return Response.json({ error: 'observers do not register' }, { status: 403 })
      const participantId = `${role}-${String(issued.size + 1).padStart(4, '0')}`
      const secret = `secret-of-${role}`
      issued.set(participantId, secret)
      return Response.json({ participantId, secret }, { status: 201 })
    }
    const forget = url.match(/^\/api\/workshops\/[^/]+\/participants\/([^/]+)\/forget$/)
    if (forget && init?.method === 'POST') {
      const failure = failForget()
      if (failure) return Response.json({ error: failure.error }, { status: failure.status })
      const participantId = decodeURIComponent(forget[1] ?? '')
      const { secret } = JSON.parse(String(init.body ?? '{}')) as { secret?: string }
      if (role !== 'facilitator') {
        if (!issued.has(participantId) || forgotten.has(participantId))
          return Response.json({ error: 'no such participant' }, { status: 404 })
        if (issued.get(participantId) !== secret)
          return Response.json({ error: 'wrong secret' }, { status: 403 })
      }
      forgotten.add(participantId)
      return Response.json({ forgotten: participantId })
    }
    if (url === `${base}/links`) {
      return role === 'facilitator'
        ? Response.json(links)
        : Response.json({ error: 'forbidden' }, { status: 403 })
    }
    return Response.json({ error: 'not found' }, { status: 404 })
  })
}

/**
 * A WebSocket stand-in (`vi.stubGlobal('WebSocket', FakeSocket)`) whose "server" is a Y.Doc
 * the test drives by hand: nothing happens until the test calls `open()`.
 */
export class FakeSocket {
  static instances: FakeSocket[] = []
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static serverDoc = new Y.Doc()
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
  constructor(
    readonly url: string,
    /** The subprotocols it was opened with: Fabrique's carry the credentials. */
    readonly protocols: string[] = [],
  ) {
    this.server = FakeSocket.serverDoc
    FakeSocket.instances.push(this)
  }

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

/**
 * Before each test: the fake API for `links` and the fake socket, whose server document is a
 * fresh workshop; after it, the real globals back. `fetch` is the test's API mock.
 */
export const useFakeWorkshop = (
  links: WorkshopLinks,
): {
  readonly fetch: ReturnType<typeof fakeWorkshopApi>
  /** The server forgets this participant: their identity gets 401 from now on. */
  forget(participantId: string): void
  /** From now on, asking to forget someone gets this error (the server forgets nobody). */
  failForget(failure: FakeFailure): void
} => {
  const forgotten = new Set<string>()
  let forgetFailure: FakeFailure | null = null
  let fetchMock = fakeWorkshopApi(links, forgotten)
  beforeEach(() => {
    forgotten.clear()
    forgetFailure = null
    fetchMock = fakeWorkshopApi(links, forgotten, () => forgetFailure)
    vi.stubGlobal('fetch', fetchMock)
    vi.stubGlobal('WebSocket', FakeSocket)
    FakeSocket.instances = []
    FakeSocket.serverDoc = new Y.Doc()
    initWorkshopDoc(
      FakeSocket.serverDoc,
      { title: links.title, templateId: 'open-plan', locale: links.locale, createdAt: 1 },
      'seed',
    )
  })
  afterEach(() => vi.unstubAllGlobals())
  return {
    get fetch() {
      return fetchMock
    },
    forget: (participantId) => {
      forgotten.add(participantId)
    },
    failForget: (failure) => {
      forgetFailure = failure
    },
  }
}

/** Fills the join form on screen (in English) as `name`, of `group`, and joins. */
export const fillJoinForm = async (name = 'Amina', group = 'Patient partner') => {
  fireEvent.input(await screen.findByRole('textbox', { name: 'Your name' }), {
    target: { value: name },
  })
  fireEvent.click(screen.getByRole('radio', { name: group }))
  fireEvent.click(screen.getByRole('button', { name: 'Join' }))
}

/** Joins as Amina (`fillJoinForm`): the first socket the page opens then, not open yet. */
export const joinWithForm = async (): Promise<FakeSocket> => {
  await fillJoinForm()
  await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0))
  const socket = FakeSocket.instances[0]
  if (!socket) throw new Error('no socket opened')
  return socket
}
