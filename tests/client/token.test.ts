import { afterEach, describe, expect, it } from 'vitest'
import {
  captureTokenFromAddress,
  loadToken,
  takeDeviceSecret,
  takeToken,
  tokenFromFragment,
  tokenStorageKey,
} from '../../client/features/workspace/token.ts'

describe('workshop token', () => {
  afterEach(() => history.replaceState(null, '', '/'))

  it('reads the token from the fragment', () => {
    expect(tokenFromFragment('#token=abc123')).toBe('abc123')
    expect(tokenFromFragment('token=abc%2B1')).toBe('abc+1')
    expect(tokenFromFragment('#other=1')).toBeNull()
    expect(tokenFromFragment('#token=')).toBeNull()
    expect(tokenFromFragment('')).toBeNull()
  })

  it('saves the token, then removes it from the address bar', () => {
    history.replaceState(null, '', '/w/ws1?x=1#token=secret-token')
    expect(takeToken('ws1')).toBe('secret-token')
    expect(localStorage.getItem(tokenStorageKey('ws1'))).toBe('secret-token')
    expect(window.location.hash).toBe('')
    expect(window.location.href).not.toContain('secret-token')
    expect(window.location.pathname + window.location.search).toBe('/w/ws1?x=1')
  })

  it('uses the saved token when the address has none, and null when there is none', () => {
    history.replaceState(null, '', '/w/ws2')
    expect(takeToken('ws2')).toBeNull()
    localStorage.setItem(tokenStorageKey('ws2'), 'kept')
    expect(takeToken('ws2')).toBe('kept')
    expect(loadToken('other')).toBeNull()
  })

  it('prefers a new link over the saved token', () => {
    localStorage.setItem(tokenStorageKey('ws3'), 'old')
    history.replaceState(null, '', '/w/ws3#token=new')
    expect(takeToken('ws3')).toBe('new')
    expect(loadToken('ws3')).toBe('new')
  })
})

describe('a personal link’s secret', () => {
  afterEach(() => history.replaceState(null, '', '/'))

  it('leaves the address bar with the token, is kept in memory only, and is taken once', () => {
    history.replaceState(null, '', '/w/lab1#token=participant-token&device=device-secret')
    captureTokenFromAddress()
    expect(window.location.href).not.toContain('device-secret')
    expect(loadToken('lab1')).toBe('participant-token')
    const stored = [...Array(localStorage.length).keys()].map((i) => {
      const key = localStorage.key(i) ?? ''
      return `${key}=${localStorage.getItem(key)}`
    })
    expect(stored.join('\n')).not.toContain('device-secret')
    expect(sessionStorage.length).toBe(0)
    // The workshop page reads the token again (none in the address now), then the secret.
    expect(takeToken('lab1')).toBe('participant-token')
    expect(takeDeviceSecret('other-lab')).toBeNull()
    expect(takeDeviceSecret('lab1')).toBe('device-secret')
    expect(takeDeviceSecret('lab1')).toBeNull()
  })

  it('is nothing for a role link', () => {
    history.replaceState(null, '', '/w/lab2#token=t')
    captureTokenFromAddress()
    expect(takeDeviceSecret('lab2')).toBeNull()
  })
})

describe('captureTokenFromAddress', () => {
  afterEach(() => history.replaceState(null, '', '/'))

  it('saves and hides the token of a workshop link at start-up', () => {
    history.replaceState(null, '', '/w/ws%201#token=early')
    captureTokenFromAddress()
    expect(loadToken('ws 1')).toBe('early')
    expect(window.location.hash).toBe('')
  })

  it('leaves other pages alone', () => {
    history.replaceState(null, '', '/about#token=nope')
    captureTokenFromAddress()
    expect(window.location.hash).toBe('#token=nope')
  })
})
