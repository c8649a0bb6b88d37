import type { RefusalCode } from '../schema/rights.ts'

/**
 * Who may change what (shared/schema/rights.ts), in words: what the server says when it
 * refuses a change (`refusal.<code>`, one per code of `REFUSALS`: typecheck fails if one is
 * missing) and the hints of the screens that follow the same rules (`rights.*`).
 */
type RefusalMessages = { readonly [Code in RefusalCode as `refusal.${Code}`]: string }

export const rightsFr = {
  'refusal.title': 'Votre changement n’a pas été gardé',
  'refusal.dismiss': 'Fermer',
  'refusal.generic': 'Le serveur a refusé votre dernier changement et l’a annulé.',
  'refusal.phase.write': 'Pendant cette étape, on n’écrit pas sur le canevas.',
  'refusal.phase.move': 'Pendant cette étape, on ne déplace pas les éléments du canevas.',
  'refusal.phase.private':
    'Pendant l’écriture en privé, vos notes vont dans votre espace privé, pas sur le canevas commun.',
  'refusal.canvas.manage':
    'Seul·e l’animateur·rice crée, renomme, range, verrouille ou supprime les canevas.',
  'refusal.canvas.locked': 'Ce canevas est verrouillé\u00a0: on ne peut plus le modifier.',
  'refusal.phase.artefacts':
    'Pendant cette étape, les documents, les chartes et le plan se lisent sans se modifier.',
  'refusal.artefact.manage':
    'Seul·e l’animateur·rice crée, renomme, range ou supprime les documents et les chartes.',
  'refusal.charter.status':
    'Seul·e l’animateur·rice inscrit le statut décidé par le groupe pour un élément de la charte.',
  'refusal.charter.delete':
    'Seul·e l’animateur·rice supprime les éléments d’une charte, sauf ceux que vous avez ajoutés.',
  'refusal.item.notYours': 'Vous pouvez modifier ou supprimer seulement vos propres éléments.',
  'refusal.item.author':
    'Un nouvel élément porte le nom et le groupe de la personne qui l’écrit, et cela ne change pas.',
  'refusal.item.invalid': 'Un élément du canevas était mal formé.',
  'refusal.text.tooLong':
    'Ce texte dépasse sa longueur permise\u00a0: 5 000 caractères pour une note (ou un autre élément du canevas), 2 000 pour un énoncé de charte ou une question du plan, 20 000 pour une section du plan ou un texte de décision, et pour un titre ce que permet son champ. La suite n’a pas été gardée.',
  'refusal.kind.private':
    'Ce type d’élément ne va pas dans votre espace privé\u00a0: il se place sur le canevas commun quand l’étape le permet.',
  'refusal.participant.other':
    'Seule la personne elle-même peut changer son nom, son groupe, son secteur ou son choix pour l’export de reconnaissance.',
  'refusal.participant.invalid':
    'Une personne inscrite doit avoir un nom et un groupe\u202f; son secteur, si elle le donne, est l’un de ceux de la liste.',
  'refusal.flow': 'Seul·e l’animateur·rice fait avancer les étapes et règle la minuterie.',
  'refusal.results': 'Seul le serveur publie les résultats des votes.',
  'refusal.decisions': 'Seul·e l’animateur·rice consigne les décisions.',
  'refusal.vote.closed': 'Aucun vote n’est ouvert pendant cette étape.',
  'refusal.workshop.ended':
    'La séance est terminée\u00a0: le laboratoire se relit, mais seul·e l’animateur·rice le modifie jusqu’à la prochaine.',
  'refusal.vote.invalid':
    'Ce vote ne respecte pas ses règles (nombre de points, raison d’une objection…).',
  'refusal.invalid':
    'Ce changement ne correspond pas à la forme de l’atelier\u00a0: il a été annulé.',
  'refusal.unreadable': 'Le serveur n’a pas pu vérifier ce changement.',

  'rights.item.readOnly': 'Lecture seule pour vous',
  'rights.item.notYours':
    'Cet élément n’est pas à vous\u00a0: vous pouvez le lire, mais pas le modifier ni le supprimer.',
  'rights.item.notYours.move':
    'Cet élément n’est pas à vous\u00a0: vous pouvez le lire et le déplacer, mais pas le modifier ni le supprimer.',
  'rights.connector.notYours':
    'Ce lien n’est pas à vous\u00a0: vous pouvez le supprimer, mais pas changer son libellé.',
  'rights.decisions':
    'Seul·e l’animateur·rice consigne les décisions. Vous pouvez les lire et en discuter.',

  // A change the client could not make (no refusal): the board and the phone's composer say
  // it, so it stays in the core when the board's messages (canvas.ts) do not.
  'canvas.announce.failed': 'Ce changement n’a pas pu être fait.',
} as const satisfies RefusalMessages & Record<string, string>

