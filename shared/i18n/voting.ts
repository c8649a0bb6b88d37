/**
 * Messages of the voting feature, in both languages. `votingEn` must have exactly the keys of
 * `votingFr` (typecheck fails otherwise); both are merged into the main catalogues.
 */
export const votingFr = {
  'voting.title': 'Vote',
} as const satisfies Record<string, string>

export const votingEn: { readonly [K in keyof typeof votingFr]: string } = {
  'voting.title': 'Vote',
}
