import type { WorkshopSession } from '../../shared/api.ts'
import { isLocale } from '../../shared/i18n/locales.ts'
import { ROLES } from '../../shared/roles.ts'

/**
 * The last session the server gave this device for a workshop link, so that a reload without
 * the server (the service worker serves the page, IndexedDB the document) can still show the
 * workspace, read-only. Kept beside the token it was asked with, in the same storage as that
 * token (token.ts), and only for that token: a link opened since is not taken for the old one.
 * It says no more than the link does: the workshop's id, title, template, language and role.
 */
interface SessionCopy {
  token: string
  session: WorkshopSession
}

const isSession = (value: unknown): value is WorkshopSession => {
  const session = value as Partial<WorkshopSession> | null
  const workshop = session?.workshop
  return (
    typeof workshop?.id === 'string' &&
    typeof workshop.title === 'string' &&
    typeof workshop.template === 'string' &&
    isLocale(workshop.locale) &&
    (ROLES as readonly unknown[]).includes(session?.role)
  )
}

export const keepSession = (key: string, token: string, session: WorkshopSession): void => {
  try {
    localStorage.setItem(key, JSON.stringify({ token, session } satisfies SessionCopy))
  } catch {
    // storage unavailable: no offline reload, the page works as before
  }
}

/** The copy kept for `token`, or null (none, another token's, or unreadable). */
export const keptSession = (key: string, token: string): WorkshopSession | null => {
  try {
    const copy = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<SessionCopy> | null
    return copy?.token === token && isSession(copy.session) ? copy.session : null
  } catch {
    return null
  }
}

export const dropSession = (key: string): void => {
  try {
    localStorage.removeItem(key)
  } catch {
    // nothing kept to drop
  }
}
