/**
 * Messages of the workspace's frame (top bar, step card, side panel) and of the projector's
 * stage and its controls, in both languages. `layoutEn` must have exactly the keys of
 * `layoutFr` (typecheck fails otherwise); both are merged into the main catalogues.
 */
export const layoutFr = {
  // ── Workspace: top bar, step card, side panel ─────────────────────────────────────────
  'workspace.board': 'Tableau',
  'workspace.step.toggle': 'Afficher ou masquer les consignes de l’étape',
  'workspace.step.hide': 'Masquer les consignes',
  'workspace.step.openDocument': 'Ouvrir le document',
  'workspace.step.openCharter': 'Ouvrir la charte',
  'workspace.people': 'Personnes',
  'workspace.people.online': '{{ count }} en ligne',
  'workspace.documents': 'Documents',
  // The side panel names the artefacts' tabs before their area (and messages) loads
  'artefacts.tab.documents': 'Documents',
  'artefacts.tab.charters': 'Chartes des rôles',
  'artefacts.tab.plan': 'Plan',
  'artefacts.tab.decisions': 'Décisions',
  'artefacts.tab.versions': 'Versions et exports',
  'workspace.panel.label': 'Panneau de l’atelier',
  'workspace.panel.tabs': 'Panneaux',
  'workspace.panel.tabsBack': 'Voir les onglets précédents',
  'workspace.panel.tabsForward': 'Voir les onglets suivants',
  'workspace.panel.close': 'Fermer le panneau',
  'workspace.panel.wide': 'Pleine largeur',
  'workspace.panel.back': 'Retour au tableau',
  'workspace.tab.animation': 'Animation',
  'workspace.tab.people': 'Personnes',

  // ── Projector: what the facilitator steers from their screen ───────────────────────────
  'projector.controls.title': 'Projecteur',
  'projector.controls.intro':
    'Ce que l’écran du projecteur montre. Il suit l’étape en cours; vous choisissez le reste ici.',
  'projector.controls.showQr': 'Montrer le code QR pour rejoindre',
  'projector.controls.showTimer': 'Montrer la minuterie',
  'projector.controls.zoomGroup': 'Taille sur le projecteur',
  'projector.controls.zoom': 'Taille : {{ percent }} %',
  'projector.controls.zoomIn': 'Agrandir sur le projecteur',
  'projector.controls.zoomOut': 'Réduire sur le projecteur',
  'projector.controls.zoomReset': 'Taille normale',
  'projector.controls.frame': 'Partie du canevas à l’écran',
  'projector.controls.frameAll': 'Tout le canevas',
  'projector.controls.section': 'Section du document à l’écran',
  'projector.controls.noLinks': 'Le lien du projecteur n’a pas pu être préparé : {{ error }}',

  // ── Projector: the stage ───────────────────────────────────────────────────────────────
  'projector.stage.label': 'Ce que l’étape montre',
  'projector.stage.frame': '{{ canvas }} — {{ frame }}',
  'projector.stage.document': 'Document : {{ title }}',
  'projector.stage.charter': 'Charte : {{ title }}',
  'projector.stage.missing': 'Ce que l’étape montre n’existe plus dans l’atelier.',
  'projector.stage.emptySection': 'Cette section est vide pour l’instant.',
  'projector.notes.more.one': 'Et {{ count }} autre note, à lire sur vos écrans.',
  'projector.notes.more.other': 'Et {{ count }} autres notes, à lire sur vos écrans.',
  'projector.notes.empty': 'Rien n’est encore écrit dans cette partie.',
  'projector.wrongLink.title': 'Ce lien n’est pas celui du projecteur',
  'projector.wrongLink.body':
    'Le projecteur s’ouvre avec son propre lien, en lecture seule. Dans l’atelier, ouvrez le panneau Animation et choisissez « Ouvrir la vue projecteur ».',
} as const satisfies Record<string, string>

export const layoutEn: { readonly [K in keyof typeof layoutFr]: string } = {
  'workspace.board': 'Board',
  'workspace.step.toggle': 'Show or hide the step’s instructions',
  'workspace.step.hide': 'Hide the instructions',
  'workspace.step.openDocument': 'Open the document',
  'workspace.step.openCharter': 'Open the charter',
  'workspace.people': 'People',
  'workspace.people.online': '{{ count }} online',
  'workspace.documents': 'Documents',
  'artefacts.tab.documents': 'Documents',
  'artefacts.tab.charters': 'Role charters',
  'artefacts.tab.plan': 'Plan',
  'artefacts.tab.decisions': 'Decisions',
  'artefacts.tab.versions': 'Versions & exports',
  'workspace.panel.label': 'Workshop panel',
  'workspace.panel.tabs': 'Panels',
  'workspace.panel.tabsBack': 'Show the previous tabs',
  'workspace.panel.tabsForward': 'Show the next tabs',
  'workspace.panel.close': 'Close the panel',
  'workspace.panel.wide': 'Full width',
  'workspace.panel.back': 'Back to the board',
  'workspace.tab.animation': 'Facilitation',
  'workspace.tab.people': 'People',

  'projector.controls.title': 'Projector',
  'projector.controls.intro':
    'What the projector’s screen shows. It follows the current step; you choose the rest here.',
  'projector.controls.showQr': 'Show the QR code to join',
  'projector.controls.showTimer': 'Show the timer',
  'projector.controls.zoomGroup': 'Size on the projector',
  'projector.controls.zoom': 'Size: {{ percent }}%',
  'projector.controls.zoomIn': 'Larger on the projector',
  'projector.controls.zoomOut': 'Smaller on the projector',
  'projector.controls.zoomReset': 'Normal size',
  'projector.controls.frame': 'Part of the canvas on screen',
  'projector.controls.frameAll': 'The whole canvas',
  'projector.controls.section': 'Section of the document on screen',
  'projector.controls.noLinks': 'The projector’s link could not be prepared: {{ error }}',

  'projector.stage.label': 'What the step shows',
  'projector.stage.frame': '{{ canvas }} — {{ frame }}',
  'projector.stage.document': 'Document: {{ title }}',
  'projector.stage.charter': 'Charter: {{ title }}',
  'projector.stage.missing': 'What this step shows is no longer in the workshop.',
  'projector.stage.emptySection': 'This section is empty for now.',
  'projector.notes.more.one': 'And {{ count }} more note, to read on your screens.',
  'projector.notes.more.other': 'And {{ count }} more notes, to read on your screens.',
  'projector.notes.empty': 'Nothing is written in this part yet.',
  'projector.wrongLink.title': 'This is not the projector’s link',
  'projector.wrongLink.body':
    'The projector opens with a link of its own, read-only. In the workshop, open the Facilitation panel and choose “Open the projector view”.',
}
