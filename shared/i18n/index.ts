import { en } from './en.ts'
import { type CoreMessages, fr, type MessageKey, type Messages } from './fr.ts'
import type { Locale } from './locales.ts'

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales.ts'
export type { CoreMessages, MessageKey, Messages }

/**
 * The core message catalogues, by locale: what the client has from the start. The artefacts'
 * messages come with their chunk (documents.ts); every message is in `CATALOGUES`
 * (catalogues.ts).
 */
export const CORE_CATALOGUES: Record<Locale, CoreMessages> = { fr, en }
