import { type Component, For, type JSX, Show } from 'solid-js'
import { GROUP_COLOURS, type PartnerGroup } from '../../../shared/groups.ts'
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

/**
 * The fill of what no group is shown for: "other groups" counted together, or a total with no
 * breakdown. Grey with horizontal stripes, like no partner group.
 */
export const otherGroupsSegmentStyle: JSX.CSSProperties = {
  'background-color': '#a7adb4',
  'background-image':
    'repeating-linear-gradient(0deg, rgb(0 0 0 / 0.25) 0 2px, transparent 2px 6px)',
}

/** The legend: the swatch (colour + pattern) and name of each group shown, then "other groups". */
export const GroupKey: Component<{ groups: readonly PartnerGroup[]; others: boolean }> = (
  props,
) => {
  const { t } = useI18n()
  return (
    <ul class="group-key">
      <For each={props.groups}>
        {(group) => (
          <li class="group-key__item">
            <span class="group-key__swatch" aria-hidden="true" style={groupSegmentStyle(group)} />
            {t(`group.${group}`)}
          </li>
        )}
      </For>
      <Show when={props.others}>
        <li class="group-key__item">
          <span class="group-key__swatch" aria-hidden="true" style={otherGroupsSegmentStyle} />
          {t('flow.results.otherGroups')}
        </li>
      </Show>
    </ul>
  )
}
