import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boxKinds } from '../../shared/canvas/kinds/index.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import {
  type CanvasContext,
  canvasRights,
  type LayerRights,
  NO_CANVAS_RIGHTS,
} from '../../shared/schema/canvasRights.ts'
import {
  addBox,
  type BoxKind,
  bringToFront,
  connect,
  createCluster,
  deleteItems,
  initFlow,
  moveItems,
  moveItemToFrame,
  renameCluster,
  resizeItem,
  setCanvasLocked,
  setItemColour,
  setItemsCluster,
  setItemText,
  startWorkshop,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { privatePolicy, workshopPolicy } from '../../shared/schema/policy.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import type { PhasePermissions, Writer } from '../../shared/schema/rights.ts'
import { templatePhase } from '../../shared/template.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const FACILITATOR: Writer = { role: 'facilitator', participantId: 'facilitator' }
const ANA: Writer = { role: 'participant', participantId: 'ana-participant' }
const BOB = 'bob-participant'
const OBSERVER: Writer = { role: 'observer', participantId: null }
const WRITERS = { facilitator: FACILITATOR, participant: ANA, observer: OBSERVER }

const allow = (over: Partial<PhasePermissions>): PhasePermissions => ({
  write: true,
  move: true,
  vote: false,
  seeOthers: true,
  ...over,
})
/** The phases of the templates, by what they allow (none: no phase runs). */
const PHASES: Record<string, PhasePermissions | null> = {
  none: null,
  open: allow({}),
  privateWriting: allow({ seeOthers: false }),
  vote: allow({ write: false, move: false, vote: true }),
  sorting: allow({ write: false }),
  writingInPlace: allow({ move: false }),
}

/** "WM": may write and move on the layer; "W-", "-M", "--". */
const layer = (rights: LayerRights) => `${rights.write ? 'W' : '-'}${rights.move ? 'M' : '-'}`

/**
 * role, phase, locked → shared layer, private layer, private writing, read-only, where a new
 * note and a new shape go ('' for nowhere).
 */
const TABLE: Array<
  [keyof typeof WRITERS, string, boolean, string, string, boolean, boolean, string, string]
> = [
  ['facilitator', 'none', false, 'WM', 'WM', false, false, 'shared', 'shared'],
  ['facilitator', 'open', true, 'WM', 'WM', false, false, 'shared', 'shared'],
  ['facilitator', 'privateWriting', false, 'WM', 'WM', true, false, 'private', 'shared'],
  ['facilitator', 'privateWriting', true, 'WM', 'WM', true, false, 'private', 'shared'],
  ['facilitator', 'vote', false, 'WM', 'WM', false, false, 'shared', 'shared'],
  ['participant', 'none', false, 'WM', '--', false, false, 'shared', 'shared'],
  ['participant', 'none', true, '--', '--', false, true, '', ''],
  ['participant', 'open', false, 'WM', 'WM', false, false, 'shared', 'shared'],
  ['participant', 'open', true, '--', '--', false, true, '', ''],
  ['participant', 'privateWriting', false, '-M', 'WM', true, false, 'private', ''],
  ['participant', 'privateWriting', true, '--', '--', true, true, '', ''],
  ['participant', 'vote', false, '--', '--', false, true, '', ''],
  ['participant', 'sorting', false, '-M', '--', false, false, '', ''],
  ['participant', 'writingInPlace', false, 'W-', 'WM', false, false, 'shared', 'shared'],
  ['observer', 'none', false, '--', '--', false, true, '', ''],
  ['observer', 'open', false, '--', '--', false, true, '', ''],
  ['observer', 'privateWriting', false, '--', '--', false, true, '', ''],
]

const rightsOf = (role: keyof typeof WRITERS, phase: string, over: Partial<CanvasContext> = {}) =>
  canvasRights(WRITERS[role], {
    allow: PHASES[phase] ?? null,
    locked: false,
    privateReady: true,
    ...over,
  })

describe('canvasRights: what a person may do now on a canvas', () => {
  it.each(TABLE)(
    '%s, phase %s, locked %s: shared %s, private %s',
    (role, phase, locked, shared, mine, privateWriting, readOnly, note, shape) => {
      const rights = rightsOf(role, phase, { locked })
      expect({
        shared: layer(rights.shared),
        private: layer(rights.private),
        privateWriting: rights.privateWriting,
        readOnly: rights.readOnly,
        note: rights.layerFor('note') ?? '',
        text: rights.layerFor('text') ?? '',
        shape: rights.layerFor('shape') ?? '',
        frame: rights.layerFor('frame') ?? '',
      }).toEqual({
        shared,
        private: mine,
        privateWriting,
        readOnly,
        note,
        text: note,
        shape,
        frame: shape,
      })
    },
  )

  it('says why, with the refusal code the server sends', () => {
    const codes = (rights: LayerRights) => [rights.refusal.write, rights.refusal.move]
    expect(codes(rightsOf('participant', 'privateWriting').shared)).toEqual(['phase.private', null])
    expect(codes(rightsOf('participant', 'vote').shared)).toEqual(['phase.write', 'phase.move'])
    expect(codes(rightsOf('participant', 'vote').private)).toEqual(['phase.write', 'phase.write'])
    expect(codes(rightsOf('participant', 'none').private)).toEqual(['phase.write', 'phase.write'])
    for (const part of ['shared', 'private'] as const) {
      expect(codes(rightsOf('participant', 'open', { locked: true })[part])).toEqual([
        'canvas.locked',
        'canvas.locked',
      ])
    }
    expect(codes(rightsOf('facilitator', 'vote', { locked: true }).shared)).toEqual([null, null])
  })

  it('writes nothing in a private document that is not known yet', () => {
    const rights = rightsOf('participant', 'privateWriting', { privateReady: false })
    expect(layer(rights.private)).toBe('--')
    // The server would take it: the document is only not ready on this device.
    expect(rights.private.refusal.write).toBeNull()
    expect(rights.privateWriting).toBe(false)
    expect(rights.layerFor('note')).toBeNull()
    expect(rights.readOnly).toBe(false)
  })

  it('lets nothing change without a writable document', () => {
    expect(NO_CANVAS_RIGHTS.readOnly).toBe(true)
    expect(NO_CANVAS_RIGHTS.layerFor('note')).toBeNull()
  })
})

/**
 * role, phase, layer, whose item (own: made by this person), kind → may edit its content,
 * delete it, delete it while it is a frame holding items, resize it.
 */
const ITEMS: Array<
  [keyof typeof WRITERS, string, 'shared' | 'private', 'own' | 'other', string, string]
> = [
  // Notes: content and size are the author's, placement anyone's.
  ['participant', 'open', 'shared', 'own', 'note', 'edit delete resize'],
  ['participant', 'open', 'shared', 'other', 'note', ''],
  ['participant', 'writingInPlace', 'shared', 'own', 'note', 'edit delete'],
  ['participant', 'sorting', 'shared', 'own', 'note', ''],
  ['participant', 'privateWriting', 'shared', 'own', 'note', ''],
  ['participant', 'privateWriting', 'private', 'own', 'note', 'edit delete resize'],
  ['participant', 'vote', 'private', 'own', 'note', ''],
  // A connector goes with either end: anyone who writes deletes one.
  ['participant', 'open', 'shared', 'other', 'connector', 'delete'],
  ['participant', 'open', 'shared', 'own', 'connector', 'edit delete resize'],
  ['participant', 'sorting', 'shared', 'other', 'connector', ''],
  // A frame that holds items lets go of them: that moves them.
  ['participant', 'open', 'shared', 'own', 'frame', 'edit delete deleteHolding resize'],
  ['participant', 'writingInPlace', 'shared', 'own', 'frame', 'edit delete'],
  ['participant', 'open', 'shared', 'other', 'frame', ''],
  ['facilitator', 'vote', 'shared', 'other', 'frame', 'edit delete deleteHolding resize'],
  ['facilitator', 'none', 'private', 'other', 'note', 'edit delete resize'],
  ['observer', 'open', 'shared', 'other', 'connector', ''],
  ['observer', 'none', 'shared', 'own', 'note', ''],
]

describe("canvasRights: an item's answers, from its kind and author", () => {
  it.each(ITEMS)('%s, phase %s, %s layer, %s %s: %s', (role, phase, part, whose, kind, may) => {
    const rights = rightsOf(role, phase)[part]
    const createdBy = whose === 'own' ? (WRITERS[role].participantId ?? '') : BOB
    const answers = {
      edit: rights.edit(createdBy),
      delete: rights.remove({ kind, createdBy }),
      deleteHolding: kind === 'frame' && rights.remove({ kind, createdBy, holdsItems: true }),
      resize: rights.resize(createdBy),
    }
    const yes = Object.entries(answers)
      .filter(([, allowed]) => allowed)
      .map(([name]) => name)
    expect(yes.join(' ')).toBe(may)
  })

  it('clusters: naming one writes it and moves its items; renaming one writes', () => {
    const clusters = (phase: string) => {
      const { cluster, renameClusters } = rightsOf('participant', phase).shared
      return { cluster, renameClusters }
    }
    expect(clusters('open')).toEqual({ cluster: true, renameClusters: true })
    expect(clusters('writingInPlace')).toEqual({ cluster: false, renameClusters: true })
    expect(clusters('sorting')).toEqual({ cluster: false, renameClusters: false })
    expect(clusters('privateWriting')).toEqual({ cluster: false, renameClusters: false })
  })
})

// ── The server's write policy judges with the same answers ─────────────────────────────────

const GROUP: Record<string, PartnerGroup> = {
  facilitator: 'other',
  'ana-participant': 'patient',
  [BOB]: 'citizen',
}
const SETUP = 'setup'
const WRITES = 'writes'
const KINDS = ['note', 'text', 'shape', 'frame', 'connector'] as const
type Kind = (typeof KINDS)[number]
type Layer = 'shared' | 'private'
type Whose = 'own' | 'other'

/** Each kind of item made by `createdBy` on the canvas of `doc`. */
const madeBy = (doc: Y.Doc, canvasId: string, createdBy: string): Record<Kind, string> => {
  const box = (kind: BoxKind) =>
    addBox(doc, canvasId, { kind, x: 0, y: 0, text: kind, createdBy }, SETUP)
  const note = box('note')
  const text = box('text')
  const connector = connect(doc, canvasId, { from: note, to: text, createdBy }, SETUP)
  return { note, text, shape: box('shape'), frame: box('frame'), connector }
}

/**
 * A workshop in phase `allow` where the writer (if they are someone) and bob each made each
 * kind of item, on the shared canvas and in the writer's private document (bob's there only as
 * a hostile client could put them); each frame holds the other's shape, and the writer's note
 * is in a cluster. Kept as states, so that each change is judged on a fresh copy.
 */
const workshopWith = (writer: Writer, allow: PhasePermissions | null, locked: boolean) => {
  const { doc, canvasId } = newWorkshop()
  for (const [id, group] of Object.entries(GROUP)) {
    upsertParticipant(doc, { id, name: id, group }, SETUP)
  }
  if (allow) {
    const phase = { id: 'p', title: { fr: 'P', en: 'P' }, instructions: { fr: 'I', en: 'I' } }
    initFlow(doc, [templatePhase.parse({ ...phase, allow })], SETUP)
    startWorkshop(doc, SETUP)
  }
  const privateDoc = new Y.Doc()
  ensurePrivateCanvas(privateDoc, canvasId, 'Idées', SETUP)
  const fill = (target: Y.Doc) => {
    const items = {
      own: madeBy(target, canvasId, writer.participantId ?? ''),
      other: madeBy(target, canvasId, BOB),
    }
    moveItemToFrame(target, canvasId, items.other.shape, items.own.frame, SETUP)
    moveItemToFrame(target, canvasId, items.own.shape, items.other.frame, SETUP)
    const cluster = createCluster(target, canvasId, 'Groupe', [items.own.note], SETUP)
    return { ...items, cluster }
  }
  const items = { shared: fill(doc), private: fill(privateDoc) }
  if (locked) setCanvasLocked(doc, canvasId, true, SETUP)
  return {
    canvasId,
    items,
    states: { shared: Y.encodeStateAsUpdate(doc), private: Y.encodeStateAsUpdate(privateDoc) },
  }
}
type Setting = ReturnType<typeof workshopWith>

/** One change a person may try, and what the rights say of it. */
interface Change {
  name: string
  allowed: (rights: LayerRights) => boolean
  /** The refusal code the server must send when `allowed` is false, if the layer decides it. */
  code?: (rights: LayerRights) => string | null
  write: (doc: Y.Doc, canvasId: string, items: Setting['items']['shared']) => void
}

const changes = (writer: Writer): Change[] => {
  const own = writer.participantId ?? ''
  const author = { createdBy: own, group: writer.participantId ? GROUP[own] : undefined }
  const itemChanges = (whose: Whose, kind: Kind): Change[] => {
    const createdBy = whose === 'own' ? own : BOB
    const on = `${whose} ${kind}`
    const boxOnly: Change[] =
      kind === 'connector'
        ? []
        : [
            {
              name: `move ${on}`,
              allowed: (rights) => rights.move,
              code: (rights) => rights.refusal.move,
              write: (doc, canvasId, items) =>
                moveItems(doc, canvasId, [items[whose][kind]], { dx: 20, dy: 0 }, WRITES),
            },
            {
              name: `resize ${on}`,
              allowed: (rights) => rights.resize(createdBy),
              write: (doc, canvasId, items) =>
                resizeItem(
                  doc,
                  canvasId,
                  items[whose][kind],
                  { x: 0, y: 0, w: 400, h: 300 },
                  WRITES,
                ),
            },
            {
              name: `colour ${on}`,
              allowed: (rights) => rights.edit(createdBy),
              write: (doc, canvasId, items) =>
                setItemColour(doc, canvasId, [items[whose][kind]], '#abcdef', WRITES),
            },
          ]
    return [
      ...boxOnly,
      {
        name: `edit ${on}`,
        allowed: (rights) => rights.edit(createdBy),
        write: (doc, canvasId, items) =>
          setItemText(doc, canvasId, items[whose][kind], 'autre chose', WRITES),
      },
      {
        name: `bring ${on} to front`,
        allowed: (rights) => rights.move,
        write: (doc, canvasId, items) => bringToFront(doc, canvasId, [items[whose][kind]], WRITES),
      },
      {
        name: `delete ${on}`,
        allowed: (rights) => rights.remove({ kind, createdBy, holdsItems: kind === 'frame' }),
        write: (doc, canvasId, items) => deleteItems(doc, canvasId, [items[whose][kind]], WRITES),
      },
    ]
  }
  const adds: Change[] = boxKinds().map(({ kind }) => ({
    name: `add a ${kind}`,
    allowed: (rights) => rights.write && rights.takes(kind),
    code: (rights) => rights.refusal.write ?? 'kind.private',
    write: (doc, canvasId) => addBox(doc, canvasId, { kind, x: 0, y: 0, ...author }, WRITES),
  }))
  const connects: Change[] = (['own', 'other'] as const).map((whose) => ({
    name: `connect own note to ${whose} text`,
    allowed: (rights) => rights.write,
    write: (doc, canvasId, items) =>
      connect(doc, canvasId, { from: items.own.note, to: items[whose].text, ...author }, WRITES),
  }))
  const clusters: Change[] = [
    {
      name: 'make a cluster of notes',
      allowed: (rights) => rights.cluster,
      write: (doc, canvasId, items) =>
        createCluster(doc, canvasId, 'Nouveau', [items.own.note, items.other.note], WRITES),
    },
    {
      name: 'rename a cluster',
      allowed: (rights) => rights.renameClusters,
      write: (doc, canvasId, items) => renameCluster(doc, canvasId, items.cluster, 'Autre', WRITES),
    },
    {
      name: 'take a note out of its cluster',
      allowed: (rights) => rights.move,
      write: (doc, canvasId, items) =>
        setItemsCluster(doc, canvasId, [items.own.note], null, WRITES),
    },
  ]
  return [
    ...adds,
    ...connects,
    ...clusters,
    ...KINDS.flatMap((kind) => [...itemChanges('own', kind), ...itemChanges('other', kind)]),
  ]
}

/** What the server's policy says of `change` by `writer` on `layer`: null, or the refusal code. */
const judged = (setting: Setting, layer: Layer, writer: Writer, change: Change) => {
  const workshop = new Y.Doc()
  Y.applyUpdate(workshop, setting.states.shared)
  const target = layer === 'shared' ? workshop : new Y.Doc()
  if (layer === 'private') Y.applyUpdate(target, setting.states.private)
  const judge = (layer === 'shared' ? workshopPolicy : privatePolicy).begin(target, workshop)
  const verdicts: Array<string | null> = []
  target.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === WRITES) verdicts.push(judge(transaction, writer)?.code ?? null)
  })
  change.write(target, setting.canvasId, setting.items[layer])
  expect(verdicts, `${change.name} is one transaction`).toHaveLength(1)
  return verdicts[0] ?? null
}

describe('the server judges canvas changes with canvasRights', () => {
  const contexts = Object.entries(WRITERS).flatMap(([role, writer]) =>
    Object.entries(PHASES).flatMap(([phase, allow]) =>
      [false, true].map((locked) => ({ role, writer, phase, allow, locked })),
    ),
  )
  it.each(contexts)(
    '$role, phase $phase, locked $locked: the policy accepts exactly what the rights allow',
    ({ writer, allow, locked }) => {
      const setting = workshopWith(writer, allow, locked)
      const rights = canvasRights(writer, { allow, locked, privateReady: true })
      const disagreements: string[] = []
      for (const layer of ['shared', 'private'] as const) {
        for (const change of changes(writer)) {
          const code = judged(setting, layer, writer, change)
          const allowed = change.allowed(rights[layer])
          const expected = allowed ? null : (change.code?.(rights[layer]) ?? 'refused')
          const actual = code !== null && expected === 'refused' ? 'refused' : code
          if (actual !== expected) {
            disagreements.push(`${layer}: ${change.name}: rights ${expected}, policy ${code}`)
          }
        }
      }
      expect(disagreements).toEqual([])
    },
  )
})
