import { CATALOGUES } from '../i18n/catalogues.ts'
import type { Locale, MessageKey } from '../i18n/index.ts'

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

export type CountedKind = 'frame' | 'note' | 'text' | 'shape' | 'connector' | 'cluster'

const COUNTED: readonly CountedKind[] = ['frame', 'cluster', 'note', 'text', 'shape', 'connector']

/** "2 cadres, 5 notes, 1 lien": the non-zero counts, in a fixed order. Empty string if none. */
export const summariseCounts = (
  locale: Locale,
  counts: Partial<Record<CountedKind, number>>,
): string => {
  const rules = new Intl.PluralRules(locale)
  return COUNTED.flatMap((kind) => {
    const count = counts[kind] ?? 0
    if (count === 0) return []
    const form = rules.select(count) === 'one' ? 'one' : 'other'
    return [message(locale, `outline.count.${kind}.${form}`, { count })]
  }).join(', ')
}
