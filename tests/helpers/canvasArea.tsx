import { screen } from '@solidjs/testing-library'
import { afterEach, beforeEach, vi } from 'vitest'
import * as Y from 'yjs'
import { Board } from '../../client/features/canvas/Board.tsx'
import { CanvasArea } from '../../client/features/canvas/CanvasArea.tsx'
import {
  CanvasOutline,
  type OutlineIdentity,
} from '../../client/features/canvas/outline/CanvasOutline.tsx'
import type { CanvasNavigator } from '../../client/features/flow/canvasBridge.ts'
import type { PrivateConnection } from '../../client/sync/privateConnection.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import type { Role } from '../../shared/roles.ts'
import { listCanvases, type ParticipantRecord } from '../../shared/schema/index.ts'
import { renderWithI18n } from '../client/helpers.tsx'

/** The person using the canvas in client tests, and everyone who joined. */
export const amina = {
  participantId: 'participant-amina-01',
  name: 'Amina',
  group: 'patient' as const,
}
export const people: ParticipantRecord[] = [
  { id: amina.participantId, name: 'Amina', group: 'patient', joinedAt: 1 },
  { id: 'participant-jules-01', name: 'Jules', group: 'citizen', joinedAt: 2 },
]

/** jsdom has no 2-D canvas: the minimap and the far-out layer simply draw nothing. */
export const withoutCanvas2d = () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  })
  afterEach(() => vi.restoreAllMocks())
}

/** A private connection already synced with the server (the private document is known). */
export const fakePrivate = (doc = new Y.Doc()): PrivateConnection =>
  ({
    doc,
    provider: { synced: true, on: () => {}, off: () => {} },
    tracker: {
      snapshot: () => ({ state: 'saved', closeCode: null }),
      subscribe: () => () => {},
    },
    whenLocalLoaded: Promise.resolve(),
    destroy: () => {},
  }) as unknown as PrivateConnection

export interface CanvasAreaOptions {
  role?: Role
  privateConnection?: PrivateConnection | null
  showBallot?: boolean
  navigator?: (nav: CanvasNavigator | null) => void
  locale?: Locale
}

/** Amina's canvas area on `doc`, ready (French unless told). */
export const renderCanvasArea = (doc: Y.Doc, options: CanvasAreaOptions = {}) => {
  const role = options.role ?? 'participant'
  return renderWithI18n(
    () => (
      <CanvasArea
        doc={doc}
        awareness={null}
        role={role}
        identity={amina}
        writer={{ role, participantId: role === 'observer' ? null : amina.participantId }}
        participants={() => people}
        writable={role !== 'observer'}
        ready
        privateConnection={options.privateConnection}
        showBallot={options.showBallot}
        navigator={options.navigator}
      />
    ),
    options.locale,
  )
}

/** The first canvas of `doc`. */
export const firstCanvas = (doc: Y.Doc): string => {
  const canvas = listCanvases(doc)[0]
  if (!canvas) throw new Error('no canvas')
  return canvas.id
}

export interface BoardOptions {
  /** The first canvas unless told. */
  canvasId?: string
  canvasTitle?: string
  origin?: object
  readOnly?: boolean
  role?: Role
  locale?: Locale
}

/** Amina's board alone (no toolbar of the area around it), read in English unless told. */
export const renderBoard = (doc: Y.Doc, options: BoardOptions = {}) => {
  const canvasId = options.canvasId ?? firstCanvas(doc)
  const origin = options.origin ?? { user: 'amina' }
  const result = renderWithI18n(
    () => (
      <Board
        doc={doc}
        canvasId={canvasId}
        canvasTitle={options.canvasTitle ?? 'Canvas 1'}
        origin={origin}
        readOnly={options.readOnly ?? false}
        identity={amina}
        writer={{ role: options.role ?? 'participant', participantId: amina.participantId }}
        awareness={null}
        participants={() => people}
      />
    ),
    options.locale ?? 'en',
  )
  return { ...result, canvasId, origin, board: screen.getByRole('listbox') }
}

export interface OutlineOptions {
  identity?: OutlineIdentity
  origin?: object
  readOnly?: boolean
  role?: Role
  rules?: { write: boolean; move: boolean }
  onFocusItem?: (id: string) => void
}

/** The outline of a canvas, as Amina (a participant) unless told, read in English. */
export const renderOutline = (doc: Y.Doc, canvasId: string, options: OutlineOptions = {}) => {
  const identity = options.identity ?? amina
  return renderWithI18n(
    () => (
      <CanvasOutline
        doc={doc}
        canvasId={canvasId}
        origin={options.origin ?? { user: 'amina' }}
        readOnly={options.readOnly ?? false}
        identity={identity}
        writer={{ role: options.role ?? 'participant', participantId: identity.participantId }}
        rules={options.rules}
        onFocusItem={options.onFocusItem ?? (() => {})}
      />
    ),
    'en',
  )
}
