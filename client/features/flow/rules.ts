import type { Locale } from '../../../shared/i18n/index.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import type { Translate } from '../../app/i18n.tsx'

/** What a phase allows and forbids, in plain sentences for participants. */
export const phaseRules = (t: Translate, phase: TemplatePhase, locale: Locale): string[] => {
  const out: string[] = []
  const { allow, vote } = phase
  if (!allow.write)
    out.push(allow.vote || vote ? t('flow.rules.voteNoWrite') : t('flow.rules.noWrite'))
  else {
    if (!allow.seeOthers) out.push(t('flow.rules.private'))
    if (!allow.move) out.push(t('flow.rules.noMove'))
  }
  if (vote) {
    if (vote.kind === 'dots')
      out.push(t('flow.rules.dots', { budget: vote.budget, cap: vote.perItemCap }))
    else if (vote.kind === 'gradient')
      out.push(t('flow.rules.gradient', { proposal: vote.proposal[locale] }))
    else out.push(t('flow.rules.consent', { proposal: vote.proposal[locale] }))
    out.push(vote.hidden ? t('flow.rules.hidden') : t('flow.rules.live'))
  }
  return out
}
