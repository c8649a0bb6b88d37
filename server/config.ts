import path from 'node:path'
import { z } from 'zod'
import { describeIssues } from '../shared/validation.ts'
import { parseTrustedProxies } from './http/clientAddress.ts'

const MB = 1024 * 1024

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.length > 0 ? value : undefined))

/** Every setting, from the environment; documented in README.md. */
const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    ADMIN_TOKEN: optionalText,
    /** Base of the role links, e.g. https://fabrique.example.org, when behind a proxy. */
    PUBLIC_URL: optionalText.pipe(z.url().optional()),
    MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * MB)
      .default(8 * MB),
    PING_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
    COMPACT_EVERY: z.coerce.number().int().min(1).default(1000),
    MAX_ARCHIVE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * MB)
      .default(32 * MB),
    MAX_ROOM_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(4096 * MB)
      .default(64 * MB),
    MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(200),
    MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(100),
    MAX_BYTES_PER_SECOND: z.coerce.number().int().min(1024).default(MB),
    MAX_BUFFERED_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .default(4 * MB),
    PRESENCE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    MAX_REFUSALS_PER_IP: z.coerce.number().int().min(1).default(3),
    /** Comma-separated origins allowed to open the sync socket (e.g. https://fabrique.example.org). */
    ALLOWED_ORIGINS: optionalText,
    DURABILITY: z.enum(['full', 'normal']).default('full'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MAX_ARCHIVE_VERSIONS: z.coerce.number().int().min(0).default(1000),
    /** Comma-separated addresses and CIDR ranges of the reverse proxies in front of the server. */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((setting, ctx) => {
        try {
          return parseTrustedProxies(setting)
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message })
          return z.NEVER
        }
      }),
    /** Without ADMIN_TOKEN: workshops, imports and templates one address may create. */
    MAX_CREATES_PER_HOUR: z.coerce.number().int().min(1).default(60),
    CREATE_BURST: z.coerce.number().int().min(1).default(10),
    /** Identities (`POST …/participants`) one address may make: a room of phones behind one NAT. */
    MAX_JOINS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    JOIN_BURST: z.coerce.number().int().min(1).default(60),
    /** Identities one workshop may be given, from every address: its largest rooms at once. */
    MAX_WORKSHOP_JOINS_PER_MINUTE: z.coerce.number().int().min(1).default(200),
    WORKSHOP_JOIN_BURST: z.coerce.number().int().min(1).default(200),
    /** Identities a workshop may hold (each device's first visit, over the months of a lab). */
    MAX_PARTICIPANTS_PER_WORKSHOP: z.coerce.number().int().min(1).default(2000),
    /** A request's headers must arrive within this; its whole body within REQUEST_TIMEOUT_MS. */
    HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
    /** How long a download ticket stays valid (tests shorten it). */
    DOWNLOAD_TICKET_TTL_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    /** How often the live totals of a visible vote may be republished. */
    LIVE_TALLY_MS: z.coerce.number().int().min(1000).default(5000),
    /** Reports, exports and lists one address, and one workshop, may have computed at once. */
    MAX_HEAVY_READS_PER_IP: z.coerce.number().int().min(1).max(1000).default(4),
    MAX_HEAVY_READS_PER_WORKSHOP: z.coerce.number().int().min(1).max(1000).default(4),
  })
  .refine((c) => c.REQUEST_TIMEOUT_MS >= c.HEADERS_TIMEOUT_MS, {
    message: 'REQUEST_TIMEOUT_MS must be at least HEADERS_TIMEOUT_MS (the headers are part of it)',
    path: ['REQUEST_TIMEOUT_MS'],
  })

