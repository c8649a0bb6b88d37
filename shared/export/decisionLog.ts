import { stringify } from 'csv-stringify/sync'
import { PARTNER_GROUPS } from '../groups.ts'
import type { Locale } from '../i18n/locales.ts'
import type { DecisionRecord } from '../schema/decisions.ts'

/**
 * The decision log in three formats (served at `/api/workshops/<id>/decisions.{md,csv,json}`):
 * pure functions of the records, so the server, the client and tests share them.
 */

export interface DecisionLogSource {
  workshop: { id: string; title: string; locale: Locale }
  decisions: readonly DecisionRecord[]
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

const WORDS = {
  fr: {
    log: 'Journal des décisions',
    empty: 'Aucune décision pour l’instant.',
    context: 'Contexte',
    options: 'Options envisagées',
    decision: 'Décision',
    rationale: 'Justification',
    dissent: 'Désaccords et préoccupations',
    participants: 'Participation par groupe de partenaires',
    support: 'Vote à l’appui',
    history: 'Historique',
    groups: {
      patient: 'Patients partenaires',
      citizen: 'Citoyens partenaires',
      clinician: 'Cliniciens partenaires',
      other: 'Autres',
    },
    statuses: {
      proposed: 'proposée',
      adopted: 'adoptée',
      revisited: 'revue',
      superseded: 'remplacée',
    },
  },
  en: {
    log: 'Decision log',
    empty: 'No decision yet.',
    context: 'Context',
    options: 'Options considered',
    decision: 'Decision',
    rationale: 'Rationale',
    dissent: 'Dissent and concerns',
    participants: 'Participation by partner group',
    support: 'Supporting vote',
    history: 'History',
    groups: {
      patient: 'Patient partners',
      citizen: 'Citizen partners',
      clinician: 'Clinician partners',
      other: 'Others',
    },
    statuses: {
      proposed: 'proposed',
      adopted: 'adopted',
      revisited: 'revisited',
      superseded: 'superseded',
    },
  },
} as const

/** A YAML scalar that stays one line and parses back to the same string. */
const yamlString = (value: string) => JSON.stringify(value)
/** An id as it is when it is a plain word (as the app makes them), else quoted. */
const yamlId = (value: string) => (/^[\w-]+$/.test(value) ? value : yamlString(value))

/**
 * What people wrote, as Markdown that shows it and does nothing else: HTML as entities, and
 * every character that starts a link, an image, emphasis, code or a heading escaped. A bare
 * address (https://…, mailto:…) stays as it is, for a reader's renderer to link; a
 * `[text](javascript:…)` or a remote image cannot be written. A line of `---`, `===` or `+++`
 * is escaped too: it would close the section, underline the line above as a heading, or open
 * a front matter block that a tool reading the log would take for another decision.
 */
const mdText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()!#|~]/g, '\\$&')
    .replace(/^([ \t]*)([-=+])(?=(?:[ \t]*\2){2,}[ \t]*$)/gm, '$1\\$2')

/** What people wrote, on one line (a heading, a list item): line breaks become spaces. */
const mdLine = (value: string): string => mdText(value.replace(/\s*[\r\n]+\s*/g, ' '))

/**
 * A CSV cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (OWASP "CSV injection"), so it gets a leading `'`.
 */
const csvText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const supportSummary = (record: DecisionRecord): string | null => {
  const support = record.support
  if (!support) return null
  const { result } = support
  if (result.kind === 'consent') {
    const c = result.counts
    return `${support.phaseId}: consent ${c.consent}, concern ${c.concern}, objection ${c.objection} (${result.voters})`
  }
  if (result.kind === 'gradient')
    return `${support.phaseId}: ${result.counts.join(' / ')} (${result.voters})`
  const totals = Object.entries(result.items)
    .sort(([, a], [, b]) => b.total - a.total)
    .map(([item, entry]) => `${item}=${entry.total}`)
  return `${support.phaseId}: ${totals.join(', ')} (${result.voters})`
}

/** Markdown with a MADR-like front matter block before each decision. */
export const decisionsToMarkdown = ({ workshop, decisions }: DecisionLogSource): string => {
  const w = WORDS[workshop.locale]
  const out = [`# ${w.log} — ${mdLine(workshop.title)}`, '']
  if (decisions.length === 0) out.push(w.empty, '')
  for (const record of decisions) {
    out.push(
      '---',
      `id: ${yamlId(record.id)}`,
      `title: ${yamlString(record.title)}`,
      `status: ${record.status}`,
      `date: ${day(record.createdAt)}`,
      ...(record.reviewDate ? [`review-date: ${record.reviewDate}`] : []),
      ...(record.supersededBy ? [`superseded-by: ${yamlId(record.supersededBy)}`] : []),
      '---',
      '',
      `## ${mdLine(record.title)} (${w.statuses[record.status]})`,
      '',
    )
    const section = (heading: string, lines: string[]) => {
      if (lines.length === 0 || lines.every((line) => line.trim() === '')) return
      out.push(`### ${heading}`, '', ...lines, '')
    }
    section(w.context, [mdText(record.context)])
    section(
      w.options,
      record.options.map((option) => `- ${mdLine(option)}`),
    )
    section(w.decision, [mdText(record.decision)])
    section(w.rationale, [mdText(record.rationale)])
    section(
      w.dissent,
      record.dissent.map((entry) => `- ${mdLine(entry.text)}: ${mdLine(entry.reason)}`),
    )
    section(
      w.participants,
      PARTNER_GROUPS.filter((group) => record.participants[group] > 0).map(
        (group) => `- ${w.groups[group]}: ${record.participants[group]}`,
      ),
    )
    const support = supportSummary(record)
    section(w.support, support ? [support] : [])
    section(
      w.history,
      record.history.map((entry) => `- ${day(entry.at)}: ${w.statuses[entry.status]}`),
    )
  }
  return `${out.join('\n').trimEnd()}\n`
}

/**
 * One row per decision. Columns: id, title, status, date, review_date, superseded_by, context,
 * options (joined by " | "), decision, rationale, dissent ("text: reason" joined by " | "),
 * participants_patient, participants_citizen, participants_clinician, participants_other,
 * support. UTF-8 with a byte-order mark so spreadsheets keep the accents.
 */
export const DECISION_CSV_COLUMNS = [
  'id',
  'title',
  'status',
  'date',
  'review_date',
  'superseded_by',
  'context',
  'options',
  'decision',
  'rationale',
  'dissent',
  ...PARTNER_GROUPS.map((group) => `participants_${group}`),
  'support',
] as const

export const decisionsToCsv = ({ decisions }: DecisionLogSource): string =>
  `\uFEFF${stringify(
    decisions.map((record) => [
      record.id,
      record.title,
      record.status,
      day(record.createdAt),
      record.reviewDate ?? '',
      record.supersededBy ?? '',
      record.context,
      record.options.join(' | '),
      record.decision,
      record.rationale,
      record.dissent.map((entry) => `${entry.text}: ${entry.reason}`).join(' | '),
      ...PARTNER_GROUPS.map((group) => record.participants[group]),
      supportSummary(record) ?? '',
    ]),
    {
      header: true,
      columns: [...DECISION_CSV_COLUMNS],
      record_delimiter: 'windows',
      // A lone carriage return inside a cell would end the row in a spreadsheet.
      quoted_match: /[\r\n]/,
      cast: { string: csvText },
    },
  )}`

export const decisionsToJson = ({ workshop, decisions }: DecisionLogSource) => ({
  format: 'fabrique.decisions' as const,
  version: 1 as const,
  workshop: { id: workshop.id, title: workshop.title },
  decisions,
})
