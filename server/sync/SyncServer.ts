import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import type WebSocket from 'ws'
import { type RawData, WebSocketServer } from 'ws'
import { CloseCode, SYNC_PATH } from '../../shared/protocol.ts'
import { parseRoomName, type RoomAddress, roomName } from '../../shared/rooms.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomGrant } from '../workshops/WorkshopService.ts'
import { Connection } from './Connection.ts'
import { ProtocolError } from './errors.ts'
import type { Room } from './Room.ts'
import { RoomRegistry } from './RoomRegistry.ts'

export interface SyncOptions {
  /** Largest frame accepted; a larger one closes the connection with 1009. */
  maxMessageBytes: number
  pingIntervalMs: number
  compactEvery: number
  /** A room whose document would grow past this is refused further updates (4413). */
  maxRoomBytes: number
  maxConnectionsPerIp: number
  /** Sustained rate; twice as many may come in a burst. Beyond: closed with 4429. */
  maxMessagesPerSecond: number
  /** When set, the `Origin` of the upgrade request must be one of these. */
  allowedOrigins: readonly string[] | undefined
}

/** Decides what a connection may do in a room (from its query parameters), or `null` to refuse. */
export type Authorize = (address: RoomAddress, params: URLSearchParams) => Promise<RoomGrant | null>

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
  private readonly perIp = new Map<string, number>()
  private readonly storedListeners: Array<
    (roomId: string, senders: readonly Connection[]) => void
  > = []

  constructor(
    storage: Storage,
    private readonly log: Logger,
    private readonly options: SyncOptions,
    private readonly authorize: Authorize,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
    this.registry = new RoomRegistry(storage, log, {
      compactEvery: options.compactEvery,
      maxRoomBytes: options.maxRoomBytes,
      onStored: (room, senders) => {
        for (const listener of this.storedListeners) listener(room.id, senders)
      },
    })
    this.heartbeat = setInterval(() => {
      for (const conn of this.connections) conn.heartbeat()
    }, options.pingIntervalMs)
    this.heartbeat.unref()
  }

  get stats() {
    return { connections: this.connections.size, rooms: this.registry.loadedRooms }
  }

  /** Runs server work on a room's document (loading it if needed); its writes are stored and relayed. */
  withRoom<T>(roomId: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    return this.registry.withRoom(roomId, work)
  }

  /** Calls `listener` after each stored batch of a room, with the connections that sent it. */
  onStored(listener: (roomId: string, senders: readonly Connection[]) => void): void {
    this.storedListeners.push(listener)
  }

  /** Whether this upgrade request is for the sync endpoint (other paths are left alone). */
  static accepts(request: IncomingMessage): boolean {
    return SYNC_ROUTE.test(new URL(request.url ?? '/', 'http://localhost').pathname)
  }

  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
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
    const ip = request.socket.remoteAddress ?? ''
    if ((this.perIp.get(ip) ?? 0) >= this.options.maxConnectionsPerIp) {
      this.log.warn(
        { room: name, ip },
        'sync upgrade refused: too many connections from this address',
      )
      refuse(socket, 429, 'Too Many Requests')
      return
    }
    const address = parseRoomName(name)
    let grant: RoomGrant | null = null
    try {
      grant = address ? await this.authorize(address, url.searchParams) : null
    } catch (error) {
      this.log.error({ err: error, room: name }, 'authorization failed')
      refuse(socket, 500, 'Internal Server Error')
      return
    }
    if (!address || !grant) {
      this.log.warn(
        { room: name, hasToken: url.searchParams.has('token') },
        'sync upgrade refused: unknown room, token or participant',
      )
      refuse(socket, 401, 'Unauthorized')
      return
    }
    const granted = grant
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.accept(ws, socket, roomName(address), granted, ip),
    )
  }

  /** Flushes every room, then closes every connection with 1001 (clients reconnect later). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat)
    await this.registry.close()
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'server shutting down')
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

  /** Closes a person's connections (their presence leaves with them). */
  disconnectParticipant(workshopId: string, participantId: string): void {
    for (const conn of this.connections) {
      if (conn.workshopId === workshopId && conn.participantId === participantId) {
        conn.close(CloseCode.unauthorized, 'your name was removed from this workshop')
      }
    }
  }

  private accept(ws: WebSocket, stream: Duplex, name: string, grant: RoomGrant, ip: string): void {
    const id = randomUUID()
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1)
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
      this.options.maxMessagesPerSecond,
    )
    this.connections.add(conn)
    conn.log.info('connected')

    let room: Room | null = null
    let closed = false
    const queued: Uint8Array[] = []

    ws.on('message', (data, isBinary) => {
      if (!conn.open) return
      if (!conn.allowMessage()) {
        this.reject(conn, new ProtocolError('too many messages per second', CloseCode.rateLimited))
        return
      }
      if (!isBinary) {
        this.reject(conn, new ProtocolError('text frames are not part of the protocol'))
        return
      }
      const bytes = toBytes(data)
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
      const left = (this.perIp.get(ip) ?? 1) - 1
      if (left > 0) this.perIp.set(ip, left)
      else this.perIp.delete(ip)
      if (room) this.registry.leave(room, conn)
      conn.log.info({ code }, 'disconnected')
    })

    this.registry.join(name, conn).then(
      (joined) => {
        if (closed) {
          this.registry.leave(joined, conn)
          return
        }
        room = joined
        for (const bytes of queued.splice(0)) this.receive(joined, conn, bytes)
      },
      (error: unknown) => {
        conn.log.error({ err: error }, 'could not load the room')
        conn.close(CloseCode.internalError, 'the workshop could not be loaded')
      },
    )
  }

  private receive(room: Room, conn: Connection, bytes: Uint8Array): void {
    if (!conn.open) return // closed after an earlier bad frame: ignore what was in flight
    try {
      room.receive(conn, bytes)
    } catch (error) {
      // lib0 throws plain errors on truncated or malformed varints: a bad frame all the same.
      this.reject(
        conn,
        error instanceof ProtocolError
          ? error
          : new ProtocolError(`malformed frame: ${(error as Error).message}`),
      )
    }
  }

  private reject(conn: Connection, error: ProtocolError): void {
    conn.log.warn(
      { code: error.code, reason: error.message },
      'closing connection after a bad frame',
    )
    // A close reason is limited to 123 bytes.
    conn.close(error.code, error.message.slice(0, 120))
  }
}