export interface Config {
  port: number
  host: string
  dataDir: string
  adminToken: string | undefined
  publicUrl: string | undefined
  maxMessageBytes: number
  pingIntervalMs: number
  compactEvery: number
  maxArchiveBytes: number
  maxRoomBytes: number
  /** Upgrades from one address that are not authenticated yet, or failed in the last minute. */
  maxConnectionsPerIp: number
  maxMessagesPerSecond: number
  /** Sustained bytes a connection may send per second (a burst adds one largest frame). */
  maxBytesPerSecond: number
  /** Unsent bytes a socket may hold (beyond its largest document reply) before it is closed. */
  maxBufferedBytes: number
  /** A presence not renewed for this long is removed. */
  presenceTimeoutMs: number
  /** Connections one address may have closed for bad frames (one more every 100 s / this). */
  maxRefusalsPerIp: number
  /** When set, only these origins may open the sync socket. */
  allowedOrigins: string[] | undefined
  durability: 'full' | 'normal'
  logLevel: z.infer<typeof schema>['LOG_LEVEL']
  /** Named versions an imported archive may hold. */
  maxArchiveVersions: number
  /** Reverse proxies whose X-Forwarded-For is believed (addresses and CIDR ranges). */
  trustedProxies: string[]
  /** Without ADMIN_TOKEN, creations per client address: sustained, and at once. */
  maxCreatesPerHour: number
  createBurst: number
  /** Identities made per client address: sustained, and at once. */
  maxJoinsPerMinute: number
  joinBurst: number
  /** Identities made per workshop, from any address: sustained, and at once. */
  maxWorkshopJoinsPerMinute: number
  workshopJoinBurst: number
  /** Identities a workshop may hold; beyond, joining gets 409. */
  maxParticipantsPerWorkshop: number
  /** A request whose headers (or whole body) take longer is cut: a slow client holds no socket. */
  headersTimeoutMs: number
  requestTimeoutMs: number
  /** A download ticket (`POST /api/workshops/<id>/tickets`) is valid this long, once. */
  downloadTicketTtlMs: number
  /** The live totals of a visible vote are republished at most on this fixed interval. */
  liveTallyMs: number
  /**
   * Heavy reads (report, decision log, archive, sessions, attendance) one client address, and
   * one workshop from every address, may have computed at once; beyond, 429 (HeavyReads.ts).
   */
  maxHeavyReadsPerIp: number
  maxHeavyReadsPerWorkshop: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = schema.safeParse(env)
  if (!parsed.success)
    throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error)}`)
  const c = parsed.data
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    adminToken: c.ADMIN_TOKEN,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    pingIntervalMs: c.PING_INTERVAL_MS,
    compactEvery: c.COMPACT_EVERY,
    maxArchiveBytes: c.MAX_ARCHIVE_BYTES,
    maxRoomBytes: c.MAX_ROOM_BYTES,
    maxConnectionsPerIp: c.MAX_CONNECTIONS_PER_IP,
    maxMessagesPerSecond: c.MAX_MESSAGES_PER_SECOND,
    maxBytesPerSecond: c.MAX_BYTES_PER_SECOND,
    maxBufferedBytes: c.MAX_BUFFERED_BYTES,
    presenceTimeoutMs: c.PRESENCE_TIMEOUT_MS,
    maxRefusalsPerIp: c.MAX_REFUSALS_PER_IP,
    allowedOrigins: c.ALLOWED_ORIGINS?.split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    durability: c.DURABILITY,
    logLevel: c.LOG_LEVEL,
    maxArchiveVersions: c.MAX_ARCHIVE_VERSIONS,
    trustedProxies: c.TRUSTED_PROXIES,
    maxCreatesPerHour: c.MAX_CREATES_PER_HOUR,
    createBurst: c.CREATE_BURST,
    maxJoinsPerMinute: c.MAX_JOINS_PER_MINUTE,
    joinBurst: c.JOIN_BURST,
    maxWorkshopJoinsPerMinute: c.MAX_WORKSHOP_JOINS_PER_MINUTE,
    workshopJoinBurst: c.WORKSHOP_JOIN_BURST,
    maxParticipantsPerWorkshop: c.MAX_PARTICIPANTS_PER_WORKSHOP,
    headersTimeoutMs: c.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    downloadTicketTtlMs: c.DOWNLOAD_TICKET_TTL_MS,
    liveTallyMs: c.LIVE_TALLY_MS,
    maxHeavyReadsPerIp: c.MAX_HEAVY_READS_PER_IP,
    maxHeavyReadsPerWorkshop: c.MAX_HEAVY_READS_PER_WORKSHOP,
  }
}
