import { A } from '@solidjs/router'
import { type JSX, type ParentComponent, Show } from 'solid-js'
import { useI18n } from './i18n.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export interface AppShellProps {
  /** Extra header content, e.g. the workshop title and role. */
  heading?: JSX.Element
  /** Always-visible status (connection state), placed beside the language switch. */
  status?: JSX.Element
  /** Buttons placed between the status and the language switch (the workspace's panels). */
  tools?: JSX.Element
  /**
   * The page is an app, not a document: a slim bar over a main area that fills the window and
   * never scrolls as a whole (its parts scroll). From desktop sizes up; phones keep a page.
   */
  fill?: boolean
  /** A participant's phone (client/features/phone): one screen, the step's action in it. */
  phone?: boolean
}

/** Skip link, header landmark with navigation and language switch, and the main landmark. */
export const AppShell: ParentComponent<AppShellProps> = (props) => {
  const { t } = useI18n()
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault()
    document.getElementById('main')?.focus()
  }
  return (
    <div
      class="app"
      classList={{ 'app--fill': props.fill === true, 'app--phone': props.phone === true }}
    >
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
          {props.tools}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" class={props.fill ? 'app-fill' : 'app-main'} tabindex="-1">
        {props.children}
      </main>
    </div>
  )
}
