import {
  decisionLogSource,
  decisionsToCsv,
  decisionsToJson,
  decisionsToMarkdown,
} from '../../shared/export/decisionLog.ts'
import { exportFileName } from '../../shared/export/fileName.ts'
import { workshopReport } from '../../shared/export/report.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

export const DECISION_FORMATS = ['md', 'csv', 'json'] as const
export type DecisionFormat = (typeof DECISION_FORMATS)[number]

export interface Download {
  contentType: string
  fileName: string
  body: string
}

/** Exports of a workshop, for anyone holding one of its links. */
export class ExportService {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly sync: SyncServer,
  ) {}

  /** The printable report (HTML, no script), in the workshop's language. */
  async report(workshopId: string, token: string | null): Promise<Download> {
    const { workshop } = await this.workshops.session(workshopId, token)
    const body = await this.sync.withRoom(workshopId, (room) =>
      workshopReport(room.doc, { locale: workshop.locale }),
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
  ): Promise<Download> {
    const { workshop } = await this.workshops.session(workshopId, token)
    const source = await this.sync.withRoom(workshopId, (room) =>
      decisionLogSource(room.doc, {
        id: workshop.id,
        title: workshop.title,
        locale: workshop.locale,
      }),
    )
    const base = exportFileName(`${workshop.title} decisions`, format)
    switch (format) {
      case 'md':
        return {
          contentType: 'text/markdown; charset=utf-8',
          fileName: base,
          body: decisionsToMarkdown(source),
        }
      case 'csv':
        return {
          contentType: 'text/csv; charset=utf-8',
          fileName: base,
          body: decisionsToCsv(source),
        }
      case 'json':
        return {
          contentType: 'application/json; charset=utf-8',
          fileName: base,
          body: `${JSON.stringify(decisionsToJson(source), null, 2)}\n`,
        }
    }
  }
}
