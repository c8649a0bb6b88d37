/**
 * Messages of the voting feature, in both languages. `votingEn` must have exactly the keys of
 * `votingFr` (typecheck fails otherwise); both are merged into the main catalogues.
 *
 * Also: the identity registered at join (`identity.*`) and private writing (`private.*`).
 */
/**
 * The key of a gradient's point label ("Approbation totale"): the ballot, the results, the
 * decision card and the exports all name a point with it, so they never disagree.
 */
export const scalePointKey = (scale: 'five' | 'kaner', point: number) =>
  `voting.scale.${scale}.${point}` as keyof typeof votingFr

export const votingFr = {
  'voting.title': 'Vote',

  // Identity registered with the server at join
  'identity.registering': 'Inscription à l’atelier…',
  'identity.error': 'L’inscription n’a pas fonctionné\u00a0: {{ error }}. Réessayez.',
  'identity.error.network': 'le serveur ne répond pas',
  'identity.wait.address':
    'Trop de personnes viennent de rejoindre l’atelier depuis ce réseau. Nouvel essai dans {{ seconds }}\u00a0s\u202f; ce que vous avez écrit est gardé.',
  'identity.wait.workshop':
    'Trop de personnes rejoignent cet atelier en même temps. Nouvel essai dans {{ seconds }}\u00a0s\u202f; ce que vous avez écrit est gardé.',
  'identity.full':
    'Cet atelier a déjà le nombre maximal de personnes inscrites. Prévenez l’animateur·rice.',
  'identity.legacy':
    'Fabrique a changé depuis votre dernière visite\u00a0: confirmez votre nom et votre groupe pour continuer.',
  'identity.missing':
    'Pour écrire en privé et voter, rejoignez l’atelier de nouveau depuis ce lien.',
  'identity.rejoin': 'Rejoindre de nouveau',
  'identity.forgotten.title': 'Votre nom a été retiré de cet atelier',
  'identity.forgotten.body':
    'Vos notes privées et vos votes ont été effacés. Ce que vous avez écrit avec le groupe reste, sans votre nom. Pour participer encore, rejoignez l’atelier comme une nouvelle personne.',
  'identity.forget.open': 'Retirer mon nom de cet atelier',
  'identity.forget.title': 'Retirer votre nom de cet atelier\u202f?',
  'identity.forget.name':
    'Votre nom «\u00a0{{ name }}\u00a0» quitte cet atelier, ses versions enregistrées et ses exportations.',
  'identity.forget.private': 'Vos notes privées et vos votes sont effacés.',
  'identity.forget.shared':
    'Ce que vous avez écrit sur les canevas partagés reste, sans votre nom.',
  'identity.forget.devices':
    'Le serveur ne peut pas effacer les copies gardées hors ligne sur les appareils des autres personnes, ni les fichiers déjà téléchargés.',
  'identity.forget.final':
    'Vous ne pourrez pas annuler. Vous pourrez revenir dans l’atelier, comme une nouvelle personne.',
  'identity.forget.confirm': 'Oui, retirer mon nom',
  'identity.forget.busy': 'Retrait en cours…',
  'identity.forget.cancel': 'Annuler',
  'identity.forget.error':
    'Votre nom n’a pas été retiré\u00a0: {{ error }}. Vous êtes toujours dans cet atelier\u00a0: réessayez.',
  'identity.forgetOther.open': 'Retirer',
  'identity.forgetOther.openLabel': 'Retirer le nom de {{ name }}',
  'identity.forgetOther.title': 'Retirer le nom de {{ name }}\u202f?',
  'identity.forgetOther.name':
    'Le nom «\u00a0{{ name }}\u00a0» quitte cet atelier, ses versions enregistrées et ses exportations. Sa page le lui dit.',
  'identity.forgetOther.private': 'Ses notes privées et ses votes sont effacés.',
  'identity.forgetOther.shared':
    'Ce que cette personne a écrit sur les canevas partagés reste, sans son nom.',
  'identity.forgetOther.final':
    'Vous ne pourrez pas annuler. La personne pourra revenir dans l’atelier, comme une nouvelle personne.',
  'identity.forgetOther.confirm': 'Oui, retirer ce nom',
  'identity.forgetOther.error':
    'Le nom de {{ name }} n’a pas été retiré\u00a0: {{ error }}. Réessayez.',

  // Private writing
  'private.banner.title': 'Écriture individuelle',
  'private.banner.body':
    'Vos nouvelles notes sont privées\u00a0: personne d’autre ne les lit, pas même l’animateur·rice, qui voit seulement combien vous en avez écrit. Elles seront partagées avec tout le groupe au moment du dévoilement.',
  'private.banner.count.one': 'Vous avez {{ count }} note privée sur ce canevas.',
  'private.banner.count.other': 'Vous avez {{ count }} notes privées sur ce canevas.',
  'private.badge': 'Privé — visible par vous seul·e',
  'private.badgeShort': 'Privé',
  'private.itemLabel': '{{ label }}. Privé — visible par vous seul·e',
  'private.connecting': 'Connexion à votre espace privé…',
  'private.unavailable':
    'Votre espace privé n’est pas disponible\u00a0: vous ne pouvez pas écrire pendant cette étape.',
  'private.status.saving': 'Vos notes privées\u00a0: enregistrement…',
  'private.status.saved': 'Vos notes privées\u00a0: enregistrées',
  'private.status.offline': 'Vos notes privées\u00a0: hors ligne — elles sont gardées',
  'private.status.connecting': 'Vos notes privées\u00a0: connexion…',
  'private.status.error': 'Vos notes privées\u00a0: erreur de connexion',
  'private.sharedLocked':
    'Pendant l’écriture individuelle, les notes déjà sur le canevas ne peuvent pas être modifiées.',
  'private.onlyNotes': 'Pendant l’écriture individuelle, on ajoute des notes et du texte.',

  // Phase permissions on the canvas
  'voting.phase.noWrite': 'Pendant cette étape, on ne modifie pas le canevas.',
  'voting.phase.noMove': 'Pendant cette étape, on ne déplace pas les notes.',

  // Dot voting on the board
  'voting.dots.title': 'Vote par points',
  'voting.dots.remaining': 'Il vous reste {{ remaining }} point{{ plural }} sur {{ budget }}',
  'voting.dots.rules':
    'Placez vos points sur les idées qui comptent le plus pour vous\u00a0: au plus {{ cap }} par idée. Vos points restent secrets jusqu’aux résultats.',
  'voting.dots.keys': 'Au clavier\u00a0: sur une idée, + ajoute un point et − en retire un.',
  'voting.dots.hint':
    'Vote par points. Tab passe d’une idée à l’autre\u202f; sur une idée, + ajoute un point et − en retire un. Sur le fond du canevas, + et − zooment.',
  'voting.dots.add': 'Ajouter un point à «\u00a0{{ item }}\u00a0»',
  'voting.dots.remove': 'Retirer un point de «\u00a0{{ item }}\u00a0»',
  'voting.dots.mine': 'Vos points\u00a0: {{ count }}',
  'voting.dots.mineShort': '{{ count }}',
  'voting.dots.total': 'Total\u00a0: {{ count }}',
  'voting.dots.totalLabel': 'Total du groupe\u00a0: {{ count }} point{{ plural }}',
  'voting.dots.cap': 'Maximum {{ cap }} point{{ plural }} par idée.',
  'voting.dots.budget':
    'Vous avez utilisé vos {{ budget }} points. Retirez-en un d’une autre idée pour le placer ici.',
  'voting.dots.none': 'Vous n’avez pas de point sur cette idée.',
  'voting.dots.added': 'Point ajouté à «\u00a0{{ item }}\u00a0» ({{ count }}). {{ remaining }}.',
  'voting.dots.removed': 'Point retiré de «\u00a0{{ item }}\u00a0» ({{ count }}). {{ remaining }}.',
  'voting.dots.notHere': 'Le vote se fait sur le canevas «\u00a0{{ title }}\u00a0».',
  'voting.dots.notAnIdea':
    'Ceci n’est pas une idée à voter\u00a0: passez à une idée (Tab) pour y mettre un point.',
  'voting.dots.waiting': 'Connexion à votre bulletin…',
  'voting.dots.item': 'cette idée',
  'voting.dots.closed':
    'Le vote est fermé\u00a0: ses résultats sont dans la carte de l’étape, sous les consignes.',

  // Ballots (gradient and consent)
  'voting.closed': 'Le vote est fermé.',
  'voting.saved': 'Vote enregistré',
  'voting.saving': 'Enregistrement du vote…',
  'voting.notSaved': 'Pas encore de vote.',
  'voting.change': 'Vous pouvez changer votre vote jusqu’à la fermeture du vote.',
  'voting.proposal': 'Proposition',
  'voting.submit': 'Enregistrer mon vote',
  'voting.yourVote': 'Votre vote\u00a0: {{ value }}',
  'voting.noVote': 'Vous n’avez pas voté.',
  'voting.secret':
    'Votre vote est secret\u00a0: seuls les totaux par groupe seront montrés, sans les noms.',
  'voting.waiting': 'Connexion à votre bulletin…',
  'voting.unavailable': 'Votre bulletin n’est pas disponible pour le moment.',

  'voting.gradient.title': 'Votre vote\u00a0: degré d’accord',
  'voting.gradient.legend': 'À quel point êtes-vous d’accord avec la proposition\u202f?',
  'voting.gradient.point': '{{ n }}. {{ label }}',
  'voting.scale.kaner.1': 'Approbation totale',
  'voting.scale.kaner.2': 'Accord avec réserves mineures',
  'voting.scale.kaner.3': 'Soutien avec réserves',
  'voting.scale.kaner.4': 'Abstention / je peux vivre avec',
  'voting.scale.kaner.5': 'Plus de discussion nécessaire',
  'voting.scale.kaner.6': 'Désaccord mais je suivrai',
  'voting.scale.kaner.7': 'Je ne soutiens pas',
  'voting.scale.kaner.8': 'Opposition / veto',
  'voting.scale.five.1': 'Pas du tout d’accord',
  'voting.scale.five.2': 'Plutôt en désaccord',
  'voting.scale.five.3': 'Ni en accord ni en désaccord',
  'voting.scale.five.4': 'Plutôt d’accord',
  'voting.scale.five.5': 'Tout à fait d’accord',
  'voting.gradient.required': 'Choisissez un degré d’accord.',

  'voting.consent.title': 'Votre vote\u00a0: ronde de consentement',
  'voting.consent.legend': 'Votre réponse à la proposition',
  'voting.consent.consent': 'Je consens',
  'voting.consent.concern': 'J’ai une préoccupation',
  'voting.consent.objection': 'J’objecte',
  'voting.consent.consent.hint': 'Je peux vivre avec cette proposition.',
  'voting.consent.concern.hint': 'Je consens, mais je veux qu’on entende une inquiétude.',
  'voting.consent.objection.hint':
    'Cette proposition causerait du tort ou nous éloignerait de notre but.',
  'voting.consent.required': 'Choisissez une réponse.',
  'voting.reason.label': 'Votre raison',
  'voting.reason.labelOptional': 'Votre préoccupation (facultatif)',
  'voting.reason.hint.objection':
    'Une objection demande une raison\u00a0: qu’est-ce qui causerait du tort, et à qui\u202f?',
  'voting.reason.hint.concern': 'Dites ce qui vous inquiète, si vous le souhaitez.',
  'voting.reason.required': 'Écrivez la raison de votre objection.',
  'voting.reason.tooLong': 'La raison doit avoir au plus {{ max }} caractères.',
  'voting.reason.yours': 'Votre raison\u00a0: {{ reason }}',
} as const satisfies Record<string, string>

