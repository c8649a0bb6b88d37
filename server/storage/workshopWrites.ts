import type Database from 'better-sqlite3'
import type { NewWorkshop, VersionInfo } from './Storage.ts'

/**
 * The statements that write a workshop's rows, prepared on one connection: the server's
 * (tokens, updates, versions) and the storage worker's (new workshops, see storageWorker.ts).
 */
export const prepareWorkshopWrites = (db: Database.Database) => {
  const insertWorkshop = db.prepare(
    'INSERT INTO workshops (id, title, template, locale, created_at, sealed_links) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertToken = db.prepare('INSERT INTO tokens (hash, workshop_id, role) VALUES (?, ?, ?)')
  const append = db.prepare('INSERT INTO room_updates (room_id, data) VALUES (?, ?)')
  const insertVersionRow = db.prepare(
    'INSERT INTO versions (id, workshop_id, name, author, author_role, author_participant, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insertVersion = (version: Omit<VersionInfo, 'size'>, state: Uint8Array) =>
    insertVersionRow.run(
      version.id,
      version.workshopId,
      version.name,
      version.author,
      version.madeBy?.role ?? null,
      version.madeBy?.participantId ?? null,
      version.createdAt,
      state,
    )
  return {
    insertToken,
    append,
    insertVersion,
    /** The workshop, its tokens, first state, versions and other rooms, in one transaction. */
    createWorkshop: db.transaction(
      ({ record, tokenHashes, sealedLinks, initialState, versions, rooms }: NewWorkshop) => {
        insertWorkshop.run(
          record.id,
          record.title,
          record.template,
          record.locale,
          record.createdAt,
          sealedLinks,
        )
        for (const [role, hash] of Object.entries(tokenHashes)) {
          insertToken.run(hash, record.id, role)
        }
        append.run(record.id, initialState)
        for (const room of rooms ?? []) append.run(room.roomId, room.state)
        for (const { state, ...version } of versions ?? []) {
          insertVersion({ ...version, workshopId: record.id }, state)
        }
      },
    ),
  }
}
