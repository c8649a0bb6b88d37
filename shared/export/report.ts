import type * as Y from 'yjs'
import { formatDay } from '../i18n/dates.ts'
import type { Locale } from '../i18n/locales.ts'
import { listCanvases } from '../schema/canvases.ts'
import { readCanvasContent } from '../schema/canvasItems.ts'
import { listCharters } from '../schema/charters.ts'
import { listDecisions } from '../schema/decisions.ts'
import { documentBody, listDocuments } from '../schema/documents.ts'
import { currentSessionId, readMeta } from '../schema/meta.ts'
import { readPlan, sectionBody } from '../schema/plan.ts'
import { fragmentToHtml } from '../schema/richText.ts'
import { displayText, displayTitle } from '../schema/seedText.ts'
import { canvasToSvg } from './canvasSvg.ts'
import {
  describeParticipants,
  describeSession,
  describeSupport,
  type SessionName,
  sessionNames,
  voteNames,
} from './decisionLog.ts'
import { labelled } from './typography.ts'

/**
 * The printable report of a workshop (`GET /api/workshops/<id>/report`): decisions, plan, role
 * charters, documents and canvases (as SVG; the ended sessions' too, each under its session)
 * in one HTML page that prints well to PDF. Every
 * text is escaped; rich text goes through `fragmentToHtml`; no script. A template's titles and
 * texts nobody edited are in the report's language.
 */

const esc = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

