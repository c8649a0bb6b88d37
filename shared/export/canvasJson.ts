import { isBox, isConnector } from '../canvas/kinds/index.ts'
import type { PartnerGroup } from '../groups.ts'
import type { Locale } from '../i18n/locales.ts'
import type { CanvasInfo } from '../schema/canvases.ts'
import {
  type Arrow,
  type BoxFieldValues,
  type BoxItem,
  type BoxKind,
  boxFieldValues,
  type CanvasContent,
  itemColour,
} from '../schema/canvasItems.ts'
import { displayText, displayTitle } from '../schema/seedText.ts'

/**
 * The JSON export of one canvas: a stable, versioned shape for other tools (and for a later
 * import). Increase `version` whenever a field changes meaning or goes away; adding an
 * optional field keeps the version.
 *
 * ```jsonc
 * {
 *   "format": "fabrique.canvas",
 *   "version": 1,
 *   "canvas": { "id": "…", "title": "…" },
 *   "items": [
 *     // boxes first (by stacking order), then connectors
 *     { "id", "kind": "note" | "text" | "shape" | "frame" (or another registered kind), "text",
 *       "layout": { "x", "y", "w", "h", "z" },   // canvas units, y grows downwards
 *       "shape": "rect" | "ellipse" | null,      // shapes only (as every field a kind adds)
 *       "colour": "#rrggbb" | null,              // chosen colour, null = default
 *       "fill": "#rrggbb",                       // the colour it is drawn in
 *       "group": "patient" | "citizen" | "clinician" | "other" | null,  // author's group
 *       "frame": "<frame id>" | null, "cluster": "<cluster id>" | null,
 *       "createdBy": "<participant id>", "createdAt": 1700000000000 },
 *     { "id", "kind": "connector", "text", "from": "<item id>", "to": "<item id>",
 *       "arrow": "end" | "both" | "none", "layout": { "z" }, "createdBy", "createdAt" }
 *   ],
 *   "clusters": [ { "id", "name", "items": ["<item id>", …] } ]
 * }
 * ```
 */

export const CANVAS_EXPORT_FORMAT = 'fabrique.canvas'
export const CANVAS_EXPORT_VERSION = 1

/** A box, with every field kinds add (`shape`: a shape's outline, null on other kinds). */
export type ExportedBox = BoxFieldValues & {
  id: string
  kind: BoxKind
  text: string
  layout: { x: number; y: number; w: number; h: number; z: number }
  colour: string | null
  fill: string
  group: PartnerGroup | null
  frame: string | null
  cluster: string | null
  createdBy: string
  createdAt: number
}

export interface ExportedConnector {
  id: string
  kind: 'connector'
  text: string
  from: string
  to: string
  arrow: Arrow
  layout: { z: number }
  createdBy: string
  createdAt: number
}

export type ExportedItem = ExportedBox | ExportedConnector

export interface ExportedCluster {
  id: string
  name: string
  /** The ids of the items in this cluster, in the order of `items`. */
  items: string[]
}

export interface CanvasExport {
  format: typeof CANVAS_EXPORT_FORMAT
  version: typeof CANVAS_EXPORT_VERSION
  canvas: { id: string; title: string }
  items: ExportedItem[]
  clusters: ExportedCluster[]
}

const exportBox = (box: BoxItem, locale: Locale | undefined): ExportedBox => ({
  id: box.id,
  kind: box.kind,
  text: locale ? displayText(box, locale) : box.text,
  layout: { x: box.x, y: box.y, w: box.w, h: box.h, z: box.z },
  ...boxFieldValues(box),
  colour: box.colour,
  fill: itemColour(box),
  group: box.group,
  frame: box.frame,
  cluster: box.cluster,
  createdBy: box.createdBy,
  createdAt: box.createdAt,
})

/**
 * The canvas as plain data in the documented shape above (`JSON.stringify` it to save). With
 * `locale`, the export's language, a template's title, frame titles and notes nobody edited
 * are in that language; without it, every text is as stored (in the workshop's language).
 */
export const canvasToJson = (
  info: CanvasInfo,
  content: CanvasContent,
  locale?: Locale,
): CanvasExport => {
  const items: ExportedItem[] = content.items.map((item) =>
    isConnector(item)
      ? {
          id: item.id,
          kind: 'connector',
          text: item.text,
          from: item.from,
          to: item.to,
          arrow: item.arrow,
          layout: { z: item.z },
          createdBy: item.createdBy,
          createdAt: item.createdAt,
        }
      : exportBox(item, locale),
  )
  const clusterIds = new Set(content.clusters.map((cluster) => cluster.id))
  return {
    format: CANVAS_EXPORT_FORMAT,
    version: CANVAS_EXPORT_VERSION,
    canvas: { id: info.id, title: locale ? displayTitle(info, locale) : info.title },
    // An item pointing at a cluster that does not exist is exported outside any cluster.
    items: items.map((item) =>
      isBox(item) && item.cluster !== null && !clusterIds.has(item.cluster)
        ? { ...item, cluster: null }
        : item,
    ),
    clusters: content.clusters.map((cluster) => ({
      id: cluster.id,
      name: cluster.name,
      items: content.items.flatMap((item) =>
        isBox(item) && item.cluster === cluster.id ? [item.id] : [],
      ),
    })),
  }
}
