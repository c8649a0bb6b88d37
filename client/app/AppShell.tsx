import { A } from '@solidjs/router'
import { type JSX, type ParentComponent, Show } from 'solid-js'
import { useI18n } from './i18n.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export interface AppShellProps {
  /** Extra header content, e.g. the workshop title and role. */
  heading?: JSX.Element
  /** Always-visible status (connection state), placed beside the language switch. */
  status?: JSX.Element
}

/** Skip link, header landmark with navigation and language switch, and the main landmark. */
export const AppShell: ParentComponent<AppShellProps> = (props) => {
  const { t } = useI18n()
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault()
    document.getElementById('main')?.focus()
  }
  return (
    <>
      <a class="skip-link" href="#main" on:click={skipToMain}>
        {t('app.skipLink')}
      </a>
      <header class="app-header">
        <nav class="app-header__nav" aria-label={t('app.mainNav')}>
          <A href="/" class="brand" aria-label={t('app.homeLink')}>
            {t('app.name')}
          </A>
        </nav>
        <Show when={props.heading}>
          <div class="app-header__heading">{props.heading}</div>
        </Show>
        <div class="app-header__tools">
          {props.status}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" class="app-main" tabindex="-1">
        {props.children}
      </main>
    </>
  )
}
