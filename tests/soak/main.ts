/**
 * `npm run soak`: the chaos soak of tests/soak/runner.ts, 5 minutes by default.
 *
 *   npm run soak -- --seconds=60 --seed=7 --participants=54 --observers=6 --attacks=text,oversize
 *   SOAK_SECONDS=60 npm run soak
 *
 * `--attacks` picks the kinds of attack (tests/soak/attacks.ts, all by default).
 *
 * Prints its progress, then its figures and every failure (a crash with the server's stderr);
 * exits with 1 if anything failed.
 */
import { parseArgs } from 'node:util'
import { ATTACK_KINDS, type AttackKind } from './attacks.ts'
import { formatReport, runSoak, SOAK_DEFAULTS, soakFailures } from './runner.ts'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.SOAK_SECONDS ?? '300' },
    seed: { type: 'string', default: String(SOAK_DEFAULTS.seed) },
    participants: { type: 'string', default: String(SOAK_DEFAULTS.participants) },
    observers: { type: 'string', default: String(SOAK_DEFAULTS.observers) },
    attacks: { type: 'string', default: SOAK_DEFAULTS.attacks.join(',') },
  },
})
const attacks = values.attacks.split(',').filter(Boolean)
const unknown = attacks.filter((kind) => !(ATTACK_KINDS as readonly string[]).includes(kind))
if (unknown.length > 0) {
  console.error(`unknown attack ${unknown.join(', ')}: choose among ${ATTACK_KINDS.join(', ')}`)
  process.exit(2)
}

const started = performance.now()
const report = await runSoak({
  seconds: Number(values.seconds),
  seed: Number(values.seed),
  participants: Number(values.participants),
  observers: Number(values.observers),
  attacks: attacks as AttackKind[],
  log: (line) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`),
})
console.log(formatReport(report))
const failures = soakFailures(report)
for (const failure of failures) console.error(`\nFAILED: ${failure}`)
console.log(failures.length === 0 ? '\nsoak passed' : `\nsoak failed: ${failures.length} failures`)
process.exit(failures.length === 0 ? 0 : 1)
