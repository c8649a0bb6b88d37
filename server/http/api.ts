// Over 500 lines: the table of every /api route, kept in one place so the whole contract
// (README, HTTP and WebSocket contracts) reads top to bottom; the work is in the services.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  ADMIN_HEADER,
  type ApiError,
  claimRequest,
  createWorkshopRequest,
  type Download,
  type DownloadTicket,
  downloadPath,
  forgetRequest,
  PARTICIPANT_HEADER,
  type ParticipantCredentials,
  participantProof,
  planSessionRequest,
  revealRequest,
  SECRET_HEADER,
  saveAsTemplateRequest,
  TICKET_PARAM,
  ticketRequest,
  versionRequest,
} from '../../shared/api.ts'
import { exportFileName } from '../../shared/export/fileName.ts'
import type { Role } from '../../shared/roles.ts'
import { summarizeTemplate } from '../../shared/template.ts'
import { describeIssues } from '../../shared/validation.ts'
import type { ArchiveService } from '../exports/ArchiveService.ts'
import type {
  DecisionFormat,
  ExportService,
  Download as FileDownload,
} from '../exports/ExportService.ts'
import type { FacilitationService } from '../facilitation/FacilitationService.ts'
import type { SessionService } from '../labs/SessionService.ts'
import type { HeavyReads } from '../lib/HeavyReads.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Throttle } from '../lib/Throttle.ts'
import { type TemplateCatalog, TemplateError } from '../templates/TemplateCatalog.ts'
import type { VersionService } from '../versions/VersionService.ts'
import type { DeviceLinkService } from '../workshops/DeviceLinkService.ts'
import { sameSecret } from '../workshops/tokens.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'
import type { ClientAddress } from './clientAddress.ts'
import type { DownloadTickets } from './DownloadTickets.ts'
import {
  bearerToken,
  headerToken,
  readJson,
  readJsonBody,
  readOptionalJson,
  sendJson,
} from './respond.ts'

const JSON_LIMIT = 64 * 1024
const TEMPLATE_LIMIT = 1024 * 1024

export interface ApiContext {
  workshops: WorkshopService
  /** Personal links, and the devices they sign in. */
  devices: DeviceLinkService
  /** Closes the connections opened with a token that was just replaced. */
  revoke: (workshopId: string, tokenHash: string) => void
  archives: ArchiveService
  versions: VersionService
  exports: ExportService
  facilitation: FacilitationService
  sessions: SessionService
  tickets: DownloadTickets
  templates: TemplateCatalog
  /** Heavy reads' limits, their results' sending too (HeavyReads.send). */
  reads: HeavyReads
  adminToken: string | undefined
  /** Without ADMIN_TOKEN, creations per client address (MAX_CREATES_PER_HOUR, CREATE_BURST). */
  creations: Throttle
  /** Identities made per client address (MAX_JOINS_PER_MINUTE, JOIN_BURST). */
  joins: Throttle
  clientAddress: ClientAddress
  maxArchiveBytes: number
  /** Origin the role links point at, for this request. */
  baseUrl: (req: IncomingMessage) => string
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: string[],
) => Promise<void>

/**
 * The `/api` routes. Each is a method, a path pattern and a handler; a handler throws
 * `HttpError` for a 4xx, anything else is a 500 that is logged.
 */
