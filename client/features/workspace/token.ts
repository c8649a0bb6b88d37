import { TOKEN_FRAGMENT_KEY } from '../../../shared/api.ts'

export const tokenStorageKey = (workshopId: string): string => `fabrique:token:${workshopId}`

/** The token in a fragment like `#token=…`, or null. */
export const tokenFromFragment = (hash: string): string | null => {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const token = params.get(TOKEN_FRAGMENT_KEY)?.trim()
  return token ? token : null
}

/** Where a workshop's token is kept on this device (the projector keeps its own copy). */
export type TokenStorageKey = (workshopId: string) => string

export const saveToken = (
  workshopId: string,
  token: string,
  storageKey: TokenStorageKey = tokenStorageKey,
): void => {
  try {
    localStorage.setItem(storageKey(workshopId), token)
  } catch {
    // storage unavailable: the token still works for this page
  }
}

export const loadToken = (
  workshopId: string,
  storageKey: TokenStorageKey = tokenStorageKey,
): string | null => {
  try {
    return localStorage.getItem(storageKey(workshopId))
  } catch {
    return null
  }
}

/**
 * The token for this workshop: the one in the address bar's fragment (saved under
 * `storageKey` for next time and then removed from the address bar, so it is not left on
 * screen or in shared screenshots), else the one saved earlier under `storageKey`, else (for
 * another key than the workshop page's) this device's workshop token, else null.
 */
export const takeToken = (
  workshopId: string,
  loc: Location = window.location,
  storageKey: TokenStorageKey = tokenStorageKey,
): string | null => {
  const fromFragment = tokenFromFragment(loc.hash)
  if (fromFragment) {
    saveToken(workshopId, fromFragment, storageKey)
    history.replaceState(history.state, '', `${loc.pathname}${loc.search}`)
    return fromFragment
  }
  if (storageKey === tokenStorageKey) return loadToken(workshopId)
  return loadToken(workshopId, storageKey) || loadToken(workshopId)
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
