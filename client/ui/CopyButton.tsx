import { type Component, createSignal, onCleanup, Show } from 'solid-js'

export interface CopyButtonProps {
  text: string
  /** Visible text of the button. */
  children: string
  /** Accessible name; must start with the visible text (WCAG 2.5.3). */
  label: string
  copiedText: string
  failedText: string
}

const copyWithSelection = (text: string): boolean => {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  return ok
}

export const copyText = async (text: string): Promise<boolean> => {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // permission refused or insecure context: try the old way
  }
  return copyWithSelection(text)
}

/** A copy button with spoken and visible feedback ("copied"). */
export const CopyButton: Component<CopyButtonProps> = (props) => {
  const [result, setResult] = createSignal<'idle' | 'copied' | 'failed'>('idle')
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))
  const copy = async () => {
    const ok = await copyText(props.text)
    setResult(ok ? 'copied' : 'failed')
    clearTimeout(timer)
    timer = setTimeout(() => setResult('idle'), 4000)
  }
  return (
    <span class="copy">
      <button
        type="button"
        class="button button--secondary"
        aria-label={props.label}
        onClick={copy}
      >
        {props.children}
      </button>
      <span class="copy__feedback" role="status" aria-live="polite">
        <Show when={result() !== 'idle'}>
          {result() === 'copied' ? props.copiedText : props.failedText}
        </Show>
      </span>
    </span>
  )
}
