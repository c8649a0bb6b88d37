import type * as Y from 'yjs'

/**
 * Makes `text` read `next` with the smallest edit (common prefix and suffix kept), so that
 * two people typing in the same note at once both keep their words.
 */
export const replaceText = (text: Y.Text, next: string): void => {
  const current = text.toString()
  if (current === next) return
  let start = 0
  const max = Math.min(current.length, next.length)
  while (start < max && current[start] === next[start]) start++
  let end = 0
  while (end < max - start && current[current.length - 1 - end] === next[next.length - 1 - end]) {
    end++
  }
  const removed = current.length - start - end
  if (removed > 0) text.delete(start, removed)
  const inserted = next.slice(start, next.length - end)
  if (inserted.length > 0) text.insert(start, inserted)
}
