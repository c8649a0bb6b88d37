import { type Accessor, createSignal, type JSX, Show } from 'solid-js'
import { privateWritingPhase } from '../../../shared/schema/canvasRights.ts'
import type { FlowState } from '../../../shared/schema/index.ts'
import { closeVote, revealNotes } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { LeavePrivateDialog } from './LeavePrivateDialog.tsx'
import { LeaveVoteDialog } from './LeaveVoteDialog.tsx'

/** Where the facilitator goes from the current step: another step, or the end. */
export type Leave = { kind: 'phase'; index: number } | { kind: 'end' }

export interface LeaveStepOptions {
  workshopId: string
  /** The facilitator token (closing a vote and revealing are HTTP calls). */
  token: string
  flow: Accessor<FlowState>
  /** Whether the running step's vote is closed. */
  voteClosed: Accessor<boolean>
  /** The canvas whose private notes a reveal copies. */
  revealCanvas: Accessor<{ id: string } | null>
  /** Goes there (ending asks for confirmation of its own). */
  go: (target: Leave) => void
  /** Runs a request as the facilitation bar runs its requests (status, errors). */
  call: (kind: 'reveal' | 'close', run: () => Promise<string>) => Promise<void>
}

export interface LeaveStep {
  /** Goes to `target`, asking first when the step left has an open vote or unrevealed notes. */
  leave: (target: Leave) => void
  /** How many private notes wait on the reveal canvas (as the private-writing controls poll). */
  setWaitingNotes: (notes: number) => void
  /** The questions, when one is asked. */
  Dialogs: () => JSX.Element
}

/**
 * Leaving a step: a vote nobody closed (close it, keep it open, or stay) or private notes
 * nobody revealed (reveal them, named or not, go on without, or stay) is asked about first.
 */
export const createLeaveStep = (options: LeaveStepOptions): LeaveStep => {
  const { t, locale, plural } = useI18n()
  const [leaving, setLeaving] = createSignal<Leave | null>(null)
  const [leavingPrivate, setLeavingPrivate] = createSignal<{ target: Leave; notes: number } | null>(
    null,
  )
  const [waitingNotes, setWaitingNotes] = createSignal(0)
  const flow = options.flow
  const running = () => (flow().status === 'running' ? flow().phase : null)

  const unrevealed = () => {
    const current = running()
    return current && privateWritingPhase({ role: 'facilitator' }, current.allow)
      ? waitingNotes()
      : 0
  }
  const leave = (target: Leave) => {
    const away = target.kind === 'end' || target.index !== flow().phaseIndex
    const open = running()?.vote !== undefined && !options.voteClosed()
    const notes = unrevealed()
    if (open && away) setLeaving(target)
    else if (notes > 0 && away) setLeavingPrivate({ target, notes })
    else options.go(target)
  }
  const closeVoteAndGo = (target: Leave, phaseId: string) =>
    options.call('close', async () => {
      await closeVote(options.workshopId, options.token, phaseId)
      options.go(target)
      return t('flow.controls.voteClosed')
    })
  const revealAndGo = (target: Leave, anonymous: boolean) =>
    options.call('reveal', async () => {
      const canvas = options.revealCanvas()
      if (!canvas) return ''
      const { revealed } = await revealNotes(options.workshopId, options.token, {
        canvasId: canvas.id,
        anonymous,
      })
      options.go(target)
      return plural('flow.controls.revealed', revealed)
    })
  const destination = (target: Leave) =>
    target.kind === 'end'
      ? t('flow.leaveVote.toEnd')
      : t('flow.leaveVote.toPhase', {
          n: target.index + 1,
          title: flow().phases[target.index]?.title[locale()] ?? '',
        })
  const phaseTitle = () => flow().phase?.title[locale()] ?? ''

  const Dialogs = () => (
    <>
      <Show when={leaving()} keyed>
        {(target) => (
          <LeaveVoteDialog
            phase={phaseTitle()}
            destination={destination(target)}
            onCancel={() => setLeaving(null)}
            onKeepOpen={() => {
              setLeaving(null)
              options.go(target)
            }}
            onCloseVote={() => {
              setLeaving(null)
              const current = flow().phase
              if (current) void closeVoteAndGo(target, current.id)
            }}
          />
        )}
      </Show>
      <Show when={leavingPrivate()} keyed>
        {({ target, notes }) => (
          <LeavePrivateDialog
            phase={phaseTitle()}
            notes={notes}
            destination={destination(target)}
            onCancel={() => setLeavingPrivate(null)}
            onSkip={() => {
              setLeavingPrivate(null)
              options.go(target)
            }}
            onReveal={(anonymous) => {
              setLeavingPrivate(null)
              void revealAndGo(target, anonymous)
            }}
          />
        )}
      </Show>
    </>
  )
  return { leave, setWaitingNotes, Dialogs }
}
