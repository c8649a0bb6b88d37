/**
 * A protocol-level bench client: on the wire it behaves like Fabrique's client, y-websocket's
 * `WebsocketProvider` opened by client/sync/provider.ts (SyncStep1 on open, SyncStep2 in reply
 * to every SyncStep1, updates as they are made, awareness of its own cursor) or, with
 * `echoAwareness`, like the stock provider, which also re-sends every awareness change it
 * receives. It does not integrate what it receives into a Y.Doc: incoming updates are only
 * decoded (`Y.decodeUpdate`) to find the bench edits and their send time. A full provider +
 * Y.Doc per client costs ~30 µs per received update and ~10 µs per received awareness entry,
 * which on a 2-core machine would make the load generator, not the server, the bottleneck.
 *
 * Editors keep a real Y.Doc of their own edits only: each edit is a new key of the `bench`
 * map (`<editor>.<seq>` → send time), so it never depends on anyone else's state, and their
 * SyncStep2 replies are exactly what a real client would send.
 *
 * Framing: `y-websocket` (our server, @y/websocket-server) or `hocuspocus` (every frame is
 * prefixed with the document name, and the connection opens with an auth message).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { filterAwarenessUpdate } from '../../shared/awarenessUpdate.ts'
import { monoMs } from './proc.ts'

/**
 * Where the edits go: a map every server accepts, and for ours a workshop collection whose
 * entries the facilitator may add (shared/schema/shape.ts and policy.ts), under id-like keys.
 */
const BENCH_ROOT = 'documents'

export type Framing = 'y-websocket' | 'hocuspocus'

export interface ClientSpec {
  room: number
  /** Index of the client in its room. */
  index: number
  url: string
  /** Document name (hocuspocus framing only). */
  docName: string
  framing: Framing
  clientId: number
  /** This client's editor number in its room, or null if it does not edit. */
  editor: number | null
  cursor: boolean
  /** Re-send every awareness change received, as the stock y-websocket provider does. */
  echoAwareness: boolean
}

/** Where a generator process records what its clients receive. */
export interface Sink {
  latencies: Float64Array
  /** Arrival time (shared clock) of each latency sample. */
  arrivals: Float64Array
  count: number
  /** Bench edits received for the first time, per room. */
  delivered: number[]
  duplicates: number
  awarenessEntries: number
  awarenessMessages: number
  errors: string[]
}

const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const QUERY_AWARENESS = 3
const SYNC_REPLY = 4 // hocuspocus: a sync message that does not ask for another SyncStep1
const STEP1 = 0
const STEP2 = 1
const EMPTY_UPDATE = new Uint8Array([0, 0])

const record = (sink: Sink, arrived: number, latency: number): void => {
  if (sink.count === sink.latencies.length) {
    const latencies = new Float64Array(sink.latencies.length * 2)
    latencies.set(sink.latencies)
    sink.latencies = latencies
    const arrivals = new Float64Array(sink.arrivals.length * 2)
    arrivals.set(sink.arrivals)
    sink.arrivals = arrivals
  }
  sink.arrivals[sink.count] = arrived
  sink.latencies[sink.count++] = latency
}

export class BenchClient {
  readonly doc: Y.Doc | null
  synced = false
  closed = false
  /** Measured edits sent. */
  sent = 0
  private warmUpEdits = 0
  private readonly ws: WebSocket
  private readonly prefix: Uint8Array
  private awarenessClock = 0
  /** Awareness clocks this client knows, by client id (as a provider's Awareness does). */
  private readonly clocks = new Map<number, number>()
  /** Which edits of each editor this client has received (one byte per seq). */
  private readonly seen = new Map<number, Uint8Array>()
  private onSynced: (() => void) | null = null

