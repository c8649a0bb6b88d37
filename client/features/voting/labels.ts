import { scalePointKey } from '../../../shared/i18n/voting.ts'
import type { PhaseVote } from '../../../shared/schema/votes.ts'
import { useI18n } from '../../app/i18n.tsx'

type GradientScale = Extract<PhaseVote, { kind: 'gradient' }>['scale']

/** The label of a gradient point, e.g. "1. Approbation totale" (the ballot, the projector). */
export const useGradientLabel = () => {
  const { t } = useI18n()
  return (scale: GradientScale, n: number) =>
    t('voting.gradient.point', {
      n,
      label: t(scalePointKey(scale, n)),
    })
}
