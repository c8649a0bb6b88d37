import { type Component, createMemo, createUniqueId, For, Show } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { GROUP_COLOURS } from '../../../shared/groups.ts'
import { isNamed } from '../../../shared/presence.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createPresence, shownName } from '../../state/createPresence.ts'

/** Faces shown in the top bar; the rest are counted. */
const SHOWN = 4

export interface PeopleButtonProps {
  awareness: Awareness
  /** The panel shows the people: the button is pressed. */
  pressed: boolean
  controls: string
  onClick: () => void
}

/**
 * The top bar's people: who is online as initials ringed in their group's colour (the ring's
 * style differs by group too, and each face's tooltip names the person and group), and how
 * many; it opens the people panel, where everyone is listed in words. The faces are pictures:
 * their letters are drawn by CSS (`data-initial`), so the button's text is its count alone,
 * which its name holds ("People, 3 online"), for those who say what they see (WCAG 2.5.3).
 */
export const PeopleButton: Component<PeopleButtonProps> = (props) => {
  const { t } = useI18n()
  const present = createMemo(() => createPresence(props.awareness))
  const people = () => present()()
  const id = createUniqueId()
  return (
    <button
      type="button"
      class="people-button"
      // Named "People, 3 online": the words are joined with a space, which text alone loses.
      aria-labelledby={`${id}-what ${id}-count`}
      aria-pressed={props.pressed ? 'true' : 'false'}
      aria-controls={props.controls}
      onClick={() => props.onClick()}
    >
      <span class="people-button__faces" aria-hidden="true">
        <For each={people().slice(0, SHOWN)}>
          {(person) => {
            const name = () => shownName(person.user, t('role.observer'))
            // An observer has no group: the plain ring, "Observer" as its tooltip.
            const group = isNamed(person.user) ? person.user.group : null
            return (
              <span
                class="people-button__face"
                data-group={group ?? undefined}
                style={group ? { 'border-color': GROUP_COLOURS[group] } : undefined}
                title={group ? `${name()} — ${t(`group.${group}`)}` : name()}
                data-initial={name().trim().charAt(0).toLocaleUpperCase()}
              />
            )
          }}
        </For>
        <Show when={people().length > SHOWN}>
          <span class="people-button__more" data-initial={`+${people().length - SHOWN}`} />
        </Show>
      </span>
      <span id={`${id}-what`} class="visually-hidden">
        {t('workspace.people')},
      </span>
      <span id={`${id}-count`} class="people-button__count">
        {t('workspace.people.online', { count: people().length })}
      </span>
    </button>
  )
}
