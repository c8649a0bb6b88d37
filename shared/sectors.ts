/**
 * The sector or organisation a person may say they come from, besides their partner group
 * (optional): the organisations a laboratoire populaire brings together on its territory —
 * the health and social services centre (CIUSSS or CISSS), a family-medicine group (GMF),
 * community organisations, the city — and any other. Written as these ids in the document and
 * in `attendance.csv` (README); shown in words (`sector.<id>` in the i18n catalogues).
 */
export const SECTORS = ['ciusss', 'gmf', 'community', 'city', 'other'] as const
export type Sector = (typeof SECTORS)[number]

export const isSector = (value: unknown): value is Sector =>
  typeof value === 'string' && (SECTORS as readonly string[]).includes(value)

/** The sectors and `none` (who gave none), in the order the balance reads them by sector. */
export const SECTORS_OR_NONE = [...SECTORS, 'none'] as const
export type SectorOrNone = (typeof SECTORS_OR_NONE)[number]
