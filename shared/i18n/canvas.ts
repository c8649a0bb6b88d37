/**
 * Messages of the canvas feature, in both languages. `canvasEn` must have exactly the keys of
 * `canvasFr` (typecheck fails otherwise); both are merged into the main catalogues.
 */
export const canvasFr = {
  'canvas.title': 'Canevas',
} as const satisfies Record<string, string>

export const canvasEn: { readonly [K in keyof typeof canvasFr]: string } = {
  'canvas.title': 'Canvas',
}
