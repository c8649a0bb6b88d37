import {
  type Component,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  on,
  Show,
} from 'solid-js'
import type * as Y from 'yjs'
import type { Role } from '../../../shared/roles.ts'
import {
  type Ballot,
  CONSENT_VALUES,
  type ConsentValue,
  GRADIENT_POINTS,
  NO_ITEMS,
  type PhaseVote,
  REASON_MAX,
  readBallot,
  setConsent,
  setGradient,
} from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createFlow, createResult } from '../../state/createFlow.ts'
import { createPrivateReady, type PrivateConnection } from '../../sync/privateConnection.ts'
import { keepFocusOnRemoval } from '../../ui/keepFocus.ts'
import { asksForBallot } from './ballotPhase.ts'
import { problemWith } from './checkBallot.ts'
import { createBallotsVersion } from './createPrivateVotes.ts'
import { useGradientLabel } from './labels.ts'
import './voting.css'
import { FieldError } from '../../ui/FieldError.tsx'

export interface BallotPanelProps {
  /** The shared workshop document (flow and published results). */
  doc: Y.Doc
  /** This person's private document, where the ballot is written; null without an identity. */
  privateConnection: PrivateConnection | null
  role: Role
}

/** Origin of ballot changes (not tracked by the canvas's undo). */
const BALLOT_ORIGIN = 'fabrique:ballot'

type GradientVote = Extract<PhaseVote, { kind: 'gradient' }>
type ConsentVote = Extract<PhaseVote, { kind: 'consent' }>

/**
 * The ballot of the running phase when its vote is a gradient of agreement or a consent round.
 * Shows nothing in other phases, and nothing to observers. The answer can be changed until the
 * facilitator closes the vote; then it is shown read-only.
 */
export const BallotPanel: Component<BallotPanelProps> = (props) => {
  const flow = createFlow(props.doc)
  /** The running phase's ballot vote, as a stable key (the flow changes every timer tick). */
  const current = createMemo(
    () => {
      const state = flow()
      const phase = state.status === 'running' ? state.phase : null
      return asksForBallot(phase) ? phase : null
    },
    null,
    {
      equals: (a, b) =>
        a === b ||
        (a !== null &&
          b !== null &&
          a.id === b.id &&
          JSON.stringify(a.vote) === JSON.stringify(b.vote)),
    },
  )
  return (
    <Show when={props.role !== 'observer' && current()} keyed>
      {(phase) => (
        <PhaseBallot doc={props.doc} privateConnection={props.privateConnection} phase={phase} />
      )}
    </Show>
  )
}

const PhaseBallot: Component<{
  doc: Y.Doc
  privateConnection: PrivateConnection | null
  phase: TemplatePhase
}> = (props) => {
  const { t, locale } = useI18n()
  const vote = props.phase.vote as GradientVote | ConsentVote
  const phaseId = props.phase.id
  const headingId = createUniqueId()
  let heading: HTMLHeadingElement | undefined
  const result = createResult(props.doc, () => phaseId)
  const closed = () => result()?.closed === true
  const privateDoc = props.privateConnection?.doc ?? null
  const ready = createPrivateReady(props.privateConnection)
  const version = createBallotsVersion(privateDoc)
  const stored = createMemo<Ballot | null>(() => {
    version()
    return privateDoc ? readBallot(privateDoc, vote, phaseId) : null
  })

  return (
    <section
      class="ballot panel"
      aria-labelledby={headingId}
      data-phase={phaseId}
      // The vote closes: the form goes, the focus stays on the ballot (its heading).
      onFocusOut={keepFocusOnRemoval(() => heading)}
    >
      <h2 ref={heading} id={headingId} class="ballot__title" tabindex="-1">
        {t(vote.kind === 'gradient' ? 'voting.gradient.title' : 'voting.consent.title')}
      </h2>
      <div class="ballot__proposal">
        <h3 class="ballot__label">{t('voting.proposal')}</h3>
        <p>{vote.proposal[locale()]}</p>
      </div>
      <Show when={privateDoc} fallback={<p class="muted">{t('identity.missing')}</p>}>
        {(docValue) => (
          <Show when={!closed()} fallback={<ClosedBallot vote={vote} ballot={stored()} />}>
            <Show when={ready()} fallback={<p role="status">{t('voting.waiting')}</p>}>
              <Show
                when={vote.kind === 'gradient'}
                fallback={
                  <ConsentForm
                    privateDoc={docValue()}
                    phaseId={phaseId}
                    vote={vote as ConsentVote}
                    stored={stored()}
                  />
                }
              >
                <GradientForm
                  privateDoc={docValue()}
                  phaseId={phaseId}
                  vote={vote as GradientVote}
                  stored={stored()}
                />
              </Show>
            </Show>
          </Show>
        )}
      </Show>
    </section>
  )
}

