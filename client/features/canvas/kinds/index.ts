import { frameClient } from './frame/index.ts'
import { noteClient } from './note/index.ts'
import { registerClientKind } from './registry.ts'
import { shapeClient } from './shape/index.ts'
import { textClient } from './text/index.ts'

/**
 * The client sides of the kinds Fabrique ships (shared/canvas/kinds/index.ts registers their
 * shared sides), registered once, here: import `clientKind` from this module.
 */
for (const kind of [noteClient, textClient, shapeClient, frameClient]) registerClientKind(kind)

export * from './registry.ts'
