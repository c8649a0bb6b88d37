import { type Component, createSignal, For, Show } from 'solid-js'
import { GROUP_COLOURS, PARTNER_GROUPS, type PartnerGroup } from '../../../shared/groups.ts'
import type { Role } from '../../../shared/roles.ts'
import { DISPLAY_NAME_MAX } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { type Identity, newParticipantId, saveIdentity } from './identity.ts'

export interface JoinFormProps {
  workshopId: string
  workshopRole: Role
  /** Present when changing an identity already chosen: the form starts from it. */
  initial?: Identity | null
  /** Called with the identity once it is valid and saved on this device. */
  onJoin: (identity: Identity) => void
  onCancel?: () => void
}

type NameProblem = 'required' | 'tooLong' | null

export const checkName = (name: string): NameProblem => {
  const clean = name.trim()
  if (clean === '') return 'required'
  if (clean.length > DISPLAY_NAME_MAX) return 'tooLong'
  return null
}

/** Join with a display name and a partner group: no account. */
export const JoinForm: Component<JoinFormProps> = (props) => {
  const { t } = useI18n()
  const [name, setName] = createSignal(props.initial?.name ?? '')
  const [group, setGroup] = createSignal<PartnerGroup | null>(props.initial?.group ?? null)
  const [submitted, setSubmitted] = createSignal(false)
  let nameInput: HTMLInputElement | undefined
  let groupFieldset: HTMLFieldSetElement | undefined

  const nameProblem = () => (submitted() ? checkName(name()) : null)
  const groupMissing = () => submitted() && group() === null

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    setSubmitted(true)
    const chosen = group()
    if (checkName(name()) !== null) {
      nameInput?.focus()
      return
    }
    if (chosen === null) {
      groupFieldset?.querySelector('input')?.focus()
      return
    }
    const identity: Identity = {
      participantId: props.initial?.participantId ?? newParticipantId(),
      name: name().trim(),
      group: chosen,
    }
    saveIdentity(props.workshopId, identity)
    props.onJoin(identity)
  }

  return (
    <form class="form join-form" onSubmit={submit} noValidate aria-labelledby="join-title">
      <h2 id="join-title">{props.initial ? t('join.edit') : t('join.title')}</h2>
      <p>{t('join.intro')}</p>
      <Show when={props.workshopRole === 'observer'}>
        <Notice>{t('join.observer')}</Notice>
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
        <Show when={groupMissing()}>
          <p class="field__error" id="join-group-error">
            {t('join.group.required')}
          </p>
        </Show>
      </fieldset>

      <div class="form__actions">
        <button type="submit" class="button button--primary">
          {t('join.submit')}
        </button>
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
