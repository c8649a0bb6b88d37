import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type WebSocket from 'ws'
import { type RawData, WebSocketServer } from 'ws'
import {
  CloseCode,
  chooseProtocol,
  readCredentialProtocols,
  SYNC_PATH,
} from '../../shared/protocol.ts'
import { parseRoomName, type RoomAddress, roomName } from '../../shared/rooms.ts'
import type { Config } from '../config.ts'
import type { ClientAddress } from '../http/clientAddress.ts'
import { requestUrl } from '../http/requestUrl.ts'
import { Throttle } from '../lib/Throttle.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomGrant } from '../workshops/WorkshopService.ts'
import { type AddressBudgets, Connection, type ConnectionLimits } from './Connection.ts'
import { ProtocolError } from './errors.ts'
import { PRESENCE_LIMITS } from './Presence.ts'
import { type Room, RoomLoadError } from './Room.ts'
import { RoomRegistry } from './RoomRegistry.ts'

/** The settings the sync endpoint follows (see server/config.ts and README.md). */
export type SyncOptions = Pick<
  Config,
  | 'maxMessageBytes'
  | 'pingIntervalMs'
  | 'compactEvery'
  | 'maxRoomBytes'
  | 'maxConnectionsPerIp'
  | 'maxMessagesPerSecond'
  | 'maxBytesPerSecond'
  | 'maxBufferedBytes'
  | 'presenceTimeoutMs'
  | 'maxRefusalsPerIp'
  | 'allowedOrigins'
>

/**
 * Yjs client ids one connection may bring new content under. A browser has one per page load;
 * a phone that was offline across several reloads brings each of them in its first SyncStep2.
 */
const MAX_CLIENT_IDS_PER_CONNECTION = 64

/**
 * Structs one connection's updates may add to documents: 20,000 at once (a phone's offline
 * work, a large paste), 1,000 a second after that (a room of 30 typing adds a few hundred).
 * Many small deletions inside a text cost few bytes and many structs, which slow every load.
 */
const PIECES_BURST = 20_000
const PIECES_PER_SECOND = 1_000
/**
 * One client address may add as many structs as this many connections (a NAT, or someone
 * reconnecting to get a fresh budget each time).
 */
const ADDRESS_FACTOR = 10

/** Decides what a connection may do in a room (from its query parameters), or `null` to refuse. */
export type Authorize = (address: RoomAddress, params: URLSearchParams) => Promise<RoomGrant | null>

/** Told of connections joining and leaving their rooms (see `SyncServer.onConnection`). */
export interface ConnectionListener {
  joined(conn: Connection, roomId: string): void
  left(conn: Connection): void
}

/** How long a closing server waits for clients to answer its close frame. */
const CLOSE_GRACE_MS = 1000

const SYNC_ROUTE = new RegExp(`^${SYNC_PATH}/(.+)$`)

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? new Uint8Array(Buffer.concat(data))
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)

const refuse = (socket: Duplex, status: number, text: string): void => {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  )
}

