import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { ProjectorControls } from '../../client/features/projector/ProjectorControls.tsx'
import { ProjectorPage, ProjectorView } from '../../client/features/projector/ProjectorPage.tsx'
import { projectorLink } from '../../client/features/projector/projectorToken.ts'
import { stageFocus } from '../../client/features/projector/stageFocus.ts'
import { tokenStorageKey } from '../../client/features/workspace/token.ts'
import { createFlow } from '../../client/state/createFlow.ts'
import type { WorkshopSession } from '../../shared/api.ts'
import {
  addBox,
  type BoxItem,
  createCanvas,
  createCharter,
  createDecision,
  createDocument,
  documentBody,
  endWorkshop,
  goToPhase,
  initFlow,
  pauseTimer,
  readFlow,
  setDecisionStatus,
  setProjector,
  startWorkshop,
  upsertParticipant,
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

const JOIN = 'http://localhost/w/ws-1#token=par'

/** A workshop's document with a canvas "Idées", `steps` set up, and started unless told not. */
const workshopDoc = (steps: TemplatePhase[] = phases, { started = true } = {}) => {
  const doc = new Y.Doc()
  createCanvas(doc, { id: 'idees', title: 'Idées' }, ORIGIN)
  initFlow(doc, steps, ORIGIN)
  if (started) startWorkshop(doc, ORIGIN)
  return doc
}
/** The test's steps, each about the canvas "Idées". */
const onCanvas = phases.map((phase) => ({ ...phase, focus: { canvas: 'idees' } }))

/** A frame "Besoins" on the canvas "Idées": its id. */
const addFrame = (doc: Y.Doc) =>
  addBox(doc, 'idees', { kind: 'frame', x: 0, y: 0, w: 560, h: 640, text: 'Besoins' }, ORIGIN)

const renderView = (doc: Y.Doc, joinUrl: string | null = JOIN) =>
  renderWithI18n(() => <ProjectorView doc={doc} session={session('observer')} joinUrl={joinUrl} />)

describe('ProjectorView', () => {
  it('shows the step and its timer in the band, its instructions, and a corner to join', async () => {
    const doc = workshopDoc()
    pauseTimer(doc, ORIGIN)
    renderView(doc)
    expect(screen.getByText('Atelier de mai')).toBeInTheDocument()
    expect(
      screen.getByRole('heading', { level: 1, name: 'Étape 1 sur 2 — Écrire en silence' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('banner')).toContainElement(
      screen.getByRole('timer', { name: 'Temps restant' }),
    )
    expect(screen.getByRole('timer')).toHaveTextContent('10:00')
    // A step that points at nothing: the stage says what to do, large.
    expect(
      within(screen.getByRole('region', { name: 'Ce que l’étape montre' })).getByText(
        'Écrivez vos idées, une par note.',
      ),
    ).toBeInTheDocument()
    const corner = screen.getByRole('contentinfo')
    expect(
      within(corner).getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    // The address to type: the participant link's host, path and token, no other token.
    expect(within(corner).getByText('localhost/w/ws-1')).toBeInTheDocument()
    expect(within(corner).getByText('#token=par')).toBeInTheDocument()
    // No controls at all on the projector.
    expect(screen.queryByRole('button')).toBeNull()

    // The facilitator hides the QR code and the timer from their screen.
    setProjector(doc, { showQr: false, showTimer: false }, ORIGIN)
    await waitFor(() => expect(screen.queryByRole('img')).toBeNull())
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('shows the instructions under the stage whole, and no way to join once the workshop ended', async () => {
    const doc = workshopDoc(onCanvas)
    renderView(doc)
    expect(
      within(screen.getByRole('contentinfo')).getByText('Écrivez vos idées, une par note.'),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    endWorkshop(doc, ORIGIN)
    await screen.findByRole('heading', { name: 'La séance est terminée' })
    expect(screen.queryByRole('img')).toBeNull()
    expect(screen.queryByText(/scannez ce code/)).toBeNull()
  })

  it('ends on the workshop’s title, what the group made and thanks', async () => {
    const doc = workshopDoc(onCanvas)
    for (const [i, text] of ['Navette', 'Repas', 'Écoute'].entries())
      addBox(doc, 'idees', { kind: 'note', x: 200 * i, y: 0, text }, ORIGIN)
    const adopted = createDecision(doc, { title: 'Ouvrir le samedi' }, ORIGIN)
    setDecisionStatus(doc, adopted, 'adopted', ORIGIN)
    createDecision(doc, { title: 'Une navette' }, ORIGIN)
    for (const [id, group] of [
      ['p-000000001', 'patient'],
      ['c-000000001', 'citizen'],
    ] as const)
      upsertParticipant(doc, { id, name: id, group }, ORIGIN)
    renderView(doc)
    endWorkshop(doc, ORIGIN)
    const stage = await screen.findByRole('region', { name: 'Ce que l’étape montre' })
    expect(
      await within(stage).findByRole('heading', { name: session('observer').workshop.title }),
    ).toBeInTheDocument()
    const made = within(stage).getByRole('list', { name: 'Ce que le groupe a produit' })
    expect(
      within(made)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '2 personnes ont pris part',
      '3 notes sur les canevas',
      '2 décisions au journal, dont 1 adoptée',
    ])
    expect(stage).toHaveTextContent('Merci de votre participation !')
  })

  it('reads the frame on the stage as its notes, in reading order', async () => {
    const doc = workshopDoc(onCanvas)
    const frame = addFrame(doc)
    for (const [text, x, y] of [
      ['Être écouté', 200, 200],
      ['Un médecin près de chez soi', 20, 40],
      ['', 200, 40],
      ['Comprendre le pharmacien', 380, 40],
    ] as const)
      addBox(doc, 'idees', { kind: 'note', x, y, text, frame }, ORIGIN)
    addBox(doc, 'idees', { kind: 'note', x: 900, y: 40, text: 'Hors du cadre' }, ORIGIN)
    renderView(doc)
    setProjector(doc, { frame: { phase: 'ecrire', itemId: frame } }, ORIGIN)
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await waitFor(() =>
      expect(
        within(stage)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['Un médecin près de chez soi', 'Comprendre le pharmacien', 'Être écouté']),
    )
    expect(within(stage).getByText('Idées — Besoins')).toBeInTheDocument()
  })

  it('keeps the frame the facilitator put on the stage at the next step on the same canvas', async () => {
    const doc = workshopDoc(onCanvas)
    const frame = addFrame(doc)
    addBox(doc, 'idees', { kind: 'note', x: 20, y: 40, text: 'Un médecin', frame }, ORIGIN)
    renderView(doc)
    setProjector(doc, { frame: { phase: 'ecrire', itemId: frame } }, ORIGIN)
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await within(stage).findByText('Idées — Besoins')
    goToPhase(doc, 1, ORIGIN)
    await within(stage)
      .findByText('Étape 2 sur 2', {}, { timeout: 100 })
      .catch(() => null)
    await waitFor(() => expect(readFlow(doc).phaseIndex).toBe(1))
    expect(within(stage).getByText('Idées — Besoins')).toBeInTheDocument()
    expect(within(stage).getByRole('listitem')).toHaveTextContent('Un médecin')
  })

  it('with no frame chosen, reads what was written when the whole canvas is too small to read', async () => {
    const doc = workshopDoc(onCanvas)
    const frame = addFrame(doc)
    addBox(doc, 'idees', { kind: 'note', x: 20, y: 40, text: 'Dans le cadre', frame }, ORIGIN)
    addBox(doc, 'idees', { kind: 'note', x: 2400, y: 1800, text: 'Loin à droite' }, ORIGIN)
    renderView(doc)
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await waitFor(() =>
      expect(
        within(stage)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['Dans le cadre', 'Loin à droite']),
    )
  })

  it('during a gradient vote shows what is proposed and the scale, not the charter', async () => {
    const doc = workshopDoc([
      {
        id: 'accord',
        title: { fr: 'Notre accord', en: 'Our agreement' },
        instructions: { fr: 'Votez.', en: 'Vote.' },
        focus: { charter: 'ch' },
        allow: { write: false, move: false, vote: true, seeOthers: true },
        vote: {
          kind: 'gradient',
          scale: 'five',
          hidden: true,
          proposal: { fr: 'Nous adoptons la charte.', en: 'We adopt the charter.' },
        },
      },
    ])
    createCharter(
      doc,
      { id: 'ch', role: 'clinician', title: 'Cliniciens', items: [{ text: 'Soigner' }] },
      ORIGIN,
    )
    renderView(doc)
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await within(stage).findByText('Nous adoptons la charte.')
    expect(within(stage).getByText('1. Pas du tout d’accord')).toBeInTheDocument()
    expect(within(stage).queryByText('Soigner')).toBeNull()
  })

  it('on a document, shows the section someone edits, unless the facilitator chose one', async () => {
    const doc = workshopDoc([
      {
        id: 'plan',
        title: { fr: 'Le plan', en: 'The plan' },
        instructions: { fr: 'Écrivez.', en: 'Write.' },
        focus: { document: 'plan' },
        allow: { write: true, move: true, vote: false, seeOthers: true },
      },
    ])
    createDocument(
      doc,
      { id: 'plan', title: 'Plan', text: '# Où en sommes-nous\nRien\n# Ce qui change\nTout' },
      ORIGIN,
    )
    renderView(doc)
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    await within(stage).findByText('Où en sommes-nous')
    // Someone writes in « Ce qui change »: its last paragraph gets more words.
    const body = documentBody(doc, 'plan')
    const last = body?.get((body?.length ?? 1) - 1) as Y.XmlElement
    doc.transact(() => (last.get(0) as Y.XmlText).insert(4, ' a changé'), 'remote')
    await within(stage).findByText('Ce qui change')
    expect(within(stage).queryByText('Où en sommes-nous')).toBeNull()
    setProjector(doc, { section: { phase: 'plan', index: 0 } }, ORIGIN)
    await within(stage).findByText('Où en sommes-nous')
  })

  it('before the start, makes joining the stage: the QR code, large', () => {
    renderView(workshopDoc(phases, { started: false }))
    const stage = screen.getByRole('region', { name: 'Ce que l’étape montre' })
    expect(
      within(stage).getByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    expect(within(stage).getByText('La séance compte 2 étapes.', { exact: false })).toBeTruthy()
  })

  it('asks for the link without one, and shows published results', async () => {
    const doc = workshopDoc()
    const note = addBox(doc, 'idees', { kind: 'note', x: 0, y: 0, text: 'Transport' }, ORIGIN)
    doc.transact(() => doc.getMap('flow').set('phase', 1), ORIGIN)
    renderView(doc, null)
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
    // The chart is a chunk of its own: loading it may take a while on a busy machine.
    const results = await screen.findByRole(
      'region',
      { name: 'Résultats du vote — Voter' },
      { timeout: 5000 },
    )
    expect(screen.getByRole('region', { name: 'Ce que l’étape montre' })).toContainElement(results)
    expect(within(results).getByText('Vote fermé')).toBeInTheDocument()
    expect(results.querySelector('.vote-results__row')).toHaveTextContent(
      '5 points — Dont : Patient partenaire 3, autres groupes 2',
    )
  })
})

describe('stageFocus', () => {
  const box = (id: string, kind: BoxItem['kind'], x: number, y: number, w = 160, h = 160) =>
    ({ id, kind, x, y, w, h, frame: null }) as BoxItem
  const frame = box('cadre', 'frame', 0, 0, 560, 640)
  const inside = box('dedans', 'note', 20, 40)
  const outside = box('dehors', 'note', 1000, 1000)

  it('frames what was written, the chosen frame’s content, or the spotlit item', () => {
    const boxes = [frame, inside, outside]
    expect(stageFocus(boxes, null, null)).toEqual({ x: 20, y: 40, w: 1140, h: 1120 })
    expect(stageFocus(boxes, 'cadre', null)).toEqual({ x: 0, y: 0, w: 180, h: 200 })
    expect(stageFocus(boxes, 'cadre', 'dehors')).toEqual({ x: 1000, y: 1000, w: 160, h: 160 })
    // An empty frame is shown whole; a canvas of frames only, all of them.
    expect(stageFocus([frame, outside], 'cadre', null)).toEqual({ x: 0, y: 0, w: 560, h: 640 })
    expect(stageFocus([frame], null, null)).toEqual({ x: 0, y: 0, w: 560, h: 640 })
    expect(stageFocus([], null, null)).toBeNull()
  })
})

describe('ProjectorControls', () => {
  beforeEach(() => vi.stubGlobal('fetch', fakeWorkshopApi(links)))
  afterEach(() => vi.unstubAllGlobals())

  const renderControls = (doc: Y.Doc, locale?: 'fr' | 'en') =>
    renderWithI18n(() => {
      const flow = createFlow(doc)
      return (
        <ProjectorControls
          workshopId="ws-1"
          token="fac"
          doc={doc}
          flow={flow}
          origin={ORIGIN}
          writable
        />
      )
    }, locale)

  it('opens the projector on its own link and steers what it shows', async () => {
    const doc = workshopDoc(onCanvas)
    const frame = addFrame(doc)
    renderControls(doc)
    const open = await screen.findByRole('link', { name: /Ouvrir la vue projecteur/ })
    const href = open.getAttribute('href') ?? ''
    expect(href).toBe(projectorLink('ws-1', 'obs', JOIN))
    expect(href).not.toContain('fac')
    fireEvent.click(screen.getByRole('checkbox', { name: 'Montrer le code QR pour rejoindre' }))
    // Named by what they show (« − », « + »: WCAG 2.5.3), said in words by their descriptions.
    const size = screen.getByRole('group', { name: 'Taille sur le projecteur' })
    expect(
      within(size).getByRole('button', { name: '−', description: 'Réduire sur le projecteur' }),
    ).toBeEnabled()
    fireEvent.click(
      within(size).getByRole('button', { name: '+', description: 'Agrandir sur le projecteur' }),
    )
    fireEvent.change(screen.getByRole('combobox', { name: 'Partie du canevas à l’écran' }), {
      target: { value: frame },
    })
    expect(readFlow(doc).projector).toEqual({
      showQr: false,
      showTimer: true,
      zoom: 1.25,
      frame: { phase: 'ecrire', itemId: frame },
      section: null,
    })
    expect(screen.getByText('Taille : 125 %')).toBeInTheDocument()
  })

  it('names a template’s frames in the facilitator’s language, as the board does', () => {
    const doc = workshopDoc(onCanvas)
    const seedText = { fr: 'Besoins et population', en: 'Needs and population' }
    addBox(doc, 'idees', { kind: 'frame', x: 0, y: 0, text: seedText.fr, seedText }, ORIGIN)
    renderControls(doc, 'en')
    const part = screen.getByRole('combobox', { name: 'Part of the canvas on screen' })
    expect(
      within(part)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['The whole canvas', 'Needs and population'])
  })
})

describe('ProjectorPage (/w/:id/projector)', () => {
  beforeEach(() => {
    FakeSocket.instances = []
    vi.stubGlobal('WebSocket', FakeSocket)
    vi.stubGlobal('fetch', fakeWorkshopApi(links))
    sessionStorage.clear()
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
  /** Everything this browser keeps, as one string. */
  const kept = () =>
    [localStorage, sessionStorage]
      .flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`))
      .join('\n')

  it('opens on its own link: read-only connection, the QR code, kept for this tab only', async () => {
    // On the facilitator's own laptop: their workshop token is there, and is never read.
    localStorage.setItem(tokenStorageKey('ws-1'), 'fac')
    renderAt(projectorLink('ws-1', 'obs', JOIN))
    expect(window.location.hash).toBe('')
    expect(
      await screen.findByRole('img', { name: 'Code QR pour rejoindre l’atelier' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'La séance n’a pas commencé' })).toBeInTheDocument()
    await waitFor(() => expect(FakeSocket.instances.length).toBe(1))
    expect(FakeSocket.instances[0]?.url).toMatch(/\/sync\/ws-1$/)
    expect(FakeSocket.instances[0]?.protocols).toEqual(['fabrique', 'fabrique.token.obs'])
    const asked = vi.mocked(fetch).mock.calls.map(([url, init]) => ({
      url,
      authorization: new Headers(init?.headers).get('Authorization'),
    }))
    expect(asked).toEqual([{ url: '/api/workshops/ws-1/session', authorization: 'Bearer obs' }])
    expect(JSON.parse(sessionStorage.getItem('fabrique:projector:ws-1') ?? '{}')).toEqual({
      token: 'obs',
      join: JOIN,
    })
    expect(localStorage.getItem(tokenStorageKey('ws-1'))).toBe('fac')
  })

  it('refuses the facilitator’s link, and keeps nothing of it', async () => {
    renderAt(`/w/ws-1/projector#token=fac&join=${encodeURIComponent(JOIN)}`)
    expect(
      await screen.findByRole('heading', { name: 'Ce lien n’est pas celui du projecteur' }),
    ).toBeInTheDocument()
    expect(window.location.hash).toBe('')
    expect(FakeSocket.instances).toEqual([])
    expect(kept()).not.toContain('fac')
  })

  it('shows no QR code for a link that is not this workshop’s', async () => {
    renderAt(projectorLink('ws-1', 'obs', 'http://localhost/w/autre#token=par'))
    expect(
      await screen.findByText('Demandez le lien de participation à l’animateur·rice.'),
    ).toBeInTheDocument()
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('says the link is not valid for an unknown token', async () => {
    renderAt(projectorLink('ws-1', 'nope', JOIN))
    expect(await screen.findByRole('alert')).toHaveTextContent('Ce lien n’est pas valide')
  })
})