export const rightsEn: { readonly [K in keyof typeof rightsFr]: string } = {
  'refusal.title': 'Your change was not kept',
  'refusal.dismiss': 'Close',
  'refusal.generic': 'The server refused your last change and undid it.',
  'refusal.phase.write': 'This step does not allow writing on the canvas.',
  'refusal.phase.move': 'This step does not allow moving items on the canvas.',
  'refusal.phase.private':
    'During private writing, your notes go to your private space, not to the shared canvas.',
  'refusal.canvas.manage':
    'Only the facilitator creates, renames, orders, locks or deletes canvases.',
  'refusal.canvas.locked': 'This canvas is locked: it cannot be changed any more.',
  'refusal.phase.artefacts': 'During this step, documents, charters and the plan are read-only.',
  'refusal.artefact.manage':
    'Only the facilitator creates, renames, orders or deletes documents and charters.',
  'refusal.charter.status':
    'Only the facilitator records the status the group decided for a charter item.',
  'refusal.charter.delete':
    'Only the facilitator deletes a charter’s items, except those you added.',
  'refusal.item.notYours': 'You can change or delete only your own items.',
  'refusal.item.author':
    'A new item carries the name and group of whoever writes it, and that never changes.',
  'refusal.item.invalid': 'A canvas item was malformed.',
  'refusal.text.tooLong':
    'This text is past its limit: 5,000 characters for a note (or another canvas item), 2,000 for a charter item or a plan question, 20,000 for a plan section or a decision text, and for a title what its field allows. The rest was not kept.',
  'refusal.kind.private':
    'This kind of item does not go in your private space: it goes on the shared canvas when the step allows it.',
  'refusal.participant.other':
    'Only that person can change their name, group, sector or choice about the recognition export.',
  'refusal.participant.invalid':
    'A person who joined needs a name and a group; their sector, if they give one, is one from the list.',
  'refusal.flow': 'Only the facilitator moves through the steps and sets the timer.',
  'refusal.results': 'Only the server publishes vote results.',
  'refusal.decisions': 'Only the facilitator records decisions.',
  'refusal.vote.closed': 'No vote is open during this step.',
  'refusal.workshop.ended':
    'The session has ended: you can read the lab, but only the facilitator changes it until the next one.',
  'refusal.vote.invalid':
    'This ballot breaks the rules of the vote (number of dots, a reason to object…).',
  'refusal.invalid': 'This change does not fit the shape of the workshop: it was undone.',
  'refusal.unreadable': 'The server could not check this change.',

  'rights.item.readOnly': 'Read-only for you',
  'rights.item.notYours': 'This item is not yours: you can read it, but not change or delete it.',
  'rights.item.notYours.move':
    'This item is not yours: you can read and move it, but not change or delete it.',
  'rights.connector.notYours':
    'This link is not yours: you can delete it, but not change its label.',
  'rights.decisions': 'Only the facilitator records decisions. You can read and discuss them.',

  'canvas.announce.failed': 'This change could not be made.',
}
