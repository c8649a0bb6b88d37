/**
 * Messages of the flow feature, in both languages. `flowEn` must have exactly the keys of
 * `flowFr` (typecheck fails otherwise); both are merged into the core catalogues.
 */
export const flowFr = {
  'flow.title': 'Déroulement',

  // ── Phase banner (everyone) ────────────────────────────────────────────────────────────
  'flow.banner.label': 'Étape en cours',
  'flow.cue.step': 'Nouvelle étape — {{ n }} sur {{ total }}\u00a0: {{ title }}',
  'flow.cue.ended': 'La séance est terminée.',
  'flow.cue.ready': 'La séance revient au début.',
  'flow.cue.go': 'Aller à l’étape',
  'flow.banner.step': 'Étape {{ n }} sur {{ total }}',
  'flow.banner.heading': 'Étape {{ n }} sur {{ total }} — {{ title }}',
  'flow.banner.ready.title': 'La séance n’a pas commencé',
  'flow.banner.ready.body.one':
    'L’animateur·rice va bientôt lancer la première étape. La séance compte {{ count }} étape.',
  'flow.banner.ready.body.other':
    'L’animateur·rice va bientôt lancer la première étape. La séance compte {{ count }} étapes.',
  'flow.banner.ended.title': 'La séance est terminée',
  'flow.banner.ended.body':
    'Merci de votre participation\u202f! Tout ce qui a été produit est gardé dans le laboratoire.',
  'flow.banner.focusCanvas': 'On travaille sur le canevas «\u00a0{{ title }}\u00a0».',
  'flow.banner.focusDocument': 'On travaille sur un document.',
  'flow.banner.focusCharter': 'On travaille sur une charte des rôles.',
  'flow.banner.focusPlan': 'On travaille sur le plan.',
  'flow.banner.spotlight':
    'L’animateur·rice attire votre attention sur\u00a0: «\u00a0{{ text }}\u00a0»',
  'flow.banner.spotlightEmpty':
    'L’animateur·rice attire votre attention sur un élément du canevas.',

  'flow.rules.label': 'Ce qu’on fait pendant cette étape',
  'flow.rules.voteNoWrite': 'Pendant cette étape, on vote\u00a0: l’écriture est fermée.',
  'flow.rules.noWrite': 'Pendant cette étape, on écoute et on lit\u00a0: l’écriture est fermée.',
  'flow.rules.private':
    'Écriture privée\u00a0: vos notes ne sont visibles que par vous jusqu’au dévoilement.',
  'flow.rules.noMove':
    'Les notes restent à leur place pendant cette étape\u00a0: on ne les déplace pas.',
  'flow.rules.dots':
    'Vote par points\u00a0: vous avez {{ budget }} points, au plus {{ cap }} par idée.',
  'flow.rules.gradient':
    'Dites votre degré d’accord avec la proposition\u00a0: «\u00a0{{ proposal }}\u00a0»',
  'flow.rules.consent':
    'Ronde de consentement sur la proposition\u00a0: «\u00a0{{ proposal }}\u00a0». Une objection demande une raison.',
  'flow.rules.hidden':
    'Les résultats seront montrés quand l’animateur·rice fermera le vote. Personne ne voit qui a voté quoi.',
  'flow.rules.live': 'Les résultats s’affichent en direct. Personne ne voit qui a voté quoi.',

  // ── Timer ──────────────────────────────────────────────────────────────────────────────
  'flow.timer.label': 'Temps restant',
  'flow.timer.remaining': 'Il reste {{ minutes }} min {{ seconds }} s',
  'flow.timer.paused': 'En pause',
  'flow.timer.pausedText': 'Minuterie en pause\u00a0: il reste {{ minutes }} min {{ seconds }} s',
  'flow.timer.over': 'Temps écoulé',
  'flow.timer.oneMinute': 'Il reste une minute',

  // ── What a page says while the facilitator's, the results' or the balance's chunk loads
  // (their other messages are facilitation.ts's and results.ts's) ─────────────────────────
  'flow.controls.loading': 'Chargement des commandes d’animation…',
  // voters and unknownItem: the decision log's export says them too.
  'flow.results.voters.one': '{{ count }} personne a voté',
  'flow.results.voters.other': '{{ count }} personnes ont voté',
  'flow.results.past': 'Résultats des étapes précédentes',
  'flow.results.unknownItem': 'Élément supprimé',
  'flow.results.loading': 'Chargement des résultats…',

  'flow.consent.consent': 'Consentement',
  'flow.consent.concern': 'Réserve',
  'flow.consent.objection': 'Objection',

  'flow.balance.loading': 'Chargement de la participation…',
} as const satisfies Record<string, string>

