import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { NewWorkshop, Storage, VersionAuthor } from '../../server/storage/Storage.ts'
import { listParticipants, upsertParticipant } from '../../shared/schema/participants.ts'
import { forgetParticipant } from '../../shared/schema/privacy.ts'

/** How a backend is opened for the contract: `open(place)` twice on one place sees the same data. */
export interface StorageFactory {
  newPlace(): string
  open(place: string): Storage
}

const workshop = (id: string): NewWorkshop => ({
  record: {
    id,
    title: 'Charte des rôles',
    template: 'atelier-libre',
    locale: 'fr',
    createdAt: 1_700_000_000_000,
  },
  tokenHashes: { facilitator: `${id}-f`, participant: `${id}-p`, observer: `${id}-o` },
  sealedLinks: new Uint8Array([1, 2, 3]),
  initialState: Y.encodeStateAsUpdate(new Y.Doc()),
})

/** Makes `n` updates, each adding one entry to the map `items` of one doc. */
const makeUpdates = (n: number, doc = new Y.Doc()): { doc: Y.Doc; updates: Uint8Array[] } => {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  doc.on('update', record)
  for (let i = 0; i < n; i++) doc.getMap('items').set(`k${doc.getMap('items').size}`, i)
  doc.off('update', record)
  return { doc, updates }
}

/** Plain byte arrays, so a backend may return any Uint8Array subclass (e.g. Buffer). */
const bytes = (updates: Uint8Array[]) => updates.map((update) => Array.from(update))

