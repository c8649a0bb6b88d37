import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  localDocName,
  openWorkshopConnection,
  type WorkshopConnection,
} from '../../client/sync/connection.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'

/** A WebSocket the test plays the server of: it records what the page sends. */
class FakeSocket {
  static last: FakeSocket | null = null
  binaryType = 'arraybuffer'
  readonly OPEN = 1
  readyState = 0
  readonly sent: Uint8Array[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.last = this
  }
  send(data: Uint8Array) {
    this.sent.push(new Uint8Array(data))
  }
  close() {}
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(message: Uint8Array) {
    this.onmessage?.({ data: message.slice().buffer })
  }
}

/** Client ids of the awareness entries the page sent. */
const awarenessSent = (socket: FakeSocket): number[][] =>
  socket.sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.awareness) return []
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const ids: number[] = []
    for (let n = decoding.readVarUint(update); n > 0; n--) {
      ids.push(decoding.readVarUint(update))
      decoding.readVarUint(update) // clock
      decoding.readVarString(update) // state
    }
    return [ids]
  })

/** Someone else's cursor, as the server relays it. */
const othersCursor = (x: number): Uint8Array => {
  const other = new awarenessProtocol.Awareness(new Y.Doc())
  other.setLocalState({ cursor: { x, y: 0 } })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]),
  )
  other.destroy()
  return encoding.toUint8Array(encoder)
}

const user = {
  id: 'participant-amina-01',
  name: 'Amina',
  group: 'patient',
  role: 'participant',
} as const

describe('the workshop connection', () => {
  let connection: WorkshopConnection
  afterEach(() => connection.destroy())

  it('applies the cursors the server relays without sending them back; sends its own', () => {
    connection = openWorkshopConnection({
      workshopId: 'w1',
      token: 'tok',
      user,
      persist: false,
      serverUrl: 'ws://example.test/sync',
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    })
    const socket = FakeSocket.last as FakeSocket
    socket.open()
    socket.sent.length = 0

    socket.receive(othersCursor(10))
    socket.receive(othersCursor(20))
    expect(connection.awareness.getStates().size).toBe(3)
    expect(awarenessSent(socket)).toEqual([])

    connection.setUser({ ...user, name: 'Amina B.' })
    expect(awarenessSent(socket)).toEqual([[connection.doc.clientID]])
  })

  /**
   * A persisted connection that wrote `key`, closed by the server with `code`: what it kept
   * on this device afterwards, and whether it was told its change was refused.
   */
  const closedWith = async (code: number, reason: string, key: string) => {
    const onRefused = vi.fn()
    const workshopId = `w-${code}`
    connection = openWorkshopConnection({
      workshopId,
      token: 'tok',
      user,
      onRefused,
      serverUrl: 'ws://example.test/sync',
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    })
    await connection.whenLocalLoaded
    connection.doc.getMap('meta').set(key, 'oui')
    const socket = FakeSocket.last as FakeSocket
    socket.open()
    socket.readyState = 3
    socket.onclose?.({ code, reason })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const reopened = new Y.Doc()
    const copy = new IndexeddbPersistence(localDocName(workshopId), reopened)
    await copy.whenSynced
    const kept = reopened.getMap('meta').get(key)
    await copy.destroy()
    return { kept, onRefused }
  }

  it('drops its copy on this device when the server refuses a change, so it is never resent', async () => {
    const { kept, onRefused } = await closedWith(
      CloseCode.badMessage,
      'refused document update: too deep',
      'refusé',
    )
    expect(onRefused).toHaveBeenCalledWith('refused document update: too deep')
    expect(kept).toBeUndefined()
  })

  it('keeps its copy when the connection closes for any other reason', async () => {
    const { kept, onRefused } = await closedWith(
      CloseCode.rateLimited,
      'too many messages per second',
      'gardé',
    )
    expect(onRefused).not.toHaveBeenCalled()
    expect(kept).toBe('oui')
  })
})
