/**
 * Messages of the home page, where a workshop is created (client/features/home/HomePage.tsx).
 * `homeEn` must have exactly the keys of `homeFr` (typecheck fails otherwise). Not in the core
 * catalogues: the page adds them when its chunk loads, so a participant's phone, which never
 * shows it, does not download them; `CATALOGUES` (catalogues.ts) has them.
 */
export const homeFr = {
  'home.title': 'Créer un atelier',
  'home.intro':
    'Choisissez un modèle d’atelier et donnez-lui un titre. Vous recevrez ensuite un lien pour chaque rôle, à partager avec les personnes invitées.',
  'home.field.title': 'Titre de l’atelier',
  'home.field.title.hint': 'Par exemple\u00a0: Atelier du comité de pilotage, mai',
  'home.field.title.required': 'Donnez un titre à l’atelier.',
  'home.field.template': 'Modèle d’atelier',
  'home.field.locale': 'Langue de l’atelier',
  'home.field.locale.hint':
    'La langue des consignes du modèle. Chaque personne peut changer la langue de son écran.',
  'home.template.minutes.one': 'Environ {{ count }} minute',
  'home.template.minutes.other': 'Environ {{ count }} minutes',
  'home.template.phases.one': '{{ count }} étape',
  'home.template.phases.other': '{{ count }} étapes',
  'home.templates.loading': 'Chargement des modèles…',
  'home.templates.error': 'Les modèles n’ont pas pu être chargés\u00a0: {{ error }}',
  'home.templates.empty': 'Aucun modèle n’est installé sur ce serveur.',
  'home.templates.retry': 'Réessayer',
  'home.adminToken.label': 'Jeton d’administration',
  'home.adminToken.hint':
    'Ce serveur demande un jeton d’administration pour créer un atelier. Demandez-le à la personne qui gère le serveur.',
  'home.submit': 'Créer l’atelier',
  'home.submitting': 'Création de l’atelier…',
  'home.error': 'L’atelier n’a pas été créé\u00a0: {{ error }}',
  'home.error.network': 'le serveur ne répond pas. Vérifiez votre connexion.',
} as const satisfies Record<string, string>

export const homeEn: { readonly [K in keyof typeof homeFr]: string } = {
  'home.title': 'Create a workshop',
  'home.intro':
    'Choose a workshop template and give it a title. You will then get one link for each role, to share with the people you invite.',
  'home.field.title': 'Workshop title',
  'home.field.title.hint': 'For example: Steering committee workshop, May',
  'home.field.title.required': 'Give the workshop a title.',
  'home.field.template': 'Workshop template',
  'home.field.locale': 'Workshop language',
  'home.field.locale.hint':
    'The language of the template’s instructions. Everyone can change the language of their own screen.',
  'home.template.minutes.one': 'About {{ count }} minute',
  'home.template.minutes.other': 'About {{ count }} minutes',
  'home.template.phases.one': '{{ count }} step',
  'home.template.phases.other': '{{ count }} steps',
  'home.templates.loading': 'Loading templates…',
  'home.templates.error': 'The templates could not be loaded: {{ error }}',
  'home.templates.empty': 'No template is installed on this server.',
  'home.templates.retry': 'Try again',
  'home.adminToken.label': 'Admin token',
  'home.adminToken.hint':
    'This server needs an admin token to create a workshop. Ask the person who runs the server.',
  'home.submit': 'Create the workshop',
  'home.submitting': 'Creating the workshop…',
  'home.error': 'The workshop was not created: {{ error }}',
  'home.error.network': 'the server does not answer. Check your connection.',
}
