import * as i18n from '@solid-primitives/i18n'
import {
  type Accessor,
  createContext,
  createEffect,
  createSignal,
  type ParentComponent,
  useContext,
} from 'solid-js'
import type { Words } from '../../shared/export/words.ts'
import {
  CORE_CATALOGUES,
  DEFAULT_LOCALE,
  isLocale,
  LOCALES,
  type Locale,
  type MessageKey,
  type Messages,
} from '../../shared/i18n/index.ts'

export const LOCALE_STORAGE_KEY = 'fabrique:locale'

export type Translate = i18n.Translator<Messages>

export interface I18nContextValue {
  locale: Accessor<Locale>
  /** The person's own choice (the language switch): it wins from now on, on this device. */
  setLocale: (locale: Locale) => void
  /**
   * The language of the workshop on screen (null when none): what someone who never chose a
   * language sees, so a workshop created in English greets them in English.
   */
  setWorkshopLocale: (locale: Locale | null) => void
  t: Translate
  /**
   * A count with its noun: `plural('home.template.phases', 3)` picks the `.one` or `.other`
   * message with the language's plural rules (French: 0 and 1 are singular); `vars` fill the
   * rest of a sentence whose verb agrees with the count.
   */
  plural: (base: PluralBase, count: number, vars?: Record<string, string | number>) => string
  /** The page's language and messages, for shared code that words things (`summariseCounts`). */
  words: () => Words
  /**
   * Adds messages to every catalogue, for a lazy chunk that brings its own (the artefacts
   * area: shared/i18n/documents.ts). Call it before the first `t` of those keys; a second
   * call with the same catalogues does nothing.
   */
  addMessages: (messages: Record<Locale, Partial<Messages>>) => void
}

/** Message keys that come in a `.one` / `.other` pair. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one`
    ? `${B}.other` extends MessageKey
      ? B
      : never
    : never
}[MessageKey]

const I18nContext = createContext<I18nContextValue>()

/** The language chosen with the language switch on this device, or null if none was. */
export const storedLocale = (): Locale | null => {
  try {
    const saved = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (isLocale(saved)) return saved
  } catch {
    // storage may be unavailable (private mode): no choice known
  }
  return null
}

/**
 * The UI language: the person's choice (`chosen`, by default the one saved on this device),
 * else the language of the workshop on screen, else French (the product is French first).
 */
export const createI18n = (chosen: Locale | null = storedLocale()): I18nContextValue => {
  const [choice, setChoice] = createSignal<Locale | null>(chosen)
  const [workshopLocale, setWorkshopLocale] = createSignal<Locale | null>(null)
  const locale = () => choice() ?? workshopLocale() ?? DEFAULT_LOCALE
  const [catalogues, setCatalogues] =
    createSignal<Record<Locale, Partial<Messages>>>(CORE_CATALOGUES)
  const added = new Set<Record<Locale, Partial<Messages>>>()
  const addMessages = (messages: Record<Locale, Partial<Messages>>) => {
    if (added.has(messages)) return
    added.add(messages)
    setCatalogues((current) => {
      const next = { ...current }
      for (const code of LOCALES) next[code] = { ...current[code], ...messages[code] }
      return next
    })
  }
  const t = i18n.translator(() => catalogues()[locale()], i18n.resolveTemplate) as Translate
  const setLocale = (next: Locale) => {
    setChoice(next)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // not saved: the choice still applies to this page
    }
  }
  const plural = (
    base: PluralBase,
    count: number,
    vars: Record<string, string | number> = {},
  ): string => {
    const form = new Intl.PluralRules(locale()).select(count) === 'one' ? 'one' : 'other'
    return t(`${base}.${form}`, { ...vars, count })
  }
  const words = (): Words => ({ locale: locale(), message: t })
  return { locale, setLocale, setWorkshopLocale, t, plural, words, addMessages }
}

/** Provides the UI language to every component and keeps `<html lang>` in step with it. */
export const I18nProvider: ParentComponent<{ value?: I18nContextValue }> = (props) => {
  const value = props.value ?? createI18n()
  createEffect(() => {
    document.documentElement.lang = value.locale()
  })
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export const useI18n = (): I18nContextValue => {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}
