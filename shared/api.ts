import { z } from 'zod'
import type { PartnerGroup } from './groups.ts'
import { LOCALES, type Locale } from './i18n/locales.ts'
import type { Role } from './roles.ts'
import { workshopTitle } from './schema/meta.ts'
import { type ParticipantRecord, participantId } from './schema/participants.ts'
import { plannedSessionDate, type SessionStatus, sessionTitle } from './schema/sessionFields.ts'
import type { Sector, SectorOrNone } from './sectors.ts'
import { localized } from './template.ts'

/** Body of `POST /api/workshops`. */
export const createWorkshopRequest = z.strictObject({
  title: workshopTitle,
  template: z.string().min(1, 'must name a template (see GET /api/templates)'),
  locale: z.enum(LOCALES).default('fr'),
})
export type CreateWorkshopRequest = z.input<typeof createWorkshopRequest>

export type RoleTokens = Record<Role, string>

/** Response of `POST /api/workshops` (201) and of `GET /api/workshops/<id>/links`. */
export interface WorkshopLinks {
  id: string
  title: string
  template: string
  locale: Locale
  tokens: RoleTokens
  /** One URL per role; the token travels in the fragment so it never reaches a server log. */
  links: RoleTokens
}

/** Response of `GET /api/workshops/<id>/session`: who the presented token makes you. */
export interface WorkshopSession {
  workshop: { id: string; title: string; template: string; locale: Locale }
  role: Role
}

/**
 * Response of `POST /api/workshops/<id>/participants`: the identity a browser keeps to open
 * its private document (`/sync/<id>/private/<participantId>` with `participant` and `secret`).
 */
export interface ParticipantCredentials {
  participantId: string
  secret: string
}

/**
 * Response of `POST /api/workshops/<id>/participants/<pid>/device-link` (201): the person's
 * personal link, shown once (the server keeps only its hash). It opens the lab as a
 * participant on another device and signs that device in as the same person
 * (`POST …/participants/claim`); a new one replaces it, and `DELETE …/device-link` revokes it.
 */
export interface DeviceLink {
  link: string
  /** Milliseconds since the epoch. */
  createdAt: number
}

/** Response of `GET …/participants/<pid>/device-link`: whether the person has a link that works. */
export interface DeviceLinkStatus {
  active: boolean
  createdAt: number | null
}

/** Body of `POST /api/workshops/<id>/participants/claim`: the secret of a personal link. */
export const claimRequest = z.strictObject({
  device: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
})
export type ClaimRequest = z.input<typeof claimRequest>

/**
 * Response of `POST …/participants/claim` (201): the person the link signs in (their id, a
 * secret of this device's own) and their record in the lab, so the device asks them nothing.
 */
export interface DeviceClaim extends ParticipantCredentials {
  record: ParticipantRecord
}

/**
 * Headers by which an HTTP request proves the participant identity issued at join, when it
 * matters who makes it (a named version's author). Lower case, as Node names them.
 */
export const PARTICIPANT_HEADER = 'x-fabrique-participant'
export const SECRET_HEADER = 'x-fabrique-secret'

/**
 * The ADMIN_TOKEN of a request whose `Authorization` holds a workshop's link: importing an
 * archive from a workshop's page (`POST /api/workshops/<id>/import`, its facilitator's).
 */
export const ADMIN_HEADER = 'x-fabrique-admin'

/**
 * The identity a request claims in its headers: both headers or neither (`null`). The server
 * then checks the secret; a claim it does not prove is refused, never ignored.
 */
