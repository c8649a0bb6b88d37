import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Logger } from 'pino'
import type { Config } from './config.ts'
import { ArchiveService } from './exports/ArchiveService.ts'
import { ExportService } from './exports/ExportService.ts'
import { FacilitationService } from './facilitation/FacilitationService.ts'
import { createApi } from './http/api.ts'
import { clientAddressBehind } from './http/clientAddress.ts'
import { DownloadTickets, TICKET_LIMITS } from './http/DownloadTickets.ts'
import { requestUrl } from './http/requestUrl.ts'
import { sendError, sendJson } from './http/respond.ts'
import {
  CONTENT_SECURITY_POLICY,
  isPageSubresource,
  type Middleware,
  serveBuiltClient,
} from './http/static.ts'
import { AttendanceTracker } from './labs/AttendanceTracker.ts'
import { SessionService } from './labs/SessionService.ts'
import { type Clock, systemClock } from './lib/clock.ts'
import { prepareDataDir } from './lib/dataDir.ts'
import { HeavyReads, KEPT_BYTES, SENDING_BYTES } from './lib/HeavyReads.ts'
import { HttpError } from './lib/HttpError.ts'
import { Throttle } from './lib/Throttle.ts'
import { SqliteStorage } from './storage/SqliteStorage.ts'
import type { Storage } from './storage/Storage.ts'
import { RoomLoadError } from './sync/Room.ts'
import { SyncServer } from './sync/SyncServer.ts'
import { TemplateCatalog } from './templates/TemplateCatalog.ts'
import { VersionService } from './versions/VersionService.ts'
import { DeviceLinkService } from './workshops/DeviceLinkService.ts'
import { WorkshopService } from './workshops/WorkshopService.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const TEMPLATES_DIR = `${ROOT}templates`
const CLIENT_DIR = `${ROOT}dist/client`
/** A crash loses at most this much of anyone's attendance. */
const ATTENDANCE_TICK_MS = 60_000

export interface App {
  http: Server
  storage: Storage
  sync: SyncServer
  listen(): Promise<AddressInfo>
  /** Stops accepting, flushes every room, closes connections and storage; a second call waits. */
  close(): Promise<void>
}

export interface AppOptions {
  /** Serve the client through Vite's dev server (HMR) instead of the built files. */
  dev?: boolean
  templatesDir?: string
  /** The built client to serve (dist/client by default). */
  clientDir?: string
  /** The server's time (tests move it: a session a month later). */
  clock?: Clock
  /** How often open attendance intervals are brought up to now (60 s by default). */
  attendanceTickMs?: number
}

