import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import type { RoleTokens } from '../../shared/api.ts'

/** 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url')

/** Workshop ids are public (they name the room); 72 random bits keep them unguessable enough. */
export const newWorkshopId = (): string => randomBytes(9).toString('base64url')

/** Tokens carry 256 bits of entropy, so a plain SHA-256 is enough to store them safely. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Compares two secrets (or their hashes) in constant time. */
export const sameSecret = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest())

const IV_BYTES = 12
const TAG_BYTES = 16

const linkKey = (facilitatorToken: string, workshopId: string): Buffer =>
  Buffer.from(hkdfSync('sha256', facilitatorToken, workshopId, 'fabrique role links', 32))

/**
 * Seals the three role tokens with a key derived from the facilitator token, so the server can
 * give the links back to a facilitator on any device without ever storing a readable token.
 */
export const sealTokens = (tokens: RoleTokens, workshopId: string): Uint8Array => {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', linkKey(tokens.facilitator, workshopId), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

export const unsealTokens = (
  sealed: Uint8Array,
  facilitatorToken: string,
  workshopId: string,
): RoleTokens => {
  const bytes = Buffer.from(sealed)
  const decipher = createDecipheriv(
    'aes-256-gcm',
    linkKey(facilitatorToken, workshopId),
    bytes.subarray(0, IV_BYTES),
  )
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  const plain = Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ])
  return JSON.parse(plain.toString('utf8')) as RoleTokens
}
