import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, Result, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * axe-core's browser build. Evaluated rather than added as a <script>: the pages' Content
 * Security Policy (`script-src 'self'`) refuses inline scripts, and must stay as it is.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * What the assertions run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices
 * (landmarks, headings, unique names…). Violations only: "incomplete" needs a person to judge.
 */
const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
}

/** What the evaluated axe.min.js defines. */
type AxeWindow = { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }

/** axe-core's violations on the page as it is now (axe is injected once per document). */
const axeViolations = async (page: Page): Promise<Result[]> => {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE)
  const results = await page.evaluate(
    (options) => (window as unknown as AxeWindow).axe.run(document, options),
    OPTIONS,
  )
  return results.violations
}

/**
 * One entry per failing element: rule, impact, selector, its HTML, what axe says to fix and the
 * elements it relates it to (the other landmark of the same name, the label…).
 */
const describeViolations = (violations: Result[]): string =>
  violations
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const related = [...node.any, ...node.all, ...node.none].flatMap(
          (check) =>
            check.relatedNodes?.map((other) => `    related: ${other.target.join(' ')}`) ?? [],
        )
        return [
          `- ${violation.id} (${violation.impact ?? 'no impact'}) at ${node.target.join(' ')}`,
          `    ${node.html.slice(0, 300)}`,
          `    ${node.failureSummary?.replaceAll('\n', '\n    ') ?? violation.help}`,
          ...related,
        ].join('\n')
      }),
    )
    .join('\n')

/**
 * Fails the test, listing every violation, unless axe-core finds none on the page as it is now;
 * a soft assertion, so the test goes on to check its other pages and reports them all.
 */
export const expectNoAxeViolations = async (page: Page, where: string): Promise<void> => {
  const violations = await axeViolations(page)
  expect
    .soft(violations.length, `axe-core on ${where}:\n${describeViolations(violations)}\n`)
    .toBe(0)
}
