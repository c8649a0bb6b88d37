import {
  type ApiError,
  JOIN_REFUSALS,
  type JoinRefusal,
  type ParticipantCredentials,
} from '../../../shared/api.ts'
import { participantId } from '../../../shared/schema/index.ts'

/**
 * Registration failed: `status` 0 means the server could not be reached. A refusal the page
 * explains has its `code`; one to try again later, the seconds of its Retry-After.
 */
export class RegistrationError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: JoinRefusal | null = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'RegistrationError'
  }
}

/** The seconds of a Retry-After header (its date form is not sent by this server): 1 at least. */
const retryAfterSeconds = (header: string | null): number | null => {
  const seconds = header === null ? Number.NaN : Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(1, Math.ceil(seconds)) : null
}

/**
 * Asks the server for this person's identity in the workshop (participant or facilitator
 * token): `POST /api/workshops/<id>/participants` → `{participantId, secret}`.
 */
export const registerParticipant = async (
  workshopId: string,
  token: string,
): Promise<ParticipantCredentials> => {
  let response: Response
  try {
    response = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/participants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    })
  } catch (cause) {
    throw new RegistrationError(0, cause instanceof Error ? cause.message : String(cause))
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // not JSON
  }
  if (!response.ok) {
    const { error, code } = (body ?? {}) as Partial<Record<keyof ApiError, unknown>>
    throw new RegistrationError(
      response.status,
      typeof error === 'string' ? error : response.statusText || `HTTP ${response.status}`,
      JOIN_REFUSALS.find((refusal) => refusal === code) ?? null,
      response.status === 429 ? retryAfterSeconds(response.headers.get('Retry-After')) : null,
    )
  }
  const record = (body ?? {}) as Partial<ParticipantCredentials>
  const id = participantId.safeParse(record.participantId)
  if (!id.success || typeof record.secret !== 'string' || record.secret === '') {
    throw new RegistrationError(response.status, 'unexpected answer from the server')
  }
  return { participantId: id.data, secret: record.secret }
}
