import { canvasEn, canvasFr } from './canvas.ts'
import { deviceLinkEn, deviceLinkFr } from './deviceLink.ts'
import { documentsEn, documentsFr } from './documents.ts'
import { dueEn, dueFr } from './due.ts'
import { en } from './en.ts'
import { facilitationEn, facilitationFr } from './facilitation.ts'
import { fr, type Messages } from './fr.ts'
import { homeEn, homeFr } from './home.ts'
import type { Locale } from './locales.ts'
import { phoneEn, phoneFr } from './phone.ts'
import { resultsEn, resultsFr } from './results.ts'
import { sessionsEn, sessionsFr } from './sessions.ts'

/**
 * Every message, by locale: for the server and the exports. The client starts with the core
 * catalogues (`CORE_CATALOGUES`) and adds the artefacts' when their area loads.
 */
export const CATALOGUES: Record<Locale, Messages> = {
  fr: {
    ...fr,
    ...documentsFr,
    ...phoneFr,
    ...sessionsFr,
    ...facilitationFr,
    ...resultsFr,
    ...dueFr,
    ...deviceLinkFr,
    ...homeFr,
    ...canvasFr,
  },
  en: {
    ...en,
    ...documentsEn,
    ...phoneEn,
    ...sessionsEn,
    ...facilitationEn,
    ...resultsEn,
    ...dueEn,
    ...deviceLinkEn,
    ...homeEn,
    ...canvasEn,
  },
}
