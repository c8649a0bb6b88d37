import { type Component, createSignal, For, onCleanup, Show } from 'solid-js'
import { GROUP_COLOURS, PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import { DISPLAY_NAME_MAX } from '../../../shared/schema/index.ts'
import { isSector, SECTORS, type Sector } from '../../../shared/sectors.ts'
import { useI18n } from '../../app/i18n.tsx'
import { FieldError } from '../../ui/FieldError.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { loadToken } from '../workspace/token.ts'
import { type Identity, loadLegacyIdentity, observerIdentity, saveIdentity } from './identity.ts'
import { RegistrationError, registerParticipant } from './register.ts'

export interface JoinFormProps {
  workshopId: string
  workshopRole: Role
  /** Present when changing an identity already chosen: the form starts from it. */
  initial?: Identity | null
  /** Called with the identity once it is valid and saved on this device. */
  onJoin: (identity: Identity) => void
  onCancel?: () => void
  /**
   * The role link's token, to register with the server (participant and facilitator links).
   * Defaults to the token this device kept for the workshop.
   */
  token?: string
}

type NameProblem = 'required' | 'tooLong' | null

export const checkName = (name: string): NameProblem => {
  const clean = name.trim()
  if (clean === '') return 'required'
  if (clean.length > DISPLAY_NAME_MAX) return 'tooLong'
  return null
}

/**
 * Join with a display name and a partner group: no account. Optional: a sector or
 * organisation, and opting out of the recognition export (README, attendance.csv). An observer
 * is asked for nothing (`ObserverEntry`). A facilitator is told why they are named, with
 * « Autre » chosen for them: they reach this form right after creating the workshop.
 */
export const JoinForm: Component<JoinFormProps> = (props) => (
  <Show when={props.workshopRole === 'observer'} fallback={<NamedJoinForm {...props} />}>
    <ObserverEntry workshopId={props.workshopId} onJoin={props.onJoin} />
  </Show>
)

/**
 * An observer's way in: one button. They are never named (README, « Forgetting a person »):
 * nothing is typed, their presence shows no name (shared/presence.ts), and this device keeps
 * only an id of its own, so the link opens on the workshop next time.
 */
const ObserverEntry: Component<Pick<JoinFormProps, 'workshopId' | 'onJoin'>> = (props) => {
  const { t } = useI18n()
  const enter = (event: SubmitEvent) => {
    event.preventDefault()
    const identity = observerIdentity()
    saveIdentity(props.workshopId, identity)
    props.onJoin(identity)
  }
  return (
    <form class="form join-form" onSubmit={enter} aria-labelledby="join-title">
      <h2 id="join-title">{t('join.observer.title')}</h2>
      <p>{t('join.observer')}</p>
      <Notice>{t('join.observer.unnamed')}</Notice>
      <div class="form__actions">
        <button type="submit" class="button button--primary">
          {t('join.observer.submit')}
        </button>
      </div>
    </form>
  )
}

const NamedJoinForm: Component<JoinFormProps> = (props) => {
  const { t } = useI18n()
  // A facilitator arriving (not changing their name): told why they are named.
  const arriving = () => props.workshopRole === 'facilitator' && !props.initial
  // An identity kept by an older build (no secret from the server): its name and group are
  // offered again, and joining registers anew.
  const legacy = props.initial ? null : loadLegacyIdentity(props.workshopId)
  const start = props.initial ?? legacy
  const [name, setName] = createSignal(start?.name ?? '')
  // Most facilitators are no partner: « Autre » is chosen for them, and they are told so.
  const [group, setGroup] = createSignal<PartnerGroup | null>(
    start?.group ?? (arriving() ? 'other' : null),
  )
  const [sector, setSector] = createSignal<Sector | null>(start?.sector ?? null)
  const [optOut, setOptOut] = createSignal(start?.recognitionOptOut === true)
  const [submitted, setSubmitted] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [failure, setFailure] = createSignal<string | null>(null)
  /** After a 429: why, and the seconds left before joining is tried again by itself. */
  const [wait, setWait] = createSignal<{ busyWith: 'address' | 'workshop'; left: number } | null>(
    null,
  )
  /** What the live region says of a wait: once, when it starts, not at every second. */
  const [waitNews, setWaitNews] = createSignal('')
  let waitTimer: ReturnType<typeof setInterval> | undefined
  const stopWaiting = () => {
    clearInterval(waitTimer)
    waitTimer = undefined
    setWait(null)
    setWaitNews('')
  }
  onCleanup(stopWaiting)
  const waitMessage = (busyWith: 'address' | 'workshop', seconds: number) =>
    t(`identity.wait.${busyWith}`, { seconds })
  let nameInput: HTMLInputElement | undefined
  let groupFieldset: HTMLFieldSetElement | undefined

  const nameProblem = () => (submitted() ? checkName(name()) : null)
  const groupMissing = () => submitted() && group() === null

  /**
   * The identity's server-issued part: kept when it exists (at once), else asked for. A promise
   * only when the server must be asked.
   */
  type Issued = Pick<Identity, 'participantId' | 'secret'>
  const credentials = (): Issued | Promise<Issued> => {
    const initial = props.initial
    if (initial?.secret) return { participantId: initial.participantId, secret: initial.secret }
    const token = props.token ?? loadToken(props.workshopId)
    if (!token) return Promise.reject(new RegistrationError(401, 'no token'))
    return registerParticipant(props.workshopId, token)
  }

  const join = (issued: Issued, chosen: PartnerGroup) => {
    const given = sector()
    const identity: Identity = {
      ...issued,
      name: name().trim(),
      group: chosen,
      ...(given === null ? {} : { sector: given }),
      ...(optOut() ? { recognitionOptOut: true as const } : {}),
    }
    saveIdentity(props.workshopId, identity)
    props.onJoin(identity)
  }

  /** Tries again by itself once the server's Retry-After is over; the form keeps its values. */
  const retryAfter = (error: RegistrationError, seconds: number) => {
    const busyWith = error.code === 'join.address' ? 'address' : 'workshop'
    setWait({ busyWith, left: seconds })
    setWaitNews(waitMessage(busyWith, seconds))
    waitTimer = setInterval(() => {
      const left = (wait()?.left ?? 0) - 1
      if (left > 0) {
        setWait({ busyWith, left })
        return
      }
      stopWaiting()
      attempt()
    }, 1000)
  }

  /** What the person reads of a failed registration. */
  const explain = (error: unknown) => {
    if (error instanceof RegistrationError && error.code === 'join.full') return t('identity.full')
    const reason =
      error instanceof RegistrationError && error.status === 0
        ? t('identity.error.network')
        : error instanceof Error
          ? error.message
          : String(error)
    return t('identity.error', { error: reason })
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    // Joining now rather than at the end of a wait: the person asked.
    stopWaiting()
    attempt()
  }

  const attempt = () => {
    setSubmitted(true)
    setFailure(null)
    const chosen = group()
    if (checkName(name()) !== null) {
      nameInput?.focus()
      return
    }
    if (chosen === null) {
      groupFieldset?.querySelector('input')?.focus()
      return
    }
    const issued = credentials()
    if (!(issued instanceof Promise)) {
      join(issued, chosen)
      return
    }
    setBusy(true)
    issued.then(
      (value) => {
        setBusy(false)
        join(value, chosen)
      },
      (error: unknown) => {
        setBusy(false)
        if (error instanceof RegistrationError && error.retryAfter !== null) {
          retryAfter(error, error.retryAfter)
          return
        }
        setFailure(explain(error))
      },
    )
  }

  return (
    <form class="form join-form" onSubmit={submit} noValidate aria-labelledby="join-title">
      <h2 id="join-title">
        {props.initial
          ? t('join.edit')
          : arriving()
            ? t('join.facilitator.title')
            : t('join.title')}
      </h2>
      <Show when={arriving()} fallback={<p>{t('join.intro')}</p>}>
        <p>{t('join.facilitator.intro')}</p>
        <p>{t('join.facilitator.next')}</p>
      </Show>
      <Show when={legacy}>
        <Notice>{t('identity.legacy')}</Notice>
      </Show>

      <div class="field">
        <label for="join-name">{t('join.name.label')}</label>
        <p class="field__hint" id="join-name-hint">
          {t('join.name.hint')}
        </p>
        <input
          id="join-name"
          ref={nameInput}
          type="text"
          name="name"
          autocomplete="nickname"
          required
          maxLength={DISPLAY_NAME_MAX}
          value={name()}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-invalid={nameProblem() !== null}
          aria-describedby={nameProblem() ? 'join-name-hint join-name-error' : 'join-name-hint'}
        />
        <Show when={nameProblem()}>
          {(problem) => (
            <p class="field__error" id="join-name-error">
              {problem() === 'tooLong'
                ? t('join.name.tooLong', { max: DISPLAY_NAME_MAX })
                : t('join.name.required')}
            </p>
          )}
        </Show>
      </div>

      <fieldset
        class="field group-choice"
        ref={groupFieldset}
        aria-describedby={groupMissing() ? 'join-group-error' : undefined}
      >
        <legend>{t('join.group.legend')}</legend>
        <For each={PARTNER_GROUPS}>
          {(option) => (
            <label class="group-choice__option">
              <input
                type="radio"
                name="group"
                value={option}
                checked={group() === option}
                onChange={() => setGroup(option)}
                aria-labelledby={`join-group-${option}-name`}
                aria-describedby={`join-group-${option}-hint`}
                aria-invalid={groupMissing()}
              />
              <span
                class="swatch swatch--large"
                aria-hidden="true"
                style={{ 'background-color': GROUP_COLOURS[option] }}
              />
              <span class="group-choice__text">
                <span class="group-choice__name" id={`join-group-${option}-name`}>
                  {t(`group.${option}`)}
                </span>
                <span class="group-choice__hint" id={`join-group-${option}-hint`}>
                  {t(`group.${option}.hint`)}
                </span>
              </span>
            </label>
          )}
        </For>
        <FieldError id="join-group-error" when={groupMissing()}>
          {t('join.group.required')}
        </FieldError>
      </fieldset>

      <div class="field">
        <label for="join-sector">{t('join.sector.label')}</label>
        <p class="field__hint" id="join-sector-hint">
          {t('join.sector.hint')}
        </p>
        <select
          id="join-sector"
          name="sector"
          aria-describedby="join-sector-hint"
          onChange={(event) => {
            const value = event.currentTarget.value
            setSector(isSector(value) ? value : null)
          }}
        >
          <option value="" selected={sector() === null}>
            {t('join.sector.none')}
          </option>
          <For each={SECTORS}>
            {(option) => (
              <option value={option} selected={sector() === option}>
                {t(`sector.${option}`)}
              </option>
            )}
          </For>
        </select>
      </div>

      <div class="field join-opt-out">
        <label class="join-opt-out__choice">
          <input
            type="checkbox"
            name="recognitionOptOut"
            checked={optOut()}
            onChange={(event) => setOptOut(event.currentTarget.checked)}
            aria-describedby="join-opt-out-hint"
          />
          <span>{t('join.optOut.label')}</span>
        </label>
        <p class="field__hint" id="join-opt-out-hint">
          {t('join.optOut.hint')}
        </p>
      </div>

      <Show when={failure()}>
        {(message) => (
          <p class="field__error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={wait()}>
        {(current) => (
          <p class="field__hint" aria-hidden="true">
            {waitMessage(current().busyWith, current().left)}
          </p>
        )}
      </Show>
      <div class="form__actions">
        <button type="submit" class="button button--primary" aria-disabled={busy()}>
          {props.initial ? t('join.save') : t('join.submit')}
        </button>
        <span class="muted" role="status">
          {busy() ? t('identity.registering') : <span class="visually-hidden">{waitNews()}</span>}
        </span>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button--secondary" onClick={() => cancel()()}>
              {t('join.cancel')}
            </button>
          )}
        </Show>
      </div>
    </form>
  )
}
