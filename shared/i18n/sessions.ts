/**
 * Messages of the lab's sessions panel (client/features/sessions): the list of sessions, their
 * attendance, the boards of ended sessions (read-only, carried into the next), and the
 * facilitator's plan, start and end. `sessionsEn` must have exactly the
 * keys of `sessionsFr` (typecheck fails otherwise). Not in the core catalogues: the client
 * adds them when the panel loads; `CATALOGUES` (catalogues.ts) has them.
 */
export const sessionsFr = {
  'sessions.title': 'Séances du laboratoire',
  'sessions.intro':
    'Le laboratoire garde ses documents, ses chartes, son plan et son journal des décisions d’une séance à l’autre. Chaque séance suit le déroulement d’un modèle.',
  'sessions.list': 'Séances, de la plus ancienne à la plus récente',
  'sessions.empty': 'Aucune séance n’est encore planifiée.',
  'sessions.status.planned': 'Planifiée',
  'sessions.status.running': 'En cours',
  'sessions.status.ended': 'Terminée',
  'sessions.template': 'Modèle\u00a0: {{ title }}',
  'sessions.attendance': 'Présences',
  'sessions.attendance.none': 'Personne n’y est encore venu.',
  'sessions.attendance.group': '{{ group }}\u00a0: {{ count }}',
  'sessions.attendance.loading': 'Chargement des présences…',
  'sessions.attendance.error': 'Les présences n’ont pas pu être chargées\u00a0: {{ error }}',
  'sessions.readOnly': 'L’animateur·rice planifie, commence et termine les séances.',

  'sessions.start': 'Commencer la séance',
  'sessions.start.label': 'Commencer la séance «\u00a0{{ title }}\u00a0»',
  'sessions.starting': 'Démarrage…',
  'sessions.end': 'Terminer la séance',
  'sessions.end.label': 'Terminer la séance «\u00a0{{ title }}\u00a0»',
  'sessions.end.title': 'Terminer la séance «\u00a0{{ title }}\u00a0»\u202f?',
  'sessions.end.body':
    'Les participant·es ne pourront plus rien modifier jusqu’à la prochaine séance. Tout ce que le groupe a produit est gardé dans le laboratoire.',
  'sessions.end.confirm': 'Oui, terminer la séance',
  'sessions.end.busy': 'Fin de la séance…',
  'sessions.cancel': 'Annuler',
  'sessions.started': 'La séance «\u00a0{{ title }}\u00a0» a commencé.',
  'sessions.ended':
    'La séance «\u00a0{{ title }}\u00a0» est terminée. Vous pouvez planifier ou commencer la suivante.',
  'sessions.planned': 'La séance «\u00a0{{ title }}\u00a0» est planifiée pour le {{ date }}.',
  'sessions.error.start': 'La séance n’a pas pu commencer\u00a0: {{ error }}',
  'sessions.error.end': 'La séance n’a pas pu être terminée\u00a0: {{ error }}',
  'sessions.error.plan': 'La séance n’a pas été planifiée\u00a0: {{ error }}',
  'sessions.error.running':
    'la séance «\u00a0{{ title }}\u00a0» est en cours. Terminez-la d’abord.',
  'sessions.error.conflict': 'son état a changé entre-temps. La liste est à jour\u00a0: réessayez.',
  'sessions.error.forbidden': 'seul le lien d’animation le permet.',
  'sessions.error.network': 'le serveur ne répond pas. Vérifiez votre connexion.',

  'sessions.boards': 'Tableaux de la séance',
  'sessions.boards.inLab':
    'Ses tableaux restent dans le laboratoire jusqu’au début de la prochaine séance\u202f; ils se liront ensuite ici.',
  'sessions.boards.open.label':
    'Ouvrir le tableau «\u00a0{{ board }}\u00a0» de la séance «\u00a0{{ session }}\u00a0»',
  'sessions.board.title':
    '«\u00a0{{ board }}\u00a0», séance «\u00a0{{ session }}\u00a0» du {{ date }}',
  'sessions.board.readOnly':
    'Lecture seule\u00a0: le tableau tel que la séance l’a laissé. Personne ne peut plus le modifier ici.',
  'sessions.board.opening': 'Ouverture du tableau…',
  'sessions.board.failed':
    'Le tableau n’a pas pu être ouvert. Vérifiez votre connexion, puis rouvrez-le.',
  'sessions.board.close': 'Fermer le tableau',
  'sessions.board.carry': 'Reprendre ce tableau dans la séance',
  'sessions.board.carry.hint':
    'Une copie s’ajoute aux canevas du laboratoire pour la séance en cours ou la prochaine, avec ses notes et leurs auteur·es. Ce tableau reste ici tel quel.',
  'sessions.board.carrying': 'Reprise du tableau…',
  'sessions.board.carried':
    'Le tableau «\u00a0{{ title }}\u00a0» est repris dans la séance\u00a0: il est dans les onglets des canevas.',
  'sessions.board.inLab': 'Ce tableau est déjà dans les canevas de la séance.',
  'sessions.error.carry': 'Le tableau n’a pas été repris\u00a0: {{ error }}',

  'sessions.plan.title': 'Planifier la prochaine séance',
  'sessions.plan.field.title': 'Titre de la séance',
  'sessions.plan.field.title.hint': 'Par exemple\u00a0: Comité de co-création, avril',
  'sessions.plan.field.date': 'Date',
  'sessions.plan.field.date.hint': 'Le jour de la séance, à l’heure de Montréal.',
  'sessions.plan.field.template': 'Modèle de la séance',
  'sessions.plan.required.title': 'Donnez un titre à la séance.',
  'sessions.plan.required.date': 'Choisissez le jour de la séance.',
  'sessions.plan.required.template': 'Choisissez un modèle.',
  'sessions.plan.invalid.date': 'Ce jour n’existe pas au calendrier.',
  'sessions.plan.submit': 'Planifier la séance',
  'sessions.plan.submitting': 'Planification…',
  'sessions.plan.templates.loading': 'Chargement des modèles…',
  'sessions.plan.templates.error': 'Les modèles n’ont pas pu être chargés\u00a0: {{ error }}',
} as const satisfies Record<string, string>

