import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readCanvasContent } from '../../shared/schema/index.ts'
import { canvasOperations } from '../helpers/canvasOps.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

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
  const { doc: base, canvasId } = newWorkshop({ title: 'Fuzz' })
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

  const operations = canvasOperations(gen, canvasId, origin)
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[prng.uint32(gen, 0, list.length - 1)]

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
