const HOUR_MS = 60 * 60 * 1000

export interface ThrottleOptions {
  /** Sustained rate: tokens given back per hour. */
  perHour: number
  /** Tokens a key starts with and may save up: how many at once. */
  burst: number
  /** Keys remembered at most; beyond, the longest unused is forgotten (it starts afresh). */
  maxKeys?: number
  now?: () => number
}

interface Bucket {
  tokens: number
  /** When `tokens` was counted. */
  at: number
}

/**
 * A token bucket per key (a client address): each action takes one token, tokens come back
 * at `perHour`, up to `burst`. The table holds at most `maxKeys` buckets, most recently used
 * last: a forgotten bucket was the least recently used, and mostly full again anyway.
 */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>()
  private readonly perMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(private readonly options: ThrottleOptions) {
    this.perMs = options.perHour / HOUR_MS
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** Takes a token for `key`: 0 if there was one, else the seconds until there is. */
  take(key: string): number {
    const now = this.now()
    const bucket = this.buckets.get(key)
    const tokens = bucket
      ? Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs)
      : this.options.burst
    this.buckets.delete(key)
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now })
      return Math.ceil((1 - tokens) / this.perMs / 1000)
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now })
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    return 0
  }
}