export const createApi = (ctx: ApiContext) => {
  /** Who sent the request (behind TRUSTED_PROXIES), for the limits per address. */
  const clientOf = (req: IncomingMessage) =>
    ctx.clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'])
  /** A file to save (export, decision log, attendance), within the heavy reads' sending limits. */
  const sendDownload = (req: IncomingMessage, res: ServerResponse, download: FileDownload) =>
    ctx.reads.send(
      { client: clientOf(req) },
      res,
      {
        'Content-Type': download.contentType,
        'Content-Disposition': `attachment; filename="${download.fileName}"`,
        'Cache-Control': 'no-store',
      },
      download.body,
    )

  /** Takes a token of the request's client address from `throttle`, else a 429 (`tooMany`). */
  const within = (
    throttle: Throttle,
    req: IncomingMessage,
    tooMany: string,
    code?: ApiError['code'],
  ) => {
    const wait = throttle.take(clientOf(req))
    if (wait > 0) {
      throw new HttpError(
        429,
        `${tooMany} from this address; try again in ${wait} s`,
        { 'Retry-After': String(wait) },
        code,
      )
    }
  }

  /**
   * Creating a workshop, importing one or adding a template: when ADMIN_TOKEN is set, `what`
   * needs it as the bearer token; otherwise anyone may, within a budget per client address.
   */
  const guardCreation = (
    req: IncomingMessage,
    url: URL,
    what: string,
    admin: { token: string | null; where: string } = {
      token: bearerToken(req, url),
      where: 'Authorization: Bearer <ADMIN_TOKEN>',
    },
  ) => {
    if (ctx.adminToken === undefined) {
      within(ctx.creations, req, `${what}: too many workshops, imports and templates`)
      return
    }
    if (admin.token === null || !sameSecret(admin.token, ctx.adminToken)) {
      throw new HttpError(401, `${what} needs ${admin.where}`)
    }
  }

  /** Reads an archive (at most MAX_ARCHIVE_BYTES) and makes a new workshop of it. */
  const importArchive = async (req: IncomingMessage, res: ServerResponse) => {
    let body: Uint8Array
    try {
      body = await readJsonBody(req, ctx.maxArchiveBytes)
    } catch (error) {
      // Too large is a bad archive like any other: 400, and nothing is created.
      if (error instanceof HttpError && error.status === 413) {
        throw new HttpError(400, `archive: larger than ${ctx.maxArchiveBytes} bytes`)
      }
      throw error
    }
    sendJson(res, 201, await ctx.archives.import(body, ctx.baseUrl(req)))
  }

  /** The participant identity a request claims in its headers (checked by the service). */
  const claimedParticipant = (req: IncomingMessage): ParticipantCredentials | null => {
    const parsed = participantProof.safeParse({
      [PARTICIPANT_HEADER]: req.headers[PARTICIPANT_HEADER],
      [SECRET_HEADER]: req.headers[SECRET_HEADER],
    })
    if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
    return parsed.data
  }

  /**
   * The token a download is made with: the one its ticket stands for (`?ticket=`, spent
   * whatever happens next), else the request's own (`Authorization` or `?token=`).
   */
  const downloadToken = (req: IncomingMessage, url: URL, workshopId: string, what: Download) => {
    const ticket = url.searchParams.get(TICKET_PARAM)
    return ticket === null ? bearerToken(req, url) : ctx.tickets.redeem(ticket, workshopId, what)
  }

  const saveTemplate = async (source: string, json: unknown) => {
    try {
      return await ctx.templates.save(source, json)
    } catch (error) {
      if (error instanceof TemplateError) throw new HttpError(400, error.message)
      throw error
    }
  }

  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
    {
      method: 'GET',
      pattern: /^\/api\/templates$/,
      handler: async (_req, res) => sendJson(res, 200, ctx.templates.list()),
    },
    {
      method: 'POST',
      pattern: /^\/api\/templates$/,
      handler: async (req, res, url) => {
        guardCreation(req, url, 'adding a template')
        const template = await saveTemplate('body', await readJson(req, TEMPLATE_LIMIT))
        sendJson(res, 201, summarizeTemplate(template))
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/template$/,
      handler: async (req, res, url, [id = '']) => {
        const parsed = saveAsTemplateRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        const json = await ctx.facilitation.workshopAsTemplate(
          id,
          bearerToken(req, url),
          parsed.data,
        )
        sendJson(res, 201, summarizeTemplate(await saveTemplate('workshop', json)))
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops$/,
      handler: async (req, res, url) => {
        guardCreation(req, url, 'creating a workshop')
        const parsed = createWorkshopRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        sendJson(res, 201, await ctx.workshops.create(parsed.data, ctx.baseUrl(req)))
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/session$/,
      handler: async (req, res, url, [id = '']) =>
        sendJson(
          res,
          200,
          await ctx.workshops.session(id, bearerToken(req, url), claimedParticipant(req)),
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/sessions$/,
      handler: async (req, res, url, [id = '']) =>
        sendJson(res, 200, await ctx.sessions.list(id, bearerToken(req, url), clientOf(req))),
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/sessions$/,
      handler: async (req, res, url, [id = '']) => {
        // The body is read only once the caller may plan: a participant gets 403, whatever it sent.
        const body = async () => {
          const parsed = planSessionRequest.safeParse(await readJson(req, JSON_LIMIT))
          if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
          return parsed.data
        }
        sendJson(res, 201, await ctx.sessions.plan(id, bearerToken(req, url), body))
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/sessions\/([^/]+)\/(start|end)$/,
      handler: async (req, res, url, [id = '', sessionId = '', action = '']) => {
        const token = bearerToken(req, url)
        sendJson(
          res,
          200,
          action === 'start'
            ? await ctx.sessions.start(id, token, sessionId)
            : await ctx.sessions.end(id, token, sessionId),
        )
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/sessions\/([^/]+)\/boards\/([^/]+)\/carry$/,
      handler: async (req, res, url, [id = '', sessionId = '', canvasId = '']) =>
        sendJson(
          res,
          201,
          await ctx.sessions.carry(id, bearerToken(req, url), sessionId, canvasId),
        ),
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/attendance\.csv$/,
      handler: async (req, res, url, [id = '']) => {
        const download = await ctx.sessions.attendanceCsv(
          id,
          downloadToken(req, url, id, 'attendance.csv'),
          clientOf(req),
        )
        sendDownload(req, res, download)
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/links$/,
      handler: async (req, res, url, [id = '']) =>
        sendJson(res, 200, await ctx.workshops.links(id, bearerToken(req, url), ctx.baseUrl(req))),
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/links\/(facilitator|participant|observer)\/rotate$/,
      handler: async (req, res, url, [id = '', role = '']) => {
        const rotated = await ctx.workshops.rotate(
          id,
          bearerToken(req, url),
          role as Role,
          ctx.baseUrl(req),
        )
        ctx.revoke(id, rotated.revokedHash)
        sendJson(res, 200, rotated.links)
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/participants\/([^/]+)\/forget$/,
      handler: async (req, res, url, [id = '', participantId = '']) => {
        // `{secret}` is the person's; the facilitator may send no body at all.
        const parsed = forgetRequest.safeParse(await readOptionalJson(req, JSON_LIMIT, {}))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        sendJson(
          res,
          200,
          await ctx.facilitation.forget(
            id,
            bearerToken(req, url),
            participantId,
            parsed.data.secret ?? null,
          ),
        )
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/participants\/claim$/,
      handler: async (req, res, url, [id = '']) => {
        // A device signed in is a join: the same budget per address, wrong secrets included.
        within(ctx.joins, req, 'signing a device in: too many joins', 'join.address')
        const parsed = claimRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        sendJson(res, 201, await ctx.devices.claim(id, bearerToken(req, url), parsed.data.device))
      },
    },
    ...(['GET', 'POST', 'DELETE'] as const).map((method) => ({
      method,
      pattern: /^\/api\/workshops\/([^/]+)\/participants\/([^/]+)\/device-link$/,
      handler: (async (req, res, url, [id = '', participantId = '']) => {
        const token = bearerToken(req, url)
        const claim = claimedParticipant(req)
        // The person proves who they are with their secret's headers; the facilitator needs none.
        if (method === 'POST') {
          const baseUrl = ctx.baseUrl(req)
          sendJson(res, 201, await ctx.devices.create(id, token, claim, participantId, baseUrl))
        } else if (method === 'GET') {
          sendJson(res, 200, await ctx.devices.status(id, token, claim, participantId))
        } else sendJson(res, 200, await ctx.devices.revoke(id, token, claim, participantId))
      }) satisfies Handler,
    })),
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/participants$/,
      handler: async (req, res, url, [id = '']) => {
        // A shared link lets anyone make identities: within what a room joining at once needs.
        within(ctx.joins, req, 'joining: too many people joining', 'join.address')
        sendJson(res, 201, await ctx.workshops.addParticipant(id, bearerToken(req, url)))
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/tickets$/,
      handler: async (req, res, _url, [id = '']) => {
        // Asked for with the header only: a token in this URL would defeat the purpose.
        // Without one, '' is no token: the session refuses it like a wrong one (401).
        const token = headerToken(req) ?? ''
        await ctx.workshops.session(id, token)
        const parsed = ticketRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        const { purpose } = parsed.data
        // Only for a download the link may make: the attendance is the facilitator's.
        if (purpose === 'attendance.csv') await ctx.sessions.attendanceReader(id, token)
        const issued = ctx.tickets.issue(id, token, purpose)
        const query = new URLSearchParams({ [TICKET_PARAM]: issued.ticket })
        sendJson(res, 201, {
          ...issued,
          url: `${downloadPath(id, purpose)}?${query}`,
        } satisfies DownloadTicket)
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/decisions\.(md|csv|json)$/,
      handler: async (req, res, url, [id = '', format = '']) => {
        const download = await ctx.exports.decisionLog(
          id,
          downloadToken(req, url, id, `decisions.${format as DecisionFormat}`),
          format as DecisionFormat,
          clientOf(req),
        )
        sendDownload(req, res, download)
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/report$/,
      handler: async (req, res, url, [id = '']) => {
        const report = await ctx.exports.report(
          id,
          downloadToken(req, url, id, 'report'),
          clientOf(req),
        )
        // Shown in the browser to print; the CSP of every response forbids any script.
        ctx.reads.send(
          { client: clientOf(req) },
          res,
          { 'Content-Type': report.contentType, 'Cache-Control': 'no-store' },
          report.body,
        )
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/export$/,
      handler: async (req, res, url, [id = '']) => {
        const { title, body } = await ctx.archives.export(
          id,
          downloadToken(req, url, id, 'export'),
          clientOf(req),
        )
        sendDownload(req, res, {
          contentType: 'application/json; charset=utf-8',
          fileName: exportFileName(title, 'fabrique.json', 'atelier'),
          body,
        })
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/import$/,
      handler: async (req, res, url) => {
        guardCreation(req, url, 'importing a workshop')
        await importArchive(req, res)
      },
    },
    {
      // From a workshop's page: its facilitator's (a participant's link, shown in the room, is not).
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/import$/,
      handler: async (req, res, url, [id = '']) => {
        const { role } = await ctx.workshops.session(id, bearerToken(req, url))
        if (role !== 'facilitator')
          throw new HttpError(
            403,
            'only the facilitator link can import an archive from a workshop',
          )
        const admin = req.headers[ADMIN_HEADER]
        guardCreation(req, url, 'importing a workshop', {
          token: typeof admin === 'string' ? admin : null,
          where: `${ADMIN_HEADER}: <ADMIN_TOKEN>`,
        })
        await importArchive(req, res)
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/versions$/,
      handler: async (req, res, url, [id = '']) =>
        sendJson(res, 200, await ctx.versions.list(id, bearerToken(req, url))),
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/versions$/,
      handler: async (req, res, url, [id = '']) => {
        const parsed = versionRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        sendJson(
          res,
          201,
          await ctx.versions.create(
            id,
            bearerToken(req, url),
            claimedParticipant(req),
            parsed.data.name,
          ),
        )
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/versions\/diff$/,
      handler: async (req, res, url, [id = '']) => {
        const from = url.searchParams.get('from')
        const to = url.searchParams.get('to') ?? 'current'
        if (!from)
          throw new HttpError(
            400,
            'from: the id of a version is required (and to, default current)',
          )
        sendJson(res, 200, await ctx.versions.diff(id, bearerToken(req, url), from, to))
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/versions\/([^/]+)\/state$/,
      handler: async (req, res, url, [id = '', versionId = '']) => {
        const state = await ctx.versions.state(id, bearerToken(req, url), versionId)
        res.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'no-store',
        })
        res.end(state)
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/versions\/([^/]+)\/restore$/,
      handler: async (req, res, url, [id = '', versionId = '']) => {
        // The body is read only once the caller may restore: a participant gets 403, whatever it sent.
        const name = async () => {
          const parsed = versionRequest.safeParse(await readJson(req, JSON_LIMIT))
          if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
          return parsed.data.name
        }
        sendJson(
          res,
          201,
          await ctx.versions.restore(
            id,
            bearerToken(req, url),
            claimedParticipant(req),
            versionId,
            name,
          ),
        )
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([^/]+)\/participation$/,
      handler: async (req, res, url, [id = '']) =>
        sendJson(res, 200, await ctx.facilitation.participation(id, bearerToken(req, url))),
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/reveal$/,
      handler: async (req, res, url, [id = '']) => {
        const parsed = revealRequest.safeParse(await readJson(req, JSON_LIMIT))
        if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
        sendJson(res, 200, await ctx.facilitation.reveal(id, bearerToken(req, url), parsed.data))
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([^/]+)\/votes\/([^/]+)\/close$/,
      handler: async (req, res, url, [id = '', phaseId = '']) =>
        sendJson(res, 200, await ctx.facilitation.closeVote(id, bearerToken(req, url), phaseId)),
    },
  ]

  /** Handles the request; throws for the caller to turn into an error response. */
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const matching = routes.filter((route) => route.pattern.test(url.pathname))
    // HEAD is answered as GET: Node sends the headers GET would have, without the body.
    const method = req.method === 'HEAD' ? 'GET' : req.method
    const route = matching.find((candidate) => candidate.method === method)
    if (!route) {
      if (matching.length > 0) {
        const allowed = matching.flatMap(({ method }) =>
          method === 'GET' ? ['GET', 'HEAD'] : [method],
        )
        res.setHeader('Allow', allowed.join(', '))
        throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`)
      }
      throw new HttpError(404, `no API route ${url.pathname}`)
    }
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        throw new HttpError(400, `path: "${part}" is not a valid URL-encoded segment`)
      }
    })
    await route.handler(req, res, url, params)
  }
}
