import { loadConfig } from './config.ts'
import { repairWorkshop } from './storage/repair.ts'
import { SqliteStorage } from './storage/SqliteStorage.ts'

/**
 * `npm run repair -- <workshopId>`: makes a workshop stored with content out of bounds load
 * again (see server/storage/repair.ts). Run it with the server stopped, on the same DATA_DIR.
 */
const main = async () => {
  const workshopId = process.argv[2]
  if (!workshopId) throw new Error('usage: npm run repair -- <workshopId>')
  const config = loadConfig()
  const storage = new SqliteStorage(config.dataDir, { durability: config.durability })
  try {
    for (const room of await repairWorkshop(storage, workshopId)) {
      console.log(
        room.replaced > 0
          ? `${room.roomId}: ${room.replaced} value(s) rewritten as deleted content (${room.stored} stored updates read)`
          : `${room.roomId}: nothing to repair (${room.stored} stored updates read)`,
      )
    }
  } finally {
    await storage.close()
  }
}

main().catch((error: unknown) => {
  console.error(`repair failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
