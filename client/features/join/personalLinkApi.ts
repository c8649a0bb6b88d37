import type { DeviceLink, DeviceLinkStatus, ParticipantCredentials } from '../../../shared/api.ts'
import { bearer, proofOf, request, workshopApi } from '../../app/api.ts'

// The HTTP routes of a person's personal link (README, "The lab over months"), apart from
// client/app/api.ts so that only the dialog loads them (claiming one: DeviceSignIn.tsx).

/**
 * Whose personal link a request handles: `participantId`'s, asked by that person (`proof`,
 * their identity) or by the facilitator (their token alone, `proof` null).
 */
export interface PersonalLinkOf {
  participantId: string
  proof: ParticipantCredentials | null
}

const deviceLinkRequest = <T>(id: string, token: string, of: PersonalLinkOf, method: string) =>
  request<T>(
    `${workshopApi(id)}/participants/${encodeURIComponent(of.participantId)}/device-link`,
    {
      method,
      headers: { ...bearer(token), ...proofOf(of.proof) },
    },
  )

/** Makes the person's personal link (replacing the one they had, which stops at once). */
export const makeDeviceLink = (id: string, token: string, of: PersonalLinkOf) =>
  deviceLinkRequest<DeviceLink>(id, token, of, 'POST')

/** Whether the person has a personal link that works, and since when. */
export const fetchDeviceLink = (id: string, token: string, of: PersonalLinkOf) =>
  deviceLinkRequest<DeviceLinkStatus>(id, token, of, 'GET')

/** Revokes the person's personal link (devices signed in with it stay). */
export const revokeDeviceLink = (id: string, token: string, of: PersonalLinkOf) =>
  deviceLinkRequest<{ revoked: boolean }>(id, token, of, 'DELETE')
