import { type Accessor, createContext, createEffect, on, useContext } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { ParticipantCredentials } from '../../../shared/api.ts'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import type { DueTarget } from '../../../shared/schema/due.ts'

/** Origin of this client's transactions (the same as the workspace's CLIENT_ORIGIN). */
export const ARTEFACT_ORIGIN = 'fabrique:client'

export interface ArtefactIdentity {
  participantId: string
  name: string
  group: PartnerGroup
}

/** What every artefact panel needs: the document, who is using it, and what they may do. */
export interface ArtefactsContextValue {
  doc: Y.Doc
  /** Null for a stored version opened read-only (no carets, no presence). */
  awareness: Awareness | null
  workshopId: string
  token: string
  role: Role
  identity: ArtefactIdentity
  /**
   * The identity the server issued at join, which proves to it who names a version; null for
   * observers and for an identity kept without a secret.
   */
  participant: ParticipantCredentials | null
  /**
   * May this person change what the artefacts hold now (not an observer, document loaded, a
   * phase that lets people write)? See `artefactRights` in shared/schema/rights.ts.
   */
  writable: Accessor<boolean>
  /** The workshop has ended and this person is not its facilitator: nothing is theirs to change. */
  ended: Accessor<boolean>
  /** May this person say where they stand on a charter item now (a vote step too)? */
  positions: Accessor<boolean>
  /** May this person create, rename, order and delete documents and charters (the facilitator)? */
  manages: Accessor<boolean>
  /** The document or charter the running step is about: its tab shows it first. */
  preferred?: Accessor<string | null>
  /**
   * The action or decision opened from what is due (a new object each time): the Plan tab or
   * the decision log brings it into view and gives it the focus.
   */
  revealed?: Accessor<DueTarget | null>
  /** True when showing a stored version: rich text is shown as plain text, nothing is editable. */
  snapshot: boolean
  /** Says something to screen-reader users (a polite live region). */
  announce: (message: string) => void
  /** Reports a change that failed (shown and announced). */
  fail: (error: unknown) => void
}

const ArtefactsContext = createContext<ArtefactsContextValue>()
export const ArtefactsProvider = ArtefactsContext.Provider

export const useArtefacts = (): ArtefactsContextValue => {
  const value = useContext(ArtefactsContext)
  if (!value) throw new Error('useArtefacts must be used inside <ArtefactsProvider>')
  return value
}

/**
 * Calls `bring` with the id of each item of `tab` opened from what is due (`revealed`), once
 * the panel is on screen (the next frame: the side panel shows it in the same update).
 */
export const followReveal = (
  ctx: Pick<ArtefactsContextValue, 'revealed'>,
  tab: DueTarget['tab'],
  bring: (id: string) => void,
): void =>
  createEffect(
    on(
      () => ctx.revealed?.() ?? null,
      (target) => {
        if (target?.tab === tab) requestAnimationFrame(() => bring(target.id))
      },
    ),
  )

/** Brings an element into view and gives it the focus (nothing if it is gone). */
export const revealElement = (element: HTMLElement | null): void => {
  element?.scrollIntoView?.({ block: 'center' })
  element?.focus({ preventScroll: true })
}

/**
 * Makes a change to the shared document; when it throws, reports that through `ctx.fail`.
 * Says whether the change went through (a form keeps what was typed when it did not).
 */
export const attempt = (ctx: Pick<ArtefactsContextValue, 'fail'>, change: () => void): boolean => {
  try {
    change()
    return true
  } catch (error) {
    ctx.fail(error)
    return false
  }
}

/** The message of an error, for people (the first zod issue when it is one). */
export const errorMessage = (error: unknown): string => {
  if (error && typeof error === 'object' && 'issues' in error) {
    const issues = (error as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues
    const first = issues[0]
    if (first)
      return first.path.length ? `${first.path.join('.')}: ${first.message}` : first.message
  }
  return error instanceof Error ? error.message : String(error)
}
