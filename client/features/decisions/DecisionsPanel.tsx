import { type Component, createMemo, createResource, createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { createDecisions } from '../../state/createArtefacts.ts'
import { createSessions } from '../../state/createSessions.ts'
import { followReveal, revealElement, useArtefacts } from '../artefacts/context.tsx'
import { fetchVersions } from '../versions/api.ts'

import { DecisionCard } from './DecisionCard.tsx'
import { focusDecision, recordsDecisions } from './decisionSources.ts'
import { FromVotes, NewDecisionForm } from './NewDecision.tsx'
import { Timeline } from './Timeline.tsx'

/** The decision log: list or timeline, records, status changes, decisions from votes. */
const DecisionsPanel: Component = () => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const decisions = createDecisions(ctx.doc)
  const sessions = createSessions(ctx.doc)
  /** The lab's sessions by id: the one each decision was taken in is named on its card. */
  const sessionNames = createMemo(
    () => new Map(sessions().map(({ id, title, date }) => [id, { title, date }])),
  )
  const [view, setView] = createSignal<'list' | 'timeline'>('list')
  const [creating, setCreating] = createSignal(false)
  const [editing, setEditing] = createSignal<string | null>(null)
  // Opened from what is due: the list, with the focus on its card.
  followReveal(ctx, 'decisions', (id) => {
    setView('list')
    revealElement(document.getElementById(`decision-${id}`))
  })
  // Names of versions, for decisions linked to one (fetched only when needed).
  const needVersions = () =>
    !ctx.snapshot && (editing() !== null || decisions().some((d) => d.links.version !== null))
  const [versions] = createResource(needVersions, () =>
    fetchVersions(ctx.workshopId, ctx.token).catch(() => []),
  )

  return (
    <div class="artefact decisions">
      <div class="artefact__head">
        <h3>{t('decisions.title')}</h3>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons */}
        <div class="segmented" role="group" aria-label={t('decisions.view')}>
          <For each={['list', 'timeline'] as const}>
            {(option) => (
              <button
                type="button"
                aria-pressed={view() === option ? 'true' : 'false'}
                onClick={() => setView(option)}
              >
                {t(`decisions.view.${option}`)}
              </button>
            )}
          </For>
        </div>
      </div>

      <Show when={ctx.writable() && !recordsDecisions(ctx)}>
        <p class="muted artefacts__note">{t('rights.decisions')}</p>
      </Show>
      <Show when={recordsDecisions(ctx)}>
        <FromVotes
          decisions={decisions()}
          onCreated={(id) => {
            setView('list')
            focusDecision(id)
          }}
        />
      </Show>

      <Show when={recordsDecisions(ctx)}>
        <Show
          when={creating()}
          fallback={
            <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
              {t('decisions.new')}
            </button>
          }
        >
          <NewDecisionForm
            onDone={(id) => {
              setCreating(false)
              if (id) {
                setView('list')
                focusDecision(id)
              }
            }}
          />
        </Show>
      </Show>

      <Show when={view() === 'list'} fallback={<Timeline decisions={decisions()} />}>
        <Show when={decisions().length > 0} fallback={<p class="muted">{t('decisions.empty')}</p>}>
          <ol class="decision-list">
            <For each={decisions()}>
              {(decision) => (
                <DecisionCard
                  decision={decision}
                  all={decisions()}
                  sessions={sessionNames()}
                  versionName={(id) => versions()?.find((v) => v.id === id)?.name ?? id}
                  editing={editing() === decision.id}
                  onEdit={(on) => setEditing(on ? decision.id : null)}
                  versions={versions() ?? []}
                />
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  )
}

export default DecisionsPanel
