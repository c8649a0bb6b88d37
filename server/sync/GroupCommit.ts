import type { RoomUpdates, Storage } from '../storage/Storage.ts'

/** A room as the group commit sees it: updates waiting to be made durable. */
export interface CommitSource {
  readonly id: string
  /** Hands over every update received since the last call; they are now being committed. */
  takePending(): Omit<RoomUpdates, 'roomId'>
  /** The updates last taken are durable. */
  committed(): void
  /** The updates last taken could not be stored. */
  commitFailed(error: unknown): void
  /** The source itself failed while handing over or taking back its updates. */
  crash(error: unknown, where: string): void
}

/**
 * Group commit across rooms: every room that received updates during an event-loop turn is
 * appended in one storage transaction (one fsync), at the end of that turn. While a commit is
 * under way, what arrives meanwhile waits for the next one, so a busy server makes fewer,
 * larger commits instead of queueing behind one fsync per update.
 */
export class GroupCommit {
  private readonly waiting = new Set<CommitSource>()
  private scheduled = false
  private running = false

  constructor(private readonly storage: Pick<Storage, 'appendUpdates'>) {}

  /** `source` has pending updates: commit them with the next batch. */
  request(source: CommitSource): void {
    this.waiting.add(source)
    if (this.scheduled || this.running) return
    this.scheduled = true
    setImmediate(this.run)
  }

  private readonly run = async (): Promise<void> => {
    this.scheduled = false
    this.running = true
    try {
      while (this.waiting.size > 0) {
        const sources = [...this.waiting]
        this.waiting.clear()
        // One room's fault never stops the others' commits.
        const batches: Array<{ source: CommitSource; pending: Omit<RoomUpdates, 'roomId'> }> = []
        for (const source of sources) {
          try {
            batches.push({ source, pending: source.takePending() })
          } catch (error) {
            source.crash(error, 'commit')
          }
        }
        try {
          await this.storage.appendUpdates(
            batches.map(({ source, pending }) => ({ roomId: source.id, ...pending })),
          )
        } catch (error) {
          for (const { source } of batches) source.commitFailed(error)
          continue
        }
        for (const { source } of batches) {
          try {
            source.committed()
          } catch (error) {
            source.crash(error, 'after commit')
          }
        }
      }
    } finally {
      this.running = false
    }
  }
}
