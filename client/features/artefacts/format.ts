import { formatDay } from '../../../shared/i18n/dates.ts'

/** Dates for people, in the UI's language (« 1er mars 2027 »), as the exports write them. */
export const formatDate = formatDay

export const formatDateTime = (locale: string, at: number): string =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(at))

/** Today as YYYY-MM-DD in local time. */
export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
