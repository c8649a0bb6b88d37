import { render } from '@solidjs/testing-library'
import type { ComponentProps, JSX } from 'solid-js'
import type * as Y from 'yjs'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { writeIdea } from '../../client/features/phone/ideas.ts'
import { PHONE_MESSAGES } from '../../client/features/phone/messages.ts'
import { PhoneMain } from '../../client/features/phone/PhoneMain.tsx'
import { createFlow } from '../../client/state/createFlow.ts'
import type { PrivateConnection } from '../../client/sync/privateConnection.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { type CanvasRights, canvasRights } from '../../shared/schema/canvasRights.ts'
import {
  addBox,
  type BoxItem,
  createCanvas,
  deleteCanvas,
  goToPhase,
  initFlow,
  listCanvases,
  readCanvasContent,
} from '../../shared/schema/index.ts'
import type { PhasePermissions } from '../../shared/schema/rights.ts'
import { type TemplatePhase, templatePhase } from '../../shared/template.ts'
import { amina } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'

/**
 * What the phone's client tests (tests/client/phone*.test.tsx) share: Amina's workshop with one
 * canvas and its steps, her rights in a phase, what the canvas holds, and her phone's screen.
 */

/** Renders a phone's part in French, with the messages its chunk brings. */
export const renderWithI18n = (ui: () => JSX.Element) => {
  const i18n = createI18n('fr')
  i18n.addMessages(PHONE_MESSAGES)
  return render(() => <I18nProvider value={i18n}>{ui()}</I18nProvider>)
}

export const CANVAS = 'idees'
export const O = 'test'
export const writer = { role: 'participant' as const, participantId: amina.participantId }
export const author = { createdBy: amina.participantId, group: 'patient' as PartnerGroup }

export const WRITE: PhasePermissions = { write: true, move: true, vote: false, seeOthers: true }
export const PRIVATE: PhasePermissions = { write: true, move: true, vote: false, seeOthers: false }
export const VOTE: PhasePermissions = { write: false, move: false, vote: true, seeOthers: true }

export const phases = [
  { id: 'ecrire', allow: WRITE },
  { id: 'seul', allow: PRIVATE },
  { id: 'points', allow: VOTE, vote: { kind: 'dots', budget: 3, perItemCap: 2, hidden: true } },
].map(({ id, allow, vote }) =>
  templatePhase.parse({
    id,
    title: { fr: `Étape ${id}`, en: `Step ${id}` },
    instructions: { fr: 'Faites-le.', en: 'Do it.' },
    focus: { canvas: CANVAS },
    allow,
    ...(vote ? { vote } : {}),
  }),
)

/**
 * A workshop with one canvas: a frame "Besoins" (two notes by someone else in it), a free note;
 * its flow is `steps` (else `phases`), at the first.
 */
export const workshop = (steps: TemplatePhase[] = phases) => {
  const { doc } = newWorkshop()
  const first = listCanvases(doc)[0]
  createCanvas(doc, { id: CANVAS, title: 'Idées' }, O)
  if (first) deleteCanvas(doc, first.id, O)
  const frame = addBox(
    doc,
    CANVAS,
    { kind: 'frame', x: 0, y: 0, w: 560, h: 640, text: 'Besoins' },
    O,
  )
  const others = ['Un médecin', 'Du transport'].map((text, i) =>
    addBox(
      doc,
      CANVAS,
      { kind: 'note', x: 20, y: 60 + 200 * i, text, createdBy: 'participant-jules-01' },
      O,
    ),
  )
  addBox(doc, CANVAS, { kind: 'note', x: 900, y: 0, text: 'Ailleurs', createdBy: 'x' }, O)
  initFlow(doc, steps, O)
  goToPhase(doc, 0, O)
  return { doc, frame, others }
}

export const rightsIn = (allow: PhasePermissions | null): CanvasRights =>
  canvasRights(writer, { allow, locked: false, privateReady: true })

export const boxes = (doc: Y.Doc): BoxItem[] =>
  readCanvasContent(doc, CANVAS).items.filter((item): item is BoxItem => item.kind !== 'connector')

export const overlaps = (a: BoxItem, b: BoxItem) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

export const write = (
  doc: Y.Doc,
  text: string,
  options: Partial<Parameters<typeof writeIdea>[0]> = {},
) =>
  writeIdea({
    doc,
    privateDoc: null,
    canvasId: CANVAS,
    canvasTitle: 'Idées',
    rights: rightsIn(WRITE),
    frameId: null,
    author,
    text,
    origin: O,
    ...options,
  })

/** Amina's phone on `doc` (French), as the workspace shows it to a participant. */
export const renderPhoneMain = (
  doc: Y.Doc,
  options: {
    privateConnection: PrivateConnection | null
    writable?: boolean
    onOpen?: ComponentProps<typeof PhoneMain>['onOpen']
  },
) =>
  renderWithI18n(() => (
    <PhoneMain
      doc={doc}
      flow={createFlow(doc)}
      now={() => Date.now()}
      role={writer.role}
      identity={amina}
      writer={writer}
      writable={options.writable ?? true}
      ready
      privateConnection={options.privateConnection}
      artefacts={
        options.writable === false
          ? { edit: false, position: false, manage: false }
          : { edit: true, position: true, manage: false }
      }
      board={() => <p>Le tableau</p>}
      onOpen={options.onOpen ?? (() => {})}
    />
  ))
