import type * as Y from 'yjs'

/**
 * Names of the top-level shared types of a workshop document. Only the functions of
 * `shared/schema/` read these names; everything else goes through their accessors.
 */
export const ROOT = {
  /** Y.Map: workshop metadata (title, template, locale, schema version). */
  meta: 'meta',
  /** Y.Map<ParticipantRecord>: everyone who joined, keyed by participant id. */
  participants: 'participants',
  /** Y.Map<Y.Map>: the shared canvases, keyed by canvas id (see canvases.ts). */
  canvases: 'canvases',
  /** Y.Map: the facilitated flow — phases, current phase, timer (see flow.ts). */
  flow: 'flow',
  /** Y.Map: published vote results per phase id, written by the server only (votes.ts). */
  results: 'results',
  /** Y.Map<Y.Map>: the decision log, keyed by decision id (decisions.ts). */
  decisions: 'decisions',
  /** Y.Map<Y.Map>: collaborative rich-text documents, each with a Y.XmlFragment body (documents.ts). */
  documents: 'documents',
  /** Y.Map<Y.Map>: role charters and their items (charters.ts). */
  charters: 'charters',
  /** Y.Map: the open plan — sections, actions, open questions (plan.ts). */
  plan: 'plan',
  /** Y.Map: the lab's sessions, keyed by session id, written by the server only (sessions.ts). */
  sessions: 'sessions',
} as const

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta)
export const participantsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.participants)
export const canvasesMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.canvases)
export const flowMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.flow)
export const resultsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.results)
export const decisionsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.decisions)
export const documentsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.documents)
export const chartersMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.charters)
export const planMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.plan)
export const sessionsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.sessions)

/*
 * Observers of a root, here rather than beside the root's readers (decisions.ts, plan.ts) so
 * that a page that only watches for changes (what is due, `LazyDueList`) holds a few lines, not
 * the decision log's or the plan's code with its validators.
 */

/** Calls `onChange` after each change to the decision log. */
export const observeDecisions = (doc: Y.Doc, onChange: () => void): (() => void) => {
  const root = decisionsMap(doc)
  const handler = () => onChange()
  root.observeDeep(handler)
  return () => root.unobserveDeep(handler)
}

/** Calls `onChange` with the events of each change to the plan (paths from its root). */
export const observePlan = (
  doc: Y.Doc,
  onChange: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void,
): (() => void) => {
  const root = planMap(doc)
  root.observeDeep(onChange)
  return () => root.unobserveDeep(onChange)
}
