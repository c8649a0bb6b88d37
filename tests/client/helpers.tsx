import { render } from '@solidjs/testing-library'
import type { JSX } from 'solid-js'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import type { Locale } from '../../shared/i18n/index.ts'

/** Renders `ui` inside an i18n provider (French unless told). */
export const renderWithI18n = (ui: () => JSX.Element, locale: Locale = 'fr') => {
  const i18n = createI18n(locale)
  const result = render(() => <I18nProvider value={i18n}>{ui()}</I18nProvider>)
  return { ...result, i18n }
}
