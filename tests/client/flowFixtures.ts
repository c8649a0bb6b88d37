import * as Y from 'yjs'
import type { Participation } from '../../shared/api.ts'
import { createCanvas, initFlow } from '../../shared/schema/index.ts'
import type { TemplatePhase } from '../../shared/template.ts'

/** The workshop of the flow's client tests: one canvas, three steps (read, write alone, vote). */
export const ORIGIN = 'test'
export const NOW = 1_700_000_000_000

export const phases: TemplatePhase[] = [
  {
    id: 'question',
    title: { fr: 'La question', en: 'The question' },
    instructions: { fr: 'On lit la question ensemble.', en: 'We read the question together.' },
    timeboxMinutes: 5,
    focus: { canvas: 'idees' },
    allow: { write: false, move: false, vote: false, seeOthers: true },
  },
  {
    id: 'ecrire',
    title: { fr: 'Écrire en silence', en: 'Write in silence' },
    instructions: { fr: 'Écrivez vos idées.', en: 'Write your ideas.' },
    timeboxMinutes: 10,
    focus: { canvas: 'idees' },
    allow: { write: true, move: true, vote: false, seeOthers: false },
  },
  {
    id: 'voter',
    title: { fr: 'Voter', en: 'Vote' },
    instructions: { fr: 'Placez vos points.', en: 'Place your dots.' },
    focus: { canvas: 'idees' },
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: { kind: 'dots', budget: 5, perItemCap: 2, hidden: true },
  },
]

export const makeDoc = () => {
  const doc = new Y.Doc()
  createCanvas(doc, { id: 'idees', title: 'Nos idées' }, ORIGIN)
  initFlow(doc, phases, ORIGIN)
  return doc
}

/** What the server counts of who contributed (`/participation`): patients behind the others. */
export const participation = (
  overrides: Partial<Participation['byGroup']> = {},
): Participation => ({
  byGroup: {
    patient: { people: 2, notes: 1, privateNotes: 0, edits: 0, votes: 0 },
    citizen: { people: 1, notes: 4, privateNotes: 2, edits: 2, votes: 3 },
    clinician: { people: 2, notes: 10, privateNotes: 0, edits: 6, votes: 6 },
    other: { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 },
    ...overrides,
  },
  bySector: {
    none: { people: 2, notes: 1, privateNotes: 0, edits: 0, votes: 0 },
    ciusss: { people: 1, notes: 4, privateNotes: 0, edits: 3, votes: 3 },
    gmf: { people: 1, notes: 6, privateNotes: 0, edits: 3, votes: 3 },
    community: { people: 1, notes: 4, privateNotes: 2, edits: 2, votes: 3 },
    city: { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 },
    other: { people: 0, notes: 0, privateNotes: 0, edits: 0, votes: 0 },
  },
  people: [
    {
      id: 'p1',
      name: 'Amina',
      group: 'patient',
      sector: null,
      notes: 1,
      privateNotes: 0,
      edits: 0,
      votes: 0,
    },
    {
      id: 'p2',
      name: 'Jean',
      group: 'patient',
      sector: null,
      notes: 0,
      privateNotes: 0,
      edits: 0,
      votes: 0,
    },
    {
      id: 'c1',
      name: 'Sophie',
      group: 'citizen',
      sector: 'community',
      notes: 4,
      privateNotes: 2,
      edits: 2,
      votes: 3,
    },
    {
      id: 'k1',
      name: 'Dre Tremblay',
      group: 'clinician',
      sector: 'gmf',
      notes: 6,
      privateNotes: 0,
      edits: 3,
      votes: 3,
    },
    {
      id: 'k2',
      name: 'Marc',
      group: 'clinician',
      sector: 'ciusss',
      notes: 4,
      privateNotes: 0,
      edits: 3,
      votes: 3,
    },
  ],
  anonymousNotes: 2,
  privateNotesByCanvas: [{ canvasId: 'idees', notes: 2, people: 1 }],
})
