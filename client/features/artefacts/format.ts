import { formatDay } from '../../../shared/i18n/dates.ts'

/** Dates for people, in the UI's language (« 1er mars 2027 »), as the exports write them. */
export const formatDate = formatDay

export const formatDateTime = (locale: string, at: number): string =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(at))
