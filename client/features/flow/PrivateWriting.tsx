import {
  type Component,
  createEffect,
  createMemo,
  createSignal,
  For,
  onCleanup,
  Show,
} from 'solid-js'
import { revealNotes } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { FACILITATION_MESSAGES } from './messages.ts'
import { useParticipation } from './participationFeed.ts'

export interface PrivateWritingProps {
  workshopId: string
  /** The facilitator token. */
  token: string
  /** The canvas whose private notes a reveal copies. */
  canvas: { id: string; title: string }
  /** Whether one of the bar's requests is under way. */
  busy: boolean
  /** Runs the reveal as the bar runs its requests (status, errors); resolves to what it says. */
  run: (work: () => Promise<string>) => void
  /** Told how many private notes wait on the canvas (0 while unknown, and once gone). */
  onWaiting?: (notes: number) => void
  /**
   * The running step is one of private writing (`privateWritingPhase`): the reveals are offered
   * even before anyone wrote. Otherwise they are offered only while private notes wait.
   */
  privateStep?: boolean | undefined
}

/**
 * Where the facilitator runs private writing: how many private notes each person has written
 * so far (counts only, as the server gives them), and the two reveals, each asked first with
 * what it will do: how many notes from how many people, named or not, for good. They are there
 * only where they mean something: during private writing, and after it while its notes wait
 * (or while that cannot be known); elsewhere, a line says why they are absent.
 */
export const PrivateWriting: Component<PrivateWritingProps> = (props) => {
  const { t, locale, plural, addMessages } = useI18n()
  addMessages(FACILITATION_MESSAGES)
  const feed = useParticipation(props)
  const [asking, setAsking] = createSignal<{ anonymous: boolean } | null>(null)
  const people = createMemo(() =>
    [...(feed.participation()?.people ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  )
  /** The private notes waiting on this canvas, or null while they are not known. */
  const waiting = () => {
    const current = feed.participation()
    if (!current) return null
    const found = current.privateNotesByCanvas.find((entry) => entry.canvasId === props.canvas.id)
    return found ?? { notes: 0, people: 0 }
  }
  /** Whether the reveals mean something now (null: not known yet). */
  const offered = (): boolean | null => {
    if (props.privateStep || feed.error() !== null) return true
    const counts = waiting()
    return counts === null ? null : counts.notes > 0
  }
  createEffect(() => props.onWaiting?.(waiting()?.notes ?? 0))
  onCleanup(() => props.onWaiting?.(0))
  const what = () => {
    const counts = waiting()
    const canvas = props.canvas.title
    if (counts === null || feed.error() !== null) return t('flow.reveal.what.unknown', { canvas })
    if (counts.notes === 0) return t('flow.reveal.what.none', { canvas })
    const form = new Intl.PluralRules(locale()).select(counts.notes) === 'one' ? 'one' : 'other'
    return t(`flow.reveal.what.${form}`, {
      count: counts.notes,
      people: plural('flow.balance.people', counts.people),
      canvas,
    })
  }
  const ask = (anonymous: boolean) => {
    setAsking({ anonymous })
    // The figures of the last poll may be 5 s old: count again for the question.
    void feed.refresh()
  }
  const confirm = (anonymous: boolean) => {
    setAsking(null)
    props.run(async () => {
      const { revealed } = await revealNotes(props.workshopId, props.token, {
        canvasId: props.canvas.id,
        anonymous,
      })
      void feed.refresh()
      return plural('flow.controls.revealed', revealed)
    })
  }

  return (
    <>
      <Show when={offered() === false}>
        <span class="facilitator-bar__note">
          {t('flow.reveal.absent', { canvas: props.canvas.title })}
        </span>
      </Show>
      <Show when={offered()}>
        <span class="facilitator-bar__note">
          {t('flow.controls.revealOn', { title: props.canvas.title })}
        </span>
        <For each={[false, true]}>
          {(anonymous) => (
            <button
              type="button"
              class="button button--secondary button--small"
              aria-disabled={props.busy ? 'true' : undefined}
              onClick={() => {
                if (!props.busy) ask(anonymous)
              }}
            >
              {anonymous ? t('flow.controls.revealAnonymous') : t('flow.controls.reveal')}
            </button>
          )}
        </For>
      </Show>
      <Show when={offered() && people().length > 0}>
        <div class="private-counts">
          <h3 class="private-counts__title">{t('flow.private.title')}</h3>
          <ul class="private-counts__list">
            <For each={people()}>
              {(person) => (
                <li data-count={person.privateNotes}>
                  {t('flow.private.person', { name: person.name, count: person.privateNotes })}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <Show when={asking()} keyed>
        {({ anonymous }) => (
          <ConfirmDialog
            block="flow-modal"
            title={anonymous ? t('flow.reveal.title.anonymous') : t('flow.reveal.title.named')}
            confirm={t('flow.reveal.confirm')}
            tone="primary"
            cancel={t('flow.controls.cancel')}
            onConfirm={() => confirm(anonymous)}
            onClose={() => setAsking(null)}
          >
            <p>{what()}</p>
            <p>{anonymous ? t('flow.reveal.anonymous') : t('flow.reveal.named')}</p>
            <p>{t('flow.reveal.final')}</p>
          </ConfirmDialog>
        )}
      </Show>
    </>
  )
}
