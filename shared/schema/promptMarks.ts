import * as Y from 'yjs'
import type { Localized } from '../template.ts'
import { canvasesMap } from './roots.ts'
import { PROMPT, SEED_TEXT, seedTextField } from './seedText.ts'

/**
 * Migration: a workshop seeded before templates marked their question (`templateNote.prompt`)
 * holds it as a plain note, which a dot vote then offers among the ideas. The question notes
 * the shipped templates seeded (groupe-nominal, un-deux-quatre-tous, triz,
 * quoi-et-alors-maintenant) are marked prompts, as they are seeded now.
 *
 * Frozen here rather than read from templates/: a migration turns what was stored then, which
 * a later edit of a template must not change. Written with plain quotes and spaces: a workshop
 * seeded before the templates' typographic quotes (’ “ ” and non-breaking spaces in French)
 * holds those, one seeded since holds the others, and both are compared in this form.
 */
const TEMPLATE_PROMPTS: readonly Localized[] = [
  {
    fr: 'Notre question : (par exemple : « Quels besoins des personnes seules du quartier devrions-nous regarder en premier? »)',
    en: 'Our question: (for example: "Which needs of people living alone in the neighbourhood should we look at first?")',
  },
  {
    fr: 'Notre question : (par exemple : « Que pourrions-nous faire pour que personne ne reste seul dans le quartier? »)',
    en: 'Our question: (for example: "What could we do so that nobody in the neighbourhood is left alone?")',
  },
  {
    fr: 'Le pire résultat : (par exemple : « Comment être sûrs que les patients et les citoyens ne se sentent jamais écoutés par la clinique? »)',
    en: 'The worst result: (for example: "How can we make sure patients and citizens never feel heard by the clinic?")',
  },
  {
    fr: "L'expérience dont on parle : (par exemple : « nos six premiers mois de jumelage patient – patient partenaire »)",
    en: 'The experience we are talking about: (for example: "our first six months of patient – patient partner pairing")',
  },
]

/** A text with plain quotes and spaces, as TEMPLATE_PROMPTS are written. */
const plain = (text: string) =>
  text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\u00a0\u202f]/g, ' ')

/**
 * Whether a seeded note is a template's question: by the template's two texts kept beside it
 * (`seedText`, even once the facilitator wrote their own question over the example), else, seeded
 * before those were kept, by its text still being the template's.
 */
export const isTemplatePrompt = (note: { text: string; seedText?: Localized | undefined }) => {
  const { seedText } = note
  return TEMPLATE_PROMPTS.some((prompt) =>
    seedText
      ? plain(seedText.fr) === prompt.fr && plain(seedText.en) === prompt.en
      : plain(note.text) === prompt.fr || plain(note.text) === prompt.en,
  )
}

/**
 * Marks the template questions of every shared canvas as prompts: notes the server seeded
 * (nobody's, `createdBy` empty: a person's note, or a copy, is credited to them) that are one
 * of TEMPLATE_PROMPTS.
 */
export const markTemplatePrompts = (doc: Y.Doc): void => {
  for (const canvas of canvasesMap(doc).values()) {
    const items = canvas instanceof Y.Map ? canvas.get('items') : null
    if (!(items instanceof Y.Map)) continue
    for (const item of items.values()) {
      if (!(item instanceof Y.Map) || item.get('kind') !== 'note') continue
      if (item.get('createdBy') !== '' || item.get(PROMPT) === true) continue
      const text = item.get('text')
      if (!(text instanceof Y.Text)) continue
      const seedText = seedTextField.parse(item.get(SEED_TEXT))
      if (isTemplatePrompt({ text: text.toString(), seedText })) item.set(PROMPT, true)
    }
  }
}
