import * as Y from 'yjs'
import {
  type DecisionLogSource,
  decisionLogSource,
  decisionsToCsv,
  decisionsToJson,
  decisionsToMarkdown,
} from '../../shared/export/decisionLog.ts'
import { exportFileName } from '../../shared/export/fileName.ts'
import { workshopReport } from '../../shared/export/report.ts'
import { formatDay } from '../../shared/i18n/dates.ts'
import type { Locale } from '../../shared/i18n/locales.ts'
import { roomName } from '../../shared/rooms.ts'
import { listSessions } from '../../shared/schema/sessions.ts'
import { docFromState } from '../../shared/schema/versions.ts'
import type { HeavyReads } from '../lib/HeavyReads.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

export const DECISION_FORMATS = ['md', 'csv', 'json'] as const
export type DecisionFormat = (typeof DECISION_FORMATS)[number]

export interface Download {
  contentType: string
  fileName: string
  /** Encoded once (UTF-8): a kept report is sent again as it is, not encoded again each time. */
  body: string | Buffer
}

/** Exports of a workshop, for anyone holding one of its links. */
export class ExportService {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly sync: SyncServer,
    /** Kept while the workshop is unchanged, and computed a few at a time (HeavyReads). */
    private readonly reads: HeavyReads,
  ) {}

  /** The report of the lab with the boards of its ended sessions, from their rooms. */
  private reportHtml(workshopId: string, locale: Locale, now: number): Promise<string> {
    return this.sync.withRoom(workshopId, async (room) => {
      const earlier = listSessions(room.doc).filter((session) => session.boards.length > 0)
      const earlierBoards = []
      for (const session of earlier) {
        const boards = roomName({ kind: 'session', workshopId, sessionId: session.id })
        // A copy: the room may unload (and its document go) once this is read.
        const state = await this.sync.withRoom(boards, (kept) => Y.encodeStateAsUpdate(kept.doc))
        earlierBoards.push({ session, doc: docFromState(state) })
      }
      try {
        return workshopReport(room.doc, { locale, now, earlierBoards })
      } finally {
        for (const { doc } of earlierBoards) doc.destroy()
      }
    })
  }

  /** The printable report (HTML, no script), in the workshop's language, for `client`. */
  async report(workshopId: string, token: string | null, client: string): Promise<Download> {
    const { workshop } = await this.workshops.session(workshopId, token)
    const now = Date.now()
    const { locale } = workshop
    const body = await this.reads.read(
      // It prints the day it was made: kept for that day. An ended session's boards change
      // only as the lab does (their move, a person forgotten).
      {
        workshopId,
        what: 'report',
        client,
        keep: JSON.stringify([locale, formatDay(locale, now)]),
      },
      async () => Buffer.from(await this.reportHtml(workshopId, locale, now)),
      (html) => html.byteLength,
    )
    return {
      contentType: 'text/html; charset=utf-8',
      fileName: exportFileName(workshop.title, 'html', 'atelier'),
      body,
    }
  }

  async decisionLog(
    workshopId: string,
    token: string | null,
    format: DecisionFormat,
    client: string,
  ): Promise<Download> {
    const { workshop } = await this.workshops.session(workshopId, token)
    const { id, title, locale } = workshop
    const base = exportFileName(`${title} decisions`, format)
    const body = await this.reads.read(
      { workshopId, what: `decisions.${format}`, client, keep: JSON.stringify([title, locale]) },
      async () => {
        const source = await this.sync.withRoom(workshopId, (room) =>
          decisionLogSource(room.doc, { id, title, locale }),
        )
        return Buffer.from(DECISION_WRITERS[format](source))
      },
      (text) => text.byteLength,
    )
    return { contentType: DECISION_TYPES[format], fileName: base, body }
  }
}

const DECISION_TYPES: Record<DecisionFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

const DECISION_WRITERS: Record<DecisionFormat, (source: DecisionLogSource) => string> = {
  md: decisionsToMarkdown,
  csv: decisionsToCsv,
  json: (source) => `${JSON.stringify(decisionsToJson(source), null, 2)}\n`,
}
