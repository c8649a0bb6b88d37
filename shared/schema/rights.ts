import type { z } from 'zod'
import { isConnector } from '../canvas/kinds/registry.ts'
import type { Role } from '../roles.ts'
import type { phasePermissions } from '../template.ts'
import type { FlowStatus } from './flow.ts'

/**
 * Who may change what: the one set of rules the server's write policy (policy.ts) enforces and
 * the client's screens follow to enable their controls, so the two never disagree.
 */

export type PhasePermissions = z.infer<typeof phasePermissions>

/** Who writes: the role of the link, and the participant the connection proved to be. */
export interface Writer {
  role: Role
  participantId: string | null
}

/** Canvases (create, delete, rename, order, lock), the flow and decisions. */
export const managesWorkshop = (writer: Pick<Writer, 'role'>): boolean =>
  writer.role === 'facilitator'

/**
 * What the running phase (`allow`, null when none runs) lets `writer` do on the shared
 * canvases: write (add and edit items) and move them. During private writing, notes go to each
 * person's private document instead.
 */
export const sharedCanvasRights = (
  writer: Pick<Writer, 'role'>,
  allow: PhasePermissions | null,
): { write: boolean; move: boolean } => {
  if (writer.role === 'observer') return { write: false, move: false }
  if (!allow || managesWorkshop(writer)) return { write: true, move: true }
  return { write: allow.write && allow.seeOthers, move: allow.move }
}

/**
 * What the running phase (`allow`, null when none runs) lets `writer` do to the workshop's
 * artefacts (documents, role charters, the open plan): edit what they hold while the phase lets
 * people write; say where they stand on a charter item then or while it lets people vote;
 * create, rename, order and delete documents and charters, as canvases, is the facilitator's.
 */
export interface ArtefactRights {
  edit: boolean
  position: boolean
  manage: boolean
}

export const artefactRights = (
  writer: Pick<Writer, 'role'>,
  allow: PhasePermissions | null,
): ArtefactRights => {
  if (writer.role === 'observer') return { edit: false, position: false, manage: false }
  if (managesWorkshop(writer)) return { edit: true, position: true, manage: true }
  const edit = !allow || allow.write
  return { edit, position: edit || allow.vote, manage: false }
}

/**
 * Whether the workshop is closed to `writer`'s changes: once the facilitator ends it, only the
 * facilitator changes it (a person's own record stays theirs). A simple rule on the flow's
 * status, so that a next session can reopen it.
 */
export const endedFor = (writer: Pick<Writer, 'role'>, status: FlowStatus): boolean =>
  status === 'ended' && !managesWorkshop(writer)

/**
 * Whether `writer` may write the participant record (or a charter position) of
 * `participantId`: that person's own, whatever their role. The facilitator does not write
 * them either: a record names the person's group, sector and recognition opt-out (the totals
 * by group and the attendance export read them), and a position is that person's say.
 */
export const mayWriteParticipant = (writer: Writer, participantId: string): boolean =>
  writer.participantId !== null && participantId === writer.participantId

/** Whether `writer` may edit the content of (or delete) an item made by `createdBy`. */
export const ownsItem = (writer: Writer, createdBy: unknown): boolean =>
  managesWorkshop(writer) || (writer.participantId !== null && createdBy === writer.participantId)

/** Whether `writer` may delete this item: its own, or a connector (it goes with either end). */
export const mayDeleteItem = (writer: Writer, item: { kind: unknown; createdBy: unknown }) =>
  isConnector(item) || ownsItem(writer, item.createdBy)

/**
 * Why the server refused a change: sent to the sender (who shows `refusal.<code>` from the
 * i18n catalogue) and logged with the English text and its detail.
 */
export const REFUSALS = {
  'phase.write': 'this step does not allow writing on the canvas',
  'phase.move': 'this step does not allow moving items',
  'phase.private': 'during private writing, notes go to your private space',
  'canvas.manage': 'only the facilitator creates, renames, orders, locks or deletes canvases',
  'canvas.locked': 'this canvas is locked',
  'phase.artefacts': 'this step does not allow editing documents, charters or the plan',
  'artefact.manage':
    'only the facilitator creates, renames, orders or deletes documents and charters',
  'charter.status': 'only the facilitator sets the status the group decided for a charter item',
  'charter.delete': "only the facilitator deletes a charter's items other than your own",
  'item.notYours': 'you can only change or delete your own items',
  'item.author': 'an item is credited to whoever writes it, and that never changes',
  'item.invalid': 'a canvas item is a map of its fields',
  'text.tooLong':
    'a text past its limit: 5,000 characters for a canvas item (ITEM_TEXT_MAX), 2,000 for a charter item or a plan question, 20,000 for a plan section or a decision text (PLAN_LIMITS, DECISION_LIMITS)',
  'kind.private': 'this kind of item is not written in a private space',
  'participant.other':
    "only that person changes a participant's name, group, sector or recognition opt-out",
  'participant.invalid':
    'a participant record needs a name and a group; a sector, if given, is one of the list, and the recognition opt-out is true or false',
  flow: 'only the facilitator changes the flow',
  results: 'only the server publishes vote results',
  decisions: 'only the facilitator records decisions',
  'vote.closed': 'there is no open vote for this step',
  'workshop.ended': 'the workshop has ended: only the facilitator changes it now',
  'vote.invalid': 'this ballot breaks the rules of the vote',
  invalid: 'a change that does not fit the shape of the workshop',
  unreadable: 'a change the server could not check',
} as const

export type RefusalCode = keyof typeof REFUSALS

export interface Refusal {
  code: RefusalCode
  /** What exactly, for the log (a canvas id, the ballot's problem). */
  detail?: string
}

export const refusal = (code: RefusalCode, detail?: string): Refusal =>
  detail === undefined ? { code } : { code, detail }

export const isRefusalCode = (value: string): value is RefusalCode => Object.hasOwn(REFUSALS, value)
