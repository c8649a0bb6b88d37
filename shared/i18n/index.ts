import { en } from './en.ts'
import { fr, type MessageKey, type Messages } from './fr.ts'
import type { Locale } from './locales.ts'

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales.ts'
export type { MessageKey, Messages }

/** Every message catalogue, by locale. */
export const CATALOGUES: Record<Locale, Messages> = { fr, en }
