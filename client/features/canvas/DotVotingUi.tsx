import { type Component, Show } from 'solid-js'
import { useI18n } from '../../app/i18n.tsx'
import type { DotVoting } from './dotVoting.ts'
import type { Rect } from './geometry.ts'

/** Smallest on-screen size of the dot buttons relative to their size at 100 % zoom. */
const MIN_SCREEN_SCALE = 0.75

/**
 * The "−  n  +" controls drawn over one idea during a dot vote, in a layer over the board (not
 * in its listbox, which holds options only; so they are above every note, the one they belong
 * to included). They are out of the board's Tab order (the board moves between ideas with
 * Tab; + and − vote on the focused idea), but they have names for screen readers and
 * pointers; they stay big enough to touch when the board is zoomed out.
 */
export const DotControls: Component<{
  voting: DotVoting
  itemId: string
  itemName: string
  rect: Rect | null
  scale: number
  onChange: (delta: 1 | -1) => void
}> = (props) => {
  const { t } = useI18n()
  const mine = () => props.voting.mine(props.itemId)
  const total = () => props.voting.total(props.itemId)
  const grow = () => Math.max(1, MIN_SCREEN_SCALE / props.scale)
  const full = () => mine() >= props.voting.perItemCap() || props.voting.remaining() === 0
  return (
    <Show when={props.rect}>
      {(rect) => (
        <div
          class="canvas-dots"
          classList={{ 'has-dots': mine() > 0 }}
          data-dots-for={props.itemId}
          style={{
            transform: `translate(${rect().x + 4}px, ${rect().y + rect().h - 4}px) scale(${grow()}) translateY(-100%)`,
            'max-width': `${Math.max(rect().w - 8, 40) / grow()}px`,
          }}
        >
          <button
            type="button"
            class="canvas-dots__button"
            tabindex={-1}
            aria-label={t('voting.dots.remove', { item: props.itemName })}
            aria-disabled={mine() === 0 || props.voting.closed() ? 'true' : undefined}
            onClick={() => props.onChange(-1)}
          >
            <span aria-hidden="true">−</span>
          </button>
          <span
            class="canvas-dots__mine"
            aria-hidden="true"
            title={t('voting.dots.mine', { count: mine() })}
          >
            <span class="canvas-dots__dot">●</span>
            {mine()}
          </span>
          <button
            type="button"
            class="canvas-dots__button"
            tabindex={-1}
            aria-label={t('voting.dots.add', { item: props.itemName })}
            aria-disabled={full() || props.voting.closed() ? 'true' : undefined}
            onClick={() => props.onChange(1)}
          >
            <span aria-hidden="true">+</span>
          </button>
          <Show when={total()} keyed>
            {(count) => (
              <span class="canvas-dots__total" aria-hidden="true">
                {t('voting.dots.total', { count })}
              </span>
            )}
          </Show>
        </div>
      )}
    </Show>
  )
}

/** Above the board during a dot vote: dots left, the rules, and why a dot was refused. */
export const DotVotingBar: Component<{ voting: DotVoting; message: string }> = (props) => {
  const { t } = useI18n()
  const remaining = () => props.voting.remaining()
  return (
    <section class="canvas-votebar" aria-labelledby="canvas-votebar-title">
      <h3 id="canvas-votebar-title" class="canvas-votebar__title">
        {t('voting.dots.title')}
      </h3>
      <Show
        when={!props.voting.closed()}
        fallback={<p class="canvas-votebar__remaining">{t('voting.dots.closed')}</p>}
      >
        <p class="canvas-votebar__remaining" data-testid="dots-remaining">
          <span class="canvas-votebar__dots" aria-hidden="true">
            {'●'.repeat(Math.min(remaining(), 20))}
            {'○'.repeat(Math.min(props.voting.used(), 20))}
          </span>{' '}
          {t('voting.dots.remaining', {
            remaining: remaining(),
            budget: props.voting.budget(),
            plural: remaining() > 1 ? 's' : '',
          })}
        </p>
        <p class="canvas-votebar__rules">
          {t('voting.dots.rules', { cap: props.voting.perItemCap() })}{' '}
          <span class="canvas-votebar__keys">{t('voting.dots.keys')}</span>
        </p>
        <Show when={!props.voting.ready()}>
          <p class="canvas-votebar__rules">{t('voting.dots.waiting')}</p>
        </Show>
      </Show>
      {/* Announced by the board's live region: shown here, not announced twice. */}
      <Show when={props.message}>
        <p class="canvas-votebar__message">{props.message}</p>
      </Show>
    </section>
  )
}

/** A padlock drawn in the text colour (emoji fonts are missing on some devices). */
export const LockIcon: Component = () => (
  <svg class="lock-icon" width="0.9em" height="0.9em" viewBox="0 0 16 16" aria-hidden="true">
    <path
      fill="currentColor"
      d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2H13v8H3V7h1.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z"
    />
  </svg>
)
