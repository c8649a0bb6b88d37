import { Route, Router } from '@solidjs/router'
import { render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { ProjectorPage, ProjectorView } from '../../client/features/projector/ProjectorPage.tsx'
import { projectorLink, projectorTokenKey } from '../../client/features/projector/projectorToken.ts'
import { tokenStorageKey } from '../../client/features/workspace/token.ts'
import type { WorkshopSession } from '../../shared/api.ts'
import {
  addBox,
  createCanvas,
  initFlow,
  pauseTimer,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { writeResult } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { FakeSocket, fakeLinks, fakeSession, fakeWorkshopApi } from '../helpers/fakeWorkshop.ts'
import { renderWithI18n } from './helpers.tsx'

const ORIGIN = 'test'

const phases: TemplatePhase[] = [
  {
    id: 'ecrire',
    title: { fr: 'Écrire en silence', en: 'Write in silence' },
    instructions: { fr: 'Écrivez vos idées, une par note.', en: 'Write your ideas.' },
    timeboxMinutes: 10,
    allow: { write: true, move: true, vote: false, seeOthers: false },
  },
  {
    id: 'voter',
    title: { fr: 'Voter', en: 'Vote' },
    instructions: { fr: 'Placez vos points.', en: 'Place your dots.' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'dots', budget: 3, perItemCap: 2, hidden: true },
  },
]

const links = fakeLinks('groupe-nominal')
const session = (role: WorkshopSession['role']) => fakeSession(links, role)

describe('ProjectorView', () => {
  it('shows the step, its instructions and the timer in large type, and the join QR code', async () => {
    const doc = new Y.Doc()
    initFlow(doc, phases, ORIGIN)
    startWorkshop(doc, ORIGIN)
    pauseTimer(doc, ORIGIN)
    renderWithI18n(() => (
      <ProjectorView
        doc={doc}
        session={session('facilitator')}
        joinUrl="http://localhost/w/ws-1#token=par"
      />
    ))
    expect(screen.getByText('Atelier de mai')).toBeInTheDocument()
    expect(
      screen.getByRole('heading', { level: 1, name: 'Étape 1 sur 2 — Écrire en silence' }),
    ).toBeInTheDocument()
    expect(screen.getByText('Écrivez vos idées, une par note.')).toBeInTheDocument()
    const timer = screen.getByRole('timer', { name: 'Temps restant' })
    expect(timer).toHaveTextContent('10:00')
    expect(timer.closest('.phase-timer')).toHaveClass('phase-timer--large')
    expect(
      screen.getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    // No controls at all on the projector.
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('asks for the link without the facilitator token, and shows published results', async () => {
    const doc = new Y.Doc()
    createCanvas(doc, { id: 'idees', title: 'Idées' }, ORIGIN)
    const note = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    initFlow(doc, phases, ORIGIN)
    startWorkshop(doc, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    renderWithI18n(() => <ProjectorView doc={doc} session={session('observer')} joinUrl={null} />)
    expect(
      screen.getByText('Demandez le lien de participation à l’animateur·rice.'),
    ).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
    writeResult(
      doc,
      'voter',
      {
        kind: 'dots',
        closed: true,
        voters: 5,
        groups: { shown: ['patient'], folded: ['citizen'] },
        items: { [note]: { total: 5, byGroup: { patient: 3 }, otherGroups: 2 } },
      },
      'server',
    )
    const results = await screen.findByRole('region', { name: 'Résultats du vote — Voter' })
    expect(within(results).getByText('Vote fermé')).toBeInTheDocument()
    expect(results.querySelector('.vote-results__row')).toHaveTextContent(
      '5 points — Dont : Patient partenaire 3, autres groupes 2',
    )
  })
})

describe('ProjectorPage (/w/:id/projector)', () => {
  beforeEach(() => {
    FakeSocket.instances = []
    vi.stubGlobal('WebSocket', FakeSocket)
    vi.stubGlobal('fetch', fakeWorkshopApi(links))
  })
  afterEach(() => vi.unstubAllGlobals())

  const renderAt = (path: string) => {
    history.replaceState(null, '', path)
    return render(() => (
      <I18nProvider value={createI18n('fr')}>
        <Router>
          <Route path="/w/:id/projector" component={ProjectorPage} />
        </Router>
      </I18nProvider>
    ))
  }

  it('opens with the facilitator token: read-only connection and the participant QR code', async () => {
    localStorage.setItem(tokenStorageKey('ws-1'), 'fac')
    renderAt(projectorLink('ws-1', 'fac'))
    expect(
      await screen.findByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'L’atelier n’a pas commencé' })).toBeInTheDocument()
    expect(window.location.hash).toBe('')
    expect(localStorage.getItem(projectorTokenKey('ws-1'))).toBe('fac')
    await waitFor(() => expect(FakeSocket.instances.length).toBe(1))
    expect(FakeSocket.instances[0]?.url).toMatch(/\/sync\/ws-1$/)
    expect(FakeSocket.instances[0]?.protocols).toEqual(['fabrique', 'fabrique.token.fac'])
  })

  it('with the observer token on the facilitator’s device: observer connection, QR code by header', async () => {
    localStorage.setItem(tokenStorageKey('ws-1'), 'fac')
    renderAt(projectorLink('ws-1', 'obs'))
    expect(
      await screen.findByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    expect(localStorage.getItem(tokenStorageKey('ws-1'))).toBe('fac')
    expect(localStorage.getItem(projectorTokenKey('ws-1'))).toBe('obs')
    await waitFor(() => expect(FakeSocket.instances.length).toBe(1))
    expect(FakeSocket.instances[0]?.url).toMatch(/\/sync\/ws-1$/)
    expect(FakeSocket.instances[0]?.protocols).toEqual(['fabrique', 'fabrique.token.obs'])
    const asked = vi.mocked(fetch).mock.calls.map(([url, init]) => ({
      url,
      authorization: new Headers(init?.headers).get('Authorization'),
    }))
    expect(asked).toContainEqual({ url: '/api/workshops/ws-1/links', authorization: 'Bearer fac' })
  })

  it('with the observer token on another device: no QR code', async () => {
    renderAt(projectorLink('ws-1', 'obs'))
    expect(
      await screen.findByText('Demandez le lien de participation à l’animateur·rice.'),
    ).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('says the link is not valid for an unknown token', async () => {
    renderAt(projectorLink('ws-1', 'nope'))
    expect(await screen.findByRole('alert')).toHaveTextContent('Ce lien n’est pas valide')
  })
})