export const sessionsEn: { readonly [K in keyof typeof sessionsFr]: string } = {
  'sessions.title': 'Sessions of the lab',
  'sessions.intro':
    'The lab keeps its documents, charters, plan and decision log from one session to the next. Each session follows a template’s flow.',
  'sessions.list': 'Sessions, oldest first',
  'sessions.empty': 'No session is planned yet.',
  'sessions.status.planned': 'Planned',
  'sessions.status.running': 'Running',
  'sessions.status.ended': 'Ended',
  'sessions.template': 'Template: {{ title }}',
  'sessions.attendance': 'Attendance',
  'sessions.attendance.none': 'Nobody has come yet.',
  'sessions.attendance.group': '{{ group }}: {{ count }}',
  'sessions.attendance.loading': 'Loading attendance…',
  'sessions.attendance.error': 'Attendance could not be loaded: {{ error }}',
  'sessions.readOnly': 'The facilitator plans, starts and ends the sessions.',

  'sessions.start': 'Start the session',
  'sessions.start.label': 'Start the session “{{ title }}”',
  'sessions.starting': 'Starting…',
  'sessions.end': 'End the session',
  'sessions.end.label': 'End the session “{{ title }}”',
  'sessions.end.title': 'End the session “{{ title }}”?',
  'sessions.end.body':
    'Participants will not be able to change anything until the next session. Everything the group made is kept in the lab.',
  'sessions.end.confirm': 'Yes, end the session',
  'sessions.end.busy': 'Ending the session…',
  'sessions.cancel': 'Cancel',
  'sessions.started': 'The session “{{ title }}” has started.',
  'sessions.ended': 'The session “{{ title }}” has ended. You can plan or start the next one.',
  'sessions.planned': 'The session “{{ title }}” is planned for {{ date }}.',
  'sessions.error.start': 'The session could not start: {{ error }}',
  'sessions.error.end': 'The session could not be ended: {{ error }}',
  'sessions.error.plan': 'The session was not planned: {{ error }}',
  'sessions.error.running': 'the session “{{ title }}” is running. End it first.',
  'sessions.error.conflict': 'its state changed meanwhile. The list is up to date: try again.',
  'sessions.error.forbidden': 'only the facilitation link allows it.',
  'sessions.error.network': 'the server does not answer. Check your connection.',

  'sessions.boards': 'Boards of the session',
  'sessions.boards.inLab':
    'Its boards stay in the lab until the next session starts; they can then be read here.',
  'sessions.boards.open.label': 'Open the board “{{ board }}” of the session “{{ session }}”',
  'sessions.board.title': '“{{ board }}”, session “{{ session }}” of {{ date }}',
  'sessions.board.readOnly':
    'Read-only: the board as the session left it. Nobody can change it here any more.',
  'sessions.board.opening': 'Opening the board…',
  'sessions.board.failed':
    'The board could not be opened. Check your connection, then open it again.',
  'sessions.board.close': 'Close the board',
  'sessions.board.carry': 'Carry this board into the session',
  'sessions.board.carry.hint':
    'A copy is added to the lab’s canvases for the session running or the next one, with its notes and their authors. This board stays here as it is.',
  'sessions.board.carrying': 'Carrying the board…',
  'sessions.board.carried':
    'The board “{{ title }}” is carried into the session: it is in the canvases’ tabs.',
  'sessions.board.inLab': 'This board is already among the session’s canvases.',
  'sessions.error.carry': 'The board was not carried: {{ error }}',

  'sessions.plan.title': 'Plan the next session',
  'sessions.plan.field.title': 'Title of the session',
  'sessions.plan.field.title.hint': 'For example: Co-creation committee, April',
  'sessions.plan.field.date': 'Date',
  'sessions.plan.field.date.hint': 'The day of the session, in Montréal time.',
  'sessions.plan.field.template': 'Template of the session',
  'sessions.plan.required.title': 'Give the session a title.',
  'sessions.plan.required.date': 'Choose the day of the session.',
  'sessions.plan.required.template': 'Choose a template.',
  'sessions.plan.invalid.date': 'This day is not on the calendar.',
  'sessions.plan.submit': 'Plan the session',
  'sessions.plan.submitting': 'Planning…',
  'sessions.plan.templates.loading': 'Loading the templates…',
  'sessions.plan.templates.error': 'The templates could not be loaded: {{ error }}',
}
