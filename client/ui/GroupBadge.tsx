import type { Component } from 'solid-js'
import { GROUP_COLOURS, type PartnerGroup } from '../../shared/groups.ts'

/** A partner group shown as a colour swatch AND its name: colour never carries meaning alone. */
export const GroupBadge: Component<{ group: PartnerGroup; label: string }> = (props) => (
  <span class="group-badge" data-group={props.group}>
    <span
      class="swatch"
      aria-hidden="true"
      style={{ 'background-color': GROUP_COLOURS[props.group] }}
    />
    <span class="group-badge__label">{props.label}</span>
  </span>
)
