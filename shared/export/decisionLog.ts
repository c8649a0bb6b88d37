import type * as Y from 'yjs'
import { PARTNER_GROUPS } from '../groups.ts'
import { formatDay } from '../i18n/dates.ts'
import type { Locale } from '../i18n/locales.ts'
import { scalePointKey } from '../i18n/voting.ts'
import { type DecisionRecord, listDecisions } from '../schema/decisions.ts'
import { readFlow } from '../schema/flow.ts'
import { listSessions } from '../schema/sessions.ts'
import { CONSENT_VALUES, itemTexts } from '../schema/votes.ts'
import { toCsv } from './csv.ts'
import { message } from './messages.ts'
import { labelled, quoted } from './typography.ts'
import { pluralForm } from './words.ts'

/**
 * The decision log in three formats (served at `/api/workshops/<id>/decisions.{md,csv,json}`):
 * pure functions of the records, so the server, the client and tests share them.
 */

/** How the votes behind decisions are named: by their step, and their dots by the item's text. */
export interface VoteNames {
  /** The title of each step, by phase id, in the workshop's language. */
  phaseTitles: ReadonlyMap<string, string>
  /** The text of each canvas item, by id: what a dot went on. */
  itemTexts: ReadonlyMap<string, string>
}

/** A session of the lab as the log names the one a decision was taken in. */
export interface SessionName {
  title: string
  /** Its day, YYYY-MM-DD. */
  date: string
}

export interface DecisionLogSource extends VoteNames {
  workshop: { id: string; title: string; locale: Locale }
  decisions: readonly DecisionRecord[]
  /** The lab's sessions, by id. */
  sessions: ReadonlyMap<string, SessionName>
}

export const voteNames = (doc: Y.Doc, locale: Locale): VoteNames => ({
  phaseTitles: new Map(readFlow(doc).phases.map((phase) => [phase.id, phase.title[locale]])),
  itemTexts: itemTexts(doc, locale),
})

export const sessionNames = (doc: Y.Doc): ReadonlyMap<string, SessionName> =>
  new Map(listSessions(doc).map(({ id, title, date }) => [id, { title, date }]))

/**
 * The session a decision was taken in, in words: « Comité de mars (1er mars 2027) »; null when
 * it records none, or one the lab no longer has. `written` as in `describeSupport`.
 */
export const describeSession = (
  record: DecisionRecord,
  sessions: ReadonlyMap<string, SessionName>,
  locale: Locale,
  written: (text: string) => string = (text) => text,
): string | null => {
  const session = record.session === null ? undefined : sessions.get(record.session)
  return session ? `${written(session.title)} (${formatDay(locale, session.date)})` : null
}

/** What the decision log of a workshop document is made from. */
export const decisionLogSource = (
  doc: Y.Doc,
  workshop: DecisionLogSource['workshop'],
): DecisionLogSource => ({
  workshop,
  decisions: listDecisions(doc),
  sessions: sessionNames(doc),
  ...voteNames(doc, workshop.locale),
})

/**
 * A day for tools (front matter, CSV cells): ISO, which spreadsheets read as a date in their
 * reader's own format and which sorts. The text people read has `formatDay`.
 */
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

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
    review: 'Date de révision',
    history: 'Historique',
    session: 'Séance',
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
    review: 'Review date',
    history: 'History',
    session: 'Session',
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
 * The vote behind a decision, in words: its step's title, its kind and how many voted, then
 * its figures (« Idée B » 4, « Idée A » 3; each point of a gradient that got a vote; the
 * answers of a consent round). `written` makes what people wrote (titles, item texts) safe
 * for the format: what this adds itself needs no escaping.
 */
export const describeSupport = (
  record: DecisionRecord,
  source: VoteNames,
  locale: Locale,
  written: (text: string) => string = (text) => text,
): string | null => {
  const support = record.support
  if (!support) return null
  const { result } = support
  const kind = message(locale, `decisions.support.${result.kind}`)
  const voters = message(locale, `flow.results.voters.${pluralForm(locale, result.voters)}`, {
    count: result.voters,
  })
  const title = source.phaseTitles.get(support.phaseId)
  const name = title ? `${written(title)} (${kind}, ${voters})` : `${kind} (${voters})`
  const figures =
    result.kind === 'dots'
      ? Object.entries(result.items)
          .sort(([, a], [, b]) => b.total - a.total)
          .map(([item, entry]) => {
            const text = source.itemTexts.get(item)?.trim()
            const named = text ? written(text) : message(locale, 'flow.results.unknownItem')
            return `${quoted(locale, named)} ${entry.total}`
          })
      : result.kind === 'gradient'
        ? result.counts.flatMap((count, index) =>
            count > 0
              ? [`${message(locale, scalePointKey(result.scale, index + 1))} ${count}`]
              : [],
          )
        : CONSENT_VALUES.map(
            (value) => `${message(locale, `flow.consent.${value}`)} ${result.counts[value] ?? 0}`,
          )
  return labelled(locale, name, figures.join(', '))
}

