import type { canvasFr } from './canvas.ts'
import type { deviceLinkFr } from './deviceLink.ts'
import type { documentsFr } from './documents.ts'
import type { dueFr } from './due.ts'
import type { facilitationFr } from './facilitation.ts'
import { flowFr } from './flow.ts'
import type { homeFr } from './home.ts'
import { layoutFr } from './layout.ts'
import { newsFr } from './news.ts'
import { outlineFr } from './outline.ts'
import type { phoneFr } from './phone.ts'
import type { resultsFr } from './results.ts'
import { rightsFr } from './rights.ts'
import type { sessionsFr } from './sessions.ts'
import { votingFr } from './voting.ts'

/**
 * French (Québec) messages: the reference catalogue. Every other catalogue must have exactly
 * these keys (see `Messages`). Keys are flat; `{{ name }}` marks a value filled in at runtime.
 */
export const fr = {
  'app.name': 'Fabrique',
  'app.tagline': 'Ateliers de co-création en temps réel',
  'app.skipLink': 'Aller au contenu principal',
  'app.homeLink': 'Fabrique — accueil',
  'app.mainNav': 'Navigation principale',
  'app.loading': 'Chargement…',
  'app.notFound.title': 'Page introuvable',
  'app.notFound.body': 'Cette adresse ne mène à aucune page de Fabrique.',
  'app.notFound.back': 'Retour à l’accueil',

  'language.label': 'Langue',
  'language.fr': 'Français',
  'language.en': 'English',

  'role.facilitator': 'Animateur·rice',
  'role.participant': 'Participant·e',
  'role.observer': 'Observateur·rice',

  'group.patient': 'Patient partenaire',
  'group.citizen': 'Citoyen partenaire',
  'group.clinician': 'Clinicien partenaire',
  'group.other': 'Autre',
  'group.patient.hint': 'Vous vivez avec un problème de santé, ou vous aidez un proche.',
  'group.citizen.hint': 'Vous habitez ou agissez dans la communauté.',
  'group.clinician.hint':
    'Médecin, infirmière, travailleuse sociale, psychologue, organisateur communautaire…',
  'group.other.hint': 'Aucun de ces groupes ne vous décrit.',
  'sector.ciusss': 'CIUSSS ou CISSS (santé et services sociaux)',
  'sector.gmf': 'GMF (groupe de médecine de famille)',
  'sector.community': 'Organisme communautaire',
  'sector.city': 'Ville ou municipalité',
  'sector.other': 'Autre organisation',
  'sector.none': 'Non précisé',

  'workshop.opening': 'Ouverture de l’atelier…',
  'workshop.noToken.title': 'Il vous faut un lien d’invitation',
  'workshop.noToken.body':
    'Pour entrer dans cet atelier, ouvrez le lien ou le code QR que l’animateur·rice vous a donné.',
  'workshop.invalid.title': 'Ce lien n’est pas valide',
  'workshop.invalid.body':
    'Il a peut-être été révoqué ou mal copié. Demandez un nouveau lien à l’animateur·rice.',
  'workshop.loadError': 'L’atelier n’a pas pu être ouvert\u00a0: {{ error }}',
  'workshop.retry': 'Réessayer',
  'workshop.newerSchema':
    'Cet atelier a été créé par une version plus récente de Fabrique. Rechargez la page pour continuer.',
  'workshop.reload': 'Recharger la page',
  'workshop.yourRole': 'Votre rôle\u00a0: {{ role }}',
  'workshop.ended':
    'La séance est terminée\u00a0: vous pouvez relire tout ce que le laboratoire contient, mais plus le modifier jusqu’à la prochaine séance.',
  'workshop.sessionEnded':
    'La séance «\u00a0{{ title }}\u00a0» est terminée. Vous pouvez planifier ou commencer la prochaine.',
  'workshop.sessionEnded.open': 'Ouvrir les séances',
  'workshop.readOnly': 'Vous pouvez tout voir, mais pas modifier.',
  'workshop.deviceCopy.title': 'Hors ligne\u00a0: la copie de cet appareil',
  'workshop.deviceCopy.body':
    'Le serveur de l’atelier ne répond pas. Vous voyez l’atelier tel que cet appareil l’a reçu la dernière fois, en lecture seule\u00a0: rien ne peut être modifié ni enregistré. La page reprend d’elle-même dès que le serveur répond.',
  'workshop.participants.title': 'Personnes inscrites',
  'workshop.participants.empty': 'Personne ne s’est encore joint à l’atelier.',
  'workshop.participants.waiting': 'En attente du serveur…',

  'join.title': 'Rejoindre l’atelier',
  'join.intro':
    'Pas besoin de compte. Les autres personnes de l’atelier verront votre nom et votre groupe.',
  'join.observer':
    'Votre lien est un lien d’observation\u00a0: vous pourrez tout voir, sans modifier.',
  'join.observer.title': 'Observer l’atelier',
  'join.observer.unnamed':
    'On ne vous demande pas de nom\u00a0: les autres vous voient comme «\u00a0Observateur·rice\u00a0», et l’atelier ne garde rien de vous.',
  'join.observer.submit': 'Entrer comme observateur·rice',
  'join.facilitator.title': 'Votre nom comme animateur·rice',
  'join.facilitator.intro':
    'Les participant·es voient votre nom et votre groupe\u00a0: dans la liste des personnes en ligne, sur votre curseur et sur vos notes. «\u00a0Autre\u00a0» est choisi pour vous\u00a0: gardez-le si vous animez sans être partenaire.',
  'join.facilitator.next':
    'Ensuite, le bouton «\u00a0Partager l’atelier\u00a0» (trois points reliés), en haut à droite, donne les liens et les codes QR à envoyer aux participant·es.',
  'join.name.label': 'Votre nom',
  'join.name.hint': 'Le nom affiché aux autres. Un prénom suffit.',
  'join.name.required': 'Écrivez un nom.',
  'join.name.tooLong': 'Le nom doit avoir au plus {{ max }} caractères.',
  'join.group.legend': 'Vous participez comme',
  'join.group.required': 'Choisissez un groupe.',
  'join.sector.label': 'Votre secteur ou organisation (facultatif)',
  'join.sector.hint':
    'Si vous venez au nom d’un organisme. Les patients et citoyens partenaires peuvent laisser «\u00a0Aucun\u00a0».',
  'join.sector.none': 'Aucun, ou je préfère ne pas le dire',
  'join.optOut.label': 'Ne pas me compter dans l’export de reconnaissance',
  'join.optOut.hint':
    'L’animation exporte qui est venu et combien de temps, pour reconnaître ou rémunérer les partenaires. Si vous cochez, l’export garde vos minutes et votre groupe, sans votre nom.',
  'join.errors': 'Corrigez ce qui suit avant de continuer\u00a0:',
  'join.submit': 'Rejoindre',
  'join.edit': 'Modifier mes informations',
  'join.save': 'Enregistrer',
  'join.cancel': 'Annuler',

  'presence.title': 'En ligne maintenant',
  'presence.you': '(vous)',
  'presence.count': '{{ count }} en ligne',
  'presence.empty': 'Personne d’autre n’est en ligne.',

  'status.label': 'État de la connexion',
  'status.connecting': 'Connexion…',
  'status.saving': 'Enregistrement…',
  'status.saved': 'Enregistré',
  'status.upToDate': 'À jour',
  'status.offline': 'Hors ligne — vos changements sont gardés',
  'status.offlineReadOnly': 'Hors ligne — reconnexion en cours',
  'status.deviceCopy': 'Hors ligne — copie de cet appareil, en lecture seule',
  'status.error.unauthorized':
    'Ce lien n’est plus valide. Demandez un nouveau lien à l’animateur·rice.',
  'status.error.forbidden': 'Cette action n’est pas permise avec votre lien.',
  'status.error.rateLimited':
    'Trop de changements envoyés trop vite. Rechargez la page dans un moment.',
  'status.error.roomFull':
    'L’atelier a atteint sa taille maximale\u00a0: votre dernier changement n’a pas été enregistré. Prévenez la personne qui gère le serveur.',
  'status.error.badMessage': 'Le serveur a refusé un message. Rechargez la page.',
  'status.error.other': 'La connexion a été fermée (code {{ code }}). Rechargez la page.',

  'share.title': 'Partager l’atelier',
  // Named by the workspace before the artefacts' chunk (and their messages) is loaded.
  'artefacts.title': 'Ce que le groupe produit',
  ...outlineFr,
  ...flowFr,
  ...votingFr,
  ...rightsFr,
  ...layoutFr,
  ...newsFr,
} as const satisfies Record<string, string>

/**
 * The keys of what a page has from the start. The artefacts' messages (documents.ts), the
 * phone's (phone.ts), the facilitator's (facilitation.ts), the results' (results.ts), the
 * sessions panel's (sessions.ts), what is due (due.ts), the home page's (home.ts) and the
 * board's (canvas.ts) are not here: the client loads them with the part that shows them.
 */
export type CoreKey = keyof typeof fr

/** Every message key: the core ones and those the client loads with their part. */
export type MessageKey =
  | CoreKey
  | keyof typeof documentsFr
  | keyof typeof phoneFr
  | keyof typeof facilitationFr
  | keyof typeof resultsFr
  | keyof typeof sessionsFr
  | keyof typeof dueFr
  | keyof typeof deviceLinkFr
  | keyof typeof homeFr
  | keyof typeof canvasFr

/** The core catalogue: exactly the keys of `fr` (a missing or extra key fails typecheck). */
export type CoreMessages = { readonly [K in CoreKey]: string }

/** A whole catalogue, each key a string. */
export type Messages = { readonly [K in MessageKey]: string }
