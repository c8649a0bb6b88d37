import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Localized } from '../../shared/template.ts'
import type { BrowserSuite } from './e2e.ts'

/**
 * What the browser suites that walk through every kind of step share (a11y, layout, phone,
 * which import it as `steps`): a template made of one canvas "Nos idées" (a frame "Besoins"
 * and one more), a document "Plan d’action" and the steps each suite picks, in its own words
 * where it needs them; the workshops made from it; and screenshots to look at.
 */

export const localized = (fr: string, en: string): Localized => ({ fr, en })

interface TemplateNote {
  text: Localized
  frame: string
}

/** The canvas "Nos idées": the frame "Besoins" and `second` beside it, with `notes` in them. */
export const ideasCanvas = (second: { id: string; title: Localized }, notes: TemplateNote[]) => ({
  id: 'idees',
  title: localized('Nos idées', 'Our ideas'),
  frames: [
    { id: 'besoins', title: localized('Besoins', 'Needs'), x: 0, y: 0, w: 560, h: 640 },
    { ...second, x: 600, y: 0, w: 560, h: 640 },
  ],
  notes,
})

/** The document "Plan d’action", with `body` (Markdown). */
export const planDocument = (body: Localized) => ({
  id: 'plan',
  title: localized('Plan d’action', 'Action plan'),
  body,
})

/** What a step that asks where people stand allows: voting, nothing else. */
export const VOTING = { write: false, move: false, vote: true, seeOthers: true }

/** Writing together on "Nos idées". */
export const writeTogether = (
  instructions = localized('Écrivez vos idées, une par note.', 'Write your ideas.'),
  timeboxMinutes = 15,
) => ({
  id: 'ecrire',
  title: localized('Écrire ensemble', 'Write together'),
  instructions,
  timeboxMinutes,
  focus: { canvas: 'idees' },
  allow: { write: true, move: true, vote: false, seeOthers: true },
})

/** Private writing on "Nos idées" (`step`: its title, instructions and timebox). */
export const writeAlone = (step: {
  title: Localized
  instructions: Localized
  timeboxMinutes?: number
}) => ({
  id: 'seul',
  ...step,
  focus: { canvas: 'idees' },
  allow: { write: true, move: true, vote: false, seeOthers: false },
})

/** A hidden dot vote on "Nos idées", `budget` dots each, at most 2 on an item. */
export const dotVote = (
  budget: number,
  instructions = localized('Placez vos points.', 'Place your dots.'),
) => ({
  id: 'points',
  title: localized('Voter par points', 'Dot vote'),
  instructions,
  focus: { canvas: 'idees' },
  allow: VOTING,
  vote: { kind: 'dots', budget, perItemCap: 2, hidden: true },
})

/** A hidden gradient of agreement on opening a neighbourhood line, on the `scale`. */
export const gradientVote = (scale: string) => ({
  id: 'accord',
  title: localized('Degré d’accord', 'Gradient of agreement'),
  instructions: localized('Dites où vous en êtes.', 'Say where you stand.'),
  allow: VOTING,
  vote: {
    kind: 'gradient',
    scale,
    proposal: localized('Ouvrir une ligne du quartier', 'Open a neighbourhood line'),
    hidden: true,
  },
})

/** Reading "Plan d’action" together (`write`: whether people may edit it meanwhile). */
export const readPlan = (write = false) => ({
  id: 'lire',
  title: localized('Lire le plan', 'Read the plan'),
  instructions: localized('On relit le plan ensemble.', 'We read the plan together.'),
  focus: { document: 'plan' },
  allow: { write, move: false, vote: false, seeOthers: true },
})

/** A template of every kind of step a suite walks through: its `content` and `phases`. */
export const template = <Content>(
  id: string,
  title: Localized,
  content: Content,
  phases: readonly object[],
) => ({
  id,
  title,
  description: localized('Chaque sorte d’étape.', 'Every kind of step.'),
  durationMinutes: 60,
  content,
  phases,
})

/**
 * Workshops made from `template` on the suite's server (call it inside the suite's `describe`):
 * the template is added once (its id is then taken), each call makes a workshop of its own.
 */
export const workshopsFrom = (suite: BrowserSuite, template: { id: string }) => {
  let added: Promise<Response> | null = null
  return async (title = 'Atelier du quartier') => {
    added ??= fetch(`${suite.server.url}/api/templates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(template),
    })
    expect((await added).status).toBe(201)
    return suite.server.createWorkshop({ title, template: template.id })
  }
}

/** Saves what a page looks like as `<folder>/<name>.png`, when a folder is given (to look at). */
export const screenshots = (folder: string | undefined) => {
  if (folder) mkdirSync(folder, { recursive: true })
  return async (page: Page, name: string) => {
    if (folder) await page.screenshot({ path: `${folder}/${name}.png` })
  }
}