/** Who took part, a line per partner group that did: « Patients partenaires : 3 ». */
export const describeParticipants = (record: DecisionRecord, locale: Locale): string[] =>
  PARTNER_GROUPS.filter((group) => record.participants[group] > 0).map((group) =>
    labelled(locale, WORDS[locale].groups[group], record.participants[group]),
  )

/** Markdown with a MADR-like front matter block before each decision. */
export const decisionsToMarkdown = (source: DecisionLogSource): string => {
  const { workshop, decisions } = source
  const { locale } = workshop
  const w = WORDS[locale]
  const out = [`# ${w.log} — ${mdLine(workshop.title)}`, '']
  if (decisions.length === 0) out.push(w.empty, '')
  for (const record of decisions) {
    out.push(
      '---',
      `id: ${yamlId(record.id)}`,
      `title: ${yamlString(record.title)}`,
      `status: ${record.status}`,
      `date: ${isoDay(record.createdAt)}`,
      ...(record.session ? [`session: ${yamlId(record.session)}`] : []),
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
    const session = describeSession(record, source.sessions, locale, mdLine)
    section(w.session, session ? [session] : [])
    section(w.context, [mdText(record.context)])
    section(
      w.options,
      record.options.map((option) => `- ${mdLine(option)}`),
    )
    section(w.decision, [mdText(record.decision)])
    section(w.rationale, [mdText(record.rationale)])
    section(
      w.dissent,
      record.dissent.map(
        (entry) => `- ${labelled(locale, mdLine(entry.text), mdLine(entry.reason))}`,
      ),
    )
    section(
      w.participants,
      describeParticipants(record, locale).map((line) => `- ${line}`),
    )
    const support = describeSupport(record, source, locale, mdLine)
    section(w.support, support ? [support] : [])
    section(w.review, record.reviewDate ? [formatDay(locale, record.reviewDate)] : [])
    section(
      w.history,
      record.history.map(
        (entry) => `- ${labelled(locale, formatDay(locale, entry.at), w.statuses[entry.status])}`,
      ),
    )
  }
  return `${out.join('\n').trimEnd()}\n`
}

/**
 * One row per decision. Columns: id, title, status, date, review_date, superseded_by, context,
 * options (joined by " | "), decision, rationale, dissent ("text: reason" joined by " | "),
 * participants_patient, participants_citizen, participants_clinician, participants_other,
 * support, then the session it was taken in: session (its title), session_date, session_id
 * (last, so the columns before keep their places). UTF-8 with a byte-order mark so
 * spreadsheets keep the accents.
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
  'session',
  'session_date',
  'session_id',
] as const

export const decisionsToCsv = (source: DecisionLogSource): string =>
  toCsv(
    DECISION_CSV_COLUMNS,
    source.decisions.map((record) => [
      record.id,
      record.title,
      record.status,
      isoDay(record.createdAt),
      record.reviewDate ?? '',
      record.supersededBy ?? '',
      record.context,
      record.options.join(' | '),
      record.decision,
      record.rationale,
      record.dissent
        .map((entry) => labelled(source.workshop.locale, entry.text, entry.reason))
        .join(' | '),
      ...PARTNER_GROUPS.map((group) => record.participants[group]),
      describeSupport(record, source, source.workshop.locale) ?? '',
      ...sessionCells(record, source.sessions),
    ]),
  )

const sessionCells = (record: DecisionRecord, sessions: ReadonlyMap<string, SessionName>) => {
  const session = record.session === null ? undefined : sessions.get(record.session)
  return [session?.title ?? '', session?.date ?? '', record.session ?? '']
}

export const decisionsToJson = ({ workshop, decisions }: DecisionLogSource) => ({
  format: 'fabrique.decisions' as const,
  version: 1 as const,
  workshop: { id: workshop.id, title: workshop.title },
  decisions,
})
