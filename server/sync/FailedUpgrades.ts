/** Beyond this many addresses, those with a full budget are forgotten. */
const MAX_TRACKED_ADDRESSES = 10_000
const WINDOW_MS = 60_000

/**
 * Failed upgrades (no, wrong or revoked token; unknown room) per client address: each takes
 * one from the address's budget, which refills over a minute. Authenticated connections never
 * count: a hospital network behind one address may bring hundreds of devices.
 */
export class FailedUpgrades {
  private readonly budgets = new Map<string, { left: number; at: number }>()

  constructor(private readonly perMinute: number) {}

  /** Whether `address` may try to upgrade now. */
  allows(address: string, now = performance.now()): boolean {
    return this.refill(address, now) >= 1
  }

  /** `address` failed to authenticate an upgrade. */
  failed(address: string, now = performance.now()): void {
    const left = this.refill(address, now) - 1
    if (this.budgets.size >= MAX_TRACKED_ADDRESSES) this.forgetFull(now)
    this.budgets.set(address, { left, at: now })
  }

  private refill(address: string, now: number): number {
    const budget = this.budgets.get(address)
    if (!budget) return this.perMinute
    return Math.min(this.perMinute, budget.left + ((now - budget.at) / WINDOW_MS) * this.perMinute)
  }

  private forgetFull(now: number): void {
    for (const address of [...this.budgets.keys()]) {
      if (this.refill(address, now) >= this.perMinute) this.budgets.delete(address)
    }
  }
}
