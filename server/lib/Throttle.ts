import { TokenBucket } from './TokenBucket.ts'

export interface ThrottleOptions {
  /** Sustained rate: tokens given back per second. */
  perSecond: number
  /** Tokens a key starts with and may save up: how many at once. */
  burst: number
  /** Keys remembered at most; beyond, the longest unused is forgotten (it starts afresh). */
  maxKeys?: number
  now?: () => number
}

/**
 * A token bucket per key (a client address): each action takes tokens, which come back at
 * `perSecond`, up to `burst`. The table holds at most `maxKeys` buckets, most recently used
 * last: a forgotten bucket was the least recently used, and mostly full again anyway.
 */
export class Throttle {
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(private readonly options: ThrottleOptions) {
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? performance.now.bind(performance)
  }

  /** Takes `amount` tokens for `key`: 0 if there were that many, else the seconds until there are. */
  take(key: string, amount = 1): number {
    const now = this.now()
    const bucket = this.bucket(key, now)
    if (bucket.take(amount, now)) return 0
    return Math.ceil(bucket.wait(amount, now))
  }

  /** Takes `amount` tokens for `key`, even past zero (for what was already done). */
  charge(key: string, amount: number): void {
    const now = this.now()
    this.bucket(key, now).charge(amount, now)
  }

  /** Tokens `key` has now. */
  available(key: string): number {
    return this.buckets.get(key)?.available(this.now()) ?? this.options.burst
  }

  private bucket(key: string, now: number): TokenBucket {
    const bucket =
      this.buckets.get(key) ?? new TokenBucket(this.options.perSecond, this.options.burst, now)
    // Most recently used last.
    this.buckets.delete(key)
    this.buckets.set(key, bucket)
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    return bucket
  }
}
