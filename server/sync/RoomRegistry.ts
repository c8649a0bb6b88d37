import type { Logger } from 'pino'
import type { Storage } from '../storage/Storage.ts'
import type { Connection } from './Connection.ts'
import { Room, type RoomOptions } from './Room.ts'
import { roomKind } from './roomKinds.ts'

/**
 * The loaded rooms. A room is loaded by its first connection and unloaded once its last
 * connection has left and everything it received is durable; it is then compacted in the
 * background so the next load reads one snapshot.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly options: Omit<RoomOptions, 'kind'>,
  ) {}

  get loadedRooms(): number {
    return this.rooms.size
  }

  async join(roomId: string, conn: Connection): Promise<Room> {
    const room = this.rooms.get(roomId) ?? (await this.load(roomId))
    room.join(conn)
    return room
  }

  leave(room: Room, conn: Connection): void {
    room.leave(conn)
    if (room.connections.size === 0) void room.whenDurable().then(() => this.unloadIfIdle(room))
  }

  /** Waits until every loaded room's updates are durable (for shutdown). */
  async flushAll(): Promise<void> {
    await Promise.allSettled(this.loading.values())
    await Promise.all([...this.rooms.values()].map((room) => room.whenDurable()))
  }

  private load(roomId: string): Promise<Room> {
    const existing = this.loading.get(roomId)
    if (existing) return existing
    const log = this.log.child({ room: roomId })
    const options = { ...this.options, kind: roomKind(roomId) }
    const loading = Room.load(roomId, this.storage, log, options, (room) => this.drop(room))
      .then((room) => {
        this.rooms.set(roomId, room)
        return room
      })
      .finally(() => this.loading.delete(roomId))
    this.loading.set(roomId, loading)
    return loading
  }

  private unloadIfIdle(room: Room): void {
    if (!room.idle || this.rooms.get(room.id) !== room) return
    this.drop(room)
    room.log.info('room unloaded')
    this.storage.compact(room.id).then(
      (result) => room.log.debug(result, 'compacted after unload'),
      (error: unknown) => room.log.error({ err: error }, 'compaction after unload failed'),
    )
  }

  private drop(room: Room): void {
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id)
    room.destroy()
  }
}
