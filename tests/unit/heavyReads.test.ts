import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { HeavyReads } from '../../server/lib/HeavyReads.ts'
import { HttpError } from '../../server/lib/HttpError.ts'

/** A workshop document's revision, moved by hand, and reads that count their computations. */
const setup = (limits = { perAddress: 2, perWorkshop: 3, keptBytes: 1000, sendingBytes: 1000 }) => {
  const revisions = new Map<string, number>([['w1', 1]])
  let next = 1
  const reads = new HeavyReads(limits, (id) => revisions.get(id))
  const change = (id: string) => {
    revisions.set(id, ++next)
    reads.changed(id)
  }
  let computed = 0
  const compute =
    (value = 'rapport') =>
    async () => {
      computed++
      return Buffer.from(`${value} ${computed}`)
    }
  return { reads, change, compute, computed: () => computed }
}

const read = { workshopId: 'w1', what: 'report', client: '10.0.0.1', keep: 'fr' }
const size = (value: Buffer) => value.byteLength

describe('heavy reads', () => {
  it('keeps a result while the document is unchanged, and computes it again after a change', async () => {
    const { reads, change, compute, computed } = setup()
    const first = await reads.read(read, compute(), size)
    expect((await reads.read(read, compute(), size)).toString()).toBe(first.toString())
    expect(computed()).toBe(1)
    // What it depends on besides the document is part of what is kept.
    await reads.read({ ...read, keep: 'en' }, compute(), size)
    expect(computed()).toBe(2)
    change('w1')
    expect((await reads.read(read, compute(), size)).toString()).toBe('rapport 3')
  })

  it('shares one computation among those who ask while it runs', async () => {
    const { reads, compute, computed } = setup({
      perAddress: 1,
      perWorkshop: 1,
      keptBytes: 0,
      sendingBytes: 1000,
    })
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => reads.read({ ...read, keep: undefined }, compute(), size)),
    )
    expect(computed()).toBe(1)
    expect(new Set(answers.map(String)).size).toBe(1)
  })

  it('computes again for those who came after the document changed meanwhile', async () => {
    const { reads, change } = setup()
    let release = () => {}
    const slow = async () => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return Buffer.from('avant')
    }
    const first = reads.read(read, slow, size)
    await new Promise((resolve) => setImmediate(resolve))
    change('w1')
    const later = reads.read(read, async () => Buffer.from('après'), size)
    release()
    expect((await first).toString()).toBe('avant')
    expect((await later).toString()).toBe('après')
  })

  it('refuses computations past the limits per address and per workshop with 429', async () => {
    const { reads, compute } = setup({
      perAddress: 2,
      perWorkshop: 3,
      keptBytes: 1000,
      sendingBytes: 1000,
    })
    const what = ['a', 'b', 'c', 'd']
    const byOne = what.map((w) => reads.read({ ...read, what: w }, compute(), size))
    const results = await Promise.allSettled(byOne)
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected'])
    const refusal = (results[2] as PromiseRejectedResult).reason as HttpError
    expect(refusal).toBeInstanceOf(HttpError)
    expect(refusal.status).toBe(429)
    expect(refusal.headers['Retry-After']).toBe('1')
    // From four addresses, the workshop's own limit.
    const byMany = what.map((w, i) =>
      reads.read({ ...read, what: `${w}2`, client: `10.0.1.${i}` }, compute(), size),
    )
    const spread = await Promise.allSettled(byMany)
    expect(spread.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected'])
    expect(((spread[3] as PromiseRejectedResult).reason as HttpError).message).toMatch(
      /in this workshop/,
    )
    // Places are given back once done.
    await expect(reads.read({ ...read, what: 'e' }, compute(), size)).resolves.toBeInstanceOf(
      Buffer,
    )
  })

  it('keeps at most its budget, the least recently used going first', async () => {
    const { reads, compute, computed } = setup({
      perAddress: 9,
      perWorkshop: 9,
      keptBytes: 40,
      sendingBytes: 1000,
    })
    // Nine bytes each: the fifth pushes the first out.
    for (const what of ['a', 'b', 'c', 'd', 'e'])
      await reads.read({ ...read, what }, compute(), size)
    expect(computed()).toBe(5)
    await reads.read({ ...read, what: 'b' }, compute(), size)
    expect(computed()).toBe(5)
    await reads.read({ ...read, what: 'a' }, compute(), size)
    expect(computed()).toBe(6)
  })

  // An outside attack held 2 GB of the server's memory with 16 paused sockets from one
  // address, each sent a 60 MB export it never read: finished computations counted nowhere.
  it('counts a result being sent until its response is done, per address and in bytes', () => {
    const { reads } = setup({ perAddress: 2, perWorkshop: 9, keptBytes: 40, sendingBytes: 100 })
    const responses: Array<EventEmitter & { sent: number }> = []
    const send = (client: string, bytes: number) => {
      const res = Object.assign(new EventEmitter(), {
        sent: 0,
        setTimeout: () => res,
        writeHead: () => res,
        end: (body: Buffer) => {
          res.sent = body.byteLength
        },
      })
      reads.send({ client }, res as unknown as ServerResponse, {}, Buffer.alloc(bytes))
      responses.push(res)
      return res
    }
    const refusal = (client: string, bytes: number) => {
      try {
        send(client, bytes)
      } catch (error) {
        return error as HttpError
      }
      throw new Error('sent')
    }
    send('10.0.0.1', 10)
    send('10.0.0.1', 10)
    // A third to the same address, while the two are unread: 429.
    expect(refusal('10.0.0.1', 10).status).toBe(429)
    // Others may still download, up to the bytes being sent all together: 503 beyond.
    send('10.0.0.2', 70)
    const full = refusal('10.0.0.3', 20)
    expect([full.status, full.headers['Retry-After']]).toEqual([503, '5'])
    // Once a response is done (sent, or its socket closed), its place and bytes are back.
    responses[0]?.emit('close')
    expect(send('10.0.0.1', 10).sent).toBe(10)
    responses[2]?.emit('close')
    expect(send('10.0.0.3', 20).sent).toBe(20)
  })
})
