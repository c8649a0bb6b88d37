import { readFileSync } from 'node:fs'
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import {
  identityStorageKey,
  loadIdentity,
  loadLegacyIdentity,
} from '../../client/features/join/identity.ts'
import { JoinForm } from '../../client/features/join/JoinForm.tsx'
import {
  openPrivateConnection,
  type PrivateConnection,
} from '../../client/sync/privateConnection.ts'
import type { Role } from '../../shared/roles.ts'
import {
  addBox,
  type BoxItem,
  canvasMap,
  deleteItems,
  goToPhase,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { workshopTemplate } from '../../shared/template.ts'
import { amina, fakePrivate, renderCanvasArea, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

const template = workshopTemplate.parse(
  JSON.parse(readFileSync('templates/groupe-nominal.json', 'utf8')),
)
const CANVAS = 'idees'

/** A shared workshop document made from the nominal group template, at the given phase. */
const workshopAt = (phaseId: string | null) => {
  const { doc } = newWorkshop({ templateId: template.id }, template)
  if (phaseId) {
    const index = readFlow(doc).phases.findIndex((phase) => phase.id === phaseId)
    goToPhase(doc, index, 'facilitator')
  }
  return doc
}

const renderArea = (
  doc: Y.Doc,
  privateConnection: PrivateConnection | null,
  role: Role = 'participant',
) => renderCanvasArea(doc, { role, privateConnection })

const notesIn = (doc: Y.Doc): BoxItem[] =>
  canvasMap(doc, CANVAS)
    ? readCanvasContent(doc, CANVAS).items.filter((item): item is BoxItem => item.kind === 'note')
    : []

withoutCanvas2d()
afterEach(() => vi.unstubAllGlobals())

describe('private writing on the canvas', () => {
  it('writes a new note to the private document, never to the shared one, marked private', async () => {
    const shared = workshopAt('generation-silencieuse')
    const sharedNotesBefore = notesIn(shared).length
    const mine = fakePrivate()
    renderArea(shared, mine)

    // The phase is announced, with its rule, above the board.
    // It says plainly that nobody else reads them, the facilitator included.
    expect(screen.getByRole('region', { name: /Écriture individuelle/ })).toHaveTextContent(
      'personne d’autre ne les lit, pas même l’animateur·rice',
    )
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })

    expect(notesIn(mine.doc)).toHaveLength(1)
    expect(notesIn(shared)).toHaveLength(sharedNotesBefore)
    expect(notesIn(mine.doc)[0]).toMatchObject({ createdBy: amina.participantId, group: 'patient' })

    const editor = (await screen.findByRole('textbox', { name: /Texte de/ })) as HTMLTextAreaElement
    editor.value = 'Un transport accompagné'
    fireEvent.input(editor)
    fireEvent.keyDown(editor, { key: 'Escape' })
    expect(notesIn(mine.doc)[0]?.text).toBe('Un transport accompagné')
    expect(notesIn(shared).some((note) => note.text === 'Un transport accompagné')).toBe(false)

    // Marked in words, not only by its look.
    const note = screen.getByRole('option', { name: /Un transport accompagné/ })
    expect(within(note).getByText(/Privé — visible par vous seul·e/)).toBeInTheDocument()
    // Its name says what it shows, in the order a screen reader reads it (WCAG 2.5.3).
    expect(note).toHaveAccessibleName(
      'Note\u00a0: Privé — visible par vous seul·e. Un transport accompagné — Amina, Patient partenaire',
    )
    // …top to bottom, with the words of its parts apart in its text too (no « accompagnéAmina »).
    expect(note.textContent).toMatch(
      /^\s*Privé — visible par vous seul·e\s+Un transport accompagné\s+Amina · Patient partenaire$/,
    )
    expect(screen.getByText('Vous avez 1 note privée sur ce canevas.')).toBeInTheDocument()
  })

  it('keeps the notes already on the shared canvas visible but not editable', async () => {
    const shared = workshopAt(null)
    const before = addBox(
      shared,
      CANVAS,
      { kind: 'note', x: 800, y: 500, text: 'Idée de Jules', createdBy: 'participant-jules-01' },
      'seed',
    )
    goToPhase(shared, 1, 'facilitator')
    renderArea(shared, fakePrivate())
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: '0' }) // 100 %: notes are drawn as elements
    const note = await screen.findByRole('option', { name: /Idée de Jules/ })
    expect(note).not.toHaveAccessibleName(expect.stringContaining('Privé'))
    note.focus()
    fireEvent.keyDown(note, { key: 'Delete' })
    fireEvent.keyDown(note, { key: 'Enter' })
    expect(readCanvasContent(shared, CANVAS).items.some((item) => item.id === before)).toBe(true)
    expect(screen.queryByRole('textbox', { name: /Texte de/ })).toBeNull()
    // The shared canvas's shapes and frames cannot be added during private writing.
    expect(screen.getByRole('button', { name: 'Zone' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Note' })).toBeEnabled()
  })

  it('moves, deletes and undoes private notes with the same keys', async () => {
    const shared = workshopAt('generation-silencieuse')
    const mine = fakePrivate()
    renderArea(shared, mine)
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    const editor = screen.getByRole('textbox', { name: /Texte de/ })
    fireEvent.input(editor, { target: { value: 'Un répit' } })
    fireEvent.keyDown(editor, { key: 'Escape' })
    const [created] = notesIn(mine.doc)
    if (!created) throw new Error('no private note')
    const note = document.querySelector<HTMLElement>(`[data-item-id="${created.id}"]`)
    if (!note) throw new Error('private note not rendered')
    note.focus()
    fireEvent.keyDown(note, { key: 'ArrowRight' })
    expect(notesIn(mine.doc)[0]?.x).toBe(created.x + 20)
    // Changes closer than 400 ms apart are undone together: let the deletion be its own step.
    await new Promise((resolve) => setTimeout(resolve, 450))
    fireEvent.keyDown(note, { key: 'Delete' })
    expect(notesIn(mine.doc)).toHaveLength(0)
    // Per-user undo covers the private document too.
    fireEvent.keyDown(board, { key: 'z', ctrlKey: true })
    expect(notesIn(mine.doc)).toHaveLength(1)
    expect(notesIn(mine.doc)[0]?.x).toBe(created.x + 20)
  })

  it('shows revealed notes as shared notes once the server moved them over', async () => {
    const shared = workshopAt('generation-silencieuse')
    const mine = fakePrivate()
    renderArea(shared, mine)
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    const editor = screen.getByRole('textbox', { name: /Texte de/ })
    fireEvent.input(editor, { target: { value: 'Un répit' } })
    fireEvent.keyDown(editor, { key: 'Escape' })
    const [created] = notesIn(mine.doc)
    if (!created) throw new Error('no private note')
    // What the server's reveal does: copy into the shared canvas, delete from the private one.
    deleteItems(mine.doc, CANVAS, [created.id], 'server')
    const copied = addBox(
      shared,
      CANVAS,
      { kind: 'note', x: created.x, y: created.y, text: 'Révélée', createdBy: amina.participantId },
      'server',
    )
    goToPhase(shared, 2, 'facilitator')
    const note = await screen.findByRole('option', { name: /Révélée/ })
    expect(note).toHaveAttribute('data-item-id', copied)
    expect(note).not.toHaveAccessibleName(expect.stringContaining('Privé'))
    expect(screen.queryByRole('region', { name: /Écriture individuelle/ })).toBeNull()
  })
})

describe('identity issued by the server', () => {
  it('registers anew an identity kept without a secret, offering its name and group', async () => {
    localStorage.setItem(
      identityStorageKey('w9'),
      JSON.stringify({ participantId: 'old-local-id-0001', name: 'Léa', group: 'citizen' }),
    )
    localStorage.setItem('fabrique:token:w9', 'tok')
    expect(loadIdentity('w9')).toBeNull()
    expect(loadLegacyIdentity('w9')).toMatchObject({ name: 'Léa', group: 'citizen' })
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ participantId: 'server-issued-01', secret: 'sec' }), {
          status: 201,
        }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const onJoin = vi.fn()
    renderWithI18n(() => <JoinForm workshopId="w9" workshopRole="participant" onJoin={onJoin} />)
    expect(screen.getByRole('textbox', { name: 'Votre nom' })).toHaveValue('Léa')
    fireEvent.click(screen.getByRole('button', { name: 'Rejoindre' }))
    await waitFor(() => expect(onJoin).toHaveBeenCalled())
    expect(loadIdentity('w9')).toEqual({
      participantId: 'server-issued-01',
      secret: 'sec',
      name: 'Léa',
      group: 'citizen',
    })
  })

  it('says so and keeps the form when the server refuses to register', async () => {
    localStorage.setItem('fabrique:token:w8', 'tok')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: 'token revoked' }), { status: 401 })),
    )
    const onJoin = vi.fn()
    renderWithI18n(() => <JoinForm workshopId="w8" workshopRole="participant" onJoin={onJoin} />)
    fireEvent.input(screen.getByRole('textbox', { name: 'Votre nom' }), {
      target: { value: 'Sam' },
    })
    fireEvent.click(screen.getByRole('radio', { name: 'Autre' }))
    fireEvent.click(screen.getByRole('button', { name: 'Rejoindre' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('token revoked')
    expect(onJoin).not.toHaveBeenCalled()
    expect(loadIdentity('w8')).toBeNull()
  })

  it('gives observers an identity without a secret, without asking the server', () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    const onJoin = vi.fn()
    renderWithI18n(() => <JoinForm workshopId="w7" workshopRole="observer" onJoin={onJoin} />)
    // Asked for nothing (never named): one button in.
    fireEvent.click(screen.getByRole('button', { name: 'Entrer comme observateur·rice' }))
    expect(onJoin).toHaveBeenCalledTimes(1)
    expect(fetchMock).not.toHaveBeenCalled()
    expect(loadIdentity('w7')).toMatchObject({ name: '', secret: null })
  })

  it('opens the private room of the identity with its participant id and secret', () => {
    const urls: string[] = []
    const protocols: string[][] = []
    class Socket {
      binaryType = 'arraybuffer'
      readyState = 0
      constructor(url: string, offered: string[]) {
        urls.push(url)
        protocols.push(offered)
      }
      send() {}
      close() {}
    }
    const connection = openPrivateConnection({
      workshopId: 'ws-1',
      token: 'tok',
      participantId: 'participant-0001',
      secret: 's3',
      persist: false,
      serverUrl: 'ws://example.test/sync',
      WebSocketPolyfill: Socket as unknown as typeof WebSocket,
    })
    expect(urls).toEqual(['ws://example.test/sync/ws-1/private/participant-0001'])
    expect(protocols).toEqual([
      [
        'fabrique',
        'fabrique.token.tok',
        'fabrique.participant.participant-0001',
        'fabrique.secret.s3',
      ],
    ])
    connection.destroy()
  })
})
