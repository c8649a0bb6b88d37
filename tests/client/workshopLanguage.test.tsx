import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import { I18nProvider, LOCALE_STORAGE_KEY } from '../../client/app/i18n.tsx'
import HomePage from '../../client/features/home/HomePage.tsx'
import { WorkshopPage } from '../../client/features/workspace/WorkshopPage.tsx'
import { fakeLinks, useFakeWorkshop } from '../helpers/fakeWorkshop.ts'

/** A workshop created in English. */
const links = { ...fakeLinks('open-plan'), locale: 'en' as const }

/** The app as the browser opens it at `path`: the language is the app's to pick. */
const openAt = (path: string) => {
  history.replaceState(null, '', path)
  return render(() => (
    <I18nProvider>
      <Router>
        <Route path="/" component={HomePage} />
        <Route path="/w/:id" component={WorkshopPage} />
      </Router>
    </I18nProvider>
  ))
}

describe('the language a workshop link opens in', () => {
  useFakeWorkshop(links)

  it("is the workshop's when this device never chose one", async () => {
    openAt('/w/ws-1#token=par')
    expect(await screen.findByRole('textbox', { name: 'Your name' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('en')
    // Nothing was chosen: nothing is kept for the next workshop.
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull()
  })

  it('gives way to a language chosen on this device', async () => {
    const page = openAt('/w/ws-1#token=par')
    await screen.findByRole('textbox', { name: 'Your name' })
    page.unmount()
    // French chosen meanwhile, on the home page or in another workshop.
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    openAt('/w/ws-1#token=par')
    expect(await screen.findByRole('textbox', { name: 'Votre nom' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('fr')
  })

  it('is the one chosen with the switch from then on', async () => {
    const page = openAt('/w/ws-1#token=par')
    await screen.findByRole('textbox', { name: 'Your name' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), {
      target: { value: 'fr' },
    })
    expect(screen.getByRole('textbox', { name: 'Votre nom' })).toBeInTheDocument()
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('fr')

    // The link opened again: the choice sticks over the workshop's language.
    page.unmount()
    openAt('/w/ws-1#token=par')
    expect(await screen.findByRole('textbox', { name: 'Votre nom' })).toBeInTheDocument()
  })

  it("is left behind on the home page, which keeps this device's language", async () => {
    openAt('/w/ws-1#token=par')
    await screen.findByRole('textbox', { name: 'Your name' })
    fireEvent.click(screen.getByRole('link', { name: /Fabrique/ }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Créer un atelier' }),
    ).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('fr')
  })
})
