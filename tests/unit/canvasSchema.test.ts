import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isConnector } from '../../shared/canvas/kinds/index.ts'
import {
  addBox,
  alignToGrid,
  type BoxItem,
  bringToFront,
  CLUSTER_NAME_MAX,
  connect,
  createCanvas,
  createCluster,
  deleteCanvas,
  deleteCluster,
  deleteItems,
  duplicateItems,
  itemColour,
  itemText,
  listCanvases,
  moveCanvas,
  moveItems,
  moveItemToFrame,
  ROOT,
  readCanvasContent,
  renameCanvas,
  renameCluster,
  resizeItem,
  setItemText,
} from '../../shared/schema/index.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'

const fresh = () => newWorkshop({ title: 'Modèle' })

const byId = (doc: Y.Doc, canvasId: string) =>
  new Map(readCanvasContent(doc, canvasId).items.map((item) => [item.id, item]))

const box = (doc: Y.Doc, canvasId: string, id: string) => byId(doc, canvasId).get(id) as BoxItem

/** The bytes of the update one operation produces. */
const updateBytes = (doc: Y.Doc, operation: () => void): number => {
  let bytes = 0
  const count = (update: Uint8Array) => {
    bytes += update.byteLength
  }
  doc.on('update', count)
  operation()
  doc.off('update', count)
  return bytes
}

describe('canvases', () => {
  it('starts every workshop with one canvas, titled in its language', () => {
    expect(listCanvases(fresh().doc).map((c) => c.title)).toEqual(['Canevas 1'])
    const { doc: en } = newWorkshop({ locale: 'en' })
    expect(listCanvases(en).map((c) => c.title)).toEqual(['Canvas 1'])
  })

  it('creates, renames, reorders and deletes canvases', () => {
    const { doc, canvasId } = fresh()
    const b = createCanvas(doc, { title: 'Rôles' }, O)
    const c = createCanvas(doc, { title: 'Plan' }, O)
    renameCanvas(doc, canvasId, 'Modèle logique', O)
    expect(listCanvases(doc).map((x) => x.title)).toEqual(['Modèle logique', 'Rôles', 'Plan'])
    moveCanvas(doc, c, 0, O)
    expect(listCanvases(doc).map((x) => x.id)).toEqual([c, canvasId, b])
    moveCanvas(doc, c, 99, O)
    expect(listCanvases(doc).map((x) => x.id)).toEqual([canvasId, b, c])
    deleteCanvas(doc, b, O)
    expect(listCanvases(doc).map((x) => x.id)).toEqual([canvasId, c])
    expect(() => renameCanvas(doc, c, '   ', O)).toThrow(/must not be empty/)
  })
})

