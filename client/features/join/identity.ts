import { isPartnerGroup, type PartnerGroup } from '../../../shared/groups.ts'
import { displayName, participantId } from '../../../shared/schema/index.ts'

/** Who this browser is in one workshop: chosen at join, kept on this device only. */
export interface Identity {
  participantId: string
  name: string
  group: PartnerGroup
}

export const identityStorageKey = (workshopId: string): string => `fabrique:identity:${workshopId}`

/** 16 random bytes as base64url: 22 URL-safe characters. */
export const newParticipantId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export const parseIdentity = (value: unknown): Identity | null => {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const id = participantId.safeParse(record.participantId)
  const name = displayName.safeParse(record.name)
  if (!id.success || !name.success || !isPartnerGroup(record.group)) return null
  return { participantId: id.data, name: name.data, group: record.group }
}

export const loadIdentity = (workshopId: string): Identity | null => {
  try {
    const raw = localStorage.getItem(identityStorageKey(workshopId))
    return raw ? parseIdentity(JSON.parse(raw)) : null
  } catch {
    return null
  }
}

export const saveIdentity = (workshopId: string, identity: Identity): void => {
  try {
    localStorage.setItem(identityStorageKey(workshopId), JSON.stringify(identity))
  } catch {
    // storage unavailable: the identity lasts for this page only
  }
}
