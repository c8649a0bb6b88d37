import {
  type ApiError,
  type CarriedBoard,
  type CreateWorkshopRequest,
  type ForgetRequest,
  PARTICIPANT_HEADER,
  type ParticipantCredentials,
  type Participation,
  type PlanSessionRequest,
  SECRET_HEADER,
  type SessionSummary,
  type WorkshopLinks,
  type WorkshopSession,
} from '../../shared/api.ts'
import type { Role } from '../../shared/roles.ts'
import type { VoteResult } from '../../shared/schema/votes.ts'
import type { Localized, TemplateSummary } from '../../shared/template.ts'
import type { Access } from '../sync/connection.ts'

/** A failed API call: `status` 0 means the server could not be reached. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

/**
 * What went wrong, for people: `network` (in their language) when the server could not be
 * reached, else the server's message (or the error's).
 */
export const failureText = (cause: unknown, network: string): string => {
  if (cause instanceof ApiRequestError && cause.status === 0) return network
  return cause instanceof Error ? cause.message : String(cause)
}

const isApiError = (value: unknown): value is ApiError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: unknown }).error === 'string'

export const request = async <T>(path: string, init?: RequestInit): Promise<T> => {
  let response: Response
  try {
    response = await fetch(path, init)
  } catch (cause) {
    throw new ApiRequestError(0, cause instanceof Error ? cause.message : String(cause))
  }
  if (!response.ok) {
    let message = response.statusText || `HTTP ${response.status}`
    try {
      const body: unknown = await response.json()
      if (isApiError(body)) message = body.error
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiRequestError(response.status, message)
  }
  return (await response.json()) as T
}

export const bearer = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
})

export const fetchTemplates = (): Promise<TemplateSummary[]> => request('/api/templates')

export const createWorkshop = (
  body: CreateWorkshopRequest,
  adminToken?: string,
): Promise<WorkshopLinks> =>
  request('/api/workshops', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(adminToken ? bearer(adminToken) : {}) },
    body: JSON.stringify(body),
  })

export const workshopApi = (id: string) => `/api/workshops/${encodeURIComponent(id)}`

/** The headers by which a request proves who the person is (none: nobody in particular). */
export const proofOf = (participant?: ParticipantCredentials | null): Record<string, string> =>
  participant
    ? { [PARTICIPANT_HEADER]: participant.participantId, [SECRET_HEADER]: participant.secret }
    : {}

/** The session of `token`; with `participant`, the server checks that identity too (401 if unknown). */
export const fetchSession = (
  id: string,
  token: string,
  participant?: ParticipantCredentials | null,
): Promise<WorkshopSession> =>
  request(`${workshopApi(id)}/session`, {
    headers: { ...bearer(token), ...proofOf(participant) },
  })

const unknown = (error: unknown) => error instanceof ApiRequestError && error.status === 401

/**
 * Whether the link's token and this person's identity still work. Both are refused alike
 * (401); only when the identity is, the token alone is asked about.
 */
export const checkAccess = (
  id: string,
  token: string,
  participant: ParticipantCredentials | null,
): Promise<Access> =>
  fetchSession(id, token, participant).then(
    () => 'ok',
    (error: unknown) => {
      if (!unknown(error)) throw error
      if (!participant) return 'revoked'
      return fetchSession(id, token).then(
        () => 'forgotten',
        (again: unknown) => {
          if (unknown(again)) return 'revoked'
          throw again
        },
      )
    },
  )

export const fetchLinks = (id: string, token: string): Promise<WorkshopLinks> =>
  request(`${workshopApi(id)}/links`, { headers: bearer(token) })

/** Replaces a role's link (facilitator token): the old one stops at once; the links again. */
export const rotateLink = (id: string, token: string, role: Role): Promise<WorkshopLinks> =>
  request(`${workshopApi(id)}/links/${role}/rotate`, { method: 'POST', headers: bearer(token) })

export const postJson = <T>(path: string, token: string, body: unknown): Promise<T> =>
  request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...bearer(token) },
    body: JSON.stringify(body),
  })

/**
 * Forgets a person, at their own request (with their secret) or the facilitator's (their token
 * alone): the name leaves the workshop, the private document goes, and the identity stops
 * working (README, "Forgetting a person").
 */
export const forgetParticipant = (
  id: string,
  token: string,
  participantId: string,
  secret?: string,
): Promise<{ forgotten: string }> =>
  postJson(
    `${workshopApi(id)}/participants/${encodeURIComponent(participantId)}/forget`,
    token,
    (secret === undefined ? {} : { secret }) satisfies ForgetRequest,
  )

// ── Facilitation (facilitator token) ─────────────────────────────────────────────────────

/** Copies everyone's private notes on the canvas into it (without names when anonymous). */
export const revealNotes = (
  id: string,
  token: string,
  body: { canvasId: string; anonymous: boolean },
): Promise<{ revealed: number }> => postJson(`${workshopApi(id)}/reveal`, token, body)

/** Closes a phase's vote: the server tallies the ballots and publishes the totals. */
export const closeVote = (id: string, token: string, phaseId: string): Promise<VoteResult> =>
  postJson(`${workshopApi(id)}/votes/${encodeURIComponent(phaseId)}/close`, token, {})

export const fetchParticipation = (id: string, token: string): Promise<Participation> =>
  request(`${workshopApi(id)}/participation`, { headers: bearer(token) })

/** Saves the running workshop's structure (phases, canvases) as a new template. */
export const saveWorkshopAsTemplate = (
  id: string,
  token: string,
  body: { id: string; title: Localized; description: Localized },
): Promise<TemplateSummary> => postJson(`${workshopApi(id)}/template`, token, body)

// ── Sessions of the lab ──────────────────────────────────────────────────────────────────

/** The lab's sessions, oldest first, with who came by partner group (any link's token). */
export const fetchSessions = (id: string, token: string): Promise<SessionSummary[]> =>
  request(`${workshopApi(id)}/sessions`, { headers: bearer(token) })

/** Plans a session (facilitator token); a bad field is a 400 naming it. */
export const planSession = (
  id: string,
  token: string,
  body: PlanSessionRequest,
): Promise<SessionSummary> => postJson(`${workshopApi(id)}/sessions`, token, body)

/**
 * Carries a board of an ended session back into the lab (facilitator token): 409 when the lab
 * holds it already.
 */
export const carryBoard = (
  id: string,
  token: string,
  sessionId: string,
  canvasId: string,
): Promise<CarriedBoard> =>
  postJson(
    `${workshopApi(id)}/sessions/${encodeURIComponent(sessionId)}/boards/${encodeURIComponent(canvasId)}/carry`,
    token,
    {},
  )

/** Starts or ends a session (facilitator token): 409 when its state does not allow it. */
export const moveSession = (
  id: string,
  token: string,
  sessionId: string,
  move: 'start' | 'end',
): Promise<SessionSummary> =>
  postJson(`${workshopApi(id)}/sessions/${encodeURIComponent(sessionId)}/${move}`, token, {})
