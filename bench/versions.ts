/**
 * Cost of named versions: a version stores the whole document state, so its size is the size
 * of the document, whatever the number of edits before it. Prints sizes and the time to
 * compare and to restore. Run: npm run bench:versions
 */
import * as Y from 'yjs'
import { TEMPLATES_DIR } from '../server/app.ts'
import { TemplateCatalog } from '../server/templates/TemplateCatalog.ts'
import {
  addBox,
  initWorkshopDoc,
  listCanvases,
  moveItems,
  setItemText,
} from '../shared/schema/index.ts'
import { diffVersions, docFromState, restoreContent } from '../shared/schema/versions.ts'

const catalog = await TemplateCatalog.load(TEMPLATES_DIR)
const doc = new Y.Doc()
initWorkshopDoc(
  doc,
  { title: 'Bench', templateId: 'modeliser-intervention', locale: 'fr', createdAt: 0 },
  'bench',
  catalog.get('modeliser-intervention'),
)
const canvasId = listCanvases(doc)[0]?.id ?? ''
let updates = 0
let updateBytes = 0
doc.on('update', (update: Uint8Array) => {
  updates++
  updateBytes += update.byteLength
})
const ids: string[] = []
for (let i = 0; i < 500; i++)
  ids.push(
    addBox(
      doc,
      canvasId,
      { kind: 'note', x: (i % 25) * 180, y: Math.floor(i / 25) * 180, text: `Idée ${i}` },
      'bench',
    ),
  )
const v1 = Y.encodeStateAsUpdate(doc)
for (let i = 0; i < 5000; i++) {
  const id = ids[i % ids.length] ?? ''
  if (i % 2 === 0) moveItems(doc, canvasId, [id], { dx: 20, dy: 0 }, 'bench')
  else setItemText(doc, canvasId, id, `Idée ${i} révisée`, 'bench')
}
const v2 = Y.encodeStateAsUpdate(doc)
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

let started = performance.now()
const diff = diffVersions(docFromState(v1), docFromState(v2))
const diffMs = performance.now() - started
started = performance.now()
restoreContent(doc, docFromState(v1), 'bench')
const restoreMs = performance.now() - started

console.log(`edits                         ${updates} updates, ${kb(updateBytes)} sent in all`)
console.log(`version after 500 notes       ${kb(v1.byteLength)}`)
console.log(`version after 5,000 more edits ${kb(v2.byteLength)} (the state, not the edits)`)
console.log(
  `diff v1 → v2                  ${diffMs.toFixed(1)} ms, ${diff.canvases[0]?.changed.length ?? 0} items changed`,
)
console.log(
  `restore v1 into the live doc  ${restoreMs.toFixed(1)} ms; document now ${kb(Y.encodeStateAsUpdate(doc).byteLength)}`,
)
