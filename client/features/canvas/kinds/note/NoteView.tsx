import { type Component, Show } from 'solid-js'
import { GROUP_COLOURS } from '../../../../../shared/groups.ts'
import type { KindViewProps } from '../registry.ts'
import { TextView } from '../text/TextView.tsx'

/**
 * A note's body: its text, then who wrote it ("Amina · Patient partner") with the group's
 * colour as a mark. Hidden from assistive technology: the item's name already says it.
 */
export const NoteView: Component<KindViewProps> = (props) => (
  <>
    <TextView {...props} />
    {/* Its words apart in its text as in its name (a space takes no room in a flex box). */}{' '}
    <Show when={props.author || props.item.group}>
      <span class="canvas-item__author" aria-hidden="true">
        <Show when={props.item.group}>
          {(group) => (
            <span
              class="canvas-item__group-mark"
              style={{ 'background-color': GROUP_COLOURS[group()] }}
            />
          )}
        </Show>
        {[props.author, props.groupLabel].filter(Boolean).join(' · ')}
      </span>
    </Show>
  </>
)
