/** Dates for people, in the UI's language. */
export const formatDate = (locale: string, at: number | string): string => {
  const date = typeof at === 'string' ? new Date(`${at}T12:00:00`) : new Date(at)
  return Number.isNaN(date.getTime())
    ? String(at)
    : new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' }).format(
        date,
      )
}

export const formatDateTime = (locale: string, at: number): string =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(at))

/** Today as YYYY-MM-DD in local time. */
export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
