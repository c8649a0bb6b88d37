import { frameKind } from './frame.ts'
import { noteKind } from './note.ts'
import { registerKind } from './registry.ts'
import { shapeKind } from './shape.ts'
import { textKind } from './text.ts'

/**
 * The kinds Fabrique ships, registered once, here. The schema (shared/schema/itemSchemas.ts)
 * imports this module, so whatever reads a canvas knows them; their order is the order of
 * summaries ("5 notes, 1 texte, 2 formes").
 */
for (const kind of [noteKind, textKind, shapeKind, frameKind]) registerKind(kind)

export * from './registry.ts'
export { SHAPES, type Shape } from './shape.ts'
