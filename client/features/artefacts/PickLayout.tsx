import { type Accessor, createComputed, createSignal, For, type JSX, on, Show } from 'solid-js'
import { useArtefacts } from './context.tsx'

/**
 * Which entry of `list` is shown: the one last chosen while it is still there, else the
 * `preferred` one (the running step's), else the first (none when the list is empty). A new
 * preferred entry (the next step's) is shown again, whatever was chosen before.
 */
export const createChoice = <T extends { id: string }>(
  list: () => T[],
  preferred: Accessor<string | null> = () => null,
) => {
  const [chosen, choose] = createSignal<string | null>(null)
  createComputed(on(preferred, () => choose(null), { defer: true }))
  const find = (id: string | null) => (id ? list().find((entry) => entry.id === id) : undefined)
  const selected = (): T | null => find(chosen()) ?? find(preferred()) ?? list()[0] ?? null
  return { selected, choose }
}

/**
 * A list of entries beside the one being read (`children`), as for documents and charters:
 * a navigation list of their titles, the selected one marked as current, or `empty` when
 * there are none; under it, for those who may write, `tools` (creating an entry).
 */
export const PickLayout = <T extends { id: string; title: string }>(props: {
  /** The navigation's accessible name. */
  label: string
  entries: T[]
  selected: T | null
  empty: string
  onPick: (id: string) => void
  tools: JSX.Element
  children: JSX.Element
}): JSX.Element => {
  const ctx = useArtefacts()
  return (
    <div class="documents__layout">
      <nav class="documents__nav" aria-label={props.label}>
        <Show when={props.entries.length > 0} fallback={<p class="muted">{props.empty}</p>}>
          <ul class="pick-list">
            <For each={props.entries}>
              {(entry) => (
                <li>
                  <button
                    type="button"
                    class="pick-list__item"
                    aria-current={props.selected?.id === entry.id ? 'true' : undefined}
                    onClick={() => props.onPick(entry.id)}
                  >
                    {entry.title}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={ctx.writable()}>{props.tools}</Show>
      </nav>
      {props.children}
    </div>
  )
}
