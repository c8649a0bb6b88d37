import { loadToken, tokenFromFragment } from '../workspace/token.ts'

/**
 * The projector keeps its own copy of its token: opening the projector with the observer link
 * in the facilitator's browser must not replace the facilitator's saved token (the workshop
 * page reads `fabrique:token:<id>`).
 */
export const projectorTokenKey = (workshopId: string): string =>
  `fabrique:projector-token:${workshopId}`

/** `/w/<id>/projector` */
export const projectorPath = (workshopId: string): string =>
  `/w/${encodeURIComponent(workshopId)}/projector`

/** The projector link for a token: the token travels in the fragment, never to a server log. */
export const projectorLink = (workshopId: string, token: string): string =>
  `${projectorPath(workshopId)}#token=${encodeURIComponent(token)}`

/**
 * The token in the address bar's fragment (kept for reloads and removed from the address bar),
 * else the projector's saved one, else this device's workshop token.
 */
export const takeProjectorToken = (
  workshopId: string,
  loc: Location = window.location,
): string | null => {
  const fromFragment = tokenFromFragment(loc.hash)
  if (fromFragment) {
    try {
      localStorage.setItem(projectorTokenKey(workshopId), fromFragment)
    } catch {
      // storage unavailable: the token still works for this page
    }
    history.replaceState(history.state, '', `${loc.pathname}${loc.search}`)
    return fromFragment
  }
  try {
    const saved = localStorage.getItem(projectorTokenKey(workshopId))
    if (saved) return saved
  } catch {
    // fall through
  }
  return loadToken(workshopId)
}
