import type { Locale } from './locales.ts'

/** The regional variant each language's dates are written in: Québec French, Canadian English. */
const DATE_LOCALES: Record<Locale, string> = { fr: 'fr-CA', en: 'en-CA' }

/**
 * A day as people write it: « 1er mars 2027 », "March 1, 2027". `at` is a time (the day it
 * falls on here) or a calendar day `YYYY-MM-DD` (taken at noon, so no time zone moves it);
 * anything else is returned as it is. French writes the first of the month as an ordinal,
 * which `Intl` does not.
 */
export const formatDay = (locale: Locale, at: number | string): string => {
  const date = typeof at === 'string' ? new Date(`${at}T12:00:00`) : new Date(at)
  if (Number.isNaN(date.getTime())) return String(at)
  const parts = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(date)
  return parts
    .map((part) =>
      locale === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value,
    )
    .join('')
}
