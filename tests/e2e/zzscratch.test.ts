import { describe, it } from 'vitest'
import { board, useBrowserSuite } from '../helpers/e2e.ts'

describe('scratch', () => {
  const e2e = useBrowserSuite()
  it('empty note', async () => {
    const w = await e2e.server.createWorkshop({ title: 'X' })
    const page = await e2e.join(w.links.participant, { name: 'Ana', group: /Patient partenaire/ }, { width: 1366, height: 768 })
    page.on('console', (m) => { if (/DISCARD|CLOSE/.test(m.text())) console.log(m.text()) })
    await board(page).focus()
    await page.keyboard.press('n')
    await page.waitForTimeout(300)
    console.log('after n', await page.locator('.canvas-item--note').count())
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    console.log('after esc', await page.locator('.canvas-item--note').count())
  }, 60_000)
})