const replay = (room: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc => {
  const doc = new Y.Doc()
  if (room.snapshot) Y.applyUpdate(doc, room.snapshot)
  for (const update of room.updates) Y.applyUpdate(doc, update)
  return doc
}

/** The behaviour every storage backend must have. */
export const describeStorageContract = (name: string, factory: StorageFactory): void => {
  describe(`storage contract: ${name}`, () => {
    const opened: Storage[] = []
    const open = (place: string) => {
      const storage = factory.open(place)
      opened.push(storage)
      return storage
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((storage) => storage.close().catch(() => {})))
    })

    it('creates a workshop, finds its tokens by hash, and stores its initial state', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      expect((await storage.getWorkshop('w1'))?.record.title).toBe('Charte des rôles')
      expect(await storage.findToken('w1-o')).toEqual({ workshopId: 'w1', role: 'observer' })
      expect(await storage.findToken('unknown')).toBeNull()
      expect(await storage.getWorkshop('nope')).toBeNull()
      expect((await storage.loadRoom('w1')).updates).toHaveLength(1)
    })

    it('records participant identities per workshop and refuses a duplicate id', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      await storage.createWorkshop(workshop('w2'))
      const identity = { workshopId: 'w1', participantId: 'p1', secretHash: 'h1', createdAt: 5 }
      expect(await storage.addParticipant(identity, 10)).toBe(true)
      expect(await storage.findParticipant('w1', 'p1')).toEqual(identity)
      expect(await storage.findParticipant('w2', 'p1')).toBeNull()
      const second = { ...identity, participantId: 'p0', createdAt: 9 }
      expect(await storage.addParticipant(second, 10)).toBe(true)
      expect(await storage.listParticipants('w1')).toEqual([identity, second])
      expect(await storage.listParticipants('w2')).toEqual([])
      await expect(storage.addParticipant({ ...identity, secretHash: 'h2' }, 10)).rejects.toThrow()
      await expect(
        storage.addParticipant({ ...identity, workshopId: 'nope' }, 10),
      ).rejects.toThrow()
    })

    it('records no identity past the most a workshop may hold; another workshop still gets one', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      await storage.createWorkshop(workshop('w2'))
      const identity = (workshopId: string, participantId: string) => ({
        workshopId,
        participantId,
        secretHash: 'h',
        createdAt: 1,
      })
      expect(await storage.addParticipant(identity('w1', 'p1'), 2)).toBe(true)
      expect(await storage.addParticipant(identity('w1', 'p2'), 2)).toBe(true)
      expect(await storage.addParticipant(identity('w1', 'p3'), 2)).toBe(false)
      expect(await storage.findParticipant('w1', 'p3')).toBeNull()
      expect(await storage.addParticipant(identity('w2', 'p3'), 2)).toBe(true)
      expect(await storage.removeParticipant('w1', 'p1')).toBe(true)
      expect(await storage.addParticipant(identity('w1', 'p3'), 2)).toBe(true)
    })

    it('keeps one personal link per person and the devices it signed in, until revoked, replaced or forgotten', async () => {
      const place = factory.newPlace()
      const storage = open(place)
      await storage.createWorkshop(workshop('w1'))
      await storage.createWorkshop(workshop('w2'))
      const identity = { workshopId: 'w1', participantId: 'p1', secretHash: 'h1', createdAt: 5 }
      await storage.addParticipant(identity, 10)
      const link = { workshopId: 'w1', participantId: 'p1', hash: 'l1', createdAt: 6 }
      // Nobody's link: nothing is stored.
      expect(await storage.setPersonalLink({ ...link, participantId: 'nobody' })).toBe(false)
      expect(await storage.setPersonalLink(link)).toBe(true)
      expect(await storage.personalLinkOf('w1', 'p1')).toEqual(link)
      expect(await storage.findPersonalLink('w1', 'l1')).toEqual(link)
      expect(await storage.findPersonalLink('w2', 'l1')).toBeNull()
      const device = (secretHash: string) => ({ ...link, secretHash, createdAt: 7 })
      expect(await storage.addDevice(device('d1'), 'l1', 2)).toBe('added')
      expect(await storage.isDevice('w1', 'p1', 'd1')).toBe(true)
      expect(await storage.isDevice('w1', 'p1', 'h1')).toBe(false)
      // Replaced: the old link finds nobody and signs nothing in.
      const replaced = { ...link, hash: 'l2', createdAt: 8 }
      expect(await storage.setPersonalLink(replaced)).toBe(true)
      expect(await storage.findPersonalLink('w1', 'l1')).toBeNull()
      expect(await storage.addDevice(device('d2'), 'l1', 2)).toBe('gone')
      expect(await storage.addDevice(device('d2'), 'l2', 2)).toBe('added')
      expect(await storage.addDevice(device('d3'), 'l2', 2)).toBe('full')
      expect(await storage.isDevice('w1', 'p1', 'd3')).toBe(false)
      // Kept across a reopen; revoked, the devices stay.
      await storage.close()
      const again = open(place)
      expect(await again.personalLinkOf('w1', 'p1')).toEqual(replaced)
      expect(await again.revokePersonalLink('w1', 'p1')).toBe(true)
      expect(await again.revokePersonalLink('w1', 'p1')).toBe(false)
      expect(await again.personalLinkOf('w1', 'p1')).toBeNull()
      expect(await again.isDevice('w1', 'p1', 'd1')).toBe(true)
      // The identity gone, its link and devices go with it.
      await again.setPersonalLink({ ...link, hash: 'l3' })
      expect(await again.removeParticipant('w1', 'p1')).toBe(true)
      expect(await again.findPersonalLink('w1', 'l3')).toBeNull()
      expect(await again.isDevice('w1', 'p1', 'd1')).toBe(false)
      expect(await again.isDevice('w1', 'p1', 'd2')).toBe(false)
    })

    it('keeps attendance intervals and contribution snapshots per workshop, across a reopen', async () => {
      const place = factory.newPlace()
      const storage = open(place)
      await storage.createWorkshop(workshop('w1'))
      await storage.createWorkshop(workshop('w2'))
      const interval = {
        sessionId: 's1',
        participantId: 'p1',
        group: null,
        startedAt: 10,
        endedAt: 10,
      }
      const id = await storage.openAttendance('w1', interval)
      await storage.openAttendance('w2', { ...interval, startedAt: 5, endedAt: 5 })
      await storage.extendAttendance([{ id, group: 'patient' }], 70)
      // An end never moves back; a group, once known, stays when none is given.
      await storage.extendAttendance([{ id, group: null }], 40)
      await storage.saveContributions('w1', 's1', 'start', [
        { participantId: 'p1', notes: 1, ballots: 0, edits: 2 },
      ])
      await storage.saveContributions('w1', 's1', 'start', [
        { participantId: 'p1', notes: 3, ballots: 1, edits: 2 },
      ])
      await storage.close()
      const again = open(place)
      expect(await again.listAttendance('w1')).toEqual([
        { ...interval, group: 'patient', endedAt: 70 },
      ])
      expect(await again.listContributions('w1')).toEqual([
        { sessionId: 's1', stage: 'start', participantId: 'p1', notes: 3, ballots: 1, edits: 2 },
      ])
      expect(await again.listContributions('w2')).toEqual([])
    })

    it('forgets a participant: identity, private room, client ids, and their record in every version', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      const ana = 'ana-00001'
      const privateRoomId = `w1/private/${ana}`
      await storage.addParticipant(
        { workshopId: 'w1', participantId: ana, secretHash: 'h', createdAt: 1 },
        10,
      )
      expect(await storage.removeParticipant('w1', ana)).toBe(true)
      expect(await storage.removeParticipant('w1', ana)).toBe(false)
      expect(await storage.findParticipant('w1', ana)).toBeNull()

      const live = new Y.Doc()
      const written: Uint8Array[] = []
      live.on('update', (update: Uint8Array) => written.push(update))
      upsertParticipant(live, { id: ana, name: 'Ana Tremblay', group: 'patient' }, 'test')
      upsertParticipant(live, { id: 'ben-00001', name: 'Ben', group: 'citizen' }, 'test')
      const state = Y.encodeStateAsUpdate(live)
      const byAna = { role: 'participant', participantId: ana } as const
      await storage.addVersion(
        { id: 'v1', workshopId: 'w1', name: 'v1', author: '', madeBy: byAna, createdAt: 1 },
        state,
      )
      // Imported: its author is a text, the name she had.
      await storage.addVersion(
        {
          id: 'v2',
          workshopId: 'w1',
          name: 'v2',
          author: 'Ana Tremblay',
          madeBy: null,
          createdAt: 2,
        },
        state,
      )
      await storage.appendUpdates([
        {
          roomId: privateRoomId,
          updates: makeUpdates(3).updates,
          clients: [{ client: 7, owner: `participant:${ana}` }],
        },
        {
          roomId: 'w1',
          updates: written,
          clients: [
            { client: 8, owner: `participant:${ana}` },
            { client: 9, owner: 'participant:ben-00001' },
          ],
        },
      ])
      // The live document forgot her (durably) before the storage erases the rest.
      const forgetting: Uint8Array[] = []
      live.on('update', (update: Uint8Array) => forgetting.push(update))
      forgetParticipant(live, ana, 'test')
      await storage.appendUpdates([{ roomId: 'w1', updates: forgetting }])

      await storage.eraseParticipant({
        workshopId: 'w1',
        participantId: ana,
        privateRoomId,
        clientOwner: `participant:${ana}`,
        names: [],
      })
      expect(await storage.loadRoom(privateRoomId)).toEqual({
        snapshot: null,
        updates: [],
        clients: [],
      })
      const room = await storage.loadRoom('w1')
      expect(room.clients).toEqual([{ client: 9, owner: 'participant:ben-00001' }])
      const name = Buffer.from('Ana Tremblay')
      const stored = [room.snapshot ?? new Uint8Array(), ...room.updates]
      expect(stored.filter((blob) => Buffer.from(blob).includes(name))).toEqual([])
      expect(listParticipants(replay(room)).map((p) => p.name)).toEqual(['Ben'])
      expect((await storage.listVersions('w1')).map((v) => [v.id, v.author, v.madeBy])).toEqual([
        ['v1', '', { role: 'participant', participantId: null }],
        ['v2', '', null],
      ])
      for (const id of ['v1', 'v2']) {
        const version = (await storage.versionState('w1', id)) ?? new Uint8Array()
        expect(Buffer.from(version).includes(name)).toBe(false)
        expect(
          listParticipants(replay({ snapshot: version, updates: [] })).map((p) => p.name),
        ).toEqual(['Ben'])
      }
    })

    it('keeps named versions with their state, per workshop, in order', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      await storage.createWorkshop(workshop('w2'))
      const state = Y.encodeStateAsUpdate(makeUpdates(5).doc)
      const byAna = { role: 'participant', participantId: 'ana-00001' } as const
      const byLink = { role: 'facilitator', participantId: null } as const
      const version = (
        id: string,
        name: string,
        madeBy: VersionAuthor | null,
        createdAt: number,
      ) => ({
        id,
        workshopId: 'w1',
        name,
        author: madeBy ? '' : 'Ben',
        madeBy,
        createdAt,
      })
      await storage.addVersion(version('v1', 'Adoptée par le comité', byAna, 10), state)
      await storage.addVersion(version('v2', 'Après l’atelier', null, 20), state)
      await storage.addVersion(version('v3', 'Le lendemain', byLink, 30), state)
      expect(
        (await storage.listVersions('w1')).map((v) => [v.id, v.name, v.author, v.madeBy, v.size]),
      ).toEqual([
        ['v1', 'Adoptée par le comité', '', byAna, state.byteLength],
        ['v2', 'Après l’atelier', 'Ben', null, state.byteLength],
        ['v3', 'Le lendemain', '', byLink, state.byteLength],
      ])
      expect(Array.from((await storage.versionState('w1', 'v2')) ?? [])).toEqual(Array.from(state))
      expect(await storage.versionState('w2', 'v1')).toBeNull()
      expect(await storage.listVersions('w2')).toEqual([])
      await expect(
        storage.addVersion(
          { id: 'v1', workshopId: 'w1', name: 'x', author: '', madeBy: null, createdAt: 1 },
          state,
        ),
      ).rejects.toThrow()
    })

    it('creates a workshop with its versions at once, or nothing at all', async () => {
      const storage = open(factory.newPlace())
      const { doc } = makeUpdates(5)
      const state = Y.encodeStateAsUpdate(doc)
      // The states given become the storage's: each version gets its own.
      const version = (id: string, createdAt: number) => ({
        id,
        name: `Version ${id}`,
        author: 'Ana',
        madeBy: null,
        createdAt,
        state: Y.encodeStateAsUpdate(doc),
      })
      await storage.createWorkshop({
        ...workshop('w1'),
        versions: [version('v1', 10), version('v2', 20)],
      })
      expect(
        (await storage.listVersions('w1')).map((v) => [v.id, v.workshopId, v.name, v.size]),
      ).toEqual([
        ['v1', 'w1', 'Version v1', state.byteLength],
        ['v2', 'w1', 'Version v2', state.byteLength],
      ])
      expect(Array.from((await storage.versionState('w1', 'v2')) ?? [])).toEqual(Array.from(state))

      // The second version's id is taken: the whole workshop is refused.
      await expect(
        storage.createWorkshop({
          ...workshop('w2'),
          versions: [version('v3', 10), version('v1', 20)],
        }),
      ).rejects.toThrow()
      expect(await storage.getWorkshop('w2')).toBeNull()
      expect(await storage.findToken('w2-f')).toBeNull()
      expect((await storage.loadRoom('w2')).updates).toEqual([])
      expect(await storage.versionState('w2', 'v3')).toBeNull()
      expect(await storage.listVersions('w1')).toHaveLength(2)
    })

    it('refuses a second workshop with the same id', async () => {
      const storage = open(factory.newPlace())
      await storage.createWorkshop(workshop('w1'))
      await expect(storage.createWorkshop(workshop('w1'))).rejects.toThrow()
    })

    it('appends updates and loads them back in order', async () => {
      const storage = open(factory.newPlace())
      const { doc, updates } = makeUpdates(20)
      await storage.appendUpdates([{ roomId: 'room', updates: updates.slice(0, 5) }])
      for (const update of updates.slice(5))
        await storage.appendUpdates([{ roomId: 'room', updates: [update] }])
      const loaded = await storage.loadRoom('room')
      expect(bytes(loaded.updates)).toEqual(bytes(updates))
      expect(replay(loaded).getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON())
      expect((await storage.loadRoom('other')).updates).toEqual([])
    })

    it('keeps who each client id of a room belongs to, the first owner only, through compaction', async () => {
      const storage = open(factory.newPlace())
      const { updates } = makeUpdates(3)
      await storage.appendUpdates([
        { roomId: 'room', updates: updates.slice(0, 1), clients: [{ client: 7, owner: 'a' }] },
        { roomId: 'other', updates: [], clients: [{ client: 7, owner: 'b' }] },
      ])
      await storage.appendUpdates([
        {
          roomId: 'room',
          updates: updates.slice(1),
          clients: [
            { client: 7, owner: 'c' },
            { client: 9, owner: 'server' },
          ],
        },
      ])
      await storage.compact('room')
      const owners = (room: string) =>
        storage.loadRoom(room).then((loaded) => loaded.clients.sort((x, y) => x.client - y.client))
      expect(await owners('room')).toEqual([
        { client: 7, owner: 'a' },
        { client: 9, owner: 'server' },
      ])
      expect(await owners('other')).toEqual([{ client: 7, owner: 'b' }])
    })

    it("appends several rooms' updates in one call, each room's in order", async () => {
      const storage = open(factory.newPlace())
      const a = makeUpdates(6).updates
      const b = makeUpdates(4).updates
      await storage.appendUpdates([
        { roomId: 'a', updates: a.slice(0, 3) },
        { roomId: 'b', updates: b },
        { roomId: 'a', updates: a.slice(3) },
      ])
      expect(bytes((await storage.loadRoom('a')).updates)).toEqual(bytes(a))
      expect(bytes((await storage.loadRoom('b')).updates)).toEqual(bytes(b))
    })

    it('compacts into one snapshot with the same content, and keeps later appends', async () => {
      const storage = open(factory.newPlace())
      const { doc, updates } = makeUpdates(300)
      await storage.appendUpdates([{ roomId: 'room', updates }])
      const result = await storage.compact('room')
      expect(result.compactedUpdates).toBe(300)
      expect(result.bytesAfter).toBeLessThan(result.bytesBefore)
      const compacted = await storage.loadRoom('room')
      expect(compacted.snapshot).not.toBeNull()
      expect(compacted.updates).toEqual([])
      expect(await storage.roomStats('room')).toMatchObject({ updateCount: 0 })

      const later = makeUpdates(3, doc).updates
      await storage.appendUpdates([{ roomId: 'room', updates: later }])
      const loaded = await storage.loadRoom('room')
      expect(bytes(loaded.updates)).toEqual(bytes(later))
      expect(replay(loaded).getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON())
    })

    it('replaces a room’s snapshot and updates at once, leaving other rooms alone', async () => {
      const storage = open(factory.newPlace())
      const { updates } = makeUpdates(20)
      await storage.appendUpdates([
        { roomId: 'room', updates },
        { roomId: 'other', updates },
      ])
      await storage.compact('room')
      const { doc, updates: replacement } = makeUpdates(2)
      await storage.replaceRoom('room', replacement)
      const loaded = await storage.loadRoom('room')
      expect(loaded.snapshot).toBeNull()
      expect(bytes(loaded.updates)).toEqual(bytes(replacement))
      expect(replay(loaded).getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON())
      expect((await storage.loadRoom('other')).updates).toHaveLength(20)
    })

    it('does not lose updates appended while a compaction runs', async () => {
      const storage = open(factory.newPlace())
      const { doc, updates } = makeUpdates(2000)
      await storage.appendUpdates([{ roomId: 'room', updates: updates.slice(0, 1000) }])
      const compaction = storage.compact('room')
      for (const update of updates.slice(1000))
        await storage.appendUpdates([{ roomId: 'room', updates: [update] }])
      await compaction
      await storage.compact('room')
      expect(
        replay(await storage.loadRoom('room'))
          .getMap('items')
          .toJSON(),
      ).toEqual(doc.getMap('items').toJSON())
    })

    it('reloads everything after being closed and opened again', async () => {
      const place = factory.newPlace()
      const first = open(place)
      await first.createWorkshop(workshop('w1'))
      const { doc, updates } = makeUpdates(10)
      await first.appendUpdates([{ roomId: 'w1', updates: updates.slice(0, 4) }])
      await first.compact('w1')
      await first.appendUpdates([{ roomId: 'w1', updates: updates.slice(4) }])
      await first.close()
      const second = open(place)
      expect(await second.findToken('w1-f')).toEqual({ workshopId: 'w1', role: 'facilitator' })
      expect(
        replay(await second.loadRoom('w1'))
          .getMap('items')
          .toJSON(),
      ).toEqual(doc.getMap('items').toJSON())
    })
  })
}
