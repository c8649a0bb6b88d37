import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SaveTracker } from '../../client/sync/SaveTracker.ts'
import {
  computeSaveState,
  covers,
  type LinkState,
  type SaveState,
  type StateVector,
} from '../../client/sync/saveState.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'

const sv = (entries: Array<[number, number]>): StateVector => new Map(entries)

describe('covers', () => {
  it.each<[string, StateVector, StateVector, boolean]>([
    ['empty local', sv([]), sv([]), true],
    ['equal', sv([[1, 5]]), sv([[1, 5]]), true],
    ['server ahead', sv([[1, 9]]), sv([[1, 5]]), true],
    ['server behind', sv([[1, 4]]), sv([[1, 5]]), false],
    [
      'client unknown to server',
      sv([[1, 5]]),
      sv([
        [1, 5],
        [2, 1],
      ]),
      false,
    ],
    [
      'server knows more clients',
      sv([
        [1, 5],
        [2, 3],
      ]),
      sv([[1, 5]]),
      true,
    ],
  ])('%s', (_name, server, local, expected) => {
    expect(covers(server, local)).toBe(expected)
  })
})

describe('computeSaveState', () => {
  const local = sv([[1, 5]])
  it.each<[LinkState, StateVector | null, boolean, SaveState]>([
    ['connecting', null, false, 'connecting'],
    ['connecting', sv([[1, 5]]), false, 'connecting'],
    ['online', null, false, 'connecting'],
    ['online', sv([[1, 5]]), false, 'saved'],
    ['online', sv([[1, 7]]), false, 'saved'],
    ['online', sv([[1, 4]]), false, 'saving'],
    ['online', sv([]), false, 'saving'],
    ['online', sv([[1, 5]]), true, 'saving'],
    ['offline', sv([[1, 5]]), false, 'offline'],
    ['offline', null, true, 'offline'],
    ['closed', sv([[1, 5]]), false, 'error'],
    ['closed', null, false, 'error'],
  ])('link %s, server %j, unacked deletes %s → %s', (link, server, unackedDeletes, expected) => {
    expect(computeSaveState({ link, local, server, unackedDeletes })).toBe(expected)
  })
})

/** Feeds a frame to the provider's sync handler, as y-websocket does for a socket message. */
const receive = (provider: WebsocketProvider, frame: Uint8Array, fromSocket = true) => {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  const handler = provider.messageHandlers[type]
  if (!handler) throw new Error(`no handler for ${type}`)
  const reply = encoding.createEncoder()
  handler(reply, decoder, provider, fromSocket, type)
  return reply
}

const syncStep1Frame = (server: Y.Doc) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, server)
  return encoding.toUint8Array(encoder)
}

const updateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('SaveTracker (server acknowledgements through the provider)', () => {
  let doc: Y.Doc
  let server: Y.Doc
  let provider: WebsocketProvider
  let tracker: SaveTracker

  beforeEach(() => {
    doc = new Y.Doc()
    server = new Y.Doc()
    provider = new WebsocketProvider('ws://localhost:1', 'room', doc, {
      connect: false,
      disableBc: true,
    })
    tracker = new SaveTracker(provider, 50)
  })
  afterEach(() => {
    tracker.destroy()
    provider.destroy()
  })

  const goOnline = () => provider.emit('status', [{ status: 'connected' }])
  /** The server stores everything the client has, then acknowledges. */
  const serverStoresAndAcks = () => {
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
    return receive(provider, syncStep1Frame(server))
  }

  it('is connecting until the server first acknowledges', () => {
    expect(tracker.snapshot().state).toBe('connecting')
    goOnline()
    expect(tracker.snapshot().state).toBe('connecting')
    serverStoresAndAcks()
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('is saving after a local change, and saved once the ack covers it', () => {
    goOnline()
    serverStoresAndAcks()
    doc.getMap('m').set('a', 1)
    expect(tracker.snapshot().state).toBe('saving')
    // An old acknowledgement (the server's state before the change) does not count.
    receive(provider, syncStep1Frame(new Y.Doc()))
    expect(tracker.snapshot().state).toBe('saving')
    serverStoresAndAcks()
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('still answers SyncStep1 as the provider would (the decoder is left untouched)', () => {
    goOnline()
    doc.getMap('m').set('a', 1)
    const reply = receive(provider, syncStep1Frame(server))
    // The reply is a SyncStep2 carrying the local change.
    const decoder = decoding.createDecoder(encoding.toUint8Array(reply))
    expect(decoding.readVarUint(decoder)).toBe(MessageType.sync)
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), server, 'test')
    expect(server.getMap('m').get('a')).toBe(1)
  })

  it('counts updates relayed by the server as already on the server', () => {
    goOnline()
    serverStoresAndAcks()
    const other = new Y.Doc()
    other.getMap('m').set('b', 2)
    receive(provider, updateFrame(Y.encodeStateAsUpdate(other)))
    expect(doc.getMap('m').get('b')).toBe(2)
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('ignores SyncStep1 from other tabs (BroadcastChannel), which is not the server', () => {
    goOnline()
    serverStoresAndAcks()
    doc.getMap('m').set('a', 1)
    const tab = new Y.Doc()
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(doc))
    receive(provider, syncStep1Frame(tab), false)
    expect(tracker.snapshot().state).toBe('saving')
  })

  it('waits for an acknowledgement after a deletion (which does not move the state vector)', () => {
    goOnline()
    doc.getMap('m').set('a', 1)
    serverStoresAndAcks()
    doc.getMap('m').delete('a')
    expect(tracker.snapshot().state).toBe('saving')
    serverStoresAndAcks()
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('gives up waiting for a deletion ack after the grace period', () => {
    vi.useFakeTimers()
    try {
      goOnline()
      doc.getMap('m').set('a', 1)
      serverStoresAndAcks()
      doc.getMap('m').delete('a')
      expect(tracker.snapshot().state).toBe('saving')
      vi.advanceTimersByTime(60)
      expect(tracker.snapshot().state).toBe('saved')
    } finally {
      vi.useRealTimers()
    }
  })

  it('is offline when the connection drops, and saving then saved after reconnecting', () => {
    goOnline()
    serverStoresAndAcks()
    provider.emit('connection-close', [null, provider])
    provider.emit('status', [{ status: 'disconnected' }])
    expect(tracker.snapshot().state).toBe('offline')
    doc.getMap('m').set('offline', true)
    // y-websocket retries: "connecting" again must not hide that we are offline.
    provider.emit('status', [{ status: 'connecting' }])
    expect(tracker.snapshot().state).toBe('offline')
    goOnline()
    expect(tracker.snapshot().state).toBe('saving')
    serverStoresAndAcks()
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('a deletion made offline waits for the ack after the resend, not the first one', () => {
    goOnline()
    doc.getMap('m').set('a', 1)
    serverStoresAndAcks()
    provider.emit('connection-close', [null, provider])
    doc.getMap('m').delete('a')
    goOnline()
    // First message of the new connection: the server's state, before our resend.
    receive(provider, syncStep1Frame(server))
    expect(tracker.snapshot().state).toBe('saving')
    serverStoresAndAcks()
    expect(tracker.snapshot().state).toBe('saved')
  })

  it('reports a terminal close with its code, and stays there', () => {
    goOnline()
    serverStoresAndAcks()
    const seen: string[] = []
    tracker.subscribe((snapshot) => seen.push(snapshot.state))
    provider.emit('connection-close', [null, provider])
    provider.emit('closed', [{ code: CloseCode.unauthorized, reason: '' }, provider])
    provider.emit('status', [{ status: 'connecting' }])
    expect(tracker.snapshot()).toEqual({ state: 'error', closeCode: CloseCode.unauthorized })
    expect(seen).toEqual(['offline', 'error'])
  })

  it('restores the provider handler on destroy', () => {
    const wrapped = provider.messageHandlers[MessageType.sync]
    tracker.destroy()
    expect(provider.messageHandlers[MessageType.sync]).not.toBe(wrapped)
  })
})
