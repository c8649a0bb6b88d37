import { type Component, createMemo, createUniqueId, For, Show } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { GROUP_COLOURS } from '../../../shared/groups.ts'
import { isNamed } from '../../../shared/presence.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createPresence, type PresentPerson, shownName } from '../../state/createPresence.ts'

/** Faces shown in the top bar; the rest are counted. */
const SHOWN = 4

export interface PeopleButtonProps {
  awareness: Awareness
  /** The panel shows the people: the button is pressed. */
  pressed: boolean
  controls: string
  onClick: () => void
  /**
   * A phone's top bar: a person drawn and how many are online, in place of the faces, so the
   * connection state beside it is whole (four faces left it "Enre…").
   */
  compact?: boolean
}

/**
 * The top bar's people: who is online as initials ringed in their group's colour (the ring's
 * style differs by group too, and each face's tooltip names the person and group), and how
 * many; it opens the people panel, where everyone is listed in words. The faces are pictures:
 * their letters are drawn by CSS (`data-initial`), so the button's text is its count alone,
 * which its name holds ("People, 3 online"), for those who say what they see (WCAG 2.5.3).
 * Compact, it shows that number alone beside a person drawn (its name is the same).
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
      <Show
        when={!props.compact}
        fallback={
          <span class="people-button__compact" aria-hidden="true">
            <PersonIcon />
            {people().length}
          </span>
        }
      >
        <Faces people={people()} />
      </Show>
      <span id={`${id}-what`} class="visually-hidden">
        {t('workspace.people')},
      </span>
      <span id={`${id}-count`} class="people-button__count">
        {t('workspace.people.online', { count: people().length })}
      </span>
    </button>
  )
}

/** The first faces of who is online (SHOWN), and how many more. */
const Faces: Component<{ people: PresentPerson[] }> = (props) => {
  const { t } = useI18n()
  return (
    <span class="people-button__faces" aria-hidden="true">
      <For each={props.people.slice(0, SHOWN)}>
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
      <Show when={props.people.length > SHOWN}>
        <span class="people-button__more" data-initial={`+${props.people.length - SHOWN}`} />
      </Show>
    </span>
  )
}

/** A person, head and shoulders, in the button's colour. */
const PersonIcon: Component = () => (
  <svg class="people-button__icon" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
    <circle cx="12" cy="7.5" r="4.5" />
    <path d="M3 21c0-4.97 4.03-8 9-8s9 3.03 9 8z" />
  </svg>
)
