import {
  type Accessor,
  type Component,
  createEffect,
  createSignal,
  createUniqueId,
  For,
  on,
  Show,
} from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import { type DotVoting, dotOutcomeText, dotsRemainingText } from '../canvas/dotVoting.ts'
import type { IdeaGroup } from './ideas.ts'

export interface DotListProps {
  /** The running dot vote (`createDotVoting`: the board's ballot logic and the server's rules). */
  voting: DotVoting
  /** What it is about, by frame (`voteIdeas`). */
  groups: Accessor<IdeaGroup[]>
}

/**
 * A phone's dot vote: the ideas as a list, by frame, each with "−  n  +" large enough to
 * touch; how many dots are left stays on top, and why a dot was refused is said there.
 */
export const DotList: Component<DotListProps> = (props) => {
  const { t } = useI18n()
  const headingId = createUniqueId()
  /** Why the last dot was refused (shown); what the last one did (said to screen readers). */
  const [refused, setRefused] = createSignal('')
  const [done, setDone] = createSignal('')
  const change = (idea: { id: string; text: string }, delta: 1 | -1) => {
    const voting = props.voting
    const outcome = delta > 0 ? voting.add(idea.id) : voting.remove(idea.id)
    const ok = outcome === 'ok'
    setRefused(ok ? '' : dotOutcomeText(t, voting, outcome))
    setDone(
      ok
        ? t(delta > 0 ? 'voting.dots.added' : 'voting.dots.removed', {
            item: idea.text || t('voting.dots.item'),
            count: voting.mine(idea.id),
            remaining: dotsRemainingText(t, voting),
          })
        : '',
    )
  }
  // Once the vote closes, what the last dot did (« Il vous reste 2 points ») no longer holds.
  createEffect(
    on(
      () => props.voting.closed(),
      (closed) => {
        if (!closed) return
        setRefused('')
        setDone('')
      },
    ),
  )
  const full = (id: string) =>
    props.voting.mine(id) >= props.voting.perItemCap() || props.voting.remaining() === 0
  return (
    <section class="phone-vote" aria-labelledby={headingId}>
      <div class="phone-vote__head">
        <h2 id={headingId} class="phone-section-title">
          {t('voting.dots.title')}
        </h2>
        <Show
          when={!props.voting.closed()}
          fallback={<p class="phone-vote__left">{t('phone.vote.closed')}</p>}
        >
          <p class="phone-vote__left" data-testid="dots-remaining">
            <span class="phone-vote__dots" aria-hidden="true">
              {'●'.repeat(Math.min(props.voting.remaining(), 20))}
              {'○'.repeat(Math.min(props.voting.used(), 20))}
            </span>{' '}
            {dotsRemainingText(t, props.voting)}
          </p>
          <p class="phone-vote__rules">
            {t('phone.vote.rules', { cap: props.voting.perItemCap() })}
          </p>
        </Show>
        <p class="phone-vote__message" role="status">
          {refused()}
        </p>
        <p class="visually-hidden" role="status">
          {done()}
        </p>
      </div>
      <Show
        when={props.groups().length > 0}
        fallback={<p class="muted">{t('phone.vote.empty')}</p>}
      >
        <For each={props.groups()}>
          {(group) => (
            <div class="phone-vote__group">
              <h3 class="phone-vote__frame">{group.title || t('phone.vote.noFrame')}</h3>
              <ul class="phone-vote__list">
                <For each={group.ideas}>
                  {(idea) => {
                    const name = () => idea.text || t('voting.dots.item')
                    const mine = () => props.voting.mine(idea.id)
                    const total = () => props.voting.total(idea.id)
                    return (
                      <li class="phone-vote__idea" classList={{ 'has-dots': mine() > 0 }}>
                        <p class="phone-vote__text">{name()}</p>
                        <div class="phone-vote__controls">
                          <button
                            type="button"
                            class="phone-vote__button"
                            aria-label={t('voting.dots.remove', { item: name() })}
                            aria-disabled={
                              mine() === 0 || props.voting.closed() ? 'true' : undefined
                            }
                            onClick={() => change(idea, -1)}
                          >
                            <span aria-hidden="true">−</span>
                          </button>
                          <span class="phone-vote__mine">
                            <span aria-hidden="true">{mine()}</span>
                            <span class="visually-hidden">
                              {t('voting.dots.mine', { count: mine() })}
                            </span>
                          </span>
                          <button
                            type="button"
                            class="phone-vote__button"
                            aria-label={t('voting.dots.add', { item: name() })}
                            aria-disabled={
                              full(idea.id) || props.voting.closed() ? 'true' : undefined
                            }
                            onClick={() => change(idea, 1)}
                          >
                            <span aria-hidden="true">+</span>
                          </button>
                        </div>
                        <Show when={total() !== null}>
                          <p class="phone-vote__total">
                            {t('voting.dots.totalLabel', {
                              count: total() ?? 0,
                              plural: (total() ?? 0) > 1 ? 's' : '',
                            })}
                          </p>
                        </Show>
                      </li>
                    )
                  }}
                </For>
              </ul>
            </div>
          )}
        </For>
      </Show>
    </section>
  )
}
