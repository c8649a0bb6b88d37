// The registry alone (not the shipped kinds): the kinds' drawings import this module.
import { type BoxKindDefinition, boxKinds } from '../canvas/kinds/registry.ts'
import type { Locale, MessageKey } from '../i18n/index.ts'

/** What fills a message's `{{ name }}` placeholders. */
export type MessageValues = Record<string, string | number>

/**
 * A language and its messages, for what draws or counts boxes: an export gets them from the
 * catalogues (`wordsIn`, messages.ts), a page from its translator. No catalogue is imported
 * here, so what the kinds' drawings and summaries need does not bring every message with it
 * into the page's first chunk.
 */
export interface Words {
  readonly locale: Locale
  readonly message: (key: MessageKey, values?: MessageValues) => string
}

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
export const summariseCounts = (words: Words, counts: CanvasCounts): string =>
  counted()
    .flatMap(([name, keys]) => {
      const count = counts[name] ?? 0
      if (count === 0) return []
      return [words.message(keys[pluralForm(words.locale, count)], { count })]
    })
    .join(', ')
