import { type Component, createMemo, For, Show } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { isNamed } from '../../../shared/presence.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createPresence, shownName } from '../../state/createPresence.ts'
import { GroupBadge } from '../../ui/GroupBadge.tsx'

/**
 * Who is online now (from awareness), live; people are removed when they leave. An observer is
 * listed as "Observer": they are never named.
 */
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
                {shownName(person.user, t('role.observer'))}
                <Show when={person.isSelf}>
                  {' '}
                  <span class="person__you">{t('presence.you')}</span>
                </Show>
              </span>
              <Show when={isNamed(person.user) ? person.user : null}>
                {(named) => (
                  <span class="person__details">
                    <GroupBadge group={named().group} label={t(`group.${named().group}`)} />
                    <Show when={named().role === 'facilitator'}>
                      <span class="person__role">{t('role.facilitator')}</span>
                    </Show>
                  </span>
                )}
              </Show>
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