const ClosedBallot: Component<{ vote: GradientVote | ConsentVote; ballot: Ballot | null }> = (
  props,
) => {
  const { t } = useI18n()
  const gradientLabel = useGradientLabel()
  const answer = () => {
    const ballot = props.ballot
    if (!ballot) return null
    if (ballot.kind === 'gradient' && props.vote.kind === 'gradient')
      return gradientLabel(props.vote.scale, ballot.value)
    if (ballot.kind === 'consent') return t(`voting.consent.${ballot.value}`)
    return null
  }
  const reason = () => (props.ballot?.kind === 'consent' ? props.ballot.reason.trim() : '')
  return (
    <div class="ballot__closed">
      <p class="ballot__status ballot__status--closed" role="status">
        {t('voting.closed')}
      </p>
      <p>{answer() ? t('voting.yourVote', { value: answer() ?? '' }) : t('voting.noVote')}</p>
      <Show when={reason()}>
        <p class="ballot__reason">{t('voting.reason.yours', { reason: reason() })}</p>
      </Show>
    </div>
  )
}

const GradientForm: Component<{
  privateDoc: Y.Doc
  phaseId: string
  vote: GradientVote
  stored: Ballot | null
}> = (props) => {
  const { t } = useI18n()
  const gradientLabel = useGradientLabel()
  const name = `gradient-${props.phaseId}`
  const errorId = createUniqueId()
  const storedValue = () => (props.stored?.kind === 'gradient' ? props.stored.value : null)
  const [choice, setChoice] = createSignal<number | null>(storedValue())
  const [dirty, setDirty] = createSignal(false)
  const [missing, setMissing] = createSignal(false)
  // Someone (this person on another device) changed the ballot: follow it unless editing.
  createEffect(
    on(storedValue, (value) => {
      if (!dirty()) setChoice(value)
    }),
  )
  const points = () => Array.from({ length: GRADIENT_POINTS[props.vote.scale] }, (_, i) => i + 1)
  let fieldset: HTMLFieldSetElement | undefined

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const value = choice()
    if (value === null) {
      setMissing(true)
      fieldset?.querySelector('input')?.focus()
      return
    }
    const problem = problemWith(props.vote, props.phaseId, NO_ITEMS, (scratch) =>
      setGradient(scratch, props.phaseId, value, null),
    )
    if (problem) return
    setGradient(props.privateDoc, props.phaseId, value, BALLOT_ORIGIN)
    setDirty(false)
  }
  const saved = () => storedValue() !== null && storedValue() === choice() && !dirty()

  return (
    <form class="form ballot__form" onSubmit={submit} noValidate>
      <fieldset
        class="field ballot__choices"
        ref={fieldset}
        data-points={points().length}
        style={{ '--ballot-points': points().length }}
        aria-describedby={missing() ? errorId : undefined}
      >
        <legend>{t('voting.gradient.legend')}</legend>
        <For each={points()}>
          {(n) => (
            <label class="ballot__choice">
              <input
                type="radio"
                name={name}
                value={n}
                checked={choice() === n}
                aria-invalid={missing() ? 'true' : undefined}
                onChange={() => {
                  setChoice(n)
                  setDirty(true)
                  setMissing(false)
                }}
              />
              <span>{gradientLabel(props.vote.scale, n)}</span>
            </label>
          )}
        </For>
        <FieldError id={errorId} when={missing()}>
          {t('voting.gradient.required')}
        </FieldError>
      </fieldset>
      <BallotActions saved={saved()} />
    </form>
  )
}

