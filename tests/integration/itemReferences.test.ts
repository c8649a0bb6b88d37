import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  bringToFront,
  canvasMap,
  createCluster,
  goToPhase,
  listCanvases,
  readCanvasContent,
  readFlow,
  Z_LIMIT,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { joinAs } from '../helpers/people.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * What a canvas item points at (its frame, its cluster) and its stacking order, as a
 * participant's stock client sets them (issues 15/16, found from outside): a frame that does
 * not exist or is a note, a made-up cluster, a `z` of 1e300 were kept and relayed.
 */
const { start, track } = useTestServers()

const itemsOf = (doc: Y.Doc, canvasId: string) =>
  canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
const itemMap = (doc: Y.Doc, canvasId: string, id: string) =>
  itemsOf(doc, canvasId).get(id) as Y.Map<unknown>

/** A note written field by field, as a hostile client writes it (`fields` win). */
const rawNote = (doc: Y.Doc, canvasId: string, createdBy: string, fields: object): string => {
  const items = itemsOf(doc, canvasId)
  const id = `forged${Math.random().toString(36).slice(2, 12)}`
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    items.set(id, map)
    const base = {
      ...{ id, kind: 'note', x: 2000, y: 2000, w: 160, h: 160, z: 1, colour: null },
      ...{ group: 'citizen', shape: null, frame: null, cluster: null, createdBy, createdAt: 1 },
      ...fields,
    }
    for (const [key, value] of Object.entries(base)) map.set(key, value)
    map.set('text', new Y.Text('forged'))
  })
  return id
}

/**
 * A workshop of `template` on a new server, watched by its facilitator, who drew a frame on its
 * first canvas.
 */
const withFrame = async (template: string) => {
  const server = await start()
  const workshop = await server.createWorkshop({ template })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  const frameId = addBox(facilitator.doc, canvasId, { kind: 'frame', x: 0, y: 0 }, 'test')
  return { server, workshop, facilitator, canvasId, frameId }
}

/** Someone who joins with the participant link (both documents, their record). */
const join = async (
  server: TestServer,
  workshop: WorkshopLinks,
  name: string,
  group: PartnerGroup,
) => {
  const person = await joinAs(server, workshop.id, workshop.tokens.participant, name, group)
  track(person.shared)
  track(person.own)
  return person
}

describe('what a canvas item points at, on the shared canvas', () => {
  it('a frame that is not a frame, a cluster that does not exist, an extreme z: refused (item.invalid) and reverted; real ones kept', async () => {
    const { server, workshop, facilitator, canvasId, frameId } = await withFrame('atelier-libre')
    const mallory = await join(server, workshop, 'M', 'citizen')
    const doc = mallory.shared.doc
    const told = refusalsOf(mallory.shared)
    const mine = { createdBy: mallory.id, group: 'citizen' as const }
    const note = addBox(doc, canvasId, { kind: 'note', x: 1000, y: 0, ...mine }, 'test')
    await waitFor('the frame and the note', () => itemMap(doc, canvasId, frameId) !== undefined)
    const clusterId = createCluster(doc, canvasId, 'Idées', [note], 'test')
    await waitFor('the cluster', () =>
      readCanvasContent(facilitator.doc, canvasId).clusters.some((c) => c.id === clusterId),
    )

    /** Writes one hostile change and waits for its refusal and its revert. */
    const refused = async (what: string, write: () => void, reverted: () => boolean) => {
      const before = told.length
      write()
      await waitFor(`the refusal of ${what}`, () => told.length === before + 1)
      expect(told.at(-1), what).toBe('item.invalid')
      await waitFor(`${what} reverted at its writer`, reverted)
    }
    const count = () => itemsOf(doc, canvasId).size
    const notes = count()
    for (const fields of [
      { frame: 'nowhere00000000' },
      { frame: note },
      { cluster: 'nocluster000000' },
      { z: 1e300 },
    ]) {
      const what = `a new note with ${JSON.stringify(fields)}`
      await refused(
        what,
        () => rawNote(doc, canvasId, mallory.id, fields),
        () => count() === notes,
      )
    }
    const kept = { frame: null, cluster: clusterId, z: itemMap(doc, canvasId, note).get('z') }
    for (const [field, value] of [
      ['frame', 'nowhere00000000'],
      ['frame', note],
      ['cluster', 'nocluster000000'],
      ['z', 1e300],
      ['z', -1e300],
    ] as const) {
      const map = itemMap(doc, canvasId, note)
      await refused(
        `its ${field} set to ${value}`,
        () => map.set(field, value),
        () => map.get(field) === kept[field],
      )
    }
    await sleep(100)
    const seen = readCanvasContent(facilitator.doc, canvasId).items
    expect(seen.map((item) => item.id).sort()).toEqual([frameId, note].sort())
    expect(seen.find((item) => item.id === note)).toMatchObject(kept)

    // A note in a real frame and cluster, and one brought to the front, stay.
    const inFrame = addBox(doc, canvasId, { kind: 'note', x: 20, y: 60, ...mine }, 'test')
    itemMap(doc, canvasId, inFrame).set('cluster', clusterId)
    bringToFront(doc, canvasId, [note], 'test')
    await waitFor('the note in the frame at the facilitator', () =>
      readCanvasContent(facilitator.doc, canvasId).items.some(
        (item) => item.id === inFrame && 'frame' in item && item.frame === frameId,
      ),
    )
    // At the limit itself, a note still lets the next ones in (they tie with it).
    itemMap(doc, canvasId, note).set('z', Z_LIMIT)
    const next = addBox(doc, canvasId, { kind: 'note', x: 1400, y: 0, ...mine }, 'test')
    await waitFor('the next note at the facilitator', () =>
      readCanvasContent(facilitator.doc, canvasId).items.some((item) => item.id === next),
    )
    await sleep(100)
    expect(told).toHaveLength(9)
  })
})

describe('what a note points at, in a private document', () => {
  it('may name a frame of the shared canvas (it holds none), by a well-formed id only', async () => {
    const { server, workshop, facilitator, canvasId, frameId } = await withFrame('groupe-nominal')
    const step = readFlow(facilitator.doc).phases.findIndex(
      (phase) => phase.allow.write && !phase.allow.seeOthers,
    )
    goToPhase(facilitator.doc, step, 'test')
    const amina = await join(server, workshop, 'A', 'patient')
    await waitFor('the step', () => readFlow(amina.shared.doc).phaseIndex === step)
    const doc = amina.own.doc
    const told = refusalsOf(amina.own)
    ensurePrivateCanvas(doc, canvasId, 'Canevas', 'test')
    const named = rawNote(doc, canvasId, amina.id, { group: 'patient', frame: frameId })
    rawNote(doc, canvasId, amina.id, { group: 'patient', frame: 'not an id!' })
    rawNote(doc, canvasId, amina.id, { group: 'patient', cluster: 'nocluster000000' })
    await waitFor('both refusals', () => told.length === 2)
    expect(told).toEqual(['item.invalid', 'item.invalid'])
    // What another of her devices gets.
    const room = roomName({ kind: 'private', workshopId: workshop.id, participantId: amina.id })
    const identity = { participant: amina.id, secret: amina.secret }
    const again = track(connectClient(server.syncUrl, room, workshop.tokens.participant, identity))
    await synced(again)
    expect(readCanvasContent(again.doc, canvasId).items.map((item) => item.id)).toEqual([named])
  })
})
