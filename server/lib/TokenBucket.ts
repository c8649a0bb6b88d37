/** A token bucket: refills at `perSecond` up to `capacity`, which it starts with. */
export class TokenBucket {
  private tokens: number
  private at: number

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity
    this.at = now
  }

  /** Tokens there are at `now`. */
  available(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond)
    this.at = now
    return this.tokens
  }

  /** Takes `amount` if there is that much; false (and nothing taken) if not. */
  take(amount: number, now: number): boolean {
    if (this.available(now) < amount) return false
    this.tokens -= amount
    return true
  }

  /** Takes `amount` even if there is not that much (the bucket may go below zero). */
  charge(amount: number, now: number): void {
    this.available(now)
    this.tokens -= amount
  }

  /** Seconds until `amount` is there. */
  wait(amount: number, now: number): number {
    return Math.max(0, (amount - this.available(now)) / this.perSecond)
  }
}
