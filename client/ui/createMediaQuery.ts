import { type Accessor, createSignal, onCleanup } from 'solid-js'

/**
 * Whether a CSS media query matches now, live (a phone turned, a window resized). False where
 * the browser cannot say (`matchMedia` missing, as in jsdom).
 */
export const createMediaQuery = (query: string): Accessor<boolean> => {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => false
  const list = window.matchMedia(query)
  const [matches, setMatches] = createSignal(list.matches)
  const onChange = (event: MediaQueryListEvent) => setMatches(event.matches)
  list.addEventListener('change', onChange)
  onCleanup(() => list.removeEventListener('change', onChange))
  return matches
}
