import type { TemplatePhase } from '../../../shared/template.ts'

/**
 * Whether `phase` asks for a ballot (a gradient of agreement or a consent round, not dots):
 * the ballot panel shows then, and its chunk is loaded only then.
 */
export const asksForBallot = (phase: TemplatePhase | null): phase is TemplatePhase =>
  !!phase?.vote && phase.allow.vote && phase.vote.kind !== 'dots'
