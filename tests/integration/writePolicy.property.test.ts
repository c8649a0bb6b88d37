// One file (over 500 lines): one property test, whose generators of hostile updates, checks and
// seeded run depend on each other.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { syncStep1, syncUpdate } from '../../server/sync/messages.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { MessageType } from '../../shared/protocol.ts'
import {
  addBox,
  createCanvas,
  createDecision,
  deleteCanvas,
  goToPhase,
  listCanvases,
  listCharters,
  listParticipants,
  readCanvasContent,
  readFlow,
  renameCanvas,
  runningAllow,
  setItemText,
  setPosition,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { sharedCanvasRights } from '../../shared/schema/rights.ts'
import {
  decisionsMap,
  flowMap,
  metaMap,
  participantsMap,
  ROOT,
  resultsMap,
} from '../../shared/schema/roots.ts'
import { WORKSHOP_SHAPE } from '../../shared/schema/shape.ts'
import { canvasOperations } from '../helpers/canvasOps.ts'
import { openRaw } from '../helpers/raw.ts'
import type { Registered } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * Issue 13's property: random updates from a participant's connection, generated from the
 * schema (the real mutators, and raw writes to every root and field) and then mutated at the
 * struct level (origins, parents, keys, clocks, client ids, values, deletions), never change
 * what the policy forbids that participant, and never make the room unloadable: after each
 * batch the server restarts and the workshop is read back from disk.
 *
 * FUZZ_SEEDS=1,2,3 FUZZ_STEPS=2000 runs it longer (`npm run fuzz`).
 */
const { start, track, restart } = useTestServers()

const SEEDS = (process.env.FUZZ_SEEDS ?? '1,2').split(',').map(Number)
const STEPS = Number(process.env.FUZZ_STEPS ?? 120)
const BATCH = 30
const TEMPLATES = ['groupe-nominal', 'charte-des-roles'] as const

/** Fields of an item anyone may change when the phase allows moving (see canvasPolicy.ts). */
const PLACEMENT = new Set(['x', 'y', 'z', 'frame', 'cluster'])

/**
 * Everything in the workshop the participant `mallory` may not change: the server's and the
 * facilitator's parts, the other people's records, positions and boxes (but where boxes are
 * placed), and that each of her own items is credited to her, in her group.
 */
const protectedView = (doc: Y.Doc, mallory: string, group: PartnerGroup) => {
  const canvases = listCanvases(doc)
  const items = canvases.flatMap((canvas) => {
    const content = readCanvasContent(doc, canvas.id)
    const others = content.items
      .filter((item) => item.kind !== 'connector' && item.createdBy !== mallory)
      .map((item) =>
        Object.fromEntries(Object.entries(item).filter(([key]) => !PLACEMENT.has(key))),
      )
      // Listed by id: the canvas's order is by z, which anyone may change.
      .sort((a, b) => String(a.id).localeCompare(String(b.id)))
    const hers = content.items
      .filter((item) => item.createdBy === mallory)
      .map((item) => ('group' in item ? item.group : null))
      .filter((itemGroup) => itemGroup !== null && itemGroup !== group)
    // A connector may lose an end (anyone deletes a connector, its author deletes its ends).
    const malformed = content.skipped.filter((entry) => entry.reason !== 'connector end is missing')
    return [{ canvas: canvas.id, others, herItemsInAnotherGroup: hers, malformed }]
  })
  // Anyone edits and deletes charter items (and their positions go with them): what is
  // Mallory's to leave alone is where the others stand on each item.
  const positions = new Map(
    listCharters(doc).flatMap((charter) =>
      charter.items.map((item) => {
        const { [mallory]: _hers, ...others } = item.byParticipant
        return [item.id, others] as const
      }),
    ),
  )
  return {
    roots: [...doc.share.keys()].filter((name) => !Object.hasOwn(WORKSHOP_SHAPE, name)),
    meta: metaMap(doc).toJSON(),
    flow: flowMap(doc).toJSON(),
    results: resultsMap(doc).toJSON(),
    decisions: decisionsMap(doc).toJSON(),
    canvases,
    participants: listParticipants(doc).filter((record) => record.id !== mallory),
    participantKeys: [...participantsMap(doc).keys()].filter((key) => key !== mallory).sort(),
    items,
    positions,
  }
}

type View = ReturnType<typeof protectedView>

/** `actual` keeps all of `expected` (where the others stand, on the items still there). */
const keeps = (actual: View, expected: View, label: string) => {
  const { positions, ...rest } = actual
  const { positions: expectedPositions, ...expectedRest } = expected
  expect(rest, label).toEqual(expectedRest)
  for (const [item, others] of positions) {
    expect(others, `${label}, positions on ${item}`).toEqual(expectedPositions.get(item) ?? {})
  }
}

/** The ids of the document's structs and of its shared types: what a mutation points at. */
const idsOf = (doc: Y.Doc): { any: Y.ID[]; types: Y.ID[] } => {
  const any: Y.ID[] = []
  const types: Y.ID[] = []
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs) {
      any.push(Y.createID(client, struct.id.clock + Math.max(0, struct.length - 1)))
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) types.push(struct.id)
    }
  }
  return { any, types }
}

