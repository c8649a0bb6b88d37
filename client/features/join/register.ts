import type { ApiError, ParticipantCredentials } from '../../../shared/api.ts'
import { participantId } from '../../../shared/schema/index.ts'

/** Registration failed: `status` 0 means the server could not be reached. */
export class RegistrationError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'RegistrationError'
  }
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
    const error = (body as Partial<ApiError> | null)?.error
    throw new RegistrationError(
      response.status,
      typeof error === 'string' ? error : response.statusText || `HTTP ${response.status}`,
    )
  }
  const record = (body ?? {}) as Partial<ParticipantCredentials>
  const id = participantId.safeParse(record.participantId)
  if (!id.success || typeof record.secret !== 'string' || record.secret === '') {
    throw new RegistrationError(response.status, 'unexpected answer from the server')
  }
  return { participantId: id.data, secret: record.secret }
}
