/**
 * Bad news, said plainly (client/features/workspace/BadNews.tsx): after the server closed the
 * connection (4401, 4413) or refused a change (4400), or after a long sleep, what happened,
 * what is kept and what to do. `newsEn` must have exactly the keys of `newsFr` (typecheck
 * fails otherwise); both are merged into the main catalogues.
 */
export const newsFr = {
  'news.happened': 'Ce qui s’est passé',
  'news.kept': 'Ce qui est gardé',
  'news.todo': 'Que faire',
  'news.dismiss': 'J’ai compris',

  'news.unauthorized.title': 'Ce lien ne fonctionne plus',
  'news.unauthorized.happened':
    'L’animateur·rice a remplacé le lien de l’atelier\u00a0: l’ancien ne donne plus accès.',
  'news.unauthorized.kept':
    'Tout ce qui était enregistré reste dans l’atelier. Ce qui n’était pas encore envoyé reste sur cet appareil.',
  'news.unauthorized.todo':
    'Demandez le nouveau lien ou le nouveau code QR, puis ouvrez-le sur cet appareil\u00a0: ce qui y est gardé sera envoyé.',

  'news.roomFull.title': 'L’atelier est plein',
  'news.roomFull.happened':
    'L’atelier a atteint sa taille maximale\u00a0: le serveur n’a pas enregistré votre dernier changement et n’en accepte plus.',
  'news.roomFull.kept':
    'Tout ce qui était enregistré avant reste dans l’atelier. Votre dernier changement est seulement sur cet appareil.',
  'news.roomFull.todo':
    'Prévenez l’animateur·rice. Gardez cette page ouverte\u202f; si ce changement compte, notez-le ailleurs.',

  'news.badMessage.title': 'Votre dernier changement a été refusé',
  'news.badMessage.happened':
    'Le serveur a refusé votre dernier changement\u00a0: il n’était pas valide.',
  'news.badMessage.kept':
    'Tout ce qui était déjà enregistré est là. Seul ce changement a été retiré de cet appareil.',
  'news.badMessage.todo':
    'Vérifiez votre dernière idée ou modification, et refaites-la si elle manque.',
  'news.badMessage.reason': 'Raison donnée par le serveur\u00a0: {{ reason }}',

  'news.slept.title': 'De retour après la veille',
  'news.slept.happened': 'Votre appareil était en veille pendant {{ minutes }} min.',
  'news.slept.kept':
    'Ce que vous aviez écrit est gardé sur cet appareil, et envoyé dès que la connexion revient.',
  'news.slept.keptReadOnly': 'Rien n’est perdu\u00a0: l’écran reprend l’atelier là où il en est.',
  'news.slept.waiting': 'Reconnexion à l’atelier… L’écran se met à jour tout seul.',
  'news.slept.running':
    'Vous êtes à jour\u00a0: l’atelier est à l’étape {{ n }} sur {{ total }}, «\u00a0{{ title }}\u00a0».',
  'news.slept.ready': 'Vous êtes à jour\u00a0: la séance n’a pas encore commencé.',
  'news.slept.ended': 'Vous êtes à jour\u00a0: la séance est terminée.',
} as const satisfies Record<string, string>

export const newsEn: { readonly [K in keyof typeof newsFr]: string } = {
  'news.happened': 'What happened',
  'news.kept': 'What is kept',
  'news.todo': 'What to do',
  'news.dismiss': 'Got it',

  'news.unauthorized.title': 'This link no longer works',
  'news.unauthorized.happened':
    'The facilitator replaced the workshop’s link: the old one no longer gives access.',
  'news.unauthorized.kept':
    'Everything that was saved stays in the workshop. What was not sent yet stays on this device.',
  'news.unauthorized.todo':
    'Ask for the new link or the new QR code, then open it on this device: what is kept here will be sent.',

  'news.roomFull.title': 'The workshop is full',
  'news.roomFull.happened':
    'The workshop reached its maximum size: the server did not save your last change and takes no more.',
  'news.roomFull.kept':
    'Everything saved before stays in the workshop. Your last change is only on this device.',
  'news.roomFull.todo':
    'Tell the facilitator. Keep this page open; if the change matters, write it down elsewhere.',

  'news.badMessage.title': 'Your last change was refused',
  'news.badMessage.happened': 'The server refused your last change: it was not valid.',
  'news.badMessage.kept':
    'Everything already saved is there. Only that change was removed from this device.',
  'news.badMessage.todo': 'Check your last idea or edit, and make it again if it is missing.',
  'news.badMessage.reason': 'Reason given by the server: {{ reason }}',

  'news.slept.title': 'Back from sleep',
  'news.slept.happened': 'Your device was asleep for {{ minutes }} min.',
  'news.slept.kept':
    'What you had written is kept on this device, and sent as soon as the connection is back.',
  'news.slept.keptReadOnly': 'Nothing is lost: the screen picks the workshop up where it is.',
  'news.slept.waiting': 'Reconnecting to the workshop… The screen updates by itself.',
  'news.slept.running':
    'You are up to date: the workshop is at step {{ n }} of {{ total }}, “{{ title }}”.',
  'news.slept.ready': 'You are up to date: the session has not started yet.',
  'news.slept.ended': 'You are up to date: the session has ended.',
}
