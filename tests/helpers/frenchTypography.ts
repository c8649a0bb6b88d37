/**
 * French (Québec) spacing: a no-break space (U+00A0) or a narrow one (U+202F) before « : ; ! ? »
 * and inside « guillemets », never an ordinary space nor none, so a line never starts with the
 * sign or the closing guillemet. What is not prose is left out: addresses (`https://…`, a
 * query's `?`), times (10:30), `{{ placeholders }}` and `{name}` (their content; the spacing
 * around them counts), and a sign right after another (« ?! »).
 */
const NO_BREAK = /[\u00a0\u202f]/
const ORDINARY = /[ \t\r\n]/
const SIGNS = new Set([':', ';', '!', '?'])

/** The text with what is not prose put out of the check (same length, so positions hold). */
const prose = (text: string): string =>
  text
    .replace(/\b(?:https?|mailto):\S*|\bwww\.\S*|\/[\w/-]*\?[\w=&]*/g, (url) =>
      '_'.repeat(url.length),
    )
    .replace(/\{\{[^}]*\}\}|\{[^{}]*\}/g, (slot) => '_'.repeat(slot.length))
    .replace(/\d:\d/g, '0_0')

/**
 * Where `text` breaks the rule: each fault as the characters around it, an ordinary space shown
 * as `␣`. Empty when the text is right.
 */
export const frenchSpacingFaults = (text: string): string[] => {
  const checked = prose(text)
  /** A no-break space at `index`, with no ordinary space beside it at `beyond`. */
  const spaced = (index: number, beyond: number) =>
    NO_BREAK.test(checked[index] ?? '') && !ORDINARY.test(checked[beyond] ?? '')
  const faults: string[] = []
  for (let index = 0; index < checked.length; index++) {
    const char = checked[index] ?? ''
    const right = SIGNS.has(char)
      ? SIGNS.has(checked[index - 1] ?? '') || spaced(index - 1, index - 2)
      : char === '«'
        ? spaced(index + 1, index + 2)
        : char === '»'
          ? spaced(index - 1, index - 2)
          : true
    if (!right) faults.push(text.slice(Math.max(0, index - 12), index + 12).replace(/ /g, '␣'))
  }
  return faults
}