export const flowEn: { readonly [K in keyof typeof flowFr]: string } = {
  'flow.title': 'Flow',

  'flow.banner.label': 'Current step',
  'flow.cue.step': 'New step — {{ n }} of {{ total }}: {{ title }}',
  'flow.cue.ended': 'The session has ended.',
  'flow.cue.ready': 'The session is back at the start.',
  'flow.cue.go': 'Go to the step',
  'flow.banner.step': 'Step {{ n }} of {{ total }}',
  'flow.banner.heading': 'Step {{ n }} of {{ total }} — {{ title }}',
  'flow.banner.ready.title': 'The session has not started',
  'flow.banner.ready.body.one':
    'The facilitator will start the first step soon. The session has {{ count }} step.',
  'flow.banner.ready.body.other':
    'The facilitator will start the first step soon. The session has {{ count }} steps.',
  'flow.banner.ended.title': 'The session is over',
  'flow.banner.ended.body':
    'Thank you for taking part! Everything the group made is kept in the lab.',
  'flow.banner.focusCanvas': 'We are working on the canvas “{{ title }}”.',
  'flow.banner.focusDocument': 'We are working on a document.',
  'flow.banner.focusCharter': 'We are working on a role charter.',
  'flow.banner.focusPlan': 'We are working on the plan.',
  'flow.banner.spotlight': 'The facilitator draws your attention to: “{{ text }}”',
  'flow.banner.spotlightEmpty': 'The facilitator draws your attention to an item on the canvas.',

  'flow.rules.label': 'What we do during this step',
  'flow.rules.voteNoWrite': 'During this step, we vote: writing is closed.',
  'flow.rules.noWrite': 'During this step, we listen and read: writing is closed.',
  'flow.rules.private': 'Private writing: only you can see your notes until they are revealed.',
  'flow.rules.noMove': 'Notes stay where they are during this step: we do not move them.',
  'flow.rules.dots': 'Dot voting: you have {{ budget }} dots, at most {{ cap }} per idea.',
  'flow.rules.gradient': 'Say how much you agree with the proposal: “{{ proposal }}”',
  'flow.rules.consent':
    'Consent round on the proposal: “{{ proposal }}”. An objection needs a reason.',
  'flow.rules.hidden':
    'Results are shown when the facilitator closes the vote. Nobody sees who voted what.',
  'flow.rules.live': 'Results are shown live. Nobody sees who voted what.',

  'flow.timer.label': 'Time left',
  'flow.timer.remaining': '{{ minutes }} min {{ seconds }} s left',
  'flow.timer.paused': 'Paused',
  'flow.timer.pausedText': 'Timer paused: {{ minutes }} min {{ seconds }} s left',
  'flow.timer.over': 'Time is up',
  'flow.timer.oneMinute': 'One minute left',

  'flow.controls.loading': 'Loading the facilitation controls…',

  'flow.results.voters.one': '{{ count }} person voted',
  'flow.results.voters.other': '{{ count }} people voted',
  'flow.results.past': 'Results of earlier steps',
  'flow.results.unknownItem': 'Deleted item',
  'flow.results.loading': 'Loading the results…',

  'flow.consent.consent': 'Consent',
  'flow.consent.concern': 'Concern',
  'flow.consent.objection': 'Objection',

  'flow.balance.loading': 'Loading participation…',
}
