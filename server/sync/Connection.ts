import type { Logger } from 'pino'
import WebSocket from 'ws'
import type { Role } from '../../shared/roles.ts'

/** Frames waiting in the socket's send buffer beyond this mean the client cannot keep up. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024

/** One client's WebSocket, with the role the server gave it at upgrade. */
export class Connection {
  /** Awareness client ids this connection has set, removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>()
  alive = true

  readonly role: Role
  /** The participant this connection proved to be (their private secret), if any. */
  readonly participantId: string | null
  /** Document updates from a read-only connection are never applied, stored or relayed. */
  readonly readOnly: boolean

  constructor(
    readonly id: string,
    grant: { role: Role; participantId: string | null; readOnly: boolean },
    private readonly socket: WebSocket,
    readonly log: Logger,
  ) {
    this.role = grant.role
    this.participantId = grant.participantId
    this.readOnly = grant.readOnly
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  send(message: Uint8Array): void {
    if (!this.open) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn(
        { buffered: this.socket.bufferedAmount },
        'client too slow, dropping connection',
      )
      this.socket.terminate()
      return
    }
    this.socket.send(message)
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
