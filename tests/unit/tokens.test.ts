import { describe, expect, it } from 'vitest'
import { hashToken, newToken, sealTokens, unsealTokens } from '../../server/workshops/tokens.ts'

describe('capability tokens', () => {
  it('are random, URL-safe and carry at least 128 bits', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken))
    expect(tokens.size).toBe(100)
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(Buffer.from(token, 'base64url').byteLength * 8).toBeGreaterThanOrEqual(128)
    }
  })

  it('hash to a value that does not contain the token', () => {
    const token = newToken()
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(token)).toBe(hashToken(token))
  })

  it('seal the role links so only the facilitator token opens them', () => {
    const tokens = { facilitator: newToken(), participant: newToken(), observer: newToken() }
    const sealed = sealTokens(tokens, 'w1')
    expect(Buffer.from(sealed).toString('latin1')).not.toContain(tokens.participant)
    expect(unsealTokens(sealed, tokens.facilitator, 'w1')).toEqual(tokens)
    expect(() => unsealTokens(sealed, tokens.participant, 'w1')).toThrow()
    expect(() => unsealTokens(sealed, tokens.facilitator, 'w2')).toThrow()
  })
})
