import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import type { NewWorkshop } from '../../server/storage/Storage.ts'
import { tempDataDir } from '../helpers/server.ts'
import { describeStorageContract } from './storageContract.ts'

describeStorageContract('SQLite', { newPlace: tempDataDir, open: (dir) => new SqliteStorage(dir) })

const dbOf = (storage: SqliteStorage) => (storage as unknown as { db: Database.Database }).db
/** Bytes the database file holds in pages, and how many of them are free. */
const fileUse = (db: Database.Database) => ({
  bytes:
    (db.pragma('page_count', { simple: true }) as number) *
    (db.pragma('page_size', { simple: true }) as number),
  freePages: db.pragma('freelist_count', { simple: true }) as number,
})

/** 400 updates that each add 4 KB of text and then remove it: a big log, a tiny document. */
const churn = (): Uint8Array[] => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = doc.getText('body')
  for (let i = 0; i < 200; i++) {
    text.insert(0, String(i).padEnd(4096, '.'))
    text.delete(0, text.length)
  }
  return updates
}

describe('SQLite backend', () => {
  it('runs in WAL mode with every commit fsynced and deleted content zeroed, by default', () => {
    const storage = new SqliteStorage(tempDataDir())
    const db = dbOf(storage)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    // Deleted content is overwritten with zeros (a forgotten person's record, see erasure.ts).
    expect(db.pragma('secure_delete', { simple: true })).toBe(1)
    return storage.close()
  })

  it('keeps the event loop turning while an append waits for a large workshop being written', async () => {
    const storage = new SqliteStorage(tempDataDir())
    const workshop = (id: string, versions: number): NewWorkshop => ({
      record: { id, title: 'Importé', template: 'atelier-libre', locale: 'fr', createdAt: 1 },
      tokenHashes: { facilitator: `${id}f`, participant: `${id}p`, observer: `${id}o` },
      sealedLinks: new Uint8Array(3),
      initialState: new Uint8Array(versions * 32 * 1024).fill(1),
      versions: Array.from({ length: versions }, (_, i) => ({
        id: `${id}v${i}`,
        name: `Version ${i}`,
        author: '',
        madeBy: null,
        createdAt: i,
        state: new Uint8Array(96 * 1024).fill(7),
      })),
    })
    await storage.createWorkshop(workshop('small', 1)) // the worker is up
    const creating = storage.createWorkshop(workshop('large', 200))
    const updates = churn().slice(0, 10)
    let ticks = 0
    const ticker = setInterval(() => ticks++, 1)
    await storage.appendUpdates([{ roomId: 'busy', updates }])
    clearInterval(ticker)
    await creating
    // Writing 25 MB takes hundreds of ms; the append waited without blocking timers.
    expect(ticks).toBeGreaterThan(10)
    expect((await storage.loadRoom('busy')).updates.map((u) => Array.from(u))).toEqual(
      updates.map((u) => Array.from(u)),
    )
    expect(await storage.listVersions('large')).toHaveLength(200)
    await storage.close()
  })

  it('keeps the versions of a database made before authors were stamped, as they were', async () => {
    const dir = tempDataDir()
    const storage = new SqliteStorage(dir)
    await storage.createWorkshop({
      record: { id: 'w', title: 'Ancien', template: 'atelier-libre', locale: 'fr', createdAt: 1 },
      tokenHashes: { facilitator: 'f', participant: 'p', observer: 'o' },
      sealedLinks: new Uint8Array(3),
      initialState: Y.encodeStateAsUpdate(new Y.Doc()),
      versions: [
        {
          id: 'v',
          name: 'Adoptée',
          author: 'Ana',
          madeBy: null,
          createdAt: 2,
          state: new Uint8Array(2),
        },
      ],
    })
    await storage.close()
    // The database as the build before wrote it: no author columns (nor client owners, nor
    // attendance, nor personal links), schema 3.
    const old = new Database(`${dir}/fabrique.sqlite`)
    old.exec('ALTER TABLE versions DROP COLUMN author_role')
    old.exec('ALTER TABLE versions DROP COLUMN author_participant')
    old.exec('DROP TABLE room_clients')
    old.exec('DROP TABLE attendance')
    old.exec('DROP TABLE session_contributions')
    old.exec('DROP TABLE personal_links')
    old.exec('DROP TABLE participant_devices')
    old.pragma('user_version = 3')
    old.close()
    const again = new SqliteStorage(dir)
    expect(await again.listVersions('w')).toMatchObject([{ id: 'v', author: 'Ana', madeBy: null }])
    await again.close()
  })

  it('refuses a database written by a newer build, naming the file and the versions', async () => {
    const dir = tempDataDir()
    const storage = new SqliteStorage(dir)
    dbOf(storage).pragma('user_version = 99')
    await storage.close()
    const refusal = `the database ${dir}/fabrique.sqlite could not be opened: the database was written by a newer Fabrique (schema 99`
    expect(() => new SqliteStorage(dir)).toThrow(refusal)
    // The refused open let go of the folder: a second try meets the same reason, not a lock.
    expect(() => new SqliteStorage(dir)).toThrow(refusal)
    expect(readFileSync(`${dir}/fabrique.sqlite`).byteLength).toBeGreaterThan(0)
  })

  it('opens a data directory once at a time: a second open throws, naming it and the pid', async () => {
    const dir = tempDataDir()
    const storage = new SqliteStorage(dir)
    const refused = performance.now()
    expect(() => new SqliteStorage(dir)).toThrow(
      `DATA_DIR ${dir} is already in use by a Fabrique server (pid ${process.pid}, this process)`,
    )
    expect(performance.now() - refused).toBeLessThan(1000) // at once: no wait for the holder
    await storage.close()
    const again = new SqliteStorage(dir)
    expect((await again.roomStats('r')).updateCount).toBe(0)
    await again.close()
  })
})