export const votingEn: { readonly [K in keyof typeof votingFr]: string } = {
  'voting.title': 'Vote',

  'identity.registering': 'Joining the workshop…',
  'identity.error': 'Joining did not work: {{ error }}. Try again.',
  'identity.error.network': 'the server does not answer',
  'identity.wait.address':
    'Too many people just joined from this network. Trying again in {{ seconds }} s; what you wrote is kept.',
  'identity.wait.workshop':
    'Too many people are joining this workshop at once. Trying again in {{ seconds }} s; what you wrote is kept.',
  'identity.full': 'This workshop already has as many people as it can hold. Tell the facilitator.',
  'identity.legacy':
    'Fabrique has changed since your last visit: confirm your name and group to continue.',
  'identity.missing': 'To write privately and vote, join the workshop again from this link.',
  'identity.rejoin': 'Join again',
  'identity.forgotten.title': 'Your name was removed from this workshop',
  'identity.forgotten.body':
    'Your private notes and votes were deleted. What you wrote with the group stays, without your name. To take part again, join the workshop as a new person.',
  'identity.forget.open': 'Remove my name from this workshop',
  'identity.forget.title': 'Remove your name from this workshop?',
  'identity.forget.name':
    'Your name “{{ name }}” leaves this workshop, its saved versions and its exports.',
  'identity.forget.private': 'Your private notes and your votes are deleted.',
  'identity.forget.shared': 'What you wrote on the shared canvases stays, without your name.',
  'identity.forget.devices':
    'The server cannot erase the copies kept offline on other people’s devices, nor files already downloaded.',
  'identity.forget.final':
    'This cannot be undone. You may come back to the workshop, as a new person.',
  'identity.forget.confirm': 'Yes, remove my name',
  'identity.forget.busy': 'Removing…',
  'identity.forget.cancel': 'Cancel',
  'identity.forget.error':
    'Your name was not removed: {{ error }}. You are still in this workshop: try again.',
  'identity.forgetOther.open': 'Remove',
  'identity.forgetOther.openLabel': 'Remove the name of {{ name }}',
  'identity.forgetOther.title': 'Remove the name of {{ name }}?',
  'identity.forgetOther.name':
    'The name “{{ name }}” leaves this workshop, its saved versions and its exports. Their page tells them.',
  'identity.forgetOther.private': 'Their private notes and votes are deleted.',
  'identity.forgetOther.shared':
    'What this person wrote on the shared canvases stays, without their name.',
  'identity.forgetOther.final':
    'This cannot be undone. The person may come back to the workshop, as a new person.',
  'identity.forgetOther.confirm': 'Yes, remove this name',
  'identity.forgetOther.error': 'The name of {{ name }} was not removed: {{ error }}. Try again.',

  'private.banner.title': 'Individual writing',
  'private.banner.body':
    'Your new notes are private: nobody else reads them, not even the facilitator, who only sees how many you have written. They will be shared with the whole group at the reveal.',
  'private.banner.count.one': 'You have {{ count }} private note on this canvas.',
  'private.banner.count.other': 'You have {{ count }} private notes on this canvas.',
  'private.badge': 'Private — only you can see it',
  'private.badgeShort': 'Private',
  'private.itemLabel': '{{ label }}. Private — only you can see it',
  'private.connecting': 'Connecting to your private space…',
  'private.unavailable': 'Your private space is not available: you cannot write during this step.',
  'private.status.saving': 'Your private notes: saving…',
  'private.status.saved': 'Your private notes: saved',
  'private.status.offline': 'Your private notes: offline — they are kept',
  'private.status.connecting': 'Your private notes: connecting…',
  'private.status.error': 'Your private notes: connection error',
  'private.sharedLocked':
    'During individual writing, the notes already on the canvas cannot be changed.',
  'private.onlyNotes': 'During individual writing, you add notes and text.',

  'voting.phase.noWrite': 'During this step, the canvas is not changed.',
  'voting.phase.noMove': 'During this step, notes are not moved.',

  'voting.dots.title': 'Dot voting',
  'voting.dots.remaining': 'You have {{ remaining }} dot{{ plural }} left out of {{ budget }}',
  'voting.dots.rules':
    'Put your dots on the ideas that matter most to you: at most {{ cap }} per idea. Your dots stay secret until the results.',
  'voting.dots.keys': 'With the keyboard: on an idea, + adds a dot and − removes one.',
  'voting.dots.hint':
    'Dot voting. Tab moves from one idea to the next; on an idea, + adds a dot and − removes one. On the canvas background, + and − zoom.',
  'voting.dots.add': 'Add a dot to “{{ item }}”',
  'voting.dots.remove': 'Remove a dot from “{{ item }}”',
  'voting.dots.mine': 'Your dots: {{ count }}',
  'voting.dots.mineShort': '{{ count }}',
  'voting.dots.total': 'Total: {{ count }}',
  'voting.dots.totalLabel': 'Group total: {{ count }} dot{{ plural }}',
  'voting.dots.cap': 'At most {{ cap }} dot{{ plural }} per idea.',
  'voting.dots.budget':
    'You have used your {{ budget }} dots. Remove one from another idea to put it here.',
  'voting.dots.none': 'You have no dot on this idea.',
  'voting.dots.added': 'Dot added to “{{ item }}” ({{ count }}). {{ remaining }}.',
  'voting.dots.removed': 'Dot removed from “{{ item }}” ({{ count }}). {{ remaining }}.',
  'voting.dots.notHere': 'The vote takes place on the canvas “{{ title }}”.',
  'voting.dots.notAnIdea':
    'This is not an idea to vote on: move to an idea (Tab) to give it a dot.',
  'voting.dots.waiting': 'Connecting to your ballot…',
  'voting.dots.item': 'this idea',
  'voting.dots.closed':
    'The vote is closed: its results are in the step card, under the instructions.',

  'voting.closed': 'The vote is closed.',
  'voting.saved': 'Vote saved',
  'voting.saving': 'Saving your vote…',
  'voting.notSaved': 'No vote yet.',
  'voting.change': 'You can change your vote until the vote closes.',
  'voting.proposal': 'Proposal',
  'voting.submit': 'Save my vote',
  'voting.yourVote': 'Your vote: {{ value }}',
  'voting.noVote': 'You did not vote.',
  'voting.secret': 'Your vote is secret: only totals by group will be shown, without names.',
  'voting.waiting': 'Connecting to your ballot…',
  'voting.unavailable': 'Your ballot is not available right now.',

  'voting.gradient.title': 'Your vote: degree of agreement',
  'voting.gradient.legend': 'How much do you agree with the proposal?',
  'voting.gradient.point': '{{ n }}. {{ label }}',
  'voting.scale.kaner.1': 'Whole‑hearted endorsement', // a non-breaking hyphen: one word on the ballot
  'voting.scale.kaner.2': 'Agreement with minor reservations',
  'voting.scale.kaner.3': 'Support with reservations',
  'voting.scale.kaner.4': 'Abstain / I can live with it',
  'voting.scale.kaner.5': 'More discussion needed',
  'voting.scale.kaner.6': 'Don’t like it but will support it',
  'voting.scale.kaner.7': 'I do not support it',
  'voting.scale.kaner.8': 'Opposition / veto',
  'voting.scale.five.1': 'Strongly disagree',
  'voting.scale.five.2': 'Somewhat disagree',
  'voting.scale.five.3': 'Neither agree nor disagree',
  'voting.scale.five.4': 'Somewhat agree',
  'voting.scale.five.5': 'Strongly agree',
  'voting.gradient.required': 'Choose a degree of agreement.',

  'voting.consent.title': 'Your vote: consent round',
  'voting.consent.legend': 'Your answer to the proposal',
  'voting.consent.consent': 'I consent',
  'voting.consent.concern': 'I have a concern',
  'voting.consent.objection': 'I object',
  'voting.consent.consent.hint': 'I can live with this proposal.',
  'voting.consent.concern.hint': 'I consent, but I want a worry to be heard.',
  'voting.consent.objection.hint': 'This proposal would cause harm or take us away from our aim.',
  'voting.consent.required': 'Choose an answer.',
  'voting.reason.label': 'Your reason',
  'voting.reason.labelOptional': 'Your concern (optional)',
  'voting.reason.hint.objection':
    'An objection needs a reason: what would cause harm, and to whom?',
  'voting.reason.hint.concern': 'Say what worries you, if you wish.',
  'voting.reason.required': 'Write the reason for your objection.',
  'voting.reason.tooLong': 'The reason must be at most {{ max }} characters.',
  'voting.reason.yours': 'Your reason: {{ reason }}',
}
