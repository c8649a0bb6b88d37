import type { Logger } from 'pino'
import type { Storage } from '../storage/Storage.ts'

/**
 * Shortest time between two compactions of a loaded room. Compacting costs about the size of
 * the whole document, and while a room is loaded its log only matters if the server crashes:
 * a busy room (400 updates a second) is compacted every 30 s rather than every COMPACT_EVERY
 * updates, and always when it unloads.
 */
export const COMPACT_INTERVAL_MS = 30_000
/**
 * A loaded room whose log reaches this many times COMPACT_EVERY is compacted even within the
 * interval, so that the replay after a crash stays short (20,000 updates by default).
 */
export const COMPACT_LOG_CAP = 20

/**
 * When a loaded room folds its stored log into its snapshot (in the background: appends go
 * on meanwhile): once `every` updates were appended since the last compaction, at most once
 * per COMPACT_INTERVAL_MS unless the log reaches COMPACT_LOG_CAP times that.
 */
export class Compaction {
  /** Updates appended to the log since the last compaction began. */
  private appended = 0
  private running = false
  private last = Number.NEGATIVE_INFINITY

  constructor(
    private readonly roomId: string,
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly every: number,
  ) {}

  /** `count` more updates are in the room's stored log. */
  appendedUpdates(count: number): void {
    this.appended += count
  }

  /** Starts a compaction if one is due and none runs. */
  runIfDue(): void {
    if (
      this.running ||
      this.appended < this.every ||
      (performance.now() < this.last + COMPACT_INTERVAL_MS &&
        this.appended < this.every * COMPACT_LOG_CAP)
    ) {
      return
    }
    this.running = true
    this.last = performance.now()
    const appended = this.appended
    this.storage
      .compact(this.roomId)
      .then(
        (result) => {
          this.appended -= appended
          this.log.info(result, 'room compacted')
        },
        (error: unknown) => this.log.error({ err: error }, 'compaction failed; updates are kept'),
      )
      .finally(() => {
        this.running = false
      })
  }
}
