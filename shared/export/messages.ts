import { CATALOGUES } from '../i18n/catalogues.ts'
import type { Locale, MessageKey } from '../i18n/index.ts'
import type { MessageValues, Words } from './words.ts'

/**
 * Messages for exports, without the client's i18n context (exports also run on the server):
 * the same catalogues, `{{ name }}` filled in from `values`. Every catalogue comes with this
 * module: only the exports import it, never what the page needs to start (see words.ts).
 */
export const message = (locale: Locale, key: MessageKey, values: MessageValues = {}): string =>
  CATALOGUES[locale][key].replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )

/** An export's words in `locale`, for the kinds' drawings and summaries. */
export const wordsIn = (locale: Locale): Words => ({
  locale,
  message: (key, values) => message(locale, key, values),
})
