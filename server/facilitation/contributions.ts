import * as Y from 'yjs'
import { boxKind, isBoxKind } from '../../shared/canvas/kinds/index.ts'
import { canvasesMap, metaMap, ROOT } from '../../shared/schema/roots.ts'

/**
 * What people did to a workshop, read from the document itself rather than counted as updates
 * arrive: every Yjs struct carries the client id that wrote it, and the room knows whose each
 * client id is. So a keystroke is not an edit, a restart forgets nothing, and what the template
 * put there is nobody's doing.
 */

/** What this reads of a shared type (a Y.Map, Y.Text, Y.XmlFragment…): its list and entries. */
type SharedType = Pick<Y.AbstractType<unknown>, '_start' | '_map' | '_item'>

/**
 * How deep under each root the pieces a person edits sit, each counted once per person: a
 * canvas's items and clusters (canvas → items|clusters → entry), a document, a charter's items
 * (charter → items → item), the plan's sections, actions and questions, a decision. What is
 * above them (a canvas's title, a charter's role) is the facilitator's setting up.
 */
const PIECE_DEPTH: ReadonlyArray<readonly [root: string, depth: number]> = [
  [ROOT.canvases, 3],
  [ROOT.documents, 1],
  [ROOT.charters, 3],
  [ROOT.plan, 2],
  [ROOT.decisions, 1],
]

/** The maps `depth` levels of maps below `map`. */
const mapsBelow = (map: Y.Map<unknown>, depth: number): Y.Map<unknown>[] => {
  const children = [...map.values()].filter((value) => value instanceof Y.Map)
  return depth <= 1 ? children : children.flatMap((child) => mapsBelow(child, depth - 1))
}

/**
 * Every client id that wrote a struct inside `type`: its list, its entries with the values
 * they replaced (a map entry's earlier values stay linked to its latest one, deleted), and the
 * types they hold.
 */
const writersWithin = (type: SharedType, into: Set<number>): Set<number> => {
  const visit = (first: Y.Item | null, next: (item: Y.Item) => Y.Item | null) => {
    for (let item = first; item !== null; item = next(item)) {
      into.add(item.id.client)
      if (item.content instanceof Y.ContentType) writersWithin(item.content.type, into)
    }
  }
  visit(type._start, (item) => item.right)
  for (const latest of type._map.values()) visit(latest, (item) => item.left)
  return into
}

/** An idea of the person's own (a kind that `countsAsNote`): what they wrote, not an edit. */
const ownNote = (piece: Y.Map<unknown>, personId: string): boolean => {
  const kind = piece.get('kind')
  return piece.get('createdBy') === personId && isBoxKind(kind) && boxKind(kind).countsAsNote
}

/**
 * How many pieces of the workshop each person changed (an item moved, retyped or coloured, a
 * document, a charter item, a plan entry), each once however many keystrokes it took, their own
 * notes left out. `personOf` says whose a Yjs client id is (null: no participant's).
 */
export const piecesEdited = (
  doc: Y.Doc,
  personOf: (client: number) => string | null,
): Map<string, number> => {
  const edited = new Map<string, number>()
  for (const [root, depth] of PIECE_DEPTH) {
    for (const piece of mapsBelow(doc.getMap(root), depth)) {
      const people = new Set<string>()
      for (const client of writersWithin(piece, new Set())) {
        const person = personOf(client)
        if (person !== null && !ownNote(piece, person)) people.add(person)
      }
      for (const person of people) edited.set(person, (edited.get(person) ?? 0) + 1)
    }
  }
  return edited
}

/**
 * Whether an item of a canvas was made with the workshop itself (a template's frames and seed
 * notes): written by the client that wrote the workshop's metadata when it was created, whose
 * client id an imported copy keeps too.
 */
export const madeWithWorkshop = (doc: Y.Doc): ((canvasId: string, itemId: string) => boolean) => {
  const creator = metaMap(doc)._map.get('createdAt')?.id.client
  const made = new Set<string>()
  for (const [canvasId, canvas] of canvasesMap(doc).entries()) {
    if (!(canvas instanceof Y.Map)) continue
    for (const { _item: entry } of mapsBelow(canvas, 2)) {
      if (entry && entry.id.client === creator && entry.parentSub !== null)
        made.add(JSON.stringify([canvasId, entry.parentSub]))
    }
  }
  return (canvasId, itemId) => made.has(JSON.stringify([canvasId, itemId]))
}
