import * as prng from 'lib0/prng'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CURSOR_FIELD } from '../../client/state/createCanvasPresence.ts'
import { sendOwnAwarenessOnly } from '../../client/sync/provider.ts'
import { peekSyncStep1, SaveTracker } from '../../client/sync/SaveTracker.ts'
import { type NamedPresenceUser, PRESENCE_FIELD } from '../../shared/presence.ts'
import { MessageType } from '../../shared/protocol.ts'
import { listCanvases, upsertParticipant } from '../../shared/schema/index.ts'
import { canvasOperations } from '../helpers/canvasOps.ts'
import type { Registered } from '../helpers/server.ts'
import { connectClient, type TestClient } from '../helpers/yclient.ts'

/**
 * One person in the soak's workshop, as Fabrique's browser client behaves on the wire: a real
 * y-websocket `WebsocketProvider` (through `ws`) that sends only its own awareness, with the
 * client's save status (`SaveTracker`). A participant joins under their own identity, writes
 * on the canvas through the schema mutators and moves their cursor; an observer (the
 * projector) only reads.
 *
 * It also keeps, for the soak's checks, the clock every local update ended at and the highest
 * state vector the server acknowledged (the SyncStep1 it sends once it has stored updates).
 */
export class HonestClient {
  readonly tracker: SaveTracker
  /** Frames this client's sockets sent. */
  sent = 0
  /** How its connections ended: close code, or `local` when it closed them itself. */
  readonly closes = new Map<string, number>()
  private readonly client: TestClient
  /** Where each local update that wrote something ended: its client id and clock. */
  private readonly updates: Array<{ clientId: number; clock: number }> = []
  /** The merge of every state vector the server acknowledged to this client. */
  private readonly acked = new Map<number, number>()
  private operations: Array<(doc: Y.Doc) => void> | null = null
  private canvasId = ''

  constructor(
    readonly name: string,
    syncUrl: string,
    workshopId: string,
    token: string,
    private readonly person: { credentials: Registered; user: NamedPresenceUser } | null,
    private readonly gen: prng.PRNG,
  ) {
    const count = () => this.sent++
    class CountingWebSocket extends WebSocket {
      override send(data: Parameters<WebSocket['send']>[0]): void {
        count()
        super.send(data)
      }
    }
    const params = person?.credentials.identity ?? {}
    this.client = connectClient(syncUrl, workshopId, token, params, CountingWebSocket)
    const { doc, provider } = this.client
    sendOwnAwarenessOnly(provider)
    this.tracker = new SaveTracker(provider)
    if (person) provider.awareness.setLocalStateField(PRESENCE_FIELD, person.user)

    const receiveSync = provider.messageHandlers[MessageType.sync]
    if (!receiveSync) throw new Error('y-websocket has no sync message handler')
    provider.messageHandlers[MessageType.sync] = (encoder, decoder, ...rest) => {
      const ack = peekSyncStep1(decoder)
      receiveSync(encoder, decoder, ...rest)
      for (const [clientId, clock] of ack ?? [])
        this.acked.set(clientId, Math.max(clock, this.acked.get(clientId) ?? 0))
    }
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const clock = transaction.afterState.get(doc.clientID) ?? 0
      if (transaction.local && clock > (transaction.beforeState.get(doc.clientID) ?? 0))
        this.updates.push({ clientId: doc.clientID, clock })
    })
    provider.on('connection-close', (event) => {
      // Attempts that never opened (the proxy refusing them while the server is down) aside.
      if (!provider.wsconnected) return
      const code = String(event?.code ?? 'local')
      this.closes.set(code, (this.closes.get(code) ?? 0) + 1)
    })
  }

  get doc(): Y.Doc {
    return this.client.doc
  }

  get writes(): boolean {
    return this.person !== null
  }

  /** Connected, with the document received: what the person sees as "online". */
  get synced(): boolean {
    return this.client.provider.synced
  }

  /**
   * Once synced the first time, a participant adds themselves to the workshop's list (as the
   * join page does) and can work on the first canvas. Returns whether they are ready.
   */
  ready(): boolean {
    if (this.operations) return true
    if (!this.synced) return false
    const canvasId = listCanvases(this.doc)[0]?.id
    if (!canvasId) return false
    this.canvasId = canvasId
    this.operations = canvasOperations(this.gen, canvasId, this)
    const user = this.person?.user
    if (user) upsertParticipant(this.doc, { id: user.id, name: user.name, group: user.group }, this)
    return true
  }

  /** One canvas operation a person could make (add, move, type, connect, delete…). */
  edit(): void {
    if (!this.person || !this.ready()) return
    prng.oneOf(this.gen, this.operations ?? [])(this.doc)
  }

  /** Moves the cursor (awareness) to a random point of the canvas. */
  moveCursor(): void {
    if (!this.ready()) return
    this.client.provider.awareness.setLocalStateField(CURSOR_FIELD, {
      canvasId: this.canvasId,
      x: prng.int32(this.gen, -2000, 2000),
      y: prng.int32(this.gen, -2000, 2000),
    })
  }

  /** Local updates that wrote something, and how many of them the server acknowledged. */
  get counts(): { made: number; acknowledged: number } {
    return {
      made: this.updates.length,
      acknowledged: this.updates.filter((u) => u.clock <= (this.acked.get(u.clientId) ?? 0)).length,
    }
  }

  /** Of the acknowledged updates, those missing from `stored` (a state vector read back). */
  missingFrom(stored: ReadonlyMap<number, number>): Array<{ clientId: number; clock: number }> {
    return this.updates.filter(
      (u) =>
        u.clock <= (this.acked.get(u.clientId) ?? 0) && u.clock > (stored.get(u.clientId) ?? 0),
    )
  }

  /** Same document as the one `target` was taken of: the same state vector and deletions. */
  matches(target: Y.Snapshot): boolean {
    return Y.equalSnapshots(Y.snapshot(this.doc), target)
  }

  /** What a person would see: connection, save status, and how its connections ended. */
  describe(): string {
    const { provider } = this.client
    const closes = [...this.closes].map(([code, n]) => `${code}×${n}`).join(' ') || 'none'
    return `${this.name}: ${provider.wsconnected ? 'connected' : 'not connected'}${provider.shouldConnect ? '' : ' (gave up)'}, ${this.tracker.snapshot().state}, closes ${closes}`
  }

  destroy(): void {
    this.tracker.destroy()
    this.client.destroy()
  }
}
