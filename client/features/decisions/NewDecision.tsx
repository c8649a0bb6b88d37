import { type Component, createMemo, createSignal, createUniqueId, For, Show } from 'solid-js'
import {
  createDecision,
  type DecisionRecord,
  decisionFromVote,
} from '../../../shared/schema/index.ts'
import type { VoteResult } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocTick } from '../../state/createArtefacts.ts'
import { TextField } from '../../ui/Field.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'

import { DissentFields, HintedField, linesOf, ParticipantFields } from './DecisionEditor.tsx'
import {
  canvasNoteTexts,
  closedVotes,
  focusDecision,
  participantCounts,
} from './decisionSources.ts'

/** Recording a new decision (proposed). */
export const NewDecisionForm: Component<{ onDone: (id: string | null) => void }> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const id = createUniqueId()
  const [error, setError] = createSignal('')
  const [dissent, setDissent] = createSignal<Array<{ text: string; reason: string }>>([])
  const [participants, setParticipants] = createSignal(participantCounts(ctx.doc))
  let titleInput: HTMLInputElement | undefined
  return (
    <form
      class="card decision-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const data = new FormData(event.currentTarget)
        const title = String(data.get('title') ?? '').trim()
        if (!title) {
          setError(t('decisions.field.title.required'))
          titleInput?.focus()
          return
        }
        attempt(ctx, () => {
          const created = createDecision(
            ctx.doc,
            {
              title,
              context: String(data.get('context') ?? ''),
              options: linesOf(String(data.get('options') ?? '')),
              decision: String(data.get('decision') ?? ''),
              rationale: String(data.get('rationale') ?? ''),
              dissent: dissent().filter((d) => d.text.trim() || d.reason.trim()),
              participants: participants(),
              reviewDate: String(data.get('reviewDate') ?? '') || null,
            },
            ARTEFACT_ORIGIN,
          )
          ctx.announce(t('decisions.created', { title }))
          props.onDone(created)
        })
      }}
    >
      <h4 id={`${id}-heading`}>{t('decisions.new')}</h4>
      <TextField
        for={`${id}-title`}
        label={t('decisions.field.title')}
        error={error()}
        name="title"
        maxLength={200}
        ref={(element) => {
          titleInput = element
          queueMicrotask(() => element.focus())
        }}
      />
      <div class="field">
        <label for={`${id}-context`}>{t('decisions.field.context')}</label>
        <textarea id={`${id}-context`} name="context" rows={3} />
      </div>
      <HintedField field="options" name="options" />
      <div class="field">
        <label for={`${id}-decision`}>{t('decisions.field.decision')}</label>
        <textarea id={`${id}-decision`} name="decision" rows={3} />
      </div>
      <div class="field">
        <label for={`${id}-rationale`}>{t('decisions.field.rationale')}</label>
        <textarea id={`${id}-rationale`} name="rationale" rows={3} />
      </div>
      <DissentFields value={dissent()} onChange={setDissent} />
      <HintedField field="reviewDate" name="reviewDate" />
      <ParticipantFields value={participants()} onChange={setParticipants} />
      <div class="form__actions">
        <button type="submit" class="button button--primary">
          {t('decisions.submit')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
          {t('artefacts.cancel')}
        </button>
      </div>
    </form>
  )
}

/** For the facilitator: each closed vote, and a button to turn it into a proposed decision. */
export const FromVotes: Component<{
  decisions: DecisionRecord[]
  onCreated: (id: string) => void
}> = (props) => {
  const { t, locale, plural } = useI18n()
  const ctx = useArtefacts()
  const tick = createDocTick(ctx.doc)
  const votes = createMemo(() => {
    tick()
    return closedVotes(ctx.doc)
  })
  const headingId = createUniqueId()
  const create = (phase: TemplatePhase, result: VoteResult) => {
    const title = phase.title[locale()]
    const proposal =
      phase.vote && phase.vote.kind !== 'dots' ? phase.vote.proposal[locale()] : undefined
    const itemTexts = result.kind === 'dots' ? canvasNoteTexts(ctx.doc, locale()) : undefined
    attempt(ctx, () => {
      const id = createDecision(
        ctx.doc,
        decisionFromVote(result, {
          phaseId: phase.id,
          title,
          ...(proposal ? { proposal } : {}),
          ...(itemTexts ? { itemTexts } : {}),
          // Who voted comes with the result; a result published before it did falls back
          // to everyone in the workshop.
          participants: participantCounts(ctx.doc),
        }),
        ARTEFACT_ORIGIN,
      )
      ctx.announce(t('decisions.created', { title }))
      props.onCreated(id)
    })
  }
  return (
    <Show when={votes().length > 0}>
      <section class="from-votes" aria-labelledby={headingId}>
        <h4 id={headingId}>{t('decisions.fromVote.title')}</h4>
        <p class="muted">{t('decisions.fromVote.intro')}</p>
        <ul class="from-votes__list">
          <For each={votes()}>
            {(entry) => {
              const existing = () =>
                props.decisions.find((d) => d.support?.phaseId === entry.phase.id)
              return (
                <li class="from-votes__item">
                  <span class="from-votes__phase">{entry.phase.title[locale()]}</span>
                  <span class="muted">
                    {plural('decisions.fromVote.summary', entry.result.voters, {
                      kind: t(`decisions.support.${entry.result.kind}`),
                    })}
                  </span>
                  <Show
                    when={existing()}
                    fallback={
                      <button
                        type="button"
                        class="button button--primary button--small"
                        aria-label={t('decisions.fromVote.buttonFor', {
                          phase: entry.phase.title[locale()],
                        })}
                        onClick={() => create(entry.phase, entry.result)}
                      >
                        {t('decisions.fromVote.button')}
                      </button>
                    }
                  >
                    {(decision) => (
                      <a
                        href={`#decision-${decision().id}`}
                        onClick={(event) => {
                          event.preventDefault()
                          focusDecision(decision().id)
                        }}
                      >
                        {t('decisions.fromVote.done', { title: decision().title })}
                      </a>
                    )}
                  </Show>
                </li>
              )
            }}
          </For>
        </ul>
      </section>
    </Show>
  )
}
