/**
 * Messages of a participant's phone (client/features/phone): the step card, the composer and
 * "my ideas", the dot vote as a list, the board on demand, the "new step" banner's words are flow.ts's (`flow.cue.*`, a desktop says them too). They come
 * with the phone's chunk (`PHONE_MESSAGES`), not with the first page's core catalogues;
 * `CATALOGUES` has them too. `phoneEn` must have exactly the keys of `phoneFr` (typecheck
 * fails otherwise).
 */
export const phoneFr = {
  'phone.step.more': 'Tout lire',
  'phone.step.less': 'Réduire',
  'phone.action.title': 'Ce que l’étape vous demande',
  'phone.ended.title': 'Ce que vous pouvez encore faire',
  'phone.ended.board': 'Relire le tableau\u00a0: «\u00a0Voir le tableau\u00a0», en bas de l’écran.',
  'phone.ended.documents': 'Relire les documents, les chartes, le plan et les décisions',
  'phone.ended.exports': 'Télécharger le rapport ou le journal des décisions',
  'phone.look.body':
    'Rien à écrire pendant cette étape\u00a0: suivez le tableau et écoutez le groupe.',

  // The composer and my ideas
  'phone.compose.label': 'Écrire une idée',
  'phone.compose.submit': 'Ajouter l’idée',
  'phone.compose.whereFrame': 'Elle ira dans «\u00a0{{ place }}\u00a0».',
  'phone.compose.whereCanvas': 'Elle ira sur le canevas «\u00a0{{ place }}\u00a0».',
  'phone.compose.wherePrivate': 'Privée\u00a0: vous seul·e la voyez jusqu’au dévoilement.',
  'phone.compose.wherePrivateFrame':
    'Privée, dans «\u00a0{{ place }}\u00a0»\u00a0: vous seul·e la voyez jusqu’au dévoilement.',
  'phone.compose.frames': 'Dans quelle partie du canevas\u202f?',
  'phone.compose.addedIn': 'Idée ajoutée dans «\u00a0{{ place }}\u00a0». Écrivez la suivante.',
  'phone.compose.addedOn': 'Idée ajoutée sur «\u00a0{{ place }}\u00a0». Écrivez la suivante.',
  'phone.compose.addedPrivate': 'Idée privée ajoutée. Écrivez la suivante.',
  'phone.compose.addedPrivateIn':
    'Idée privée ajoutée dans «\u00a0{{ place }}\u00a0». Écrivez la suivante.',
  'phone.compose.empty': 'Écrivez d’abord votre idée.',
  'phone.mine.title.one': 'Mes idées ({{ count }})',
  'phone.mine.title.other': 'Mes idées ({{ count }})',
  'phone.mine.empty': 'Vos idées apparaîtront ici.',
  'phone.mine.edit': 'Modifier',
  'phone.mine.editLabel': 'Modifier\u00a0: {{ text }}',
  'phone.mine.editField': 'Texte de l’idée',
  'phone.mine.save': 'Enregistrer',
  'phone.mine.cancel': 'Annuler',
  'phone.mine.delete': 'Supprimer',
  'phone.mine.deleteLabel': 'Supprimer\u00a0: {{ text }}',
  'phone.mine.deleteAsk': 'Supprimer cette idée\u202f?',
  'phone.mine.deleteYes': 'Oui, supprimer',

  // The dot vote as a list
  'phone.vote.rules':
    'Touchez + pour donner un point, − pour le reprendre. Au plus {{ cap }} par idée.',
  'phone.vote.empty': 'Il n’y a pas encore d’idée sur ce canevas.',
  'phone.vote.closed': 'Le vote est fermé. Le total du groupe est sous chaque idée.',
  'phone.vote.noFrame': 'Autres idées',

  // The document in reading mode
  'phone.doc.edit': 'Modifier',
  'phone.doc.editLabel': 'Modifier «\u00a0{{ title }}\u00a0»',
  'phone.doc.empty': 'Ce document est vide pour l’instant.',

  // The board on demand
  'phone.board.open': 'Voir le tableau',
  'phone.board.back': 'Retour à l’étape',
} as const satisfies Record<string, string>

export const phoneEn: { readonly [K in keyof typeof phoneFr]: string } = {
  'phone.step.more': 'Read it all',
  'phone.step.less': 'Show less',
  'phone.action.title': 'What the step asks of you',
  'phone.ended.title': 'What you can still do',
  'phone.ended.board': 'Read the board again: “See the board”, at the bottom of the screen.',
  'phone.ended.documents': 'Read the documents, charters, plan and decisions',
  'phone.ended.exports': 'Download the report or the decision log',
  'phone.look.body': 'Nothing to write during this step: follow the board and listen to the group.',

  'phone.compose.label': 'Write an idea',
  'phone.compose.submit': 'Add the idea',
  'phone.compose.whereFrame': 'It goes in “{{ place }}”.',
  'phone.compose.whereCanvas': 'It goes on the canvas “{{ place }}”.',
  'phone.compose.wherePrivate': 'Private: only you see it until the reveal.',
  'phone.compose.wherePrivateFrame': 'Private, in “{{ place }}”: only you see it until the reveal.',
  'phone.compose.frames': 'In which part of the canvas?',
  'phone.compose.addedIn': 'Idea added in “{{ place }}”. Write the next one.',
  'phone.compose.addedOn': 'Idea added on “{{ place }}”. Write the next one.',
  'phone.compose.addedPrivate': 'Private idea added. Write the next one.',
  'phone.compose.addedPrivateIn': 'Private idea added in “{{ place }}”. Write the next one.',
  'phone.compose.empty': 'Write your idea first.',
  'phone.mine.title.one': 'My ideas ({{ count }})',
  'phone.mine.title.other': 'My ideas ({{ count }})',
  'phone.mine.empty': 'Your ideas will show here.',
  'phone.mine.edit': 'Change',
  'phone.mine.editLabel': 'Change: {{ text }}',
  'phone.mine.editField': 'Text of the idea',
  'phone.mine.save': 'Save',
  'phone.mine.cancel': 'Cancel',
  'phone.mine.delete': 'Delete',
  'phone.mine.deleteLabel': 'Delete: {{ text }}',
  'phone.mine.deleteAsk': 'Delete this idea?',
  'phone.mine.deleteYes': 'Yes, delete',

  'phone.vote.rules': 'Tap + to give a dot, − to take it back. At most {{ cap }} per idea.',
  'phone.vote.empty': 'There are no ideas on this canvas yet.',
  'phone.vote.closed': 'The vote is closed. The group’s total is under each idea.',
  'phone.vote.noFrame': 'Other ideas',

  'phone.doc.edit': 'Edit',
  'phone.doc.editLabel': 'Edit “{{ title }}”',
  'phone.doc.empty': 'This document is empty for now.',

  'phone.board.open': 'See the board',
  'phone.board.back': 'Back to the step',
}
