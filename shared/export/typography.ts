import type { Locale } from '../i18n/locales.ts'

/**
 * French typography in what an export writes itself (its labels and separators; never inside
 * what people wrote): a no-break space before a colon, narrow no-break spaces inside
 * guillemets, so « Patients partenaires : 1 » never breaks before its colon.
 */
const NO_BREAK_SPACE = '\u00a0'
const NARROW_NO_BREAK_SPACE = '\u202f'

/** "Label : value" in French, "Label: value" in English. */
export const labelled = (locale: Locale, label: string, value: string | number): string =>
  `${label}${locale === 'fr' ? NO_BREAK_SPACE : ''}: ${value}`

/** « text » in French, “text” in English. */
export const quoted = (locale: Locale, text: string): string =>
  locale === 'fr'
    ? `«${NARROW_NO_BREAK_SPACE}${text}${NARROW_NO_BREAK_SPACE}»`
    : `\u201c${text}\u201d`
