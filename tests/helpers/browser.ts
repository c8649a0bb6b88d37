import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Whether browser tests can run; under CI=true a missing Chromium is a failure, not a skip. */
export const hasChromium = (): boolean => {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run must apt-get install chromium`)
  }
  console.warn(
    `\n⚠️  SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM}. Install it with 'apt-get install chromium' (or set CHROMIUM_PATH).\n`,
  )
  return false
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
