import { ApiRequestError } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'

/**
 * What a sessions request's failure says, in the reader's language where the server's words
 * would not help them: unreachable, not the facilitator's link, or a state that changed
 * meanwhile (409: another session runs, or this one ran). A 400 keeps the server's message,
 * which names the field.
 */
export const createSessionErrors = () => {
  const { t } = useI18n()
  const describe = (cause: unknown): string => {
    if (cause instanceof ApiRequestError) {
      if (cause.status === 0) return t('sessions.error.network')
      if (cause.status === 403) return t('sessions.error.forbidden')
      if (cause.status === 409) return t('sessions.error.conflict')
    }
    return cause instanceof Error ? cause.message : String(cause)
  }
  return { describe }
}
