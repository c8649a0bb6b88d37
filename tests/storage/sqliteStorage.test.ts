import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { tempDataDir } from '../helpers/server.ts'
import { describeStorageContract } from './storageContract.ts'

describeStorageContract('SQLite', { newPlace: tempDataDir, open: (dir) => new SqliteStorage(dir) })

describe('SQLite backend', () => {
  it('runs in WAL mode with every commit fsynced by default', () => {
    const storage = new SqliteStorage(tempDataDir())
    const db = (storage as unknown as { db: import('better-sqlite3').Database }).db
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    return storage.close()
  })

  it('refuses a database written by a newer build, naming the versions', async () => {
    const dir = tempDataDir()
    const storage = new SqliteStorage(dir)
    ;(storage as unknown as { db: import('better-sqlite3').Database }).db.pragma(
      'user_version = 99',
    )
    await storage.close()
    expect(() => new SqliteStorage(dir)).toThrow(/newer Fabrique \(schema 99/)
    expect(readFileSync(`${dir}/fabrique.sqlite`).byteLength).toBeGreaterThan(0)
  })
})
