import { describe, expect, it } from 'vitest'
import type { RoomUpdates, Storage } from '../../server/storage/Storage.ts'
import { type CommitSource, GroupCommit } from '../../server/sync/GroupCommit.ts'

/** A storage whose appends the test resolves or rejects by hand. */
const manualStorage = () => {
  const calls: Array<{
    batches: readonly RoomUpdates[]
    resolve: () => void
    reject: (error: Error) => void
  }> = []
  const storage = {
    appendUpdates: (batches: readonly RoomUpdates[]) =>
      new Promise<void>((resolve, reject) => calls.push({ batches, resolve, reject })),
  } satisfies Pick<Storage, 'appendUpdates'>
  return { storage, calls }
}

const source = (id: string, faults: { take?: boolean; committed?: boolean } = {}) => {
  const events: string[] = []
  let pending: Uint8Array[] = []
  const room: CommitSource & { add(byte: number): void; events: string[] } = {
    id,
    events,
    add: (byte) => pending.push(new Uint8Array([byte])),
    takePending: () => {
      if (faults.take) throw new Error('bug in take')
      const taken = pending
      pending = []
      return { updates: taken }
    },
    committed: () => {
      if (faults.committed) throw new Error('bug in committed')
      events.push('committed')
    },
    commitFailed: (error) => events.push(`failed: ${(error as Error).message}`),
    crash: (error, where) => events.push(`crashed in ${where}: ${(error as Error).message}`),
  }
  return room
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
const ids = (batches: readonly RoomUpdates[]) =>
  batches.map((b) => `${b.roomId}:${b.updates.map((u) => u[0]).join(',')}`)

describe('group commit across rooms', () => {
  it('stores the rooms that received updates in the same turn in one transaction', async () => {
    const { storage, calls } = manualStorage()
    const commit = new GroupCommit(storage)
    const [a, b] = [source('a'), source('b')]
    a.add(1)
    commit.request(a)
    b.add(2)
    commit.request(b)
    a.add(3)
    commit.request(a)
    await turn()
    expect(calls.map((call) => ids(call.batches))).toEqual([['a:1,3', 'b:2']])
    expect(a.events).toEqual([])
    calls[0]?.resolve()
    await turn()
    expect([a.events, b.events]).toEqual([['committed'], ['committed']])
  })

  it('gathers what arrives during a commit into the next one, never two at once', async () => {
    const { storage, calls } = manualStorage()
    const commit = new GroupCommit(storage)
    const [a, b] = [source('a'), source('b')]
    a.add(1)
    commit.request(a)
    await turn()
    a.add(2)
    commit.request(a)
    b.add(3)
    commit.request(b)
    await turn()
    expect(calls).toHaveLength(1)
    calls[0]?.resolve()
    await turn()
    expect(calls.map((call) => ids(call.batches))).toEqual([['a:1'], ['a:2', 'b:3']])
    expect(a.events).toEqual(['committed'])
  })

  it('reports a failed transaction to every room in it, and goes on with later ones', async () => {
    const { storage, calls } = manualStorage()
    const commit = new GroupCommit(storage)
    const [a, b, c] = [source('a'), source('b'), source('c')]
    a.add(1)
    commit.request(a)
    b.add(2)
    commit.request(b)
    await turn()
    c.add(3)
    commit.request(c)
    calls[0]?.reject(new Error('disk full'))
    await turn()
    expect([a.events, b.events]).toEqual([['failed: disk full'], ['failed: disk full']])
    calls[1]?.resolve()
    await turn()
    expect(c.events).toEqual(['committed'])
  })

  it("keeps committing for every other room when one room's own code throws", async () => {
    const { storage, calls } = manualStorage()
    const commit = new GroupCommit(storage)
    const [a, b, c] = [source('a', { take: true }), source('b', { committed: true }), source('c')]
    for (const [room, byte] of [
      [a, 1],
      [b, 2],
      [c, 3],
    ] as const) {
      room.add(byte)
      commit.request(room)
    }
    await turn()
    expect(calls.map((call) => ids(call.batches))).toEqual([['b:2', 'c:3']])
    calls[0]?.resolve()
    await turn()
    expect(a.events).toEqual(['crashed in commit: bug in take'])
    expect(b.events).toEqual(['crashed in after commit: bug in committed'])
    expect(c.events).toEqual(['committed'])
    c.add(4)
    commit.request(c)
    await turn()
    expect(calls).toHaveLength(2)
  })
})