/** The WebSocket endpoint `/sync/<workshopId>?token=…`: authentication gate, then rooms. */
export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly registry: RoomRegistry
  private readonly connections = new Set<Connection>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly limits: ConnectionLimits
  /** Failed upgrades per client address, refilled over a minute (MAX_CONNECTIONS_PER_IP). */
  private readonly failedUpgrades: Throttle
  /** Structs added per client address (see Connection.allowsPieces). */
  private readonly addressBudgets: AddressBudgets
  /** Connections closed for a bad frame, per client address: past the budget, 429 at upgrade. */
  private readonly violations: Throttle
  private readonly storedListeners: Array<
    (roomId: string, senders: readonly Connection[]) => void
  > = []
  private readonly connectionListeners: ConnectionListener[] = []

  constructor(
    storage: Storage,
    private readonly log: Logger,
    private readonly options: SyncOptions,
    private readonly authorize: Authorize,
    /** Who is behind an upgrade request, for the per-address limit (see TRUSTED_PROXIES). */
    private readonly clientAddress: ClientAddress,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      handleProtocols: chooseProtocol,
    })
    this.registry = new RoomRegistry(storage, log, {
      compactEvery: options.compactEvery,
      maxRoomBytes: options.maxRoomBytes,
      presence: { ...PRESENCE_LIMITS, timeoutMs: options.presenceTimeoutMs },
      maxClientIdsPerConnection: MAX_CLIENT_IDS_PER_CONNECTION,
      maxDeferredBytes: options.maxMessageBytes,
      onStored: (room, senders) => {
        for (const listener of this.storedListeners) listener(room.id, senders)
      },
    })
    this.failedUpgrades = new Throttle({
      perSecond: options.maxConnectionsPerIp / 60,
      burst: options.maxConnectionsPerIp,
    })
    this.limits = {
      messagesPerSecond: options.maxMessagesPerSecond,
      bytesPerSecond: options.maxBytesPerSecond,
      maxMessageBytes: options.maxMessageBytes,
      maxBufferedBytes: options.maxBufferedBytes,
      piecesPerSecond: PIECES_PER_SECOND,
      piecesBurst: PIECES_BURST,
    }
    this.addressBudgets = {
      pieces: new Throttle({
        perSecond: PIECES_PER_SECOND * ADDRESS_FACTOR,
        burst: PIECES_BURST * ADDRESS_FACTOR,
      }),
    }
    this.violations = new Throttle({
      perSecond: options.maxRefusalsPerIp / 100,
      burst: options.maxRefusalsPerIp,
    })
    this.heartbeat = setInterval(() => {
      for (const conn of this.connections) {
        try {
          conn.heartbeat()
        } catch (error) {
          conn.log.warn({ err: error }, 'heartbeat failed, dropping connection')
          conn.close(CloseCode.internalError, 'heartbeat failed')
        }
      }
    }, options.pingIntervalMs)
    this.heartbeat.unref()
  }

  /** What the server holds now; the budgets in README bound the last two. */
  get stats() {
    let maxBufferedBytes = 0
    for (const conn of this.connections)
      maxBufferedBytes = Math.max(maxBufferedBytes, conn.buffered)
    let presenceBytes = 0
    for (const room of this.registry.loaded()) presenceBytes += room.presence.heldBytes
    return {
      connections: this.connections.size,
      rooms: this.registry.loadedRooms,
      /** Unsent bytes of the connection furthest behind. */
      maxBufferedBytes,
      /** Presence states held, in bytes of JSON. */
      presenceBytes,
    }
  }

  /** Runs server work on a room's document (loading it if needed); its writes are stored and relayed. */
  withRoom<T>(roomId: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    return this.registry.withRoom(roomId, work)
  }

  /** The revision of a workshop room's document (see `RoomRegistry.revision`). */
  revision(roomId: string): number | undefined {
    return this.registry.revision(roomId)
  }

  /** Tells `listener` of each change of a workshop room's document, as it is applied. */
  onChange(listener: (roomId: string) => void): void {
    this.registry.onChange(listener)
  }

  /** Calls `listener` after each stored batch of a room, with the connections that sent it. */
  onStored(listener: (roomId: string, senders: readonly Connection[]) => void): void {
    this.storedListeners.push(listener)
  }

  /** Tells `listener` of each connection once it joined its room, and when it leaves. */
  onConnection(listener: ConnectionListener): void {
    this.connectionListeners.push(listener)
  }

  /** Whether this upgrade request is for the sync endpoint (other paths are left alone). */
  static accepts(request: IncomingMessage): boolean {
    const url = requestUrl(request.url)
    return url !== null && SYNC_ROUTE.test(url.pathname)
  }

  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = requestUrl(request.url)
    if (!url) {
      refuse(socket, 400, 'Bad Request')
      return
    }
    let name = ''
    try {
      name = decodeURIComponent(SYNC_ROUTE.exec(url.pathname)?.[1] ?? '')
    } catch {
      // a malformed %-escape: not one of our rooms
    }
    const origin = request.headers.origin
    if (this.options.allowedOrigins && (!origin || !this.options.allowedOrigins.includes(origin))) {
      this.log.warn({ room: name, origin }, 'sync upgrade refused: origin not allowed')
      refuse(socket, 403, 'Forbidden')
      return
    }
    const ip = this.clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'])
    if (this.violations.available(ip) < 1) {
      this.log.warn(
        { room: name, ip },
        'sync upgrade refused: this address keeps sending bad frames',
      )
      refuse(socket, 429, 'Too Many Requests')
      return
    }
    const address = parseRoomName(name)
    const params = new URLSearchParams(url.searchParams)
    for (const [key, value] of readCredentialProtocols(request.headers['sec-websocket-protocol']))
      params.set(key, value)
    let grant: RoomGrant | null = null
    try {
      grant = address ? await this.authorize(address, params) : null
    } catch (error) {
      this.log.error({ err: error, room: name }, 'authorization failed')
      refuse(socket, 500, 'Internal Server Error')
      return
    }
    if (!address || !grant) {
      // Only failed upgrades count against an address: past its budget they get 429.
      const throttled = this.failedUpgrades.take(ip) > 0
      this.log.warn(
        { room: name, ip, hasToken: params.has('token'), throttled },
        'sync upgrade refused: unknown room, token or participant',
      )
      if (throttled) refuse(socket, 429, 'Too Many Requests')
      else refuse(socket, 401, 'Unauthorized')
      return
    }
    const granted = grant
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.accept(ws, socket, roomName(address), granted, ip),
    )
  }

  /**
   * Flushes every room, then closes every connection with 1001 (clients reconnect later). A
   * client that does not answer the close (a phone asleep) is cut after a short grace, rather
   * than the 30 s `ws` would wait.
   */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    await this.registry.close()
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'server shutting down')
    const deadline = performance.now() + CLOSE_GRACE_MS
    while (this.connections.size > 0 && performance.now() < deadline) await sleep(20)
    for (const conn of this.connections) conn.terminate()
    this.wss.close()
  }

  /** Closes at once every connection opened with a token that no longer works (4401). */
  revoke(workshopId: string, tokenHash: string): void {
    for (const conn of this.connections) {
      if (conn.workshopId === workshopId && conn.tokenHash === tokenHash) {
        conn.log.info('token revoked, closing')
        conn.close(CloseCode.unauthorized, 'this link was replaced by the facilitator')
      }
    }
  }

  /**
   * For a person forgotten (their identity removed already): closes their connections (4401;
   * their presence leaves with them) and everyone's on their private room, and resolves once
   * that room is unloaded, so its storage may be erased.
   */
  async forgetParticipant(workshopId: string, participantId: string): Promise<void> {
    const close = (conn: Connection) =>
      conn.close(CloseCode.unauthorized, 'your name was removed from this workshop')
    for (const conn of this.connections) {
      if (conn.workshopId === workshopId && conn.participantId === participantId) close(conn)
    }
    await this.registry.discard(roomName({ kind: 'private', workshopId, participantId }), close)
  }

  private accept(
    ws: WebSocket,
    stream: Duplex,
    name: string,
    grant: RoomGrant,
    address: string,
  ): void {
    const id = randomUUID()
    const conn = new Connection(
      id,
      grant,
      ws,
      stream,
      this.log.child({
        room: name,
        conn: id,
        role: grant.role,
        participant: grant.participantId ?? undefined,
      }),
      this.limits,
      { key: address, budgets: this.addressBudgets },
    )
    this.connections.add(conn)
    conn.log.info('connected')

    let room: Room | null = null
    let closed = false
    const queued: Uint8Array[] = []

    ws.on('message', (data, isBinary) => {
      if (!conn.open) return
      const bytes = toBytes(data)
      if (!conn.allowMessage(bytes.byteLength)) {
        this.reject(conn, new ProtocolError('too many messages per second', CloseCode.rateLimited))
        return
      }
      if (!isBinary) {
        this.reject(conn, new ProtocolError('text frames are not part of the protocol'))
        return
      }
      if (room) this.receive(room, conn, bytes)
      else queued.push(bytes)
    })
    ws.on('pong', () => {
      conn.alive = true
    })
    ws.on('error', (error) => conn.log.warn({ err: error }, 'socket error'))
    ws.on('close', (code) => {
      closed = true
      this.connections.delete(conn)
      if (room) {
        this.registry.leave(room, conn)
        for (const listener of this.connectionListeners) listener.left(conn)
      }
      conn.log.info({ code }, 'disconnected')
    })

    this.registry.join(name, conn).then(
      (joined) => {
        if (closed) {
          this.registry.leave(joined, conn)
          return
        }
        room = joined
        for (const listener of this.connectionListeners) listener.joined(conn, joined.id)
        for (const bytes of queued.splice(0)) this.receive(joined, conn, bytes)
      },
      (error: unknown) => {
        conn.log.error({ err: error }, 'could not load the room')
        conn.close(
          CloseCode.internalError,
          error instanceof RoomLoadError
            ? 'the stored workshop cannot be read; see the server log'
            : 'the workshop could not be loaded',
        )
      },
    )
  }

  private receive(room: Room, conn: Connection, bytes: Uint8Array): void {
    if (!conn.open) return // closed after an earlier bad frame: ignore what was in flight
    try {
      room.receive(conn, bytes)
    } catch (error) {
      if (error instanceof ProtocolError) this.reject(conn, error)
      else room.crash(error, 'receive')
    }
  }

  private reject(conn: Connection, error: ProtocolError): void {
    // A full workshop (4413) is nobody's fault: honest devices meet it too.
    if (error.code !== CloseCode.roomFull) this.violations.charge(conn.clientAddress, 1)
    conn.log.warn(
      { code: error.code, reason: error.message },
      'closing connection after a bad frame',
    )
    // A close reason is limited to 123 bytes.
    conn.close(error.code, error.message.slice(0, 120))
  }
}