const WORDS = {
  fr: {
    report: 'Rapport d’atelier',
    generated: 'Produit le',
    decisions: 'Journal des décisions',
    noDecision: 'Aucune décision.',
    plan: 'Plan ouvert et changeant',
    actions: 'Actions',
    questions: 'Questions ouvertes',
    owner: 'Responsable',
    due: 'Échéance',
    charters: 'Chartes des rôles',
    documents: 'Documents',
    canvases: 'Canevas',
    review: 'À revoir le',
    session: 'Séance',
    participants: 'Participation par groupe de partenaires',
    status: {
      proposed: 'proposée',
      adopted: 'adoptée',
      revisited: 'revue',
      superseded: 'remplacée',
      'not-started': 'pas commencé',
      'in-progress': 'en cours',
      done: 'fait',
      blocked: 'bloqué',
      todo: 'à faire',
      doing: 'en cours',
      open: 'ouverte',
      answered: 'répondue',
      'to-discuss': 'à discuter',
      agreed: 'convenu',
      objected: 'objection',
    } as Record<string, string>,
  },
  en: {
    report: 'Workshop report',
    generated: 'Produced on',
    decisions: 'Decision log',
    noDecision: 'No decision.',
    plan: 'Open, changing plan',
    actions: 'Actions',
    questions: 'Open questions',
    owner: 'Owner',
    due: 'Due',
    charters: 'Role charters',
    documents: 'Documents',
    canvases: 'Canvases',
    review: 'Review on',
    session: 'Session',
    participants: 'Participation by partner group',
    status: {
      proposed: 'proposed',
      adopted: 'adopted',
      revisited: 'revisited',
      superseded: 'superseded',
      'not-started': 'not started',
      'in-progress': 'in progress',
      done: 'done',
      blocked: 'blocked',
      todo: 'to do',
      doing: 'doing',
      open: 'open',
      answered: 'answered',
      'to-discuss': 'to discuss',
      agreed: 'agreed',
      objected: 'objected',
    } as Record<string, string>,
  },
} as const

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.8rem}h2{border-bottom:2px solid #1d4e5f;padding-bottom:.2rem;margin-top:2.5rem}
.status{display:inline-block;border:1px solid #555;border-radius:.3rem;padding:0 .4rem;font-size:.85rem}
.decision,.section,.charter,.canvas{break-inside:avoid;margin-bottom:1.5rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}
.canvas svg{max-width:100%;height:auto;border:1px solid #ccc}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}a{color:inherit}}
`

/** The report as one standalone HTML document. */
export const workshopReport = (
  doc: Y.Doc,
  options: {
    locale: Locale
    now?: number
    /** The boards of the lab's ended sessions, each session's room's document, oldest first. */
    earlierBoards?: ReadonlyArray<{ session: SessionName; doc: Y.Doc }>
  },
): string => {
  const { locale } = options
  const w = WORDS[locale]
  const title = readMeta(doc)?.title ?? w.report
  const status = (value: string) => `<span class="status">${esc(w.status[value] ?? value)}</span>`
  const parts: string[] = []

  parts.push(`<h2>${w.decisions}</h2>`)
  const decisions = listDecisions(doc)
  const names = voteNames(doc, locale)
  const sessions = sessionNames(doc)
  if (decisions.length === 0) parts.push(`<p>${w.noDecision}</p>`)
  for (const d of decisions) {
    const participants = describeParticipants(d, locale)
    const support = describeSupport(d, names, locale, esc)
    const session = describeSession(d, sessions, locale, esc)
    parts.push(
      `<section class="decision"><h3>${esc(d.title)} ${status(d.status)}</h3>`,
      session ? `<p>${labelled(locale, w.session, session)}</p>` : '',
      d.context ? `<p>${esc(d.context)}</p>` : '',
      d.decision ? `<p><strong>${esc(d.decision)}</strong></p>` : '',
      d.rationale ? `<p>${esc(d.rationale)}</p>` : '',
      d.dissent.length > 0
        ? `<ul>${d.dissent.map((x) => `<li>${labelled(locale, esc(x.text), esc(x.reason))}</li>`).join('')}</ul>`
        : '',
      participants.length > 0
        ? `<p>${labelled(locale, w.participants, esc(participants.join(', ')))}</p>`
        : '',
      support ? `<p>${support}</p>` : '',
      d.reviewDate ? `<p>${w.review} ${esc(formatDay(locale, d.reviewDate))}</p>` : '',
      '</section>',
    )
  }

  const plan = readPlan(doc)
  if (plan.sections.length + plan.actions.length + plan.questions.length > 0) {
    parts.push(`<h2>${w.plan}</h2>`)
    for (const section of plan.sections) {
      const body = sectionBody(doc, section.id)
      parts.push(
        `<section class="section"><h3>${esc(section.title)} ${status(section.status)}</h3>${body ? fragmentToHtml(body) : ''}</section>`,
      )
    }
    if (plan.actions.length > 0) {
      parts.push(
        `<h3>${w.actions}</h3><table><thead><tr><th>${w.actions}</th><th>${w.owner}</th><th>${w.due}</th><th></th></tr></thead><tbody>`,
        ...plan.actions.map(
          (a) =>
            `<tr><td>${esc(a.title)}</td><td>${esc(a.owner)}</td><td>${esc(a.due ? formatDay(locale, a.due) : '')}</td><td>${status(a.status)}</td></tr>`,
        ),
        '</tbody></table>',
      )
    }
    if (plan.questions.length > 0) {
      parts.push(
        `<h3>${w.questions}</h3><ul>${plan.questions.map((q) => `<li>${esc(q.text)} ${status(q.status)}</li>`).join('')}</ul>`,
      )
    }
  }

  const charters = listCharters(doc)
  if (charters.length > 0) {
    parts.push(`<h2>${w.charters}</h2>`)
    for (const charter of charters) {
      parts.push(
        `<section class="charter"><h3>${esc(displayTitle(charter, options.locale))}</h3><ul>`,
        ...charter.items.map(
          (item) => `<li>${esc(displayText(item, options.locale))} ${status(item.status)}</li>`,
        ),
        '</ul></section>',
      )
    }
  }

  const documents = listDocuments(doc)
  if (documents.length > 0) {
    parts.push(`<h2>${w.documents}</h2>`)
    for (const document of documents) {
      const body = documentBody(doc, document.id)
      parts.push(
        `<section class="section"><h3>${esc(displayTitle(document, options.locale))}</h3>${body ? fragmentToHtml(body) : ''}</section>`,
      )
    }
  }

  const drawCanvases = (from: Y.Doc, heading: string) => {
    const canvases = listCanvases(from)
    if (canvases.length === 0) return
    parts.push(`<h2>${heading}</h2>`)
    for (const canvas of canvases) {
      const canvasTitle = displayTitle(canvas, options.locale)
      const svg = canvasToSvg(readCanvasContent(from, canvas.id), {
        title: canvasTitle,
        locale,
      })
      parts.push(
        `<section class="canvas"><h3>${esc(canvasTitle)}</h3>${svg.replace(/^<\?xml[^>]*>\s*/, '')}</section>`,
      )
    }
  }
  // The boards of the ended sessions (each from its own room), then the lab's own, each
  // under the session it was made in.
  const earlier = options.earlierBoards ?? []
  const named = (session: SessionName) =>
    `${w.canvases} — ${esc(session.title)} (${esc(formatDay(locale, session.date))})`
  for (const { session, doc: boards } of earlier) drawCanvases(boards, named(session))
  const current = sessions.get(currentSessionId(doc) ?? '')
  drawCanvases(doc, earlier.length > 0 && current ? named(current) : w.canvases)

  const date = formatDay(locale, options.now ?? Date.now())
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${esc(`${w.report} — ${title}`)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${esc(title)}</h1><p>${w.report} · ${w.generated} ${date}</p></header>
<main>
${parts.filter(Boolean).join('\n')}
</main>
</body>
</html>
`
}
