import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addBox,
  alignToGrid,
  bringToFront,
  connect,
  createCluster,
  deleteItems,
  duplicateItems,
  initWorkshopDoc,
  listCanvases,
  moveItems,
  moveItemToFrame,
  readCanvasContent,
  resizeItem,
  setItemText,
} from '../../shared/schema/index.ts'

/**
 * Seeded random canvas operations on five peers, with updates delivered in random order,
 * peers going offline and coming back: at the end every peer must hold the same canvas.
 */

const PEERS = 5

interface Peer {
  doc: Y.Doc
  online: boolean
  /** Updates not yet delivered to this peer, from anyone. */
  inbox: Uint8Array[]
}

const simulate = (seed: number, steps: number) => {
  const gen = prng.create(seed)
  const origin = Symbol('local')
  const base = new Y.Doc()
  initWorkshopDoc(
    base,
    { title: 'Fuzz', templateId: 'atelier-libre', locale: 'fr', createdAt: 0 },
    'seed',
  )
  const canvasId = listCanvases(base)[0]?.id ?? ''
  const peers: Peer[] = Array.from({ length: PEERS }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    return { doc, online: true, inbox: [] }
  })
  // Everything a peer writes goes to every other peer's inbox.
  peers.forEach((peer, index) => {
    peer.doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from !== origin) return
      peers.forEach((other, j) => {
        if (j !== index) other.inbox.push(update)
      })
    })
  })

  const ids = (doc: Y.Doc, kind?: string) =>
    readCanvasContent(doc, canvasId)
      .items.filter((item) => (kind ? item.kind === kind : item.kind !== 'connector'))
      .map((item) => item.id)
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[prng.uint32(gen, 0, list.length - 1)]
  const coord = () => prng.int32(gen, -2000, 2000)

  const operations: Array<(doc: Y.Doc) => void> = [
    (doc) => {
      addBox(
        doc,
        canvasId,
        { kind: 'note', x: coord(), y: coord(), text: prng.word(gen, 1, 8), group: 'patient' },
        origin,
      )
    },
    (doc) => {
      addBox(
        doc,
        canvasId,
        { kind: 'frame', x: coord(), y: coord(), w: 600, h: 600, text: prng.word(gen, 1, 8) },
        origin,
      )
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id)
        moveItems(
          doc,
          canvasId,
          [id],
          { dx: prng.int32(gen, -300, 300), dy: prng.int32(gen, -300, 300) },
          origin,
        )
    },
    (doc) => {
      const id = pick(ids(doc))
      if (!id) return
      const text = readCanvasContent(doc, canvasId).items.find((item) => item.id === id)?.text ?? ''
      const at = prng.uint32(gen, 0, text.length)
      setItemText(
        doc,
        canvasId,
        id,
        text.slice(0, at) + prng.word(gen, 1, 4) + text.slice(at + prng.uint32(gen, 0, 2)),
        origin,
      )
    },
    (doc) => {
      const [from, to] = [pick(ids(doc)), pick(ids(doc))]
      if (from && to && from !== to) connect(doc, canvasId, { from, to }, origin)
    },
    (doc) => {
      const id = pick([...ids(doc), ...ids(doc, 'connector')])
      if (id) deleteItems(doc, canvasId, [id], origin)
    },
    (doc) => {
      const chosen = ids(doc).filter(() => prng.bool(gen))
      if (chosen.length > 0) createCluster(doc, canvasId, prng.word(gen, 1, 8), chosen, origin)
    },
    (doc) => {
      const note = pick(ids(doc, 'note'))
      if (note) moveItemToFrame(doc, canvasId, note, pick(ids(doc, 'frame')) ?? null, origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id) duplicateItems(doc, canvasId, [id], origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id) bringToFront(doc, canvasId, [id], origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id)
        resizeItem(
          doc,
          canvasId,
          id,
          { x: coord(), y: coord(), w: prng.int32(gen, 20, 400), h: prng.int32(gen, 20, 400) },
          origin,
        )
    },
    (doc) => alignToGrid(doc, canvasId, ids(doc), origin),
  ]

  const deliverOne = (peer: Peer) => {
    if (!peer.online || peer.inbox.length === 0) return
    const [update] = peer.inbox.splice(prng.uint32(gen, 0, peer.inbox.length - 1), 1)
    if (update) Y.applyUpdate(peer.doc, update, 'remote')
  }

  for (let step = 0; step < steps; step++) {
    const peer = pick(peers) as Peer
    const roll = prng.real53(gen)
    if (roll < 0.45) pick(operations)?.(peer.doc)
    else if (roll < 0.9) deliverOne(peer)
    else peer.online = !peer.online
  }
  for (const peer of peers) {
    peer.online = true
    while (peer.inbox.length > 0) deliverOne(peer)
  }
  return { peers: peers.map((peer) => peer.doc), canvasId }
}

describe('canvas convergence', () => {
  it.each([1, 2, 3, 42, 2026])('seed %i: five peers end with the same canvas', (seed) => {
    const { peers, canvasId } = simulate(seed, 600)
    const [first, ...rest] = peers.map((doc) => readCanvasContent(doc, canvasId))
    expect(first?.items.length).toBeGreaterThan(0)
    for (const other of rest) expect(other).toEqual(first)
    const vectors = peers.map((doc) => Array.from(Y.encodeStateVector(doc)))
    for (const vector of vectors) expect(vector).toEqual(vectors[0])
  })
})
