import { describe, expect, it } from 'vitest'
import { formatReport, runSoak, SOAK_DEFAULTS, soakFailures } from './runner.ts'

/**
 * The chaos soak of `npm run soak`, 30 s of it (seeded): the server must stay up, keep every
 * update it acknowledged, and every honest client must end with the reloaded document. The
 * figures and every failure (a crash comes with the server's stderr) are printed.
 */
describe('chaos soak', () => {
  it('the server never goes down: through 30 s of chaos nothing saved is lost and everyone converges', async () => {
    const report = await runSoak({ ...SOAK_DEFAULTS, seconds: 30, log: () => {} })
    console.log(formatReport(report))
    expect(soakFailures(report)).toEqual([])
    // The chaos did happen: connections were cut, frames refused, updates acknowledged.
    expect(report.proxy.cuts).toBeGreaterThan(0)
    expect(report.attacks.outcomes.text?.['4400']).toBeGreaterThan(0)
    expect(report.updates.acknowledged).toBeGreaterThan(0)
  }, 120_000)
})
