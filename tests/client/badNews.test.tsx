import { Route, Router } from '@solidjs/router'
import { render, screen, within } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { BadNews } from '../../client/features/workspace/BadNews.tsx'
import { WorkshopPage } from '../../client/features/workspace/WorkshopPage.tsx'
import type { SaveState } from '../../client/sync/saveState.ts'
import { watchWake } from '../../client/sync/wake.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { type FlowState, goToPhase, initFlow, readFlow } from '../../shared/schema/index.ts'
import { templatePhase } from '../../shared/template.ts'
import { fakeLinks, joinWithForm, useFakeWorkshop } from '../helpers/fakeWorkshop.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

/** A workshop at its second step of two, "Voter". */
const flowAtVote = (): FlowState => {
  const { doc } = newWorkshop()
  const phase = (id: string, title: string) =>
    templatePhase.parse({ id, title: { fr: title, en: title }, instructions: { fr: '.', en: '.' } })
  initFlow(doc, [phase('ecrire', 'Écrire'), phase('voter', 'Voter')], 'test')
  goToPhase(doc, 1, 'test')
  return readFlow(doc)
}

describe('bad news, said plainly', () => {
  const renderNews = (
    state: () => SaveState,
    closeCode: number | null,
    more: { refused?: string | null; slept?: () => number | null } = {},
  ) =>
    renderWithI18n(() => (
      <BadNews
        state={state()}
        closeCode={closeCode}
        linkRevoked={closeCode === CloseCode.unauthorized}
        refused={more.refused ?? null}
        onDismissRefused={() => {}}
        slept={more.slept?.() ?? null}
        onDismissSleep={() => {}}
        flow={flowAtVote}
        readOnly={false}
      />
    ))
  const parts = () =>
    [...(screen.getByRole('alert').querySelectorAll('dt, dd') ?? [])].map(
      (part) => part.textContent,
    )

  it('after 4401: the link was replaced, what was not sent stays here, open the new link here', () => {
    renderNews(() => 'error', CloseCode.unauthorized)
    expect(screen.getByRole('heading', { name: 'Ce lien ne fonctionne plus' })).toBeInTheDocument()
    expect(parts()).toEqual([
      'Ce qui s’est passé',
      'L’animateur·rice a remplacé le lien de l’atelier\u00a0: l’ancien ne donne plus accès.',
      'Ce qui est gardé',
      'Tout ce qui était enregistré reste dans l’atelier. Ce qui n’était pas encore envoyé reste sur cet appareil.',
      'Que faire',
      'Demandez le nouveau lien ou le nouveau code QR, puis ouvrez-le sur cet appareil\u00a0: ce qui y est gardé sera envoyé.',
    ])
  })

  it('after 4413: the workshop is full, the last change is only here, tell the facilitator', () => {
    renderNews(() => 'error', CloseCode.roomFull)
    expect(screen.getByRole('heading', { name: 'L’atelier est plein' })).toBeInTheDocument()
    expect(parts()[3]).toBe(
      'Tout ce qui était enregistré avant reste dans l’atelier. Votre dernier changement est seulement sur cet appareil.',
    )
    expect(parts()[5]).toContain('Prévenez l’animateur·rice.')
  })

  it('after 4400 (said once the page reloaded): only that change is gone, with the server’s reason', () => {
    renderNews(() => 'saved', null, { refused: 'refused document update: too deep' })
    expect(
      screen.getByRole('heading', { name: 'Votre dernier changement a été refusé' }),
    ).toBeInTheDocument()
    expect(parts()[3]).toBe(
      'Tout ce qui était déjà enregistré est là. Seul ce changement a été retiré de cet appareil.',
    )
    expect(parts()[5]).toContain(
      'Raison donnée par le serveur\u00a0: refused document update: too deep',
    )
  })

  it('after a long sleep: how long, what is kept, then where the workshop is once back', () => {
    const [state, setState] = createSignal<SaveState>('offline')
    renderNews(state, null, { slept: () => 12 * 60_000 })
    expect(screen.getByRole('heading', { name: 'De retour après la veille' })).toBeInTheDocument()
    expect(parts()[1]).toBe('Votre appareil était en veille pendant 12 min.')
    expect(parts()[5]).toBe('Reconnexion à l’atelier… L’écran se met à jour tout seul.')
    setState('saved')
    expect(parts()[5]).toBe(
      'Vous êtes à jour\u00a0: l’atelier est à l’étape 2 sur 2, «\u00a0Voter\u00a0».',
    )
  })

  it('says nothing while all is well', () => {
    renderNews(() => 'saved', null)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('watchWake', () => {
  afterEach(() => {
    vi.useRealTimers()
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  })
  const setVisibility = (state: 'visible' | 'hidden') => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  }

  it('tells how long the page was hidden, once it is back, when that was long', () => {
    let now = 0
    const woke: number[] = []
    const stop = watchWake(
      60_000,
      (ms) => woke.push(ms),
      () => now,
    )
    setVisibility('hidden')
    now = 30_000
    setVisibility('visible')
    expect(woke).toEqual([])
    setVisibility('hidden')
    now = 30_000 + 5 * 60_000
    setVisibility('visible')
    expect(woke).toEqual([5 * 60_000])
    stop()
  })

  it('notices timers that stopped while the page stayed visible (a machine asleep)', () => {
    vi.useFakeTimers()
    let now = 0
    const woke: number[] = []
    const stop = watchWake(
      60_000,
      (ms) => woke.push(ms),
      () => now,
    )
    now = 5000
    vi.advanceTimersByTime(5000)
    expect(woke).toEqual([])
    now = 5000 + 10 * 60_000
    vi.advanceTimersByTime(5000)
    expect(woke).toEqual([10 * 60_000])
    stop()
  })
})

describe('on a phone, when the server closes the workshop', () => {
  const links = fakeLinks('open-plan')
  useFakeWorkshop(links)
  afterEach(() => {
    links.tokens.participant = 'par'
  })

  /** Joins as Amina from a phone (the phone's screen: composer first); the workshop's socket. */
  const joinOnPhone = async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }))
    history.replaceState(null, '', '/w/ws-1#token=par')
    render(() => (
      <I18nProvider value={createI18n('en')}>
        <Router>
          <Route path="/w/:id" component={WorkshopPage} />
        </Router>
      </I18nProvider>
    ))
    const socket = await joinWithForm()
    socket.open()
    socket.ack()
    // The phone's screen: the composer first, no board.
    await screen.findByRole('textbox', { name: 'Write an idea' })
    expect(screen.queryByRole('listbox')).toBeNull()
    return socket
  }

  it('after 4413: says it above the step, in the three parts, and keeps the step on screen', async () => {
    const socket = await joinOnPhone()
    socket.onclose?.({ code: CloseCode.roomFull, reason: 'the workshop is full' })
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'The workshop is full' })).toBeInTheDocument()
    expect(alert).toHaveTextContent('What happened')
    expect(alert).toHaveTextContent('What is kept')
    expect(alert).toHaveTextContent('What to do')
    expect(screen.getByRole('button', { name: 'See the board' })).toBeInTheDocument()
  })

  it('after 4401, once the server says the link was replaced: that, and to open the new one here', async () => {
    const socket = await joinOnPhone()
    links.tokens.participant = 'rotated'
    socket.onclose?.({ code: CloseCode.unauthorized, reason: 'the link was replaced' })
    const alert = await screen.findByRole('alert')
    expect(
      within(alert).getByRole('heading', { name: 'This link no longer works' }),
    ).toBeInTheDocument()
    expect(alert).toHaveTextContent('open it on this device')
  })
})
