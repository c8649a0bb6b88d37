import { type Component, For } from 'solid-js'
import { isLocale, LOCALES } from '../../shared/i18n/index.ts'
import { useI18n } from './i18n.tsx'

/** Language of the interface; each option is written in its own language. */
export const LanguageSwitch: Component = () => {
  const { t, locale, setLocale } = useI18n()
  return (
    <label class="language-switch">
      <span class="language-switch__label">{t('language.label')}</span>
      <select
        value={locale()}
        onChange={(event) => {
          const next = event.currentTarget.value
          if (isLocale(next)) setLocale(next)
        }}
      >
        <For each={LOCALES}>
          {(code) => (
            <option value={code} lang={code} selected={code === locale()}>
              {t(`language.${code}`)}
            </option>
          )}
        </For>
      </select>
    </label>
  )
}
