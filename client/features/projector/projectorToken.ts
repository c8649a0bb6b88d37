import { TOKEN_FRAGMENT_KEY } from '../../../shared/api.ts'
import { clearFragment, tokenFromFragment } from '../workspace/token.ts'

/**
 * The projector's own link: the observer token (read-only) and the participant link its join
 * corner shows as a QR code, both in the fragment, which never reaches a server or its logs:
 * `/w/<id>/projector#token=<observer>&join=<participant link>`.
 *
 * The observer link alone never reveals the participant link (an observer may not list the
 * links); the projector link carries it because the room is shown it anyway. The projector
 * keeps its link for the life of its tab only (sessionStorage: a reload works, nothing stays
 * once it is closed) and never reads or keeps the workshop page's token, so a facilitator's
 * token never reaches the projector's browser.
 */
export interface ProjectorLink {
  token: string
  /** The participant link for the QR code, or null (then the corner asks for it). */
  join: string | null
}

const JOIN_KEY = 'join'
const storageKey = (workshopId: string) => `fabrique:projector:${workshopId}`

/** `/w/<id>/projector` */
export const projectorPath = (workshopId: string): string =>
  `/w/${encodeURIComponent(workshopId)}/projector`

export const projectorLink = (workshopId: string, token: string, join: string): string => {
  const fragment = new URLSearchParams({ [TOKEN_FRAGMENT_KEY]: token, [JOIN_KEY]: join })
  return `${projectorPath(workshopId)}#${fragment.toString()}`
}

/** Only a link to this workshop's page with a token: a QR code never sends people elsewhere. */
const joinLink = (workshopId: string, value: unknown): string | null => {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    const path = `/w/${encodeURIComponent(workshopId)}`
    if (!/^https?:$/.test(url.protocol) || url.pathname !== path) return null
    return tokenFromFragment(url.hash) ? url.toString() : null
  } catch {
    return null
  }
}

const stored = (workshopId: string): ProjectorLink | null => {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(workshopId)) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null || !('token' in parsed)) return null
    const { token } = parsed
    if (typeof token !== 'string' || token === '') return null
    return { token, join: joinLink(workshopId, 'join' in parsed ? parsed.join : null) }
  } catch {
    return null
  }
}

/**
 * The link this projector was opened with (then taken out of the address bar), else the one
 * this tab kept, else null. Nothing is kept until `keepProjectorLink` (its session said it is
 * an observer's).
 */
export const readProjectorLink = (
  workshopId: string,
  loc: Location = window.location,
): ProjectorLink | null => {
  const token = tokenFromFragment(loc.hash)
  if (!token) return stored(workshopId)
  const join = new URLSearchParams(loc.hash.slice(1)).get(JOIN_KEY)
  clearFragment(loc)
  return { token, join: joinLink(workshopId, join) }
}

/** Keeps the projector's link for this tab (a reload opens it again). */
export const keepProjectorLink = (workshopId: string, link: ProjectorLink): void => {
  try {
    sessionStorage.setItem(storageKey(workshopId), JSON.stringify(link))
  } catch {
    // storage unavailable: the link still works for this page
  }
}
