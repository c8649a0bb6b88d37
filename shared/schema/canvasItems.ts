/**
 * What a canvas holds: `canvas.items[<id>]` is a Y.Map per item, `canvas.clusters[<id>]` a
 * Y.Map per named cluster. Items of a registered kind (shared/canvas/kinds: note, text, shape,
 * frame…) are boxes (`x`, `y`, `w`, `h`); a connector links two boxes by id and has no
 * geometry of its own. Every item has a `text` Y.Text (note text, frame name, shape or
 * connector label) so concurrent edits merge.
 *
 * Box fields: `frame` is the id of the frame (a kind that `holdsItems`) the item sits in
 * (moving a frame carries them), `cluster` the id of its named cluster, `group` the author's
 * partner group (the default colour), `colour` an explicit colour or null, `z` the stacking
 * order; then the fields kinds add (`BoxFields`), null on a box of any other kind.
 * A template's frame or note also has `seedText`, its text in both languages: show it with
 * `displayText` (seedText.ts).
 *
 * This module is what the rest of Fabrique imports; it is made of:
 * - itemSchemas.ts: what an item and a cluster are, the limits (`GRID`, `ITEM_TEXT_MAX`…);
 * - readCanvas.ts: reading a canvas, validated (`readCanvasContent`, `readItem`, and the
 *   checks the policy makes of what a client set: `itemProblem`, `clusterProblem`);
 * - itemWrites.ts: the mutators of items (`addBox`, `connect`, `moveItems`, `deleteItems`…);
 * - membership.ts: frames and clusters (`moveItemToFrame`, `growFrame`, `createCluster`…);
 * - itemMaps.ts: the raw entries the mutators read (not exported from here).
 */

// Where they were before kinds had a registry: the board and the exports import them here.
export { itemColour, SHAPES, type Shape } from '../canvas/kinds/index.ts'
export {
  ARROWS,
  type Arrow,
  type BoxFields,
  type BoxFieldValues,
  type BoxItem,
  type BoxKind,
  boxFieldValues,
  type CanvasItem,
  CLUSTER_NAME_MAX,
  type Cluster,
  type ConnectorItem,
  clusterName,
  GRID,
  ITEM_TEXT_MAX,
  MIN_SIZE,
  type NewBox,
  Z_LIMIT,
} from './itemSchemas.ts'
export {
  addBox,
  alignToGrid,
  bringToFront,
  connect,
  deleteItems,
  duplicateItems,
  itemText,
  moveItems,
  resizeItem,
  setItemColour,
  setItemText,
} from './itemWrites.ts'
export {
  createCluster,
  deleteCluster,
  growFrame,
  moveItemToFrame,
  renameCluster,
  setItemsCluster,
} from './membership.ts'
export {
  type CanvasContent,
  clusterProblem,
  itemProblem,
  observeCanvasContent,
  readCanvasContent,
  readItem,
} from './readCanvas.ts'
