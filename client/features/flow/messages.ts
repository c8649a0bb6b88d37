import { facilitationEn, facilitationFr } from '../../../shared/i18n/facilitation.ts'
import { resultsEn, resultsFr } from '../../../shared/i18n/results.ts'

/**
 * The facilitator's messages: added by the components that show them (the Animation tab, its
 * FacilitatorBar and dialogs, ProjectorControls and SharePanel, BalancePanel, the projector's
 * view and link), all loaded lazily.
 */
export const FACILITATION_MESSAGES = { fr: facilitationFr, en: facilitationEn }

/** The vote results' messages: added by VoteResults, loaded lazily. */
export const RESULTS_MESSAGES = { fr: resultsFr, en: resultsEn }