  constructor(
    readonly spec: ClientSpec,
    private readonly sink: Sink,
    cursor: { x: number; y: number },
  ) {
    this.doc = spec.editor === null ? null : new Y.Doc()
    if (this.doc) {
      this.doc.clientID = spec.clientId
      this.doc.on('update', (update: Uint8Array) => this.sendSync(2, update))
    }
    const prefixEncoder = encoding.createEncoder()
    if (spec.framing === 'hocuspocus') encoding.writeVarString(prefixEncoder, spec.docName)
    this.prefix = encoding.toUint8Array(prefixEncoder)
    this.ws = new WebSocket(spec.url, { perMessageDeflate: false })
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('open', () => {
      if (spec.framing === 'hocuspocus') {
        this.send((e) => {
          encoding.writeVarUint(e, AUTH)
          encoding.writeVarUint(e, 0) // token
          encoding.writeVarString(e, 'bench')
        })
      }
      this.sendSync(STEP1, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]))
      if (spec.cursor) this.moveCursor(cursor.x, cursor.y)
    })
    this.ws.on('message', (data: Buffer) => {
      try {
        this.receive(data)
      } catch (error) {
        this.fail(`bad frame: ${(error as Error).message}`)
      }
    })
    this.ws.on('error', (error) => this.fail(`socket error: ${error.message}`))
    this.ws.on('close', (code) => {
      if (!this.closed) this.fail(`closed by server with ${code}`)
      this.closed = true
    })
  }

  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((resolve) => {
      this.onSynced = resolve
    })
  }

  /**
   * One edit: a new key of the `BENCH_ROOT` map holding its send time on the shared clock
   * (`<editor>-<seq>`, or `w<editor>-<seq>` for a warm-up edit, which is not measured).
   */
  edit(warmUp = false): void {
    if (!this.doc || this.spec.editor === null) return
    const key = warmUp
      ? `w${this.spec.editor}-${this.warmUpEdits++}`
      : `${this.spec.editor}-${this.sent++}`
    this.doc.getMap(BENCH_ROOT).set(key, monoMs())
  }

  /** `awareness.setLocalStateField('cursor', {x, y})`, as the provider would send it. */
  moveCursor(x: number, y: number): void {
    const clock = ++this.awarenessClock
    this.clocks.set(this.spec.clientId, clock)
    const entries = encoding.createEncoder()
    encoding.writeVarUint(entries, 1)
    encoding.writeVarUint(entries, this.spec.clientId)
    encoding.writeVarUint(entries, clock)
    encoding.writeVarString(entries, JSON.stringify({ cursor: { x, y } }))
    this.sendAwareness(encoding.toUint8Array(entries))
  }

  close(): void {
    this.closed = true
    this.ws.terminate()
  }

  private fail(message: string): void {
    if (this.closed) return
    if (this.sink.errors.length < 20) this.sink.errors.push(`client ${this.spec.index}: ${message}`)
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, this.prefix)
    write(encoder)
    this.ws.send(encoding.toUint8Array(encoder))
  }

  private sendSync(type: number, payload: Uint8Array): void {
    this.send((e) => {
      encoding.writeVarUint(e, SYNC)
      encoding.writeVarUint(e, type)
      encoding.writeVarUint8Array(e, payload)
    })
  }

  private sendAwareness(update: Uint8Array): void {
    this.send((e) => {
      encoding.writeVarUint(e, AWARENESS)
      encoding.writeVarUint8Array(e, update)
    })
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    if (this.spec.framing === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case SYNC:
      case SYNC_REPLY: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === STEP1) {
          this.sendSync(STEP2, this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : EMPTY_UPDATE)
          return
        }
        this.readUpdate(payload)
        if (syncType === STEP2 && !this.synced) {
          this.synced = true
          this.onSynced?.()
        }
        return
      }
      case AWARENESS:
        this.readAwareness(decoding.readVarUint8Array(decoder))
        return
      case QUERY_AWARENESS:
        if (this.awarenessClock > 0) this.moveCursor(0, 0)
        return
      case AUTH:
        if (decoding.readVarUint(decoder) === 1) this.fail('permission denied')
        return
      default:
      // hocuspocus status messages (SyncStatus, stateless, close): nothing to do
    }
  }

  /** Finds the bench edits in an update and records their latency. */
  private readUpdate(update: Uint8Array): void {
    if (update.length <= 2) return
    const arrived = monoMs()
    const { structs } = Y.decodeUpdate(update)
    for (const struct of structs) {
      // Decoded (not integrated) items name their root type by its key.
      if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== BENCH_ROOT) continue
      const key = struct.parentSub
      const content = struct.content
      if (key === null || !(content instanceof Y.ContentAny) || key.startsWith('w')) continue
      const dot = key.indexOf('-')
      const editor = Number(key.slice(0, dot))
      if (editor === this.spec.editor) continue
      const seq = Number(key.slice(dot + 1))
      let seen = this.seen.get(editor)
      if (!seen || seen.length <= seq) {
        const grown = new Uint8Array(Math.max(256, (seq + 1) * 2))
        if (seen) grown.set(seen)
        seen = grown
        this.seen.set(editor, seen)
      }
      if (seen[seq] === 1) {
        this.sink.duplicates++
        continue
      }
      seen[seq] = 1
      this.sink.delivered[this.spec.room] = (this.sink.delivered[this.spec.room] ?? 0) + 1
      record(this.sink, arrived, arrived - (content.arr[0] as number))
    }
  }

  /**
   * Reads an awareness update without parsing the states and, with `echoAwareness`, re-sends
   * the entries that are new to this client, as the stock provider's 'update' handler does.
   */
  private readAwareness(update: Uint8Array): void {
    this.sink.awarenessMessages++
    const fresh = filterAwarenessUpdate(update, ({ clientId, clock }) => {
      if (clock <= (this.clocks.get(clientId) ?? 0)) return false
      this.clocks.set(clientId, clock)
      this.sink.awarenessEntries++
      return true
    })
    if (fresh && this.spec.echoAwareness) this.sendAwareness(fresh)
  }
}
