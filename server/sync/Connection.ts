import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import WebSocket from 'ws'
import type { Role } from '../../shared/roles.ts'
import type { RoomGrant } from '../workshops/WorkshopService.ts'

/** Frames waiting in the socket's send buffer beyond this mean the client cannot keep up. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024

/** One client's WebSocket, with the role the server gave it at upgrade. */
export class Connection {
  /** Awareness client ids this connection has set, removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>()
  alive = true
  /** Whether the client has answered the server's first SyncStep1 (see Room.receiveSync). */
  sentSyncStep2 = false

  readonly role: Role
  /** The participant this connection proved to be (their private secret), if any. */
  readonly participantId: string | null
  /** Document updates from a read-only connection are never applied, stored or relayed. */
  readonly readOnly: boolean
  readonly workshopId: string
  readonly tokenHash: string
  /** Token bucket of the rate limit: refills at `ratePerSecond`, holds up to two seconds' worth. */
  private tokens: number
  private refilledAt = performance.now()

  constructor(
    readonly id: string,
    grant: RoomGrant,
    private readonly socket: WebSocket,
    /** The TCP stream under `socket`: corked while several frames are written at once. */
    private readonly stream: Duplex,
    readonly log: Logger,
    private readonly ratePerSecond: number,
  ) {
    this.role = grant.role
    this.participantId = grant.participantId
    this.readOnly = grant.readOnly
    this.workshopId = grant.workshopId
    this.tokenHash = grant.tokenHash
    this.tokens = ratePerSecond * 2
  }

  /** Takes one message from the rate budget; false when the connection sends too fast. */
  allowMessage(now = performance.now()): boolean {
    const capacity = this.ratePerSecond * 2
    this.tokens = Math.min(
      capacity,
      this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond,
    )
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  /** Sends the given frames (nulls are skipped) in one write to the network. */
  send(...messages: Array<Uint8Array | null>): void {
    if (!this.open) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn(
        { buffered: this.socket.bufferedAmount },
        'client too slow, dropping connection',
      )
      this.socket.terminate()
      return
    }
    this.stream.cork()
    for (const message of messages) if (message) this.socket.send(message)
    this.stream.uncork()
  }

  close(code: number, reason: string): void {
    if (
      this.socket.readyState === WebSocket.OPEN ||
      this.socket.readyState === WebSocket.CONNECTING
    ) {
      this.socket.close(code, reason)
    }
  }

  /** Called by the heartbeat: a socket that did not answer the previous ping is dropped. */
  heartbeat(): void {
    if (!this.alive) {
      this.log.info('no pong since last ping, dropping connection')
      this.socket.terminate()
      return
    }
    this.alive = false
    this.socket.ping()
  }
}