export const participantProof = z
  .object({
    [PARTICIPANT_HEADER]: participantId.optional(),
    [SECRET_HEADER]: z
      .string()
      .min(1, 'must not be empty')
      .max(512, 'must be at most 512 characters')
      .optional(),
  })
  .transform((headers, ctx): ParticipantCredentials | null => {
    const claimed = headers[PARTICIPANT_HEADER]
    const secret = headers[SECRET_HEADER]
    if (claimed === undefined && secret === undefined) return null
    if (claimed === undefined || secret === undefined) {
      const [missing, present] =
        claimed === undefined
          ? [PARTICIPANT_HEADER, SECRET_HEADER]
          : [SECRET_HEADER, PARTICIPANT_HEADER]
      ctx.addIssue({ code: 'custom', path: [missing], message: `is required with ${present}` })
      return z.NEVER
    }
    return { participantId: claimed, secret }
  })

/** Body of `POST /api/workshops/<id>/reveal` (facilitator). */
export const revealRequest = z.strictObject({
  canvasId: z.string().min(1, 'must name the canvas whose private notes to reveal'),
  anonymous: z.boolean().default(false),
})
export type RevealRequest = z.input<typeof revealRequest>

export interface ContributionCounts {
  /** Notes and texts written on the shared canvases (a template's seed notes are nobody's). */
  notes: number
  /** Notes written in private and not revealed yet: how many, never what. */
  privateNotes: number
  /**
   * Pieces of the workshop changed other than one's own notes (an item moved or retyped, a
   * document, a charter item, a plan entry): each once per person, however many keystrokes.
   */
  edits: number
  /** Votes taken part in (a ballot that holds something); never what the ballot says. */
  votes: number
}

/** Response of `GET /api/workshops/<id>/participation` (facilitator): is everyone heard? */
export interface Participation {
  byGroup: Record<PartnerGroup, ContributionCounts & { people: number }>
  /** The same, by the sector people gave (`none`: they gave none). */
  bySector: Record<SectorOrNone, ContributionCounts & { people: number }>
  people: Array<
    ContributionCounts & {
      id: string
      name: string
      group: PartnerGroup
      /** Null when they gave none. */
      sector: Sector | null
    }
  >
  /** Notes revealed anonymously: counted, attributed to nobody. */
  anonymousNotes: number
  /** Private notes not revealed yet, per canvas they wait for: how many, from how many people. */
  privateNotesByCanvas: Array<{ canvasId: string; notes: number; people: number }>
}

/** Body of `POST /api/workshops/<id>/sessions` (facilitator): a session of the lab to plan. */
export const planSessionRequest = z.strictObject({
  title: sessionTitle,
  template: z.string().min(1, 'must name a template (see GET /api/templates)'),
  date: plannedSessionDate,
})
export type PlanSessionRequest = z.input<typeof planSessionRequest>

/**
 * A session of the lab, as `GET /api/workshops/<id>/sessions` lists it (oldest first) and
 * `POST …/sessions` (201), `…/sessions/<sessionId>/start` and `…/end` answer.
 */
export interface SessionSummary {
  sessionId: string
  title: string
  template: string
  /** Its day, YYYY-MM-DD, in Montréal. */
  date: string
  status: SessionStatus
  /** Whether the lab's flow is this session's (the one its start and end buttons move). */
  current: boolean
  /** How many people came (connected at least once during it), by partner group. */
  attendance: Record<PartnerGroup, number>
  /**
   * Once it ended and the next session started, its boards, kept read-only in a room of their
   * own (`boardsRoom`, `<id>/session/<sessionId>` on `/sync`); none before. `title` in the
   * lab's language.
   */
  boards: Array<{ canvasId: string; title: string }>
  boardsRoom: string | null
}

/**
 * Response of `POST /api/workshops/<id>/sessions/<sessionId>/boards/<canvasId>/carry`
 * (facilitator, 201): the board copied into the lab, for the session running or the next.
 */
export interface CarriedBoard {
  canvasId: string
  title: string
  /** The session it was carried from. */
  from: string
}

/** Body of `POST /api/workshops/<id>/template` (facilitator): save its structure as a template. */
export const saveAsTemplateRequest = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
  title: localized,
  description: localized,
})

