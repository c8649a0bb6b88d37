import { clearDocument } from 'y-indexeddb'
import { isPartnerGroup, type PartnerGroup } from '../../../shared/groups.ts'
import { displayName, participantId } from '../../../shared/schema/index.ts'
import { isSector, type Sector } from '../../../shared/sectors.ts'
import { localDocName } from '../../sync/connection.ts'
import { localPrivateDocName } from '../../sync/privateConnection.ts'

/**
 * Who this browser is in one workshop: chosen at join, kept on this device only.
 *
 * `participantId` and `secret` are issued by the server (`POST /api/workshops/<id>/participants`)
 * for participant and facilitator links: the secret opens this person's private document and
 * tells the server who edits. Observers get no secret (`null`): they never write.
 *
 * An observer is never named (`observerIdentity`): they are asked for nothing, their presence
 * shows no name, and their `name` and `group` are empty stand-ins that nothing shows or sends.
 */
export interface Identity {
  participantId: string
  name: string
  group: PartnerGroup
  /** Their sector or organisation, if they gave one. */
  sector?: Sector
  /** Present (true) only when they opted out of the recognition export. */
  recognitionOptOut?: true
  secret: string | null
  /** An observer's identity: an id of this device's own, and nothing else. */
  observer?: true
}

/** A name and group kept by an older build (no server-issued secret): offered again at join. */
export type LegacyIdentity = Omit<Identity, 'secret'>

export const identityStorageKey = (workshopId: string): string => `fabrique:identity:${workshopId}`

/** 16 random bytes as base64url: 22 URL-safe characters (observers' local id). */
export const newParticipantId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** An observer's identity: a new id of this device's own, no name, no group, no secret. */
export const observerIdentity = (id: string = newParticipantId()): Identity => ({
  participantId: id,
  name: '',
  group: 'other',
  secret: null,
  observer: true,
})

const parseBase = (value: unknown): LegacyIdentity | null => {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const id = participantId.safeParse(record.participantId)
  const name = displayName.safeParse(record.name)
  if (!id.success || !name.success || !isPartnerGroup(record.group)) return null
  return {
    participantId: id.data,
    name: name.data,
    group: record.group,
    // What is not one of them (another build's, a hand-edited storage) is left out, not refused.
    ...(isSector(record.sector) ? { sector: record.sector } : {}),
    ...(record.recognitionOptOut === true ? { recognitionOptOut: true as const } : {}),
  }
}

/**
 * A stored identity. One kept by an older build has no `secret` field at all: it is not an
 * identity any more (the server never issued it), see `parseLegacyIdentity`.
 */
export const parseIdentity = (value: unknown): Identity | null => {
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  if (record.observer === true) {
    const id = participantId.safeParse(record.participantId)
    return id.success ? observerIdentity(id.data) : null
  }
  const base = parseBase(value)
  if (!base) return null
  const secret = (value as Record<string, unknown>).secret
  if (secret === null) return { ...base, secret: null }
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512) return null
  return { ...base, secret }
}

/** The name and group of an identity kept without a secret (to fill the join form again). */
export const parseLegacyIdentity = (value: unknown): LegacyIdentity | null => {
  if (parseIdentity(value)) return null
  return parseBase(value)
}

const readStored = (workshopId: string): unknown => {
  try {
    const raw = localStorage.getItem(identityStorageKey(workshopId))
    return raw ? JSON.parse(raw) : null
  } catch {
    return null
  }
}

export const loadIdentity = (workshopId: string): Identity | null =>
  parseIdentity(readStored(workshopId))

export const loadLegacyIdentity = (workshopId: string): LegacyIdentity | null =>
  parseLegacyIdentity(readStored(workshopId))

export const saveIdentity = (workshopId: string, identity: Identity): void => {
  try {
    localStorage.setItem(identityStorageKey(workshopId), JSON.stringify(identity))
  } catch {
    // storage unavailable: the identity lasts for this page only
  }
}

/**
 * For a person the server forgot: the identity kept on this device goes, and so do this
 * device's copies of the workshop and of their private document (offline storage), which
 * still hold their name, notes and ballots.
 */
export const forgetIdentity = async (workshopId: string, participantId: string): Promise<void> => {
  try {
    localStorage.removeItem(identityStorageKey(workshopId))
  } catch {
    // storage unavailable: nothing was kept
  }
  if (typeof indexedDB === 'undefined') return
  await Promise.allSettled([
    clearDocument(localDocName(workshopId)),
    clearDocument(localPrivateDocName(workshopId, participantId)),
  ])
}

/** The participant and secret to present to the server, or null (observers, old identities). */
export const credentialsOf = (
  identity: Identity,
): { participantId: string; secret: string } | null =>
  identity.secret ? { participantId: identity.participantId, secret: identity.secret } : null
