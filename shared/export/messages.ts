// The registry alone (not the shipped kinds): the kinds' drawings import this module.
import { type BoxKindDefinition, boxKinds } from '../canvas/kinds/registry.ts'
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

/** How many of each: boxes by kind name, and `connector`, `cluster`. */
export type CanvasCounts = Partial<Record<string, number>>

/** Which of a message's `.one` and `.other` forms a count takes (French: 0 and 1 are one). */
export const pluralForm = (locale: Locale, count: number): 'one' | 'other' =>
  new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'

type Plural = { one: MessageKey; other: MessageKey }

const CONNECTORS: Plural = {
  one: 'outline.count.connector.one',
  other: 'outline.count.connector.other',
}
const CLUSTERS: Plural = { one: 'outline.count.cluster.one', other: 'outline.count.cluster.other' }

/**
 * What a summary counts, in its order: the `back` kinds (frames: where things are), clusters,
 * the `front` kinds in the order they registered, then connectors.
 */
const counted = (): Array<[string, Plural]> => {
  const kinds = boxKinds()
  const entry = (kind: BoxKindDefinition): [string, Plural] => [kind.kind, kind.messages.count]
  return [
    ...kinds.filter((kind) => kind.layer === 'back').map(entry),
    ['cluster', CLUSTERS],
    ...kinds.filter((kind) => kind.layer !== 'back').map(entry),
    ['connector', CONNECTORS],
  ]
}

/** "2 cadres, 5 notes, 1 lien": the non-zero counts, in a fixed order. Empty string if none. */
export const summariseCounts = (locale: Locale, counts: CanvasCounts): string =>
  counted()
    .flatMap(([name, keys]) => {
      const count = counts[name] ?? 0
      if (count === 0) return []
      return [message(locale, keys[pluralForm(locale, count)], { count })]
    })
    .join(', ')
