/**
 * Messages of what is due (client/features/due): the « À faire » list a review step and the
 * lab's home show. `dueEn` must have exactly the keys of `dueFr` (typecheck fails otherwise).
 * Not in the core catalogues: the list adds them when its chunk loads; `CATALOGUES`
 * (catalogues.ts) has them.
 */
export const dueFr = {
  'due.title': 'À faire',
  'due.heading': 'À faire ({{ count }})',
  'due.late.one': '{{ count }} en retard',
  'due.late.other': '{{ count }} en retard',
  'due.today.one': '{{ count }} pour aujourd’hui',
  'due.today.other': '{{ count }} pour aujourd’hui',
  'due.empty':
    'Rien n’arrive à échéance\u00a0: aucune action prévue pour aujourd’hui ou en retard, aucune décision à revoir.',
  'due.list': 'Ce qui arrive à échéance, le plus en retard d’abord',
  'due.kind.action': 'Action du plan',
  'due.kind.decision': 'Décision à revoir',
  'due.owner': 'Responsable\u00a0: {{ owner }}',
  'due.noOwner': 'Personne n’en est encore responsable',
  'due.action.day': 'Prévue pour le {{ date }}',
  'due.decision.day': 'Révision prévue le {{ date }}',
  'due.flag.late': 'En retard',
  'due.flag.today': 'Aujourd’hui',
  'due.status.todo': 'Pas commencée',
  'due.status.doing': 'En cours',
  'due.status.proposed': 'Proposée',
  'due.status.adopted': 'Adoptée',
  'due.status.revisited': 'En révision',
  'due.open.action': 'Ouvrir l’action «\u00a0{{ title }}\u00a0» dans le plan',
  'due.open.decision': 'Ouvrir la décision «\u00a0{{ title }}\u00a0» dans le journal des décisions',
  'due.more.one': 'Et {{ count }} autre à voir dans le plan et le journal des décisions.',
  'due.more.other': 'Et {{ count }} autres à voir dans le plan et le journal des décisions.',
} as const satisfies Record<string, string>

export const dueEn: { readonly [K in keyof typeof dueFr]: string } = {
  'due.title': 'Due',
  'due.heading': 'Due ({{ count }})',
  'due.late.one': '{{ count }} late',
  'due.late.other': '{{ count }} late',
  'due.today.one': '{{ count }} due today',
  'due.today.other': '{{ count }} due today',
  'due.empty': 'Nothing has come due: no action planned for today or late, no decision to review.',
  'due.list': 'What has come due, the latest first',
  'due.kind.action': 'Plan action',
  'due.kind.decision': 'Decision to review',
  'due.owner': 'Owner: {{ owner }}',
  'due.noOwner': 'Nobody owns it yet',
  'due.action.day': 'Due {{ date }}',
  'due.decision.day': 'To review on {{ date }}',
  'due.flag.late': 'Late',
  'due.flag.today': 'Today',
  'due.status.todo': 'Not started',
  'due.status.doing': 'In progress',
  'due.status.proposed': 'Proposed',
  'due.status.adopted': 'Adopted',
  'due.status.revisited': 'Under review',
  'due.open.action': 'Open the action “{{ title }}” in the plan',
  'due.open.decision': 'Open the decision “{{ title }}” in the decision log',
  'due.more.one': 'And {{ count }} more to see in the plan and the decision log.',
  'due.more.other': 'And {{ count }} more to see in the plan and the decision log.',
}
