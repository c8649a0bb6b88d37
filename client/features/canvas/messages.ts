import { canvasEn, canvasFr } from '../../../shared/i18n/canvas.ts'

/**
 * The board's messages: added where the board (Board.tsx: the workshop's, the projector's, a
 * past session's) and the canvas area (CanvasArea.tsx: its tabs, tools and management, beside
 * the board) are made, both loaded lazily.
 */
export const CANVAS_MESSAGES = { fr: canvasFr, en: canvasEn }
