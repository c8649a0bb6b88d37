import { CATALOGUES, type Locale, type MessageKey } from '../i18n/index.ts'

/**
 * Messages for exports, without the client's i18n context (exports also run on the server):
 * the same catalogues, `{{ name }}` filled in from `values`.
 */
export const message = (
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string =>
  CATALOGUES[locale][key].replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )

/** Which of a message's `.one` and `.other` forms a count takes (French: 0 and 1 are one). */
export const pluralForm = (locale: Locale, count: number): 'one' | 'other' =>
  new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'

export type CountedKind = 'frame' | 'note' | 'text' | 'shape' | 'connector' | 'cluster'

const COUNTED: readonly CountedKind[] = ['frame', 'cluster', 'note', 'text', 'shape', 'connector']

/** "2 cadres, 5 notes, 1 lien": the non-zero counts, in a fixed order. Empty string if none. */
export const summariseCounts = (
  locale: Locale,
  counts: Partial<Record<CountedKind, number>>,
): string => {
  return COUNTED.flatMap((kind) => {
    const count = counts[kind] ?? 0
    if (count === 0) return []
    return [message(locale, `outline.count.${kind}.${pluralForm(locale, count)}`, { count })]
  }).join(', ')
}