/**
 * Body of `POST /api/workshops/<id>/versions` and of a restore. `author` is still accepted
 * from older clients but never used: the server names the author (see `VersionSummary`).
 */
export const versionRequest = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  author: z.string().trim().max(60, 'must be at most 60 characters').optional(),
})
export type VersionRequest = z.input<typeof versionRequest>

/** A named version as the API lists it. */
export interface VersionSummary {
  id: string
  name: string
  /**
   * Who made it: the name in the workshop of the person the request proved to be (headers
   * `PARTICIPANT_HEADER` and `SECRET_HEADER`), or '' when it proved nobody or that person's
   * name was removed since (then `authorRole` says who). A version made before the server
   * named authors, or imported, keeps the text it came with.
   */
  author: string
  /** The role of the link it was made with; absent on versions made before, or imported. */
  authorRole?: Role
  createdAt: number
  /** Bytes of the stored state. */
  size: number
}

/** Body of `POST /api/workshops/<id>/participants/<pid>/forget`: the person's own secret (or none, for the facilitator). */
export const forgetRequest = z.strictObject({ secret: z.string().min(1).optional() })
export type ForgetRequest = z.input<typeof forgetRequest>

/**
 * What a download ticket is for: one of the downloads of `GET /api/workshops/<id>/<download>`.
 * (A version's state is fetched with the Authorization header, never through a link.)
 */
export const DOWNLOADS = [
  'decisions.md',
  'decisions.csv',
  'decisions.json',
  'report',
  'export',
  'attendance.csv',
] as const
export type Download = (typeof DOWNLOADS)[number]

/** Body of `POST /api/workshops/<id>/tickets` (any link, as `Authorization: Bearer`). */
export const ticketRequest = z.strictObject({
  purpose: z.enum(DOWNLOADS, { error: `must be one of ${DOWNLOADS.join(', ')}` }),
})
export type TicketRequest = z.input<typeof ticketRequest>

/**
 * Response of `POST /api/workshops/<id>/tickets` (201): `url` (a path on this server) downloads
 * `purpose` once, with the rights of the token the ticket was asked with, until `expiresAt`.
 */
export interface DownloadTicket {
  ticket: string
  /** Milliseconds since the epoch. */
  expiresAt: number
  url: string
}

/** The query parameter that carries a download ticket. */
export const TICKET_PARAM = 'ticket'

/** `/api/workshops/<id>/<download>`, without its ticket. */
export const downloadPath = (workshopId: string, download: Download): string =>
  `/api/workshops/${encodeURIComponent(workshopId)}/${download}`

/**
 * Why joining (`POST /api/workshops/<id>/participants`) was refused, for the page to say in
 * the person's language: too many identities made from this address, or in this workshop,
 * just now (429, with Retry-After), or the workshop holds all the identities it may (409).
 */
export const JOIN_REFUSALS = ['join.address', 'join.workshop', 'join.full'] as const
export type JoinRefusal = (typeof JOIN_REFUSALS)[number]

/** Every error response of the HTTP API; `code` names a refusal a page explains itself. */
export interface ApiError {
  error: string
  code?: JoinRefusal
}

/** The page a role link opens: `/w/<id>#token=<token>`. */
export const workshopPath = (id: string): string => `/w/${encodeURIComponent(id)}`
export const TOKEN_FRAGMENT_KEY = 'token'
/** Where a personal link holds its secret: `/w/<id>#token=<participant token>&device=<secret>`. */
export const DEVICE_FRAGMENT_KEY = 'device'

/**
 * A personal link: the lab's page with the participant link's token and the link's secret in
 * the fragment, which browsers never send to a server.
 */
export const personalLink = (baseUrl: string, id: string, token: string, device: string) =>
  `${baseUrl}${workshopPath(id)}#${new URLSearchParams({ [TOKEN_FRAGMENT_KEY]: token, [DEVICE_FRAGMENT_KEY]: device })}`
