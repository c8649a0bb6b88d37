import {
  ADMIN_HEADER,
  type Download,
  type DownloadTicket,
  PARTICIPANT_HEADER,
  type ParticipantCredentials,
  SECRET_HEADER,
  type TicketRequest,
  type VersionSummary,
  type WorkshopLinks,
} from '../../../shared/api.ts'
import type { VersionDiff } from '../../../shared/schema/versions.ts'

/**
 * Versions, exports and import over HTTP (same origin). Errors carry the server's message
 * (`{"error": "..."}`) and the HTTP status (0: the server could not be reached).
 */
export class VersionsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'VersionsApiError'
  }
}

const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`

const send = async (path: string, init: RequestInit): Promise<Response> => {
  let response: Response
  try {
    response = await fetch(path, init)
  } catch (cause) {
    throw new VersionsApiError(0, cause instanceof Error ? cause.message : String(cause))
  }
  if (!response.ok) {
    let message = response.statusText || `HTTP ${response.status}`
    try {
      const body = (await response.json()) as { error?: unknown }
      if (typeof body.error === 'string') message = body.error
    } catch {
      // not JSON: keep the status text
    }
    throw new VersionsApiError(response.status, message)
  }
  return response
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` })

/** Makes a version: the server names as author the participant these headers prove. */
const post = (
  path: string,
  token: string,
  participant: ParticipantCredentials | null,
  name: string,
) =>
  send(path, {
    method: 'POST',
    headers: {
      ...auth(token),
      'Content-Type': 'application/json',
      ...(participant
        ? { [PARTICIPANT_HEADER]: participant.participantId, [SECRET_HEADER]: participant.secret }
        : {}),
    },
    body: JSON.stringify({ name }),
  })

export const fetchVersions = async (workshopId: string, token: string): Promise<VersionSummary[]> =>
  (await send(`${base(workshopId)}/versions`, { headers: auth(token) })).json()

export const createVersion = async (
  workshopId: string,
  token: string,
  participant: ParticipantCredentials | null,
  name: string,
): Promise<VersionSummary> =>
  (await post(`${base(workshopId)}/versions`, token, participant, name)).json()

/** What changed from one version to another; `current` is the live workshop. */
export const fetchDiff = async (
  workshopId: string,
  token: string,
  from: string,
  to: string,
): Promise<VersionDiff> =>
  (
    await send(
      `${base(workshopId)}/versions/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { headers: auth(token) },
    )
  ).json()

/** A version's stored state (a Yjs update), to open it read-only. */
export const fetchVersionState = async (
  workshopId: string,
  token: string,
  versionId: string,
): Promise<Uint8Array> => {
  const response = await send(
    `${base(workshopId)}/versions/${encodeURIComponent(versionId)}/state`,
    { headers: auth(token) },
  )
  return new Uint8Array(await response.arrayBuffer())
}

export const restoreVersion = async (
  workshopId: string,
  token: string,
  participant: ParticipantCredentials | null,
  versionId: string,
  name: string,
): Promise<VersionSummary> =>
  (
    await post(
      `${base(workshopId)}/versions/${encodeURIComponent(versionId)}/restore`,
      token,
      participant,
      name,
    )
  ).json()

/**
 * Imports a workshop archive as a new workshop, from this workshop's page: with its
 * facilitator's link (the server refuses any other), and the admin token if it asks for one.
 */
export const importArchive = async (
  from: { workshopId: string; token: string },
  archive: unknown,
  adminToken?: string,
): Promise<WorkshopLinks> =>
  (
    await send(`${base(from.workshopId)}/import`, {
      method: 'POST',
      headers: {
        ...auth(from.token),
        'Content-Type': 'application/json',
        ...(adminToken ? { [ADMIN_HEADER]: adminToken } : {}),
      },
      body: JSON.stringify(archive),
    })
  ).json()

/**
 * A link that downloads `what` once, within a minute (a download ticket): asked for with the
 * header, so no URL the browser opens, keeps in its history or sends past a proxy holds a token.
 */
export const downloadLink = async (
  workshopId: string,
  token: string,
  what: Download,
): Promise<string> => {
  const response = await send(`${base(workshopId)}/tickets`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ purpose: what } satisfies TicketRequest),
  })
  return ((await response.json()) as DownloadTicket).url
}