/** Writes `structs` (any order) and `ds` as a v1 update, the way Yjs's `writeStructs` does. */
const encodeStructs = (
  structs: Array<Y.Item | Y.GC>,
  ds: Map<number, Array<{ clock: number; len: number }>>,
): Uint8Array => {
  const encoder = new Y.UpdateEncoderV1()
  const byClient = new Map<number, Array<Y.Item | Y.GC>>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock)
    encoding.writeVarUint(encoder.restEncoder, list.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, list[0]?.id.clock ?? 0)
    for (const struct of list) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, ds.size)
  for (const [client, ranges] of ds) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoder.writeDsClock(range.clock)
      encoder.writeDsLen(range.len)
    }
  }
  return encoder.toUint8Array()
}

/**
 * Mallory's device: a bare socket with her own document, so that the test decides every byte
 * sent, and each step ends when the server has handled it (it answers a SyncStep1 after the
 * messages before it).
 */
interface Peer {
  doc: Y.Doc
  open: () => boolean
  send: (update: Uint8Array) => void
  /** Until the server has handled what was sent (or closed the socket). */
  handled: () => Promise<void>
  close: () => void
}

const openPeer = async (
  syncUrl: string,
  workshopId: string,
  token: string,
  identity: Record<string, string>,
): Promise<Peer> => {
  const doc = new Y.Doc()
  const raw = await openRaw(syncUrl, workshopId, token, {}, identity)
  let open = true
  let answers = 0
  const waiting: Array<() => void> = []
  const wake = () => {
    for (const resolve of waiting.splice(0)) resolve()
  }
  raw.closed.then(() => {
    open = false
    wake()
  })
  raw.ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) return
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server')
    if (kind === syncProtocol.messageYjsSyncStep2) {
      answers++
      wake()
    }
  })
  const handled = async () => {
    if (!open) return
    const before = answers
    raw.ws.send(syncStep1(Y.encodeStateVector(doc)))
    while (open && answers === before) await new Promise<void>((resolve) => waiting.push(resolve))
  }
  await handled()
  return {
    doc,
    open: () => open,
    send: (update) => {
      if (open) raw.ws.send(syncUpdate(update))
    },
    handled,
    close: () => raw.ws.close(),
  }
}

