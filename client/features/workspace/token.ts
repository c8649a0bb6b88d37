import { DEVICE_FRAGMENT_KEY, TOKEN_FRAGMENT_KEY } from '../../../shared/api.ts'

export const tokenStorageKey = (workshopId: string): string => `fabrique:token:${workshopId}`

/** The value of `key` in a fragment like `#token=…&device=…`, or null. */
const fromFragment = (hash: string, key: string): string | null => {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const value = params.get(key)?.trim()
  return value ? value : null
}

/** The token in a fragment like `#token=…`, or null. */
export const tokenFromFragment = (hash: string): string | null =>
  fromFragment(hash, TOKEN_FRAGMENT_KEY)

/**
 * Personal links' secrets read from the address, by workshop: kept in this page's memory only,
 * never stored, until the workshop page spends them (`takeDeviceSecret`).
 */
const deviceSecrets = new Map<string, string>()

/** The secret of the personal link this page was opened with, once (then it is gone). */
export const takeDeviceSecret = (workshopId: string): string | null => {
  const secret = deviceSecrets.get(workshopId) ?? null
  deviceSecrets.delete(workshopId)
  return secret
}

export const saveToken = (workshopId: string, token: string): void => {
  try {
    localStorage.setItem(tokenStorageKey(workshopId), token)
  } catch {
    // storage unavailable: the token still works for this page
  }
}

export const loadToken = (workshopId: string): string | null => {
  try {
    return localStorage.getItem(tokenStorageKey(workshopId))
  } catch {
    return null
  }
}

/** Takes the fragment (`#token=…`) out of the address bar: not left on screen or in screenshots. */
export const clearFragment = (loc: Location = window.location): void => {
  history.replaceState(history.state, '', `${loc.pathname}${loc.search}`)
}

/**
 * The token for this workshop: the one in the address bar's fragment (saved for next time and
 * then removed from the address bar, with a personal link's secret if any: `takeDeviceSecret`),
 * else the one saved earlier, else null.
 */
export const takeToken = (workshopId: string, loc: Location = window.location): string | null => {
  const token = tokenFromFragment(loc.hash)
  if (token) {
    // A personal link: its secret goes with the token, and leaves the address bar with it.
    const device = fromFragment(loc.hash, DEVICE_FRAGMENT_KEY)
    if (device) deviceSecrets.set(workshopId, device)
    saveToken(workshopId, token)
    clearFragment(loc)
    return token
  }
  return loadToken(workshopId)
}

/**
 * Run at start-up, before any page code loads: if the address is a workshop link, save its
 * token and take it out of the address bar at once (the workshop page itself loads lazily).
 */
export const captureTokenFromAddress = (loc: Location = window.location): void => {
  const match = /^\/w\/([^/]+)\/?$/.exec(loc.pathname)
  if (!match?.[1]) return
  let workshopId: string
  try {
    workshopId = decodeURIComponent(match[1])
  } catch {
    return
  }
  takeToken(workshopId, loc)
}
