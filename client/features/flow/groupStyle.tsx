import { type Component, For, type JSX } from 'solid-js'
import { GROUP_COLOURS, PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import { useI18n } from '../../app/i18n.tsx'

/**
 * Each partner group's fill: its colour AND a pattern (stripes, dots, cross-hatch, plain), so
 * segments are told apart without colour; every segment also carries its number as text.
 */
const PATTERNS: Record<PartnerGroup, { image?: string; size?: string }> = {
  patient: {
    image: 'repeating-linear-gradient(45deg, rgb(0 0 0 / 0.3) 0 3px, transparent 3px 9px)',
  },
  citizen: {
    image: 'radial-gradient(circle, rgb(0 0 0 / 0.35) 1.6px, transparent 2px)',
    size: '7px 7px',
  },
  clinician: {
    image:
      'repeating-linear-gradient(0deg, rgb(0 0 0 / 0.25) 0 2px, transparent 2px 7px), repeating-linear-gradient(90deg, rgb(0 0 0 / 0.25) 0 2px, transparent 2px 7px)',
  },
  other: {},
}

export const groupSegmentStyle = (group: PartnerGroup): JSX.CSSProperties => ({
  'background-color': GROUP_COLOURS[group],
  'background-image': PATTERNS[group].image,
  'background-size': PATTERNS[group].size,
})

/** The legend: each group's swatch (colour + pattern) and name. */
export const GroupKey: Component = () => {
  const { t } = useI18n()
  return (
    <ul class="group-key">
      <For each={PARTNER_GROUPS}>
        {(group) => (
          <li class="group-key__item">
            <span class="group-key__swatch" aria-hidden="true" style={groupSegmentStyle(group)} />
            {t(`group.${group}`)}
          </li>
        )}
      </For>
    </ul>
  )
}
