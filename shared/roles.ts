/** Capability roles: each workshop has one secret link (token) per role. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof ROLES)[number]

/** Roles whose document updates the server applies; observers are read-only. */
export const canWrite = (role: Role): boolean => role !== 'observer'
