/**
 * Messages of the flow feature, in both languages. `flowEn` must have exactly the keys of
 * `flowFr` (typecheck fails otherwise); both are merged into the main catalogues.
 */
export const flowFr = {
  'flow.title': 'Déroulement',
} as const satisfies Record<string, string>

export const flowEn: { readonly [K in keyof typeof flowFr]: string } = {
  'flow.title': 'Flow',
}
