import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol.ts'
import {
  computeSaveState,
  type LinkState,
  mergeStateVector,
  type SaveState,
  type StateVector,
} from './saveState.ts'

/** y-protocols sync sub-message carrying a state vector. */
const SYNC_STEP_1 = 0

/**
 * How long a local deletion waits for an acknowledgement before it is assumed stored. Deletions
 * do not move the state vector, and the server does not acknowledge an update that changed
 * nothing (for example a deletion another tab of this browser already sent), so without this
 * the status could stay on "saving…" forever.
 */
export const DELETE_ACK_GRACE_MS = 5000

export interface SaveSnapshot {
  state: SaveState
  /** The close code of a terminal (44xx) close, else null. */
  closeCode: number | null
}

/**
 * Follows one `WebsocketProvider` and tells whether the local document is durably on the server.
 *
 * The server acknowledges what it has stored by sending a y-protocols SyncStep1 (its state
 * vector) to the connection the updates came from, and also right after connecting. The
 * tracker wraps the provider's sync handler to read that state vector (on its own decoder,
 * leaving the provider's untouched), merges in what the server itself sent us (already stored
 * before it was relayed), and compares with the local state vector.
 */
export class SaveTracker {
  private link: LinkState = 'connecting'
  private server: Map<number, number> | null = null
  private closeCode: number | null = null
  /** none; `unsent`: deleted while offline; `sent`: waiting for the next acknowledgement. */
  private deletes: 'none' | 'unsent' | 'sent' = 'none'
  private deleteTimer: ReturnType<typeof setTimeout> | null = null
  /** True while the wrapped handler applies a message that came from the server socket. */
  private applyingFromServer = false
  private last: SaveSnapshot
  private readonly listeners = new Set<(snapshot: SaveSnapshot) => void>()
  private readonly cleanups: Array<() => void> = []

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly deleteGraceMs = DELETE_ACK_GRACE_MS,
  ) {
    const doc = provider.doc
    if (provider.wsconnected) this.link = 'online'
    this.last = this.compute()

    const original = provider.messageHandlers[MessageType.sync]
    if (!original) throw new Error('y-websocket has no sync message handler')
    provider.messageHandlers[MessageType.sync] = (encoder, decoder, prov, fromSocket, type) => {
      // `fromSocket` is false for messages from other tabs (BroadcastChannel): not the server.
      const ack = fromSocket ? peekSyncStep1(decoder) : null
      this.applyingFromServer = fromSocket
      try {
        original(encoder, decoder, prov, fromSocket, type)
      } finally {
        this.applyingFromServer = false
      }
      if (ack) this.acknowledge(ack)
    }
    this.cleanups.push(() => {
      provider.messageHandlers[MessageType.sync] = original
    })

    const onTransaction = (tr: Y.Transaction) => {
      if (tr.origin === provider && this.applyingFromServer) {
        // What the server sent us, it had stored before relaying it.
        const server = this.server ?? new Map<number, number>()
        for (const [client, clock] of tr.afterState) {
          const before = tr.beforeState.get(client) ?? 0
          if (before < clock && (server.get(client) ?? 0) < clock) server.set(client, clock)
        }
        this.server = server
      } else if (tr.local && tr.deleteSet.clients.size > 0) {
        this.deletes = this.link === 'online' ? 'sent' : 'unsent'
        if (this.deletes === 'sent') this.armDeleteTimer()
      }
      this.update()
    }
    doc.on('afterTransaction', onTransaction)
    this.cleanups.push(() => doc.off('afterTransaction', onTransaction))

    const onStatus = (event: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (this.link === 'closed') return
      if (event.status === 'connected') this.link = 'online'
      else if (event.status === 'disconnected') this.goOffline()
      this.update()
    }
    const onConnectionClose = () => {
      if (this.link !== 'closed') this.goOffline()
      this.update()
    }
    const onClosed = (event: { code: number }) => this.markClosed(event.code)
    provider.on('status', onStatus)
    provider.on('connection-close', onConnectionClose)
    provider.on('closed', onClosed)
    this.cleanups.push(() => {
      provider.off('status', onStatus)
      provider.off('connection-close', onConnectionClose)
      provider.off('closed', onClosed)
    })
  }

  snapshot(): SaveSnapshot {
    return this.last
  }

  /** Calls `listener` whenever the snapshot changes; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SaveSnapshot) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Records a terminal close (from y-websocket's `closed` event, or a refused session). */
  markClosed(code: number): void {
    this.link = 'closed'
    this.closeCode = code
    this.update()
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    if (this.deleteTimer !== null) clearTimeout(this.deleteTimer)
    this.listeners.clear()
  }

  private acknowledge(stateVector: StateVector): void {
    const server = this.server ?? new Map<number, number>()
    mergeStateVector(server, stateVector)
    this.server = server
    if (this.deletes === 'sent') this.deletes = 'none'
    // Deletions made offline go out in the reply to this message (SyncStep2 carries the whole
    // delete set): the next acknowledgement covers them.
    else if (this.deletes === 'unsent') {
      this.deletes = 'sent'
      this.armDeleteTimer()
    }
    this.update()
  }

  private goOffline(): void {
    this.link = 'offline'
    // A deletion sent on the lost connection may not have arrived: resend, then wait again.
    if (this.deletes === 'sent') this.deletes = 'unsent'
  }

  private armDeleteTimer(): void {
    if (this.deleteTimer !== null) clearTimeout(this.deleteTimer)
    this.deleteTimer = setTimeout(() => {
      this.deleteTimer = null
      if (this.deletes === 'sent' && this.link === 'online') {
        this.deletes = 'none'
        this.update()
      }
    }, this.deleteGraceMs)
  }

  private compute(): SaveSnapshot {
    const state = computeSaveState({
      link: this.link,
      local: Y.decodeStateVector(Y.encodeStateVector(this.provider.doc)),
      server: this.server,
      unackedDeletes: this.deletes !== 'none',
    })
    return { state, closeCode: state === 'error' ? this.closeCode : null }
  }

  private update(): void {
    const next = this.compute()
    if (next.state === this.last.state && next.closeCode === this.last.closeCode) return
    this.last = next
    for (const listener of this.listeners) listener(next)
  }
}

/**
 * Reads a SyncStep1's state vector without moving `decoder` (the provider still has to handle
 * the message). Returns null for any other sync message, or one that does not decode.
 */
export const peekSyncStep1 = (decoder: decoding.Decoder): StateVector | null => {
  try {
    const copy = decoding.createDecoder(decoder.arr)
    copy.pos = decoder.pos
    if (decoding.readVarUint(copy) !== SYNC_STEP_1) return null
    return Y.decodeStateVector(decoding.readVarUint8Array(copy))
  } catch {
    return null
  }
}