describe('SQLite backend: space', () => {
  it('gives the pages of compacted updates back to the file system', async () => {
    const storage = new SqliteStorage(tempDataDir())
    const db = dbOf(storage)
    // What the log adds to an empty database (its tables and indexes, a page each at least).
    const empty = fileUse(db).bytes
    await storage.appendUpdates([{ roomId: 'r', updates: churn() }])
    db.pragma('wal_checkpoint(TRUNCATE)')
    const before = fileUse(db)
    expect(before.bytes - empty).toBeGreaterThan(800_000)

    await storage.compact('r')
    db.pragma('wal_checkpoint(TRUNCATE)')
    const after = fileUse(db)
    expect(after.freePages).toBe(0)
    expect(after.bytes - empty).toBeLessThan((before.bytes - empty) / 10)
    expect((await storage.roomStats('r')).updateCount).toBe(0)
    await storage.close()
  })

  it('deletes a long log in steps, and what an interrupted compaction left is never read again', async () => {
    const storage = new SqliteStorage(tempDataDir())
    const db = dbOf(storage)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 2500; i++) doc.getText('body').insert(i, 'x')
    await storage.appendUpdates([{ roomId: 'r', updates }])
    const rows = () => db.prepare('SELECT count(*) FROM room_updates').pluck().get()

    await storage.compact('r')
    expect(rows()).toBe(0)
    // A compaction stopped after writing its snapshot leaves rows the snapshot covers.
    db.prepare('INSERT INTO room_updates (id, room_id, data) VALUES (1, ?, ?)').run('r', updates[0])
    const loaded = await storage.loadRoom('r')
    expect(loaded.updates).toEqual([])
    expect((await storage.roomStats('r')).updateCount).toBe(0)
    const replayed = new Y.Doc()
    Y.applyUpdate(replayed, loaded.snapshot ?? new Uint8Array())
    expect(replayed.getText('body').toString()).toBe('x'.repeat(2500))

    doc.getText('body').insert(0, 'y')
    await storage.appendUpdates([{ roomId: 'r', updates: updates.slice(-1) }])
    await storage.compact('r')
    expect(rows()).toBe(0)
    await storage.close()
  })

  it('converts a database made without auto-vacuum, keeping its content', async () => {
    const dir = tempDataDir()
    const old = new Database(`${dir}/fabrique.sqlite`)
    old.pragma('auto_vacuum = NONE')
    old.exec('CREATE TABLE kept (v TEXT)')
    old.prepare('INSERT INTO kept VALUES (?)').run('still here')
    old.close()

    const storage = new SqliteStorage(dir)
    const db = dbOf(storage)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2) // INCREMENTAL
    expect(db.prepare('SELECT v FROM kept').pluck().get()).toBe('still here')
    await storage.close()
  })
})
