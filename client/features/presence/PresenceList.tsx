import { type Component, createMemo, For, Show } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { useI18n } from '../../app/i18n.tsx'
import { createPresence } from '../../state/createPresence.ts'
import { GroupBadge } from '../../ui/GroupBadge.tsx'

/** Who is online now (from awareness), live; people are removed when they leave. */
export const PresenceList: Component<{ awareness: Awareness }> = (props) => {
  const { t } = useI18n()
  const present = createMemo(() => createPresence(props.awareness))
  return (
    <section class="panel" aria-labelledby="presence-title">
      <h2 id="presence-title" class="panel__title">
        {t('presence.title')}{' '}
        <span class="panel__count">{t('presence.count', { count: present()().length })}</span>
      </h2>
      <ul class="people">
        <For each={present()()}>
          {(person) => (
            <li class="person" data-self={person.isSelf ? 'true' : undefined}>
              <span class="person__name">
                {person.user.name}
                <Show when={person.isSelf}>
                  {' '}
                  <span class="person__you">{t('presence.you')}</span>
                </Show>
              </span>
              <span class="person__details">
                <GroupBadge group={person.user.group} label={t(`group.${person.user.group}`)} />
                <Show when={person.user.role !== 'participant'}>
                  <span class="person__role">{t(`role.${person.user.role}`)}</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={present()().every((person) => person.isSelf)}>
        <p class="muted">{t('presence.empty')}</p>
      </Show>
    </section>
  )
}
