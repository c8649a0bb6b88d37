import type { Locale } from '../i18n/locales.ts'
import { type Localized, localized } from '../template.ts'

/**
 * Texts a template seeds (canvas, charter and document titles, frame titles, seed notes,
 * charter items) are stored in the workshop's language with the template's two versions
 * beside them, under `seedText: {fr, en}`. While the text is still one of the two, each
 * viewer reads the one in their language (an export, the one in its language); once someone
 * edits it, what they wrote is what everyone reads. Documents made before this have no
 * `seedText`: their texts read as written.
 *
 * The server writes the field when it seeds a workshop; no client adds or changes it on a
 * canvas item, nor a participant on a charter item (policy.ts).
 */
export const SEED_TEXT = 'seedText'

/**
 * A seeded note that is the template's prompt (`templateNote.prompt`): `true`, else absent. Like
 * `seedText`, only the server writes it, when it seeds; a copy of the note is an idea.
 */
export const PROMPT = 'prompt'

/** The fields of a canvas item that only the server writes (when it seeds a workshop). */
export const SEEDED_FIELDS: ReadonlySet<string> = new Set([SEED_TEXT, PROMPT])

/** The field as read: a malformed pair counts as none (the text alone shows). */
export const seedTextField = localized.optional().catch(undefined)

/** The template's pair, if `text` is still what the template seeded (in either language). */
export const seedOf = (text: string, seed: Localized | undefined): Localized | null =>
  seed !== undefined && (text === seed.fr || text === seed.en) ? seed : null

/** `text` as a reader of `locale` sees it: the template's version in that language while unedited. */
const seededText = (text: string, seed: Localized | undefined, locale: Locale): string =>
  seedOf(text, seed)?.[locale] ?? text

/**
 * The text of a canvas item (a frame's title, a note) or of a charter item as a viewer
 * reading `locale` sees it: every screen and export that shows such a text calls this, the
 * board included.
 */
export const displayText = (
  item: { text: string; seedText?: Localized | undefined },
  locale: Locale,
): string => seededText(item.text, item.seedText, locale)

/** The title of a canvas, a charter or a document as a viewer reading `locale` sees it. */
export const displayTitle = (
  entry: { title: string; seedText?: Localized | undefined },
  locale: Locale,
): string => seededText(entry.title, entry.seedText, locale)
