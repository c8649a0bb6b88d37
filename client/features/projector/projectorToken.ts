import type { TokenStorageKey } from '../workspace/token.ts'

/**
 * The projector keeps its own copy of its token: opening the projector with the observer link
 * in the facilitator's browser must not replace the facilitator's saved token (the workshop
 * page reads `fabrique:token:<id>`). Without a saved copy, it falls back to the workshop token.
 */
export const projectorTokenKey: TokenStorageKey = (workshopId) =>
  `fabrique:projector-token:${workshopId}`

/** `/w/<id>/projector` */
export const projectorPath = (workshopId: string): string =>
  `/w/${encodeURIComponent(workshopId)}/projector`

/** The projector link for a token: the token travels in the fragment, never to a server log. */
export const projectorLink = (workshopId: string, token: string): string =>
  `${projectorPath(workshopId)}#token=${encodeURIComponent(token)}`
