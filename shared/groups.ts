/**
 * Partner groups of a laboratoire populaire: who a participant speaks for.
 * Colours are from the Okabe–Ito palette (distinguishable with colour-vision deficiencies);
 * the group is always shown as text too, never by colour alone.
 */
export const PARTNER_GROUPS = ['patient', 'citizen', 'clinician', 'other'] as const
export type PartnerGroup = (typeof PARTNER_GROUPS)[number]

export const GROUP_COLOURS: Record<PartnerGroup, string> = {
  patient: '#E69F00',
  citizen: '#009E73',
  clinician: '#0072B2',
  other: '#CC79A7',
}

export const isPartnerGroup = (value: unknown): value is PartnerGroup =>
  typeof value === 'string' && (PARTNER_GROUPS as readonly string[]).includes(value)
