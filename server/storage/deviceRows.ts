import type Database from 'better-sqlite3'
import type { PersonalLink, Storage } from './Storage.ts'

type DeviceStorage = Pick<
  Storage,
  | 'setPersonalLink'
  | 'revokePersonalLink'
  | 'personalLinkOf'
  | 'findPersonalLink'
  | 'addDevice'
  | 'isDevice'
>

interface LinkRow {
  workshop_id: string
  participant_id: string
  hash: string
  created_at: number
}

const toLink = (row: LinkRow): PersonalLink => ({
  workshopId: row.workshop_id,
  participantId: row.participant_id,
  hash: row.hash,
  createdAt: row.created_at,
})

/**
 * The SQLite side of personal links (tables `personal_links` and `participant_devices`, see
 * sqliteSchema.ts): one link per person, and the secrets of the devices it signed in. Both
 * reference the person's identity and go with it. `beforeWrite` waits until the storage may
 * write (SqliteStorage.lockFree).
 */
export const deviceRows = (
  db: Database.Database,
  beforeWrite: () => Promise<void>,
): DeviceStorage => {
  const hasIdentity = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM participants WHERE workshop_id = ? AND id = ?',
  )
  const upsertLink = db.prepare<[string, string, string, number]>(
    `INSERT INTO personal_links (workshop_id, participant_id, hash, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (workshop_id, participant_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at`,
  )
  const deleteLink = db.prepare<[string, string]>(
    'DELETE FROM personal_links WHERE workshop_id = ? AND participant_id = ?',
  )
  const linkOf = db.prepare<[string, string], LinkRow>(
    'SELECT * FROM personal_links WHERE workshop_id = ? AND participant_id = ?',
  )
  const linkByHash = db.prepare<[string, string], LinkRow>(
    'SELECT * FROM personal_links WHERE workshop_id = ? AND hash = ?',
  )
  const devicesOf = db.prepare<[string, string], { count: number }>(
    'SELECT count(*) AS count FROM participant_devices WHERE workshop_id = ? AND participant_id = ?',
  )
  const insertDevice = db.prepare<[string, string, string, number]>(
    'INSERT INTO participant_devices (workshop_id, participant_id, secret_hash, created_at) VALUES (?, ?, ?, ?)',
  )
  const findDevice = db.prepare<[string, string, string], { created_at: number }>(
    'SELECT created_at FROM participant_devices WHERE workshop_id = ? AND participant_id = ? AND secret_hash = ?',
  )
  return {
    async setPersonalLink(link) {
      await beforeWrite()
      return db.transaction(() => {
        if (!hasIdentity.get(link.workshopId, link.participantId)) return false
        upsertLink.run(link.workshopId, link.participantId, link.hash, link.createdAt)
        return true
      })()
    },
    async revokePersonalLink(workshopId, participantId) {
      await beforeWrite()
      return deleteLink.run(workshopId, participantId).changes > 0
    },
    async personalLinkOf(workshopId, participantId) {
      const row = linkOf.get(workshopId, participantId)
      return row ? toLink(row) : null
    },
    async findPersonalLink(workshopId, hash) {
      const row = linkByHash.get(workshopId, hash)
      return row ? toLink(row) : null
    },
    async addDevice(device, linkHash, max) {
      await beforeWrite()
      // One transaction: a link replaced or revoked meanwhile signs nothing in.
      return db.transaction(() => {
        const { workshopId, participantId } = device
        if (linkOf.get(workshopId, participantId)?.hash !== linkHash) return 'gone' as const
        if ((devicesOf.get(workshopId, participantId)?.count ?? 0) >= max) return 'full' as const
        insertDevice.run(workshopId, participantId, device.secretHash, device.createdAt)
        return 'added' as const
      })()
    },
    async isDevice(workshopId, participantId, secretHash) {
      return findDevice.get(workshopId, participantId, secretHash) !== undefined
    },
  }
}
