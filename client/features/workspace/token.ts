import { TOKEN_FRAGMENT_KEY } from '../../../shared/api.ts'

export const tokenStorageKey = (workshopId: string): string => `fabrique:token:${workshopId}`

/** The token in a fragment like `#token=…`, or null. */
export const tokenFromFragment = (hash: string): string | null => {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const token = params.get(TOKEN_FRAGMENT_KEY)?.trim()
  return token ? token : null
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
 * then removed from the address bar), else the one saved earlier, else null.
 */
export const takeToken = (workshopId: string, loc: Location = window.location): string | null => {
  const fromFragment = tokenFromFragment(loc.hash)
  if (fromFragment) {
    saveToken(workshopId, fromFragment)
    clearFragment(loc)
    return fromFragment
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