/** One seeded run: batches of hostile steps, each followed by checks and a reload from disk. */
const run = async (seed: number) => {
  const gen = prng.create(seed)
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new Error('pick from nothing')
    return list[prng.uint32(gen, 0, list.length - 1)] as T
  }
  const chance = (p: number) => prng.real53(gen) < p
  // Mallory's sockets are closed again and again for bad frames: no 429 for her address.
  let server = await start({ maxRefusalsPerIp: 1_000_000 })
  const workshop = await server.createWorkshop({ template: TEMPLATES[seed % TEMPLATES.length] })
  const alice = await server.register(workshop.id, workshop.tokens.participant)
  const mallory = await server.register(workshop.id, workshop.tokens.participant)
  const connectAs = async (who: Registered | null, token: string) => {
    const client = track(connectClient(server.syncUrl, workshop.id, token, who ? who.identity : {}))
    await synced(client)
    return client
  }

  let facilitator = await connectAs(null, workshop.tokens.facilitator)
  let honest = await connectAs(alice, workshop.tokens.participant)
  upsertParticipant(honest.doc, { id: alice.participantId, name: 'Alice', group: 'clinician' }, 'a')
  const canvasIds = (doc = facilitator.doc) => listCanvases(doc).map((canvas) => canvas.id)
  const aliceWrites = (doc: Y.Doc, text: string) => {
    const canvasId = pick(canvasIds())
    return addBox(
      doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text, createdBy: alice.participantId, group: 'clinician' },
      'a',
    )
  }

  const connectPeer = () =>
    openPeer(server.syncUrl, workshop.id, workshop.tokens.participant, mallory.identity)
  let attacker = await connectPeer()
  const record = { id: mallory.participantId, name: 'Mallory', group: 'citizen' } as const
  const before = Y.encodeStateVector(attacker.doc)
  upsertParticipant(attacker.doc, record, 'm')
  attacker.send(Y.encodeStateAsUpdate(attacker.doc, before))
  await waitFor('both records', () => listParticipants(facilitator.doc).length === 2)
  const view = (doc: Y.Doc) => protectedView(doc, mallory.participantId, 'citizen')

  /** Raw writes to every part of the workshop, with values of every kind. */
  const values = (): unknown[] => [
    prng.int32(gen, -5, 5),
    prng.word(gen, 0, 6),
    null,
    Number.NaN,
    { id: alice.participantId, name: 'Alice', group: 'patient', joinedAt: 1 },
    [1, [2, [3]]],
    true,
  ]
  const anyMap = (doc: Y.Doc): Y.Map<unknown> | null => {
    const maps = Object.values(ROOT).map((name) => doc.getMap<unknown>(name))
    const visit = (map: Y.Map<unknown>, depth: number) => {
      if (depth > 4) return
      for (const value of map.values()) {
        if (value instanceof Y.Map) {
          maps.push(value)
          visit(value, depth + 1)
        }
      }
    }
    visit(doc.getMap(ROOT.canvases), 0)
    visit(doc.getMap(ROOT.charters), 0)
    return maps.length > 0 ? pick(maps) : null
  }
  const keys = [
    'x',
    'y',
    'z',
    'w',
    'h',
    'frame',
    'cluster',
    'createdBy',
    'group',
    'kind',
    'id',
    'text',
    'colour',
    'createdAt',
    'locked',
    'title',
    'items',
    'positions',
    'status',
    'phase',
    'schemaVersion',
    alice.participantId,
    mallory.participantId,
    'invented00',
  ]
  const hostileOps: Array<(doc: Y.Doc) => void> = [
    (doc) => anyMap(doc)?.set(pick(keys), pick(values())),
    (doc) => {
      const map = anyMap(doc)
      if (map) for (const key of [...map.keys()].slice(0, 3)) if (chance(0.5)) map.delete(key)
    },
    (doc) => {
      const map = anyMap(doc)
      if (!map) return
      const key = pick([...map.keys(), ...keys])
      doc.transact(() => {
        map.set(key, new Y.Map())
        map.delete(key)
      })
    },
    (doc) => anyMap(doc)?.set(pick(keys), chance(0.5) ? new Y.Map() : new Y.Text('t')),
    (doc) => {
      const map = anyMap(doc)
      if (map) Y.Array.prototype.push.call(map, [pick(values())])
    },
    (doc) => {
      // Her own record keeps her group (the checks below expect her new items in it).
      const id = pick([alice.participantId, mallory.participantId, 'invented00'])
      const group =
        id === mallory.participantId ? 'citizen' : pick(['patient', 'clinician'] as const)
      upsertParticipant(doc, { id, name: 'X', group }, 'm')
    },
    (doc) =>
      addBox(
        doc,
        pick(canvasIds(doc)),
        {
          kind: 'note',
          x: 1,
          y: 1,
          text: 'M',
          createdBy: pick([mallory.participantId, alice.participantId, '']),
          group: pick(['citizen', 'patient', null] as const),
        },
        'm',
      ),
    (doc) => {
      const canvasId = pick(canvasIds(doc))
      const items = readCanvasContent(doc, canvasId).items
      if (items.length > 0) setItemText(doc, canvasId, pick(items).id, 'réécrit', 'm')
    },
    (doc) => {
      const charter = listCharters(doc)[0]
      const item = charter?.items[0]
      if (charter && item) {
        const who = pick([alice.participantId, mallory.participantId, 'invented00'])
        setPosition(doc, charter.id, item.id, who, pick(['agree', 'object'] as const), 'm')
      }
    },
    (doc) => createCanvas(doc, { title: 'M' }, 'm'),
    (doc) => renameCanvas(doc, pick(canvasIds(doc)), 'renommé', 'm'),
    (doc) => deleteCanvas(doc, pick(canvasIds(doc)), 'm'),
    (doc) => createDecision(doc, { title: 'Adopté 40 contre 0', decision: 'Oui' }, 'm'),
    (doc) => doc.getMap(pick(['hidden', 'meta', 'results'])).set('k', pick(values())),
  ]

  /** One struct-level change to an update: where its structs go, who they claim to be. */
  const mutate = (update: Uint8Array, target: Y.Doc): Uint8Array => {
    const { structs, ds } = Y.decodeUpdate(update)
    const { any, types } = idsOf(target)
    const items = structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
    const item = items.length > 0 ? pick(items) : null
    const deletions = new Map(
      [...ds.clients].map(([client, ranges]) => [
        client,
        ranges.map((range) => ({ clock: range.clock, len: range.len })),
      ]),
    )
    const roll = prng.uint32(gen, 0, 7)
    if (item && roll === 0 && any.length > 0) {
      item.origin = pick(any)
      item.parent = null
      item.parentSub = null
    } else if (item && roll === 1 && any.length > 0) {
      item.rightOrigin = pick(any)
    } else if (item && roll === 2) {
      item.origin = null
      item.rightOrigin = null
      // A parent is a root's name or a type's id; decoded items hold either.
      const parent: unknown =
        chance(0.5) || types.length === 0
          ? pick([...Object.keys(WORKSHOP_SHAPE), 'hidden'])
          : pick(types)
      ;(item as unknown as { parent: unknown }).parent = parent
      item.parentSub = chance(0.7) ? pick(keys) : null
    } else if (item && roll === 3) {
      item.id.clock = Math.max(0, item.id.clock - prng.uint32(gen, 1, 3))
    } else if (item && roll === 4) {
      item.id.client = pick([...target.store.clients.keys()])
    } else if (item && roll === 5 && item.content instanceof Y.ContentAny) {
      // A value of another kind, or none at all (a struct of length 0).
      item.content.arr = chance(0.2) ? [] : [pick(values())]
    } else if (roll === 6 && any.length > 0) {
      const victim = pick(any)
      const ranges = deletions.get(victim.client) ?? []
      ranges.push({ clock: victim.clock, len: prng.uint32(gen, 1, 3) })
      deletions.set(
        victim.client,
        ranges.sort((a, b) => a.clock - b.clock),
      )
    } else {
      // A few bytes flipped: whatever the decoder makes of it.
      const bytes = encodeStructs(structs, deletions)
      for (let i = 0; i < 2 && bytes.length > 0; i++) {
        bytes[prng.uint32(gen, 0, bytes.length - 1)] = prng.uint32(gen, 0, 255)
      }
      return bytes
    }
    return encodeStructs(structs, deletions)
  }

  const operations = [...hostileOps]
  for (const canvasId of canvasIds()) operations.push(...canvasOperations(gen, canvasId, 'm'))

  /** One hostile step: an operation on Mallory's document, maybe mutated, sent raw. */
  const step = async () => {
    const doc = attacker.doc
    const before = Y.encodeStateVector(doc)
    try {
      pick(operations)(doc)
    } catch {
      // The mutator refused its input half-way: what it did is sent all the same.
    }
    const update = Y.encodeStateAsUpdate(doc, before)
    let sent = update
    if (chance(0.5)) {
      try {
        sent = mutate(update, doc)
      } catch {
        sent = update
      }
    }
    attacker.send(sent)
    await attacker.handled()
    // After a mutated update her document is no longer what she sent: a new device.
    if (sent !== update || !attacker.open()) {
      attacker.close()
      attacker = await connectPeer()
    }
  }

  /** Until every update sent so far is handled: Mallory's own record change comes back. */
  const settle = async (batch: number) => {
    await sleep(50)
    const marker = await connectAs(mallory, workshop.tokens.participant)
    upsertParticipant(
      marker.doc,
      { id: mallory.participantId, name: `Mallory ${batch}`, group: 'citizen' },
      'm',
    )
    await waitFor('the marker', () =>
      listParticipants(facilitator.doc).some((p) => p.name === `Mallory ${batch}`),
    )
    marker.destroy()
  }

  const batches = Math.ceil(STEPS / BATCH)
  for (let batch = 0; batch < batches; batch++) {
    // The honest side moves first: a phase change, then a note of Alice's (or, when the phase
    // keeps the canvas closed, a new name).
    const phases = readFlow(facilitator.doc).phases
    if (phases.length > 0) goToPhase(facilitator.doc, prng.uint32(gen, 0, phases.length - 1), 'f')
    const flow = readFlow(facilitator.doc)
    const allow = runningAllow(flow)
    await waitFor('the phase at Alice', () => readFlow(honest.doc).phaseIndex === flow.phaseIndex)
    if (sharedCanvasRights({ role: 'participant' }, allow).write) {
      const note = aliceWrites(honest.doc, `Alice ${batch}`)
      await waitFor('Alice’s note at the facilitator', () =>
        canvasIds().some((id) =>
          readCanvasContent(facilitator.doc, id).items.some((i) => i.id === note),
        ),
      )
    } else {
      const name = `Alice ${batch}`
      upsertParticipant(honest.doc, { id: alice.participantId, name, group: 'clinician' }, 'a')
      await waitFor('Alice’s name at the facilitator', () =>
        listParticipants(facilitator.doc).some((p) => p.name === name),
      )
    }
    await sleep(30)
    const expected = view(facilitator.doc)
    for (let s = 0; s < BATCH; s++) await step()
    await settle(batch)
    keeps(view(facilitator.doc), expected, `seed ${seed}, batch ${batch}, live`)
    keeps(view(honest.doc), expected, `seed ${seed}, batch ${batch}, at Alice`)

    // The room reloads from disk and is the same; every output answers.
    server = await restart()
    facilitator = await connectAs(null, workshop.tokens.facilitator)
    keeps(view(facilitator.doc), expected, `seed ${seed}, batch ${batch}, reloaded`)
    for (const path of ['report', 'decisions.json', 'decisions.csv', 'export', 'participation']) {
      const res = await fetch(`${server.url}/api/workshops/${workshop.id}/${path}`, {
        headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
      })
      expect(`${path} → ${res.status}`).toBe(`${path} → 200`)
    }
    honest = await connectAs(alice, workshop.tokens.participant)
    attacker = await connectPeer()
  }
}

describe('random and mutated participant updates (property)', () => {
  it.each(SEEDS)(
    'seed %i: never change what the policy forbids, never make the room unloadable',
    async (seed) => {
      await run(seed)
    },
    120_000 + STEPS * 500,
  )
})
