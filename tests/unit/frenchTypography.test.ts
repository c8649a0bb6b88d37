import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type DecisionLogSource, decisionsToMarkdown } from '../../shared/export/decisionLog.ts'
import { workshopReport } from '../../shared/export/report.ts'
import type { DecisionRecord } from '../../shared/schema/decisions.ts'
import {
  addAction,
  addBox,
  createDecision,
  decisionFromVote,
  initFlow,
} from '../../shared/schema/index.ts'
import { tally } from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { frenchSpacingFaults } from '../helpers/frenchTypography.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'
const I18N = new URL('../../shared/i18n/', import.meta.url)

/** Every French catalogue in shared/i18n (`fr`, and each module's `…Fr`), by where it is. */
const frenchCatalogues = async (): Promise<Array<[string, Record<string, unknown>]>> => {
  const found: Array<[string, Record<string, unknown>]> = []
  for (const file of readdirSync(I18N).filter((name) => name.endsWith('.ts'))) {
    const module: Record<string, unknown> = await import(new URL(file, I18N).href)
    for (const [name, value] of Object.entries(module))
      if ((name === 'fr' || name.endsWith('Fr')) && typeof value === 'object' && value !== null)
        found.push([`${file} ${name}`, value as Record<string, unknown>])
  }
  return found
}

describe('French (Québec) typography', () => {
  it('finds an ordinary space or none before : ; ! ? and inside guillemets, and nothing else', () => {
    expect(frenchSpacingFaults('Taille : 100 %')).toHaveLength(1)
    expect(frenchSpacingFaults('Terminer la séance?')).toHaveLength(1)
    expect(frenchSpacingFaults('Oui ; non !')).toHaveLength(2)
    expect(frenchSpacingFaults('Le bouton « Note » ici')).toHaveLength(2)
    expect(frenchSpacingFaults('Le bouton «Note» ici')).toHaveLength(2)
    // Both no-break spaces are right; one beside an ordinary space is not.
    expect(frenchSpacingFaults('Taille\u00a0: 100 %; «\u202fNote\u00a0»\u202f?')).toHaveLength(1)
    expect(frenchSpacingFaults('Taille \u00a0: 100 %')).toHaveLength(1)
    expect(
      frenchSpacingFaults(
        'Voyez https://exemple.org/a?b=c, mailto:x@y.ca ou /w/abc?token à 10:30, puis {{ name }} et {name}',
      ),
    ).toEqual([])
    expect(frenchSpacingFaults('{{ total }} : {{ title }}?!')).toHaveLength(2)
  })

  it('is followed by every French message of the interface', async () => {
    const catalogues = await frenchCatalogues()
    expect(catalogues.map(([where]) => where)).toContain('fr.ts fr')
    expect(catalogues.length).toBeGreaterThan(10)
    for (const [where, messages] of catalogues)
      for (const [key, text] of Object.entries(messages)) {
        expect(typeof text, `${where}: ${key}`).toBe('string')
        expect(frenchSpacingFaults(String(text)), `${where}: ${key}`).toEqual([])
      }
  })

  it('is followed by what the printable report and the decision log write around what people wrote', () => {
    const vote: TemplatePhase = {
      id: 'priorites',
      title: { fr: 'Vote des priorités', en: 'Priority vote' },
      instructions: { fr: 'Votez.', en: 'Vote.' },
      allow: { write: false, move: false, vote: true, seeOthers: true },
      vote: { kind: 'dots', budget: 3, perItemCap: 3, hidden: true },
    }
    const { doc, canvasId } = newWorkshop()
    initFlow(doc, [vote], O)
    const idea = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Navette' }, O)
    const result = tally(
      vote.vote ?? { kind: 'dots', budget: 3, perItemCap: 3, hidden: true },
      Array.from({ length: 3 }, () => ({
        group: 'patient' as const,
        ballot: { kind: 'dots' as const, dots: new Map([[idea, 1]]) },
      })),
      true,
    )
    createDecision(
      doc,
      {
        ...decisionFromVote(result, { phaseId: vote.id, title: 'Nos priorités' }),
        dissent: [{ text: 'objection', reason: 'Trop cher' }],
        reviewDate: '2027-03-01',
      },
      O,
    )
    addAction(doc, { title: 'Appeler la CDC', due: '2027-04-01' }, O)
    const html = workshopReport(doc, { locale: 'fr', now: new Date(2027, 2, 1, 12).getTime() })
    const text = html
      .replace(/<style>[\s\S]*?<\/style>|<\?xml[^>]*>|<!doctype[^>]*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, '’')
      .replace(/&amp;/g, '&')
    expect(text).toContain('Navette')
    expect(frenchSpacingFaults(text)).toEqual([])

    const decision: DecisionRecord = {
      id: 'd1',
      title: 'Jumelage',
      context: 'Beaucoup d’aînés vivent seuls.',
      options: ['Jumelage', 'Groupe d’entraide'],
      decision: 'Essayer le jumelage.',
      rationale: 'Les patients partenaires connaissent le quartier.',
      dissent: [{ text: 'objection', reason: 'Charge pour les bénévoles' }],
      participants: { patient: 3, citizen: 2, clinician: 2, other: 0 },
      support: { phaseId: 'priorites', result },
      links: { notes: [], actions: [], version: null },
      reviewDate: '2027-05-22',
      status: 'adopted',
      supersededBy: null,
      history: [{ status: 'proposed', at: new Date(2026, 10, 22, 12).getTime() }],
      createdAt: new Date(2026, 10, 22, 12).getTime(),
      session: null,
    }
    const source: DecisionLogSource = {
      workshop: { id: 'w1', title: 'Comité de pilotage', locale: 'fr' },
      decisions: [decision],
      phaseTitles: new Map([['priorites', 'Vote des priorités']]),
      itemTexts: new Map([[idea, 'Navette']]),
      sessions: new Map(),
    }
    // The front matter is YAML (`status: adopted`), for programs, not French prose.
    const prose = decisionsToMarkdown(source).replace(/^---\n[\s\S]*?\n---$/gm, '')
    expect(prose).toContain('Navette')
    expect(frenchSpacingFaults(prose)).toEqual([])
  })
})
