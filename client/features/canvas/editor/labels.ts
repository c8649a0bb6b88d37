import type { PartnerGroup } from '../../../../shared/groups.ts'
import type { MessageKey } from '../../../../shared/i18n/index.ts'
import type { BoxItem, ParticipantRecord } from '../../../../shared/schema/index.ts'
import type { Translate } from '../../../app/i18n.tsx'
import type { DotVoting } from '../dotVoting.ts'
import type { CanvasModel } from './model.ts'
import type { CanvasRights } from './rights.ts'

/** What the accessible names are made of besides the canvas itself. */
export interface LabelSources {
  t: Translate
  /** A box's kind as its name says it ("Note", "Ellipse"): the client kind registry's. */
  kindLabel: (item: BoxItem) => MessageKey
  model: CanvasModel
  rights: CanvasRights
  /** This person (named even before their participant record arrives). */
  identity: () => { participantId: string; name: string }
  participants: () => ReadonlyMap<string, ParticipantRecord>
  /** Who is editing which item now (from presence). */
  editorsOf: (itemId: string) => readonly string[] | undefined
  dots: () => DotVoting | null
  spotlit: () => string | null
  /** Whether the item takes dots in the running vote. */
  votable: (item: BoxItem) => boolean
}

export interface Labels {
  kind: (item: BoxItem) => string
  author: (item: BoxItem) => string | null
  /** "Note: text — Amina, Patient partner. Group: Ideas. …" */
  item: (item: BoxItem) => string
  /** "Link from Note « A » to Note « B »: label". */
  connector: (id: string) => string
  /** The text editor's name: "Text of Note « A »", "Label of the link from … to …". */
  editor: (id: string) => string
  /** "Note « first 40 characters »". */
  short: (id: string) => string
  /** An idea's name in dot-voting messages and buttons: its whole text. */
  dotItem: (id: string) => string
  groupName: (group: PartnerGroup) => string
}

/** The accessible names of the board's items, in the viewer's language. */
export const createLabels = (sources: LabelSources): Labels => {
  const { t, model } = sources
  const isPrivate = (id: string) => model.layerOf(id) === 'private'
  const kind = (item: BoxItem): string => t(sources.kindLabel(item))
  const author = (item: BoxItem): string | null => {
    const name = sources.participants().get(item.createdBy)?.name
    const me = sources.identity()
    if (item.createdBy === me.participantId) return name ?? me.name
    return name ?? null
  }
  const groupName = (group: PartnerGroup) => t(`group.${group}`)
  const short = (id: string): string => {
    const item = model.box(id)
    if (!item) return ''
    const text = model.text(item).trim()
    return text
      ? t('canvas.connector.end', { kind: kind(item), text: text.slice(0, 40) })
      : kind(item)
  }
  const clusterName = (item: BoxItem): string | null =>
    item.cluster ? (model.clusters().find((c) => c.id === item.cluster)?.name ?? null) : null
  /** Who wrote it, as a note shows it under its text ("Amina · Patient partner"), for speech. */
  const byline = (item: BoxItem): string =>
    [author(item), item.group ? groupName(item.group) : null].filter(Boolean).join(', ')
  return {
    kind,
    author,
    groupName,
    short,
    item: (item) => {
      const text = model.text(item).trim() || t('canvas.item.empty')
      const cluster = clusterName(item)
      const editors = sources.editorsOf(item.id)
      const by = byline(item)
      // What the item shows, top to bottom (who is editing it, private, its text, who wrote
      // it), so its name holds its visible text in order (WCAG 2.5.3); then what only the
      // name says.
      const shown = [
        editors ? t('canvas.item.editing', { names: editors.join(', ') }) : null,
        isPrivate(item.id) ? t('private.badge') : null,
        by ? t('canvas.item.signed', { text, byline: by }) : text,
      ]
      const voting = sources.votable(item) ? sources.dots() : null
      const total = voting?.total(item.id) ?? null
      return [
        t('canvas.item.label', { kind: kind(item), text: shown.filter(Boolean).join('. ') }),
        sources.spotlit() === item.id ? t('canvas.item.spotlight') : null,
        cluster ? t('canvas.item.inCluster', { name: cluster }) : null,
        voting ? t('voting.dots.mine', { count: voting.mine(item.id) }) : null,
        voting && total !== null
          ? t('voting.dots.totalLabel', { count: total, plural: total > 1 ? 's' : '' })
          : null,
        sources.rights.notMine([item.id]).length > 0 ? t('rights.item.readOnly') : null,
      ]
        .filter(Boolean)
        .join('. ')
    },
    connector: (id) => {
      const connector = model.connector(id)
      if (!connector) return ''
      const name = t('canvas.connector.name', {
        from: short(connector.from),
        to: short(connector.to),
      })
      const text = connector.text.trim()
      const label = text
        ? t('canvas.connector.withLabel', { name, label: text })
        : t('canvas.connector.noLabel', { name })
      return isPrivate(id) ? t('private.itemLabel', { label }) : label
    },
    editor: (id) => {
      const connector = model.connector(id)
      return connector
        ? t('canvas.connector.editor', { from: short(connector.from), to: short(connector.to) })
        : t('canvas.editor.label', { item: short(id) })
    },
    // The whole text: cut short, two ideas that begin alike had the same name.
    dotItem: (id) => {
      const item = model.box(id)
      return (item && model.text(item).trim()) || t('voting.dots.item')
    },
  }
}
