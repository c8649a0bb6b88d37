import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import WebSocket from 'ws'
import { CloseCode } from '../../shared/protocol.ts'
import type { Role } from '../../shared/roles.ts'
import type { Throttle } from '../lib/Throttle.ts'
import { TokenBucket } from '../lib/TokenBucket.ts'
import type { RoomGrant } from '../workshops/WorkshopService.ts'

export interface ConnectionLimits {
  /** Sustained messages per second; twice as many may come in a burst. */
  messagesPerSecond: number
  /** Sustained bytes per second; a burst may add one largest frame. */
  bytesPerSecond: number
  /** Largest frame, the burst allowance of the byte budget. */
  maxMessageBytes: number
  /** Unsent bytes a socket may hold beyond the largest document reply it was sent. */
  maxBufferedBytes: number
  /** Structs a connection's updates may add to documents per second (see `takePieces`). */
  piecesPerSecond: number
  /** …and at once. */
  piecesBurst: number
}

/** What all connections from one client address share (see SyncServer). */
export interface AddressBudgets {
  /** Structs their updates may add to documents. */
  pieces: Throttle
}

/** An edit this small (a keystroke, a note) never waits for its address's budget. */
const SMALL_EDIT_PIECES = 256

const PARTICIPANT_OWNER = 'participant:'

/** Who the Yjs client ids of a connection that proved this participant belong to. */
export const participantOwner = (participantId: string): string =>
  `${PARTICIPANT_OWNER}${participantId}`

/** The participant an owner of client ids is (see `participantOwner`), or null for another. */
export const ownerParticipant = (owner: string | undefined): string | null =>
  owner?.startsWith(PARTICIPANT_OWNER) ? owner.slice(PARTICIPANT_OWNER.length) : null

/** One client's WebSocket, with the role the server gave it at upgrade. */
export class Connection {
  /** The awareness client id this connection owns (see Presence), if it set one. */
  presenceClient: number | null = null
  /** Yjs client ids this connection brought new structs under (bounded: see Room). */
  readonly docClients = new Set<number>()
  /**
   * Updates that arrived before this client's first SyncStep2 and depend on content that
   * SyncStep2 will bring (offline edits a y-websocket client sends as soon as it is open).
   */
  deferred: Uint8Array[] = []
  deferredBytes = 0
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
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  private readonly pieces: TokenBucket
  /** The largest document reply sent: a slow phone may take a while to read it. */
  private largestReply = 0

  constructor(
    readonly id: string,
    grant: RoomGrant,
    private readonly socket: WebSocket,
    /** The TCP stream under `socket`: corked while several frames are written at once. */
    private readonly stream: Duplex,
    readonly log: Logger,
    private readonly limits: ConnectionLimits,
    /**
     * Budgets shared by every connection from this client address: someone who reconnects
     * again and again gets no fresh budget.
     */
    private readonly address: { key: string; budgets: AddressBudgets },
  ) {
    this.role = grant.role
    this.participantId = grant.participantId
    this.readOnly = grant.readOnly
    this.workshopId = grant.workshopId
    this.tokenHash = grant.tokenHash
    const now = performance.now()
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2, now)
    this.bytes = new TokenBucket(
      limits.bytesPerSecond,
      limits.maxMessageBytes + limits.bytesPerSecond * 2,
      now,
    )
    this.pieces = new TokenBucket(limits.piecesPerSecond, limits.piecesBurst, now)
  }

  /**
   * Whether this connection may add `pieces` structs to documents now: within its own budget
   * and, for anything but a small edit, its client address's too (someone reconnecting again
   * and again gets no fresh budget, and a hostile neighbour behind the same NAT cannot stop
   * the others from typing).
   */
  allowsPieces(pieces: number, now = performance.now()): boolean {
    if (pieces > this.pieces.available(now)) return false
    return (
      pieces <= SMALL_EDIT_PIECES ||
      pieces <= this.address.budgets.pieces.available(this.address.key)
    )
  }

  /** Counts `pieces` structs added by this connection's update. */
  chargePieces(pieces: number, now = performance.now()): void {
    this.pieces.charge(pieces, now)
    this.address.budgets.pieces.charge(this.address.key, pieces)
  }

  /** Takes one message of `size` bytes from the rate budgets; false when it comes too fast. */
  allowMessage(size: number, now = performance.now()): boolean {
    return this.messages.take(1, now) && this.bytes.take(size, now)
  }

  /**
   * Who the Yjs client ids this connection writes under belong to (see clientOwners.ts):
   * the person it proved to be, or else its link's role (such connections share their ids).
   */
  get owner(): string {
    return this.participantId === null ? `role:${this.role}` : participantOwner(this.participantId)
  }

  /** The client's address (behind TRUSTED_PROXIES), for the limits per address. */
  get clientAddress(): string {
    return this.address.key
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  /** Bytes written to the socket that the client has not read yet. */
  get buffered(): number {
    return this.socket.bufferedAmount
  }

  /** Sends a document reply (SyncStep2) that may be large: the budget allows for it. */
  sendReply(message: Uint8Array): void {
    this.largestReply = Math.max(this.largestReply, message.byteLength)
    this.send(message)
  }

  /**
   * Sends the given frames (nulls are skipped) in one write to the network. A client that
   * does not read (a phone asleep with its socket open, or one that only sends) is closed
   * once its unsent bytes pass the budget: what it missed it gets at its next sync.
   */
  send(...messages: Array<Uint8Array | null>): void {
    if (!this.open) return
    const buffered = this.socket.bufferedAmount
    if (buffered > this.limits.maxBufferedBytes + this.largestReply) {
      this.log.warn({ buffered }, 'client does not read what it is sent, closing')
      this.close(CloseCode.tooSlow, 'too much unread data; reconnect to catch up')
      this.terminate()
      return
    }
    try {
      this.stream.cork()
      for (const message of messages) if (message) this.socket.send(message)
    } catch (error) {
      this.log.warn({ err: error }, 'could not write to the socket, dropping it')
      this.terminate()
    } finally {
      this.stream.uncork()
    }
  }

  close(code: number, reason: string): void {
    if (
      this.socket.readyState === WebSocket.OPEN ||
      this.socket.readyState === WebSocket.CONNECTING
    ) {
      this.socket.close(code, reason)
    }
  }

  /** Drops the socket without a closing handshake. */
  terminate(): void {
    this.socket.terminate()
  }

  /** Called by the heartbeat: a socket that did not answer the previous ping is dropped. */
  heartbeat(): void {
    if (!this.alive || !this.open) {
      if (!this.alive) this.log.info('no pong since last ping, dropping connection')
      this.terminate()
      return
    }
    this.alive = false
    this.socket.ping()
  }
}
