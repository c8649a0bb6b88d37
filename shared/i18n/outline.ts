/**
 * Messages of the outline feature, in both languages. `outlineEn` must have exactly the keys of
 * `outlineFr` (typecheck fails otherwise); both are merged into the main catalogues.
 */
export const outlineFr = {
  'outline.title': 'Plan du canevas',
} as const satisfies Record<string, string>

export const outlineEn: { readonly [K in keyof typeof outlineFr]: string } = {
  'outline.title': 'Canvas outline',
}
