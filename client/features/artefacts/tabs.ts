/**
 * The artefacts' tabs, in their order. Apart from ArtefactsArea so the workspace names them
 * without loading the area's chunk.
 */
export const ARTEFACT_TABS = ['documents', 'charters', 'plan', 'decisions', 'versions'] as const
export type ArtefactTab = (typeof ARTEFACT_TABS)[number]
