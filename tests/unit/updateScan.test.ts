import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { repairUpdate, scanUpdate, UpdateRefused } from '../../server/sync/updateScan.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { deepAnyUpdate } from '../helpers/yupdates.ts'

/** The updates `change` makes on a replica of `base`, one per transaction. */
const updatesOf = (base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array[] => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  change(doc)
  return updates
}

/** One transaction nesting maps `depth` deep (the root counts as one). */
const nestedMaps = (doc: Y.Doc, depth: number) =>
  doc.transact(() => {
    let map = doc.getMap('meta')
    for (let i = 1; i < depth; i++) {
      const inner = new Y.Map<unknown>()
      map.set('child', inner)
      map = inner
    }
  })

describe('scanUpdate', () => {
  it('accepts what honest replicas send one another, transaction by transaction', () => {
    const server = newWorkshop().doc
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server))
    const relay = (from: Y.Doc) => {
      from.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'server') return
        expect(() => scanUpdate(update, server)).not.toThrow()
        Y.applyUpdate(server, update)
        for (const peer of [a, b]) if (peer !== from) Y.applyUpdate(peer, update, 'server')
      })
    }
    relay(a)
    relay(b)
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let step = 0; step < 400; step++) {
      const doc = random() < 0.5 ? a : b
      const text = doc.getMap('documents').get('t') as Y.Text | undefined
      const pick = random()
      if (!text || pick < 0.05) {
        doc.getMap('documents').set('t', new Y.Text('début'))
      } else if (pick < 0.6) {
        text.insert(Math.floor(random() * (text.length + 1)), ['é', '😀', 'x'][step % 3] as string)
      } else if (pick < 0.8 && text.length > 2) {
        text.delete(Math.floor(random() * (text.length - 1)), 1)
      } else {
        const fragment = new Y.XmlFragment()
        const list = new Y.XmlElement('bulletList')
        const item = new Y.XmlElement('listItem')
        item.insert(0, [new Y.XmlText('point')])
        list.insert(0, [item])
        fragment.insert(0, [list])
        doc.getMap('plan').set(`body${step}`, fragment)
      }
    }
    expect(a.getMap('documents').toJSON()).toEqual(server.getMap('documents').toJSON())
    // A device that was away sends everything the server lacks at once: accepted too.
    const away = new Y.Doc()
    Y.applyUpdate(away, Y.encodeStateAsUpdate(server))
    away.getMap('plan').set('note', 'hors ligne')
    expect(() =>
      scanUpdate(Y.encodeStateAsUpdate(away, Y.encodeStateVector(server)), server),
    ).not.toThrow()
  })

  it('refuses values nested deeper than the bound without recursing, however deep', () => {
    const doc = newWorkshop().doc
    expect(() => scanUpdate(deepAnyUpdate(10), doc)).not.toThrow()
    expect(() => scanUpdate(deepAnyUpdate(65), doc)).toThrow(/nested deeper than 64/)
    // 200,000 deep: lib0's recursive decoder would overflow the stack here.
    expect(() => Y.applyUpdate(new Y.Doc(), deepAnyUpdate(200_000))).toThrow(RangeError)
    expect(() => scanUpdate(deepAnyUpdate(200_000), doc)).toThrow(UpdateRefused)
  })

  it('refuses deep JSON strings and shared types nested past the bound', () => {
    const base = new Y.Doc()
    const [shallow] = updatesOf(base, (doc) => nestedMaps(doc, 30))
    expect(() => scanUpdate(shallow as Uint8Array, base)).not.toThrow()
    const [deep] = updatesOf(base, (doc) => nestedMaps(doc, 70))
    expect(() => scanUpdate(deep as Uint8Array, base)).toThrow(/shared types nested deeper/)
    // Nested one level at a time, each update alone is small: the depth comes from the doc.
    const server = new Y.Doc()
    const client = new Y.Doc()
    let refused = 0
    client.on('update', (update: Uint8Array) => {
      try {
        scanUpdate(update, server)
        Y.applyUpdate(server, update)
      } catch {
        refused++
      }
    })
    let map = client.getMap('meta')
    for (let i = 0; i < 70; i++) {
      const inner = new Y.Map<unknown>()
      map.set('child', inner)
      map = inner
    }
    expect(refused).toBeGreaterThan(0)
    const embedded = updatesOf(base, (doc) =>
      doc.getText('t').insertEmbed(0, JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`)),
    )
    expect(() => scanUpdate(embedded[0] as Uint8Array, base)).toThrow(/nested deeper/)
  })

  it('refuses long keys and root names, sub-documents and garbage', () => {
    const base = new Y.Doc()
    const longKey = updatesOf(base, (doc) => doc.getMap('meta').set('k'.repeat(300), 1))
    expect(() => scanUpdate(longKey[0] as Uint8Array, base)).toThrow(/a map key of 300 bytes/)
    const longRoot = updatesOf(base, (doc) => doc.getMap('r'.repeat(300)).set('a', 1))
    expect(() => scanUpdate(longRoot[0] as Uint8Array, base)).toThrow(/a root name/)
    const subdoc = updatesOf(base, (doc) => doc.getMap('meta').set('d', new Y.Doc()))
    expect(() => scanUpdate(subdoc[0] as Uint8Array, base)).toThrow(/sub-document/)
    expect(() => scanUpdate(new Uint8Array([1, 1, 5, 0, 200]), base)).toThrow(UpdateRefused)
    expect(() => scanUpdate(new Uint8Array([9]), base)).toThrow(/not a readable Yjs update/)
  })

  it('refuses what Yjs would keep pending: gaps, missing references, unknown deletions', () => {
    const base = new Y.Doc()
    const [first, second] = updatesOf(base, (doc) => {
      doc.getText('t').insert(0, 'ab')
      doc.getText('t').insert(1, 'c')
    })
    expect(() => scanUpdate(second as Uint8Array, base)).toThrow(/skips part|does not have/)
    expect(() => scanUpdate(first as Uint8Array, base)).not.toThrow()
    const other = new Y.Doc()
    other.getText('t').insert(0, 'xyz')
    const deletion = updatesOf(other, (doc) => doc.getText('t').delete(0, 2))
    expect(() => scanUpdate(deletion[0] as Uint8Array, base)).toThrow(/deletes content/)
  })

  it('refuses clocks past 2^32, which Yjs cannot merge', () => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint(encoder, 9100) // client
    encoding.writeVarUint(encoder, 0) // clock
    for (const length of [Number.MAX_SAFE_INTEGER, 5]) {
      encoding.writeUint8(encoder, 1) // ContentDeleted, parent info follows
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, 'ov')
      encoding.writeVarUint(encoder, length)
    }
    encoding.writeVarUint(encoder, 0)
    const update = encoding.toUint8Array(encoder)
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow()
    expect(() => scanUpdate(update, new Y.Doc())).toThrow(/clock passes/)
  })

  it('counts the structs an update can add: deletions of live content, not deletions repeated', () => {
    const base = new Y.Doc()
    base.getText('t').insert(0, 'x'.repeat(1000))
    const [fragmenting] = updatesOf(base, (doc) =>
      doc.transact(() => {
        for (let i = 999; i > 0; i -= 2) doc.getText('t').delete(i, 1)
      }),
    )
    expect(scanUpdate(fragmenting as Uint8Array, base).pieces).toBeGreaterThanOrEqual(1000)
    Y.applyUpdate(base, fragmenting as Uint8Array)
    // A client's full delete set, sent again at its next SyncStep2: nothing new.
    const again = Y.encodeStateAsUpdate(base, Y.encodeStateVector(base))
    expect(scanUpdate(again, base).pieces).toBe(0)
  })

  it('names the clients whose new structs the update brings', () => {
    const base = new Y.Doc()
    const [update] = updatesOf(base, (doc) => doc.getMap('meta').set('a', 1))
    const scanned = scanUpdate(update as Uint8Array, base)
    expect(scanned.newClients.size).toBe(1)
    Y.applyUpdate(base, update as Uint8Array)
    expect(scanUpdate(update as Uint8Array, base).newClients.size).toBe(0)
  })
})

describe('scanUpdate against mutated updates', () => {
  it('whatever it accepts, Yjs applies in full: no error, nothing left pending', () => {
    const gen = prng.create(12)
    const base = new Y.Doc()
    base.getMap('meta').set('a', 1)
    base.getText('t').insert(0, 'bonjour le monde')
    base.getXmlFragment('f').insert(0, [new Y.XmlElement('p')])
    base.getArray('arr').insert(0, [1, 2, 3])
    base.getText('t').delete(2, 3)
    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getMap('meta').set(prng.word(gen, 1, 6), { x: [prng.word(gen, 0, 5)] }),
      (doc) => doc.getText('t').insert(prng.uint32(gen, 0, 5), prng.word(gen, 1, 10)),
      (doc) => doc.getText('t').delete(0, 3),
      (doc) => {
        const li = new Y.XmlElement('li')
        li.setAttribute('k', 'v')
        ;(doc.getXmlFragment('f').get(0) as Y.XmlElement).insert(0, [li, new Y.XmlText('x')])
      },
      (doc) => doc.getArray('arr').delete(1, 1),
      (doc) => doc.getText('t').format(0, 2, { bold: true }),
      (doc) => doc.getArray('arr').insert(0, [new Uint8Array([1, 2]), null, 2.5, -7]),
    ]
    let accepted = 0
    for (let n = 0; n < 2500; n++) {
      const change = changes[n % changes.length] as (doc: Y.Doc) => void
      const [update] = updatesOf(base, change)
      const bytes = Array.from(update as Uint8Array)
      const at = prng.uint32(gen, 0, bytes.length - 1)
      const mutation = n % 3
      if (mutation === 0) bytes[at] = prng.uint32(gen, 0, 255)
      else if (mutation === 1) bytes.splice(at, 1)
      else bytes.splice(at, 0, prng.uint32(gen, 0, 255))
      const mutated = Uint8Array.from(bytes)
      try {
        scanUpdate(mutated, base)
      } catch (error) {
        expect(error).toBeInstanceOf(UpdateRefused)
        continue
      }
      accepted++
      const target = new Y.Doc()
      Y.applyUpdate(target, Y.encodeStateAsUpdate(base))
      Y.applyUpdate(target, mutated)
      expect(target.store.pendingStructs).toBeNull()
      expect(target.store.pendingDs).toBeNull()
      target.getXmlFragment('f').toString()
      target.getText('t').toDelta()
    }
    expect(accepted).toBeGreaterThan(50)
  }, 30_000)
})

describe('repairUpdate', () => {
  it('rewrites deep content as deleted content of the same length: later updates still apply', () => {
    const client = 777
    const deep = deepAnyUpdate(20_000, client)
    // The same client's next struct: a text in `meta`, at clock 1.
    const later = new Y.Doc()
    later.clientID = client
    const repaired = repairUpdate(deep, later)
    expect(repaired.replaced).toBe(1)
    expect(() => scanUpdate(repaired.update, later)).not.toThrow()
    Y.applyUpdate(later, repaired.update)
    expect(later.getMap('meta').get('deep')).toBeUndefined()
    expect(Y.getState(later.store, client)).toBe(1)
    later.getMap('meta').set('after', 'ok')
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, repaired.update)
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(later, Y.encodeStateVector(reloaded)))
    expect(reloaded.getMap('meta').get('after')).toBe('ok')
    expect(reloaded.store.pendingStructs).toBeNull()
  })

  it('leaves a sound update as it is', () => {
    const base = new Y.Doc()
    const [update] = updatesOf(base, (doc) => doc.getMap('meta').set('a', [1, [2]]))
    expect(repairUpdate(update as Uint8Array, base)).toEqual({ update, replaced: 0 })
  })
})

describe('scanUpdate: where an update writes', () => {
  const topsOf = (base: Y.Doc, change: (doc: Y.Doc) => void) =>
    updatesOf(base, change).flatMap((update) => {
      const tops = scanUpdate(update, base).tops
      Y.applyUpdate(base, update)
      return tops
    })

  it('finds the root and key of an overwrite (which carries no parent), inside or at the top', () => {
    const { doc } = newWorkshop()
    expect(topsOf(doc, (d) => d.getMap('meta').set('schemaVersion', 999))).toEqual([
      { root: 'meta', key: 'schemaVersion', direct: true },
    ])
    // The entry itself, and the text it holds.
    expect(topsOf(doc, (d) => d.getMap('documents').set('x', new Y.Text('a')))).toEqual([
      { root: 'documents', key: 'x', direct: true },
      { root: 'documents', key: 'x', direct: false },
    ])
    const text = (d: Y.Doc) => d.getMap('documents').get('x') as Y.Text
    expect(topsOf(doc, (d) => text(d).insert(1, 'b'))).toEqual([
      { root: 'documents', key: 'x', direct: false },
    ])
    expect(topsOf(doc, (d) => d.getText('hidden').insert(0, 'z'))).toEqual([
      { root: 'hidden', key: '#', direct: true },
    ])
  })

  it('finds where a deletion takes effect', () => {
    const { doc } = newWorkshop()
    expect(topsOf(doc, (d) => d.getMap('meta').delete('title'))).toEqual([
      { root: 'meta', key: 'title', direct: true },
    ])
  })

  it('refuses an item between neighbours in two places, and a map entry with a right neighbour', () => {
    const doc = new Y.Doc()
    const documents = doc.getMap('documents')
    documents.set('a', new Y.Text('abc'))
    documents.set('b', new Y.Text('xyz'))
    documents.set('k', 1)
    const first = (key: string) => {
      const type = documents.get(key) as Y.Text
      return type._start?.id as Y.ID
    }
    /** One string item by client 99 at clock 0, between `origin` and `right`. */
    const between = (origin: Y.ID, right: Y.ID) => {
      const encoder = encoding.createEncoder()
      for (const n of [1, 1, 99, 0]) encoding.writeVarUint(encoder, n)
      encoding.writeUint8(encoder, 4 | 0x80 | 0x40)
      for (const id of [origin, right]) {
        encoding.writeVarUint(encoder, id.client)
        encoding.writeVarUint(encoder, id.clock)
      }
      encoding.writeVarString(encoder, 'Q')
      encoding.writeVarUint(encoder, 0)
      return encoding.toUint8Array(encoder)
    }
    const a = first('a')
    const b = first('b')
    const entry = documents._map.get('k')?.id as Y.ID
    expect(() => scanUpdate(between(a, b), doc)).toThrow(/two neighbours are in different places/)
    expect(() => scanUpdate(between(a, entry), doc)).toThrow(/map entry with a right neighbour/)
    // Between two characters of the same text, as Yjs writes an insertion.
    expect(() => scanUpdate(between(a, Y.createID(a.client, a.clock + 1)), doc)).not.toThrow()
  })

  it('refuses empty structs and empty deletions, which no Yjs encoder writes', () => {
    const doc = new Y.Doc()
    doc.getMap('flow').set('phase', 'p1')
    /** A map entry `flow.phase` holding `values` (ContentAny), by client 99 at clock 0. */
    const entry = (values: number, deletions: Array<[number, number, number]> = []) => {
      const encoder = encoding.createEncoder()
      for (const n of [1, 1, 99, 0]) encoding.writeVarUint(encoder, n)
      encoding.writeUint8(encoder, 8 | 0x20)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, 'flow')
      encoding.writeVarString(encoder, 'phase')
      encoding.writeVarUint(encoder, values)
      for (let i = 0; i < values; i++) encoding.writeAny(encoder, i)
      encoding.writeVarUint(encoder, deletions.length)
      for (const [client, clock, length] of deletions) {
        for (const n of [client, 1, clock, length]) encoding.writeVarUint(encoder, n)
      }
      return encoding.toUint8Array(encoder)
    }
    expect(() => scanUpdate(entry(0), doc)).toThrow(/an empty struct or deletion/)
    const writer = doc.clientID
    expect(() => scanUpdate(entry(1, [[writer, 0, 0]]), doc)).toThrow(/an empty struct or deletion/)
    expect(() => scanUpdate(entry(1, [[writer, 0, 1]]), doc)).not.toThrow()
  })
})
