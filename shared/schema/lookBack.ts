import type * as Y from 'yjs'
import { rewritePhases } from './flow.ts'

/**
 * Migration: a step that looks back at earlier votes names them (`templatePhase.results`), so
 * the step card, the phone and the projector show their results. Workshops made before hold
 * their template's steps without it; those of a shipped template that looks back get the
 * names it gives now. Frozen here, as the template said it when `results` came: a migration
 * turns what was stored then.
 */
const LOOK_BACKS: ReadonlyArray<{ step: string; votes: readonly string[] }> = [
  // charte-des-roles, « Ce qui reste à travailler »: « Regardons les niveaux d’accord ».
  {
    step: 'suite',
    votes: [
      'accord-cliniciens-partenaires',
      'accord-patients-partenaires',
      'accord-citoyens-partenaires',
    ],
  },
]

/** A later session's ids end with its suffix (sessions.ts): `-s2`, `-s3`… */
const SESSION_SUFFIX = /^(-s\d+)?$/

export const nameLookedBackVotes = (doc: Y.Doc): void =>
  rewritePhases(doc, (phases) =>
    phases.map((phase, index) => {
      if (phase.vote || phase.results) return phase
      const votesBefore = new Set(
        phases.slice(0, index).flatMap((before) => (before.vote ? [before.id] : [])),
      )
      for (const { step, votes } of LOOK_BACKS) {
        const suffix = phase.id.slice(step.length)
        if (!phase.id.startsWith(step) || !SESSION_SUFFIX.test(suffix)) continue
        const results = votes.map((vote) => `${vote}${suffix}`)
        if (results.every((id) => votesBefore.has(id))) return { ...phase, results }
      }
      return phase
    }),
  )
