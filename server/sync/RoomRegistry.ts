import type { Logger } from 'pino'
import { parseRoomName } from '../../shared/rooms.ts'
import type { Storage } from '../storage/Storage.ts'
import type { Connection } from './Connection.ts'
import { GroupCommit } from './GroupCommit.ts'
import { Room, type RoomOptions } from './Room.ts'
import { roomKind } from './roomKinds.ts'

/**
 * The loaded rooms. A room is loaded by its first connection (or by server work on it) and
 * unloaded once nobody uses it and everything it received is durable; it is then compacted
 * in the background so the next load reads one snapshot. A private room keeps its workshop's
 * room loaded: the workshop's flow decides what the private document may receive.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  /** Uses other than connections (server work, private rooms holding their workshop). */
  private readonly pins = new Map<Room, number>()
  /** The workshop room each private room holds. */
  private readonly holds = new Map<Room, Room>()
  private readonly commit: GroupCommit
  /** Set by `close()`: rooms unloading now are left for their next unload to compact. */
  private closing = false
  /** Each workshop room's revision (see `revision`), kept while it is unloaded. */
  private readonly revisions = new Map<string, number>()
  private lastRevision = 0
  private readonly changeListeners: Array<(roomId: string) => void> = []
  /**
   * Rooms whose storage is to be erased (see `discard`): how a connection that joins meanwhile
   * is closed, and who waits for them to unload.
   */
  private readonly discarding = new Map<
    string,
    { close: (conn: Connection) => void; unloaded: Array<() => void> }
  >()

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly options: Omit<RoomOptions, 'kind' | 'commit' | 'workshopDoc' | 'onChange'>,
  ) {
    this.commit = new GroupCommit(storage)
  }

  get loadedRooms(): number {
    return this.rooms.size
  }

  loaded(): Iterable<Room> {
    return this.rooms.values()
  }

  /**
   * A number that grows at every change of a workshop room's document and stays the same
   * while it does not change, loaded or not (a document changes only while its room is
   * loaded): what was read from it at one revision holds while the revision is the same.
   * Undefined for a private room. One number per workshop asked about or changed since the
   * server started is kept.
   */
  revision(roomId: string): number | undefined {
    if (parseRoomName(roomId)?.kind !== 'workshop') return undefined
    const known = this.revisions.get(roomId)
    if (known !== undefined) return known
    // Unchanged since the server started: a number of its own from now on.
    this.revisions.set(roomId, ++this.lastRevision)
    return this.lastRevision
  }

  /** Tells `listener` of each change of a workshop room's document, as it is applied. */
  onChange(listener: (roomId: string) => void): void {
    this.changeListeners.push(listener)
  }

  private changed(roomId: string): void {
    this.revisions.set(roomId, ++this.lastRevision)
    for (const listener of this.changeListeners) listener(roomId)
  }

  async join(roomId: string, conn: Connection): Promise<Room> {
    const room = await this.get(roomId)
    const discarding = this.discarding.get(roomId)
    if (discarding) discarding.close(conn)
    else room.join(conn)
    return room
  }

  leave(room: Room, conn: Connection): void {
    try {
      room.leave(conn)
    } catch (error) {
      room.crash(error, 'leave')
    }
    if (room.connections.size === 0) this.unloadWhenDurable(room)
  }

  private unloadWhenDurable(room: Room): void {
    room
      .whenDurable()
      .then(() => this.unloadIfIdle(room))
      .catch((error: unknown) => room.log.error({ err: error }, 'could not unload the room'))
  }

  /** Runs `work` on a room (loading it if needed); the room stays loaded until it is done. */
  async withRoom<T>(roomId: string, work: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.get(roomId)
    this.pin(room, 1)
    try {
      return await work(room)
    } finally {
      this.pin(room, -1)
      this.unloadWhenDurable(room)
    }
  }

  /**
   * Closes a room's connections with `close` (and any that joins meanwhile) and resolves once
   * it is unloaded (at once if it is not loaded), everything it received durable, so that its
   * storage may be erased: it is not compacted. Server work on it under way finishes first.
   */
  async discard(roomId: string, close: (conn: Connection) => void): Promise<void> {
    const room = this.rooms.get(roomId) ?? (await this.loading.get(roomId)?.catch(() => null))
    if (!room || this.rooms.get(roomId) !== room) return
    const unloaded = new Promise<void>((resolve) => {
      const waiting = this.discarding.get(roomId)?.unloaded ?? []
      this.discarding.set(roomId, { close, unloaded: [...waiting, resolve] })
    })
    for (const conn of [...room.connections]) {
      close(conn)
      this.leave(room, conn)
    }
    this.unloadWhenDurable(room)
    await unloaded
  }

  /**
   * For shutdown: rooms that unload from now on are not compacted (their updates are durable
   * all the same, and the storage stops its worker), and this waits until every loaded room's
   * updates are durable. Compactions under way are the storage's to finish when it closes.
   */
  async close(): Promise<void> {
    this.closing = true
    await Promise.allSettled(this.loading.values())
    await Promise.all([...this.rooms.values()].map((room) => room.whenDurable()))
  }

  private async get(roomId: string): Promise<Room> {
    return this.rooms.get(roomId) ?? (await this.load(roomId))
  }

  private pin(room: Room, delta: 1 | -1): void {
    const count = (this.pins.get(room) ?? 0) + delta
    if (count > 0) this.pins.set(room, count)
    else this.pins.delete(room)
  }

  private load(roomId: string): Promise<Room> {
    const existing = this.loading.get(roomId)
    if (existing) return existing
    const loading = this.open(roomId).finally(() => this.loading.delete(roomId))
    this.loading.set(roomId, loading)
    return loading
  }

  private async open(roomId: string): Promise<Room> {
    const address = parseRoomName(roomId)
    const workshop = address?.kind === 'private' ? await this.get(address.workshopId) : null
    if (workshop) this.pin(workshop, 1)
    try {
      const options: RoomOptions = {
        ...this.options,
        commit: this.commit,
        kind: roomKind(roomId),
        ...(workshop ? { workshopDoc: () => workshop.doc } : {}),
        ...(address?.kind === 'workshop' ? { onChange: () => this.changed(roomId) } : {}),
      }
      const log = this.log.child({ room: roomId })
      const room = await Room.load(roomId, this.storage, log, options, (failed) =>
        this.drop(failed),
      )
      this.rooms.set(roomId, room)
      if (workshop) this.holds.set(room, workshop)
      return room
    } catch (error) {
      if (workshop) this.release(workshop)
      throw error
    }
  }

  private release(room: Room): void {
    this.pin(room, -1)
    this.unloadIfIdle(room)
  }

  private unloadIfIdle(room: Room): void {
    if (!room.idle || this.pins.has(room) || this.rooms.get(room.id) !== room) return
    const discarded = this.discarding.has(room.id)
    this.drop(room)
    room.log.info('room unloaded')
    if (discarded) return
    if (this.closing) {
      room.log.debug('not compacted: the server is shutting down')
      return
    }
    this.storage.compact(room.id).then(
      (result) => room.log.debug(result, 'compacted after unload'),
      (error: unknown) => room.log.error({ err: error }, 'compaction after unload failed'),
    )
  }

  private drop(room: Room): void {
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id)
    for (const unloaded of this.discarding.get(room.id)?.unloaded ?? []) unloaded()
    this.discarding.delete(room.id)
    this.pins.delete(room)
    room.destroy()
    const workshop = this.holds.get(room)
    this.holds.delete(room)
    if (workshop) this.release(workshop)
  }
}
