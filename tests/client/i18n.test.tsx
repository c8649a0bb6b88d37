import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { AppShell } from '../../client/app/AppShell.tsx'
import { I18nProvider, LOCALE_STORAGE_KEY, useI18n } from '../../client/app/i18n.tsx'
import { CATALOGUES } from '../../shared/i18n/catalogues.ts'
import { LOCALES, type Locale } from '../../shared/i18n/index.ts'

const Page = () => {
  const { t } = useI18n()
  return (
    <AppShell>
      <h1>{t('app.notFound.title')}</h1>
    </AppShell>
  )
}

const renderPage = () =>
  render(() => (
    <I18nProvider>
      <Router>
        <Route path="*" component={Page} />
      </Router>
    </I18nProvider>
  ))

describe('catalogues', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(CATALOGUES.fr).sort())
  })

  it.each(LOCALES)('%s has no empty message', (locale) => {
    for (const [key, value] of Object.entries(CATALOGUES[locale])) {
      expect(value.trim(), key).not.toBe('')
    }
  })

  it('use the same template placeholders in every language', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()
    const { fr, en } = CATALOGUES
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]))
    }
  })
})

describe('one word for a frame', () => {
  /** The word each language uses for a frame (the templates' own), and the ones it must not. */
  const WORDS = {
    fr: { word: /\bzones?\b/i, not: /\bcadres?\b/i },
    en: { word: /\bareas?\b/i, not: /\b(frames?|zones?)\b/i },
  } as const
  /** Every step's instructions of every shipped template, by language. */
  const instructions = readdirSync('templates')
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const template = JSON.parse(readFileSync(join('templates', name), 'utf8')) as {
        phases: Array<{ instructions: Record<Locale, string> }>
      }
      return template.phases.map((phase) => phase.instructions)
    })

  it.each(LOCALES)(
    '%s says it the same way on the board, in the outline, the flow and the templates',
    (locale) => {
      const { word, not } = WORDS[locale]
      for (const [key, value] of Object.entries(CATALOGUES[locale])) {
        expect(value.replace(/{{[^}]*}}/g, ''), key).not.toMatch(not)
      }
      expect(CATALOGUES[locale]['canvas.kind.frame']).toMatch(word)
      expect(CATALOGUES[locale]['outline.kind.frame']).toMatch(word)
      expect(CATALOGUES[locale]['canvas.tool.frame']).toMatch(word)
      const named = instructions.filter((text) => word.test(text[locale]) || not.test(text[locale]))
      expect(named.length).toBeGreaterThan(0)
      for (const text of named) expect(text[locale]).not.toMatch(not)
    },
  )
})

describe('English typography', () => {
  it('sets no space before % or a colon, as French does', () => {
    for (const [key, value] of Object.entries(CATALOGUES.en)) {
      expect(value, key).not.toMatch(/\s%|}}\s+:|\w\s+:\s/)
    }
  })
})

describe('language switch', () => {
  it('starts in French, switches to English, updates <html lang> and remembers the choice', async () => {
    renderPage()
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page introuvable' }),
    ).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('fr')
    expect(screen.getByRole('link', { name: 'Aller au contenu principal' })).toBeInTheDocument()
    expect(screen.getByRole('banner')).toBeInTheDocument()
    expect(screen.getByRole('navigation')).toBeInTheDocument()
    expect(screen.getByRole('main')).toBeInTheDocument()

    const select = screen.getByRole('combobox', { name: 'Langue' })
    fireEvent.change(select, { target: { value: 'en' } })

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
  })

  it('uses the saved language on the next visit', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en')
    renderPage()
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
  })
})