const ConsentForm: Component<{
  privateDoc: Y.Doc
  phaseId: string
  vote: ConsentVote
  stored: Ballot | null
}> = (props) => {
  const { t } = useI18n()
  const name = `consent-${props.phaseId}`
  const ids = {
    reason: createUniqueId(),
    reasonHint: createUniqueId(),
    reasonError: createUniqueId(),
    choiceError: createUniqueId(),
  }
  const storedAnswer = () => (props.stored?.kind === 'consent' ? props.stored : null)
  const [choice, setChoice] = createSignal<ConsentValue | null>(storedAnswer()?.value ?? null)
  const [reason, setReason] = createSignal(storedAnswer()?.reason ?? '')
  const [dirty, setDirty] = createSignal(false)
  const [submitted, setSubmitted] = createSignal(false)
  createEffect(
    on(storedAnswer, (answer) => {
      if (dirty()) return
      setChoice(answer?.value ?? null)
      setReason(answer?.reason ?? '')
    }),
  )
  const reasonMissing = () => submitted() && choice() === 'objection' && reason().trim() === ''
  const choiceMissing = () => submitted() && choice() === null
  let reasonField: HTMLTextAreaElement | undefined
  let fieldset: HTMLFieldSetElement | undefined

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    setSubmitted(true)
    const value = choice()
    if (value === null) {
      fieldset?.querySelector('input')?.focus()
      return
    }
    const answer = { value, reason: value === 'consent' ? '' : reason().trim() }
    // The server's own rule (an objection needs a reason), checked before writing.
    const problem = problemWith(props.vote, props.phaseId, NO_ITEMS, (scratch) =>
      setConsent(scratch, props.phaseId, answer, null),
    )
    if (problem) {
      reasonField?.focus()
      return
    }
    setConsent(props.privateDoc, props.phaseId, answer, BALLOT_ORIGIN)
    setDirty(false)
    setSubmitted(false)
  }
  const saved = () => {
    const answer = storedAnswer()
    return (
      answer !== null &&
      !dirty() &&
      answer.value === choice() &&
      (answer.value === 'consent' || answer.reason === reason().trim())
    )
  }
  const edit = () => {
    setDirty(true)
  }

  return (
    <form class="form ballot__form" onSubmit={submit} noValidate>
      <fieldset
        class="field ballot__choices"
        ref={fieldset}
        data-points={CONSENT_VALUES.length}
        style={{ '--ballot-points': CONSENT_VALUES.length }}
        aria-describedby={choiceMissing() ? ids.choiceError : undefined}
      >
        <legend>{t('voting.consent.legend')}</legend>
        <For each={CONSENT_VALUES}>
          {(value) => {
            const hintId = createUniqueId()
            const nameId = createUniqueId()
            return (
              <label class="ballot__choice">
                <input
                  type="radio"
                  name={name}
                  value={value}
                  checked={choice() === value}
                  aria-labelledby={nameId}
                  aria-describedby={hintId}
                  aria-invalid={choiceMissing() ? 'true' : undefined}
                  onChange={() => {
                    setChoice(value)
                    edit()
                  }}
                />
                <span class="ballot__choice-text">
                  <span class="ballot__choice-name" id={nameId}>
                    {t(`voting.consent.${value}`)}
                  </span>
                  <span class="ballot__choice-hint" id={hintId}>
                    {t(`voting.consent.${value}.hint`)}
                  </span>
                </span>
              </label>
            )
          }}
        </For>
        <FieldError id={ids.choiceError} when={choiceMissing()}>
          {t('voting.consent.required')}
        </FieldError>
      </fieldset>
      <Show when={choice() === 'objection' || choice() === 'concern'}>
        <div class="field">
          <label for={ids.reason}>
            {choice() === 'objection' ? t('voting.reason.label') : t('voting.reason.labelOptional')}
          </label>
          <p class="field__hint" id={ids.reasonHint}>
            {choice() === 'objection'
              ? t('voting.reason.hint.objection')
              : t('voting.reason.hint.concern')}
          </p>
          <textarea
            id={ids.reason}
            ref={reasonField}
            rows={3}
            maxLength={REASON_MAX}
            required={choice() === 'objection'}
            aria-required={choice() === 'objection' ? 'true' : undefined}
            aria-invalid={reasonMissing() ? 'true' : undefined}
            aria-describedby={
              reasonMissing() ? `${ids.reasonHint} ${ids.reasonError}` : ids.reasonHint
            }
            value={reason()}
            onInput={(event) => {
              setReason(event.currentTarget.value)
              edit()
            }}
          />
          <FieldError id={ids.reasonError} when={reasonMissing()}>
            {t('voting.reason.required')}
          </FieldError>
        </div>
      </Show>
      <BallotActions saved={saved()} />
    </form>
  )
}

const BallotActions: Component<{ saved: boolean }> = (props) => {
  const { t } = useI18n()
  return (
    <div class="form__actions ballot__actions">
      <button type="submit" class="button button--primary">
        {t('voting.submit')}
      </button>
      <p class="ballot__status" role="status">
        <Show when={props.saved}>
          <span aria-hidden="true">✓ </span>
          {t('voting.saved')}
        </Show>
      </p>
      <p class="muted ballot__note">
        {t('voting.change')} {t('voting.secret')}
      </p>
    </div>
  )
}

export default BallotPanel