describe('canvas items', () => {
  it('creates a note in its author group colour, with its text', () => {
    const { doc, canvasId } = fresh()
    const id = addBox(
      doc,
      canvasId,
      { kind: 'note', x: 10, y: 20, text: 'Écoute', group: 'patient', createdBy: 'p1' },
      O,
    )
    const note = box(doc, canvasId, id)
    expect(note).toMatchObject({
      kind: 'note',
      x: 10,
      y: 20,
      w: 160,
      h: 160,
      text: 'Écoute',
      group: 'patient',
      createdBy: 'p1',
    })
    expect(itemColour(note)).toBe('#E69F00')
  })

  it('puts an item dropped in a frame into it, and a moved frame carries it', () => {
    const { doc, canvasId } = fresh()
    const frame = addBox(
      doc,
      canvasId,
      { kind: 'frame', x: 0, y: 0, w: 400, h: 400, text: 'Besoins' },
      O,
    )
    const inside = addBox(doc, canvasId, { kind: 'note', x: 600, y: 600 }, O)
    const outside = addBox(doc, canvasId, { kind: 'note', x: 900, y: 900 }, O)
    expect(box(doc, canvasId, inside).frame).toBeNull()
    moveItems(doc, canvasId, [inside], { dx: -500, dy: -500 }, O)
    expect(box(doc, canvasId, inside)).toMatchObject({ x: 100, y: 100, frame })
    moveItems(doc, canvasId, [frame], { dx: 1000, dy: 0 }, O)
    expect(box(doc, canvasId, inside)).toMatchObject({ x: 1100, y: 100, frame })
    expect(box(doc, canvasId, outside)).toMatchObject({ x: 900, y: 900, frame: null })
  })

  it('moves an item into another frame, placing it inside and growing the frame', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(
      doc,
      canvasId,
      { kind: 'frame', x: 0, y: 0, w: 200, h: 200, text: 'Ressources' },
      O,
    )
    const b = addBox(
      doc,
      canvasId,
      { kind: 'frame', x: 1000, y: 0, w: 200, h: 100, text: 'Activités' },
      O,
    )
    const note = addBox(doc, canvasId, { kind: 'note', x: 20, y: 20 }, O)
    moveItemToFrame(doc, canvasId, note, b, O)
    const moved = box(doc, canvasId, note)
    const target = box(doc, canvasId, b)
    expect(moved.frame).toBe(b)
    expect(moved.x).toBeGreaterThanOrEqual(target.x)
    expect(moved.y + moved.h).toBeLessThanOrEqual(target.y + target.h)
    expect(box(doc, canvasId, a)).toBeDefined()
    moveItemToFrame(doc, canvasId, note, null, O)
    expect(box(doc, canvasId, note).frame).toBeNull()
  })

  it('puts a box in a frame without growing it when the frame is not the writer’s to resize', () => {
    const { doc, canvasId } = fresh()
    const frame = addBox(doc, canvasId, { kind: 'frame', x: 0, y: 0, w: 200, h: 200 }, O)
    const first = addBox(doc, canvasId, { kind: 'note', x: 20, y: 40, h: 120 }, O)
    moveItemToFrame(doc, canvasId, first, frame, O, { grow: false })
    const note = addBox(doc, canvasId, { kind: 'note', x: 900, y: 900, h: 80 }, O)
    const changed = new Set<string>()
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const keys of transaction.changed.values()) for (const key of keys) changed.add(`${key}`)
    })
    moveItemToFrame(doc, canvasId, note, frame, O, { grow: false })
    // No room below the first: at the frame's bottom edge, inside; the frame is untouched.
    expect(box(doc, canvasId, frame)).toMatchObject({ w: 200, h: 200 })
    expect(box(doc, canvasId, note)).toMatchObject({ frame, x: 20, y: 200 - 80 - 20 })
    expect([...changed].sort()).toEqual(['frame', 'x', 'y'])
    // By default it grows, as before.
    const other = addBox(doc, canvasId, { kind: 'note', x: 900, y: 900, h: 80 }, O)
    moveItemToFrame(doc, canvasId, other, frame, O)
    expect(box(doc, canvasId, frame).h).toBeGreaterThan(200)
  })

  it('connects two items, and deleting one deletes its connectors', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, O)
    const b = addBox(doc, canvasId, { kind: 'shape', x: 300, y: 0, shape: 'ellipse' }, O)
    const c = addBox(doc, canvasId, { kind: 'text', x: 600, y: 0 }, O)
    const ab = connect(doc, canvasId, { from: a, to: b }, O)
    const bc = connect(doc, canvasId, { from: b, to: c, arrow: 'both' }, O)
    expect(byId(doc, canvasId).get(ab)).toMatchObject({
      kind: 'connector',
      from: a,
      to: b,
      arrow: 'end',
    })
    expect(() => connect(doc, canvasId, { from: a, to: a }, O)).toThrow()
    expect(() => connect(doc, canvasId, { from: a, to: ab }, O)).toThrow()
    deleteItems(doc, canvasId, [b], O)
    const left = byId(doc, canvasId)
    expect([...left.keys()].sort()).toEqual([a, c].sort())
    expect(left.has(bc)).toBe(false)
  })

  it('groups items into a named cluster and ungroups them when it is deleted', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, O)
    const b = addBox(doc, canvasId, { kind: 'note', x: 200, y: 0 }, O)
    const cluster = createCluster(doc, canvasId, ' Accès ', [a, b], O)
    expect(readCanvasContent(doc, canvasId).clusters).toEqual([{ id: cluster, name: 'Accès' }])
    expect(box(doc, canvasId, a).cluster).toBe(cluster)
    expect(() => createCluster(doc, canvasId, '   ', [a], O)).toThrow(/must not be empty/)
    deleteCluster(doc, canvasId, cluster, O)
    expect(box(doc, canvasId, b).cluster).toBeNull()
    expect(readCanvasContent(doc, canvasId).clusters).toEqual([])
  })

  it('labels a connector through its Y.Text, as a note’s text (so concurrent edits merge)', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, O)
    const b = addBox(doc, canvasId, { kind: 'note', x: 300, y: 0 }, O)
    const link = connect(doc, canvasId, { from: a, to: b }, O)
    expect(byId(doc, canvasId).get(link)?.text).toBe('')
    expect(itemText(doc, canvasId, link)).toBeInstanceOf(Y.Text)
    setItemText(doc, canvasId, link, 'mène à', O)
    setItemText(doc, canvasId, link, 'mène vite à', O)
    expect(byId(doc, canvasId).get(link)).toMatchObject({
      kind: 'connector',
      from: a,
      to: b,
      text: 'mène vite à',
    })
  })

  it('renames a cluster with the same rules as its creation, as one undoable change', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, O)
    const cluster = createCluster(doc, canvasId, 'Accès', [a], O)
    const undo = new Y.UndoManager(doc.getMap(ROOT.canvases), { trackedOrigins: new Set(['me']) })
    renameCluster(doc, canvasId, cluster, '  Transport ', 'me')
    expect(readCanvasContent(doc, canvasId).clusters).toEqual([{ id: cluster, name: 'Transport' }])
    expect(box(doc, canvasId, a).cluster).toBe(cluster)
    expect(() => renameCluster(doc, canvasId, cluster, '  ', 'me')).toThrow(/must not be empty/)
    expect(() =>
      renameCluster(doc, canvasId, cluster, 'x'.repeat(CLUSTER_NAME_MAX + 1), 'me'),
    ).toThrow(/at most 80/)
    expect(() => renameCluster(doc, canvasId, 'nope', 'Autre', 'me')).toThrow(/no cluster nope/)
    undo.undo()
    expect(readCanvasContent(doc, canvasId).clusters).toEqual([{ id: cluster, name: 'Accès' }])
  })

  it('duplicates items with the connectors between them, and brings items to front', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'A' }, O)
    const b = addBox(doc, canvasId, { kind: 'note', x: 200, y: 0, text: 'B' }, O)
    connect(doc, canvasId, { from: a, to: b }, O)
    const [a2, b2] = duplicateItems(doc, canvasId, [a, b], O)
    // A copy credited to someone else is in their group.
    const [a3] = duplicateItems(doc, canvasId, [a], O, 'participant-ben-001', 'citizen')
    expect(box(doc, canvasId, a3 ?? '')).toMatchObject({
      createdBy: 'participant-ben-001',
      group: 'citizen',
    })
    const items = byId(doc, canvasId)
    expect(items.get(a2 ?? '')).toMatchObject({ x: 20, y: 20, text: 'A' })
    const copies = [...items.values()].filter(isConnector)
    expect(copies.some((c) => c.from === a2 && c.to === b2)).toBe(true)
    // The copy's text is its own: editing it leaves the original alone.
    setItemText(doc, canvasId, a2 ?? '', 'A bis', O)
    expect(box(doc, canvasId, a).text).toBe('A')
    const frame = addBox(doc, canvasId, { kind: 'frame', x: -500, y: -500, w: 2000, h: 2000 }, O)
    bringToFront(doc, canvasId, [frame], O)
    // A frame brought to front still sits below the notes: it is a zone.
    expect(readCanvasContent(doc, canvasId).items[0]?.id).toBe(frame)
    bringToFront(doc, canvasId, [a], O)
    const boxes = readCanvasContent(doc, canvasId).items.filter((i) => i.kind !== 'connector')
    expect(boxes.at(-1)?.id).toBe(a)
  })

  it('resizes, and aligns to the grid', () => {
    const { doc, canvasId } = fresh()
    const a = addBox(doc, canvasId, { kind: 'shape', x: 13, y: 27 }, O)
    resizeItem(doc, canvasId, a, { x: 13, y: 27, w: 5, h: 91 }, O)
    expect(box(doc, canvasId, a)).toMatchObject({ w: 20, h: 91 })
    alignToGrid(doc, canvasId, [a], O)
    expect(box(doc, canvasId, a)).toMatchObject({ x: 20, y: 20, w: 20, h: 100 })
  })

  it('merges two people typing in the same note', () => {
    const { doc: one, canvasId } = fresh()
    const id = addBox(one, canvasId, { kind: 'note', x: 0, y: 0, text: 'Prendre soin' }, O)
    const two = new Y.Doc()
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one))
    setItemText(one, canvasId, id, 'Prendre soin les uns', O)
    setItemText(two, canvasId, id, 'Bien prendre soin', O)
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two))
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one))
    expect(itemText(one, canvasId, id)?.toString()).toBe('Bien prendre soin les uns')
    expect(itemText(two, canvasId, id)?.toString()).toBe('Bien prendre soin les uns')
  })

  it('skips malformed items instead of failing', () => {
    const { doc, canvasId } = fresh()
    const good = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: '<b>ok</b>' }, O)
    const items = (doc.getMap('canvases').get(canvasId) as Y.Map<unknown>).get(
      'items',
    ) as Y.Map<unknown>
    const bad = new Y.Map<unknown>()
    bad.set('id', 'bad-1')
    bad.set('kind', 'note')
    bad.set('x', 'left')
    items.set('bad-1', bad)
    items.set('bad-2', 'not a map')
    const dangling = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({
      id: 'c1',
      kind: 'connector',
      from: good,
      to: 'gone',
      arrow: 'end',
      z: 1,
      createdBy: '',
      createdAt: 1,
    })) {
      dangling.set(k, v)
    }
    dangling.set('text', new Y.Text())
    items.set('c1', dangling)
    const content = readCanvasContent(doc, canvasId)
    expect(content.items.map((i) => i.id)).toEqual([good])
    expect(content.items[0]?.text).toBe('<b>ok</b>')
    expect(content.skipped.map((s) => s.id).sort()).toEqual(['bad-1', 'bad-2', 'c1'])
  })

  it('sends one small update to create or move a note', () => {
    const { doc, canvasId } = fresh()
    let id = ''
    const create = updateBytes(doc, () => {
      id = addBox(
        doc,
        canvasId,
        { kind: 'note', x: 0, y: 0, text: 'Idée', group: 'citizen', createdBy: 'abcdefgh' },
        O,
      )
    })
    const move = updateBytes(doc, () => moveItems(doc, canvasId, [id], { dx: 40, dy: 20 }, O))
    expect(create).toBeLessThan(400)
    expect(move).toBeLessThan(80)
  })
})
