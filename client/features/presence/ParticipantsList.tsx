import { type Component, For, Show } from 'solid-js'
import type { ParticipantRecord } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { GroupBadge } from '../../ui/GroupBadge.tsx'

/** Everyone who joined the workshop (from the document), online or not. */
export const ParticipantsList: Component<{
  participants: ParticipantRecord[]
  waiting: boolean
}> = (props) => {
  const { t } = useI18n()
  return (
    <section class="panel" aria-labelledby="participants-title">
      <h2 id="participants-title" class="panel__title">
        {t('workshop.participants.title')}{' '}
        <span class="panel__count">{props.participants.length}</span>
      </h2>
      <Show
        when={props.participants.length > 0}
        fallback={
          <p class="muted">
            {props.waiting ? t('workshop.participants.waiting') : t('workshop.participants.empty')}
          </p>
        }
      >
        <ul class="people">
          <For each={props.participants}>
            {(participant) => (
              <li class="person">
                <span class="person__name">{participant.name}</span>
                <GroupBadge group={participant.group} label={t(`group.${participant.group}`)} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