/** Wires storage, templates, the HTTP API, static client and the sync endpoint together. */
export const createApp = async (
  config: Config,
  log: Logger,
  options: AppOptions = {},
): Promise<App> => {
  // Before anything reads it: DATA_DIR holds the saved templates as well as the database.
  prepareDataDir(config.dataDir)
  const templates = await TemplateCatalog.load(
    options.templatesDir ?? TEMPLATES_DIR,
    path.join(config.dataDir, 'templates'),
  )
  const storage = new SqliteStorage(config.dataDir, { durability: config.durability })
  const clock = options.clock ?? systemClock
  const workshops = new WorkshopService(
    storage,
    templates,
    {
      maxParticipants: config.maxParticipantsPerWorkshop,
      joinsPerMinute: config.maxWorkshopJoinsPerMinute,
      joinBurst: config.workshopJoinBurst,
    },
    clock,
  )
  // Per-address limits count the person behind TRUSTED_PROXIES, not the proxy.
  const clientAddress = clientAddressBehind(config.trustedProxies)
  const sync = new SyncServer(
    storage,
    log,
    config,
    (address, params) =>
      address.kind === 'session'
        ? sessions.authorizeBoards(address, params)
        : workshops.authorize(address, params),
    clientAddress,
  )
  // A client that sends its headers or body a byte at a time is cut (408, then closed): Node
  // checks these every few seconds, not only at its default 30 s, so one cannot hold sockets.
  const http = createServer({
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(2_000, config.headersTimeoutMs),
  })
  const baseUrl = (req: IncomingMessage) =>
    config.publicUrl ?? `http://${req.headers.host ?? `${config.host}:${config.port}`}`
  const facilitation = new FacilitationService(workshops, storage, sync, log, {
    liveTallyMs: config.liveTallyMs,
  })
  const tracker = new AttendanceTracker(
    storage,
    sync,
    clock,
    log,
    options.attendanceTickMs ?? ATTENDANCE_TICK_MS,
  )
  const reads = new HeavyReads(
    {
      perAddress: config.maxHeavyReadsPerIp,
      perWorkshop: config.maxHeavyReadsPerWorkshop,
      keptBytes: KEPT_BYTES,
      sendingBytes: SENDING_BYTES,
    },
    (workshopId) => sync.revision(workshopId),
  )
  sync.onChange((workshopId) => reads.changed(workshopId))
  const sessions = new SessionService(
    workshops,
    storage,
    sync,
    templates,
    facilitation,
    tracker,
    clock,
    reads,
    log,
  )
  const exports = new ExportService(workshops, sync, reads)
  const versions = new VersionService(workshops, storage, sync, {
    maxVersions: config.maxArchiveVersions,
  })
  const archives = new ArchiveService(workshops, storage, sync, reads, {
    maxVersions: config.maxArchiveVersions,
    maxStateBytes: config.maxRoomBytes,
  })
  const tickets = new DownloadTickets({ ...TICKET_LIMITS, ttlMs: config.downloadTicketTtlMs })
  const devices = new DeviceLinkService(workshops, storage, sync, log, clock)
  const api = createApi({
    devices,
    revoke: (workshopId, tokenHash) => sync.revoke(workshopId, tokenHash),
    archives,
    exports,
    versions,
    workshops,
    facilitation,
    sessions,
    tickets,
    templates,
    reads,
    adminToken: config.adminToken,
    creations: new Throttle({
      perSecond: config.maxCreatesPerHour / 3600,
      burst: config.createBurst,
    }),
    joins: new Throttle({ perSecond: config.maxJoinsPerMinute / 60, burst: config.joinBurst }),
    clientAddress,
    maxArchiveBytes: config.maxArchiveBytes,
    baseUrl,
  })

  let client: Middleware
  if (options.dev) {
    const { createServer: createVite } = await import('vite')
    const vite = await createVite({
      configFile: `${ROOT}vite.config.ts`,
      server: { middlewareMode: true, hmr: { server: http } },
      appType: 'spa',
    })
    client = vite.middlewares
  } else {
    client = serveBuiltClient(options.clientDir ?? CLIENT_DIR)
  }

  http.on('request', (req, res) => {
    const started = performance.now()
    const reqId = randomUUID()
    const url = requestUrl(req.url)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    if (!options.dev && !(url && isPageSubresource(url.pathname))) {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    }
    res.on('finish', () => {
      // The path only: a query string may hold a token.
      log.info(
        {
          req: reqId,
          method: req.method,
          path: url?.pathname ?? '(not a URL)',
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'http',
      )
    })
    if (!url) {
      sendError(res, 400, 'request target: not a URL')
    } else if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' })
    } else if (url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((error: unknown) => {
        if (error instanceof HttpError) {
          for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value)
          sendError(res, error.status, error.message, error.code)
          return
        }
        if (error instanceof RoomLoadError) {
          log.error(
            { err: error, req: reqId, path: url.pathname },
            'a stored workshop cannot be read',
          )
          sendError(
            res,
            503,
            'this workshop’s stored data cannot be read; see the server log to repair it',
          )
          return
        }
        log.error({ err: error, req: reqId, path: url.pathname }, 'API request failed')
        if (!res.headersSent) sendError(res, 500, 'internal error; see the server log')
        else res.destroy()
      })
    } else {
      client(req, res, () => sendError(res, 404, `not found: ${url.pathname}`))
    }
  })

  http.on('upgrade', (req, socket, head) => {
    if (SyncServer.accepts(req)) {
      // Nothing a client sends should make it reject; if something does, that socket goes,
      // not the process (an unhandled rejection ends it).
      sync.handleUpgrade(req, socket, head).catch((error: unknown) => {
        log.error({ err: error }, 'sync upgrade failed')
        socket.destroy()
      })
    } else if (!options.dev) {
      // In dev, Vite's HMR socket shares this server and answers its own upgrades.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    }
  })
  http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Not the error itself: it holds the raw request (`rawPacket`), whose URL may hold a token.
    log.debug({ code: error.code, reason: error.message }, 'malformed HTTP request')
    if (!socket.writable) return
    // Too slow (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS) is said as such; anything else is malformed.
    socket.end(
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'
        : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
    )
  })

  let closing: Promise<void> | undefined
  const close = async () => {
    const closed = new Promise((resolve) => http.close(resolve))
    tickets.close()
    facilitation.close()
    await tracker.close()
    await sync.close()
    http.closeAllConnections()
    await closed
    await archives.close()
    await storage.close()
  }

  return {
    http,
    storage,
    sync,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject)
        http.listen(config.port, config.host, () => resolve(http.address() as AddressInfo))
      }),
    // A shutdown signal and the last-resort handler may both ask.
    close: () => {
      closing ??= close()
      return closing
    },
  }
}
