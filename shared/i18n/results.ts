/**
 * Messages of the vote's results (client/features/flow/VoteResults.tsx), on a board or the projector, in both languages. They come with the lazily loaded components that
 * show them (client/features/flow/messages.ts), not with the first page's core catalogues, so
 * that a phone's first screen does not download them; `CATALOGUES` has them too. `resultsEn`
 * must have exactly the keys of `resultsFr` (typecheck fails otherwise).
 */
export const resultsFr = {
  'flow.results.title': 'Résultats du vote — {{ phase }}',
  'flow.results.live': 'En direct',
  'flow.results.closed': 'Vote fermé',
  'flow.results.none': 'Aucun vote pour l’instant.',
  'flow.results.noneClosed': 'Personne n’a voté.',
  'flow.results.table': 'Voir les chiffres sous forme de tableau',
  'flow.results.tableCaption': 'Résultats par groupe de partenaires',
  'flow.results.item': 'Idée',
  'flow.results.choice': 'Choix',
  'flow.results.total': 'Total',
  'flow.results.points.one': '{{ count }} point',
  'flow.results.points.other': '{{ count }} points',
  'flow.results.people.one': '{{ count }} personne',
  'flow.results.people.other': '{{ count }} personnes',
  'flow.results.byGroup': 'Dont\u00a0: {{ list }}',
  'flow.results.groupCount': '{{ group }} {{ count }}',
  'flow.results.otherGroups': 'Autres groupes',
  'flow.results.otherGroupsCount': 'autres groupes {{ count }}',
  'flow.results.otherGroupsNote':
    'Autres groupes\u00a0: {{ groups }}, comptés ensemble. Un groupe de moins de 3 personnes n’est jamais montré seul, ni par soustraction.',
  'flow.results.noSplit':
    'Pas de répartition par groupe de partenaires\u00a0: elle montrerait un groupe de moins de 3 personnes, seul ou par soustraction.',
  'flow.results.liveSplit':
    'En direct\u00a0: mis à jour à intervalles réguliers, quand au moins 3 votes ont changé. La répartition par groupe vient à la fermeture du vote.',
  'flow.results.rank': '{{ n }}.',
  'flow.results.proposal': 'Proposition\u00a0: «\u00a0{{ proposal }}\u00a0»',
  'flow.results.reasons': 'Raisons données (sans les noms)',
  'flow.results.noReasons': 'Aucune raison n’a été donnée.',
} as const satisfies Record<string, string>

export const resultsEn: { readonly [K in keyof typeof resultsFr]: string } = {
  'flow.results.title': 'Vote results — {{ phase }}',
  'flow.results.live': 'Live',
  'flow.results.closed': 'Vote closed',
  'flow.results.none': 'No votes yet.',
  'flow.results.noneClosed': 'Nobody voted.',
  'flow.results.table': 'See the numbers as a table',
  'flow.results.tableCaption': 'Results by partner group',
  'flow.results.item': 'Idea',
  'flow.results.choice': 'Choice',
  'flow.results.total': 'Total',
  'flow.results.points.one': '{{ count }} dot',
  'flow.results.points.other': '{{ count }} dots',
  'flow.results.people.one': '{{ count }} person',
  'flow.results.people.other': '{{ count }} people',
  'flow.results.byGroup': 'Of which: {{ list }}',
  'flow.results.groupCount': '{{ group }} {{ count }}',
  'flow.results.otherGroups': 'Other groups',
  'flow.results.otherGroupsCount': 'other groups {{ count }}',
  'flow.results.otherGroupsNote':
    'Other groups: {{ groups }}, counted together. A group of fewer than 3 people is never shown on its own, not even by subtraction.',
  'flow.results.noSplit':
    'No breakdown by partner group: it would show a group of fewer than 3 people, on its own or by subtraction.',
  'flow.results.liveSplit':
    'Live: updated at regular intervals, once at least 3 ballots have changed. The breakdown by group comes when the vote closes.',
  'flow.results.rank': '{{ n }}.',
  'flow.results.proposal': 'Proposal: “{{ proposal }}”',
  'flow.results.reasons': 'Reasons given (without names)',
  'flow.results.noReasons': 'No reason was given.',
}
