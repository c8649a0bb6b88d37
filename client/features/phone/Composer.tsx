import { type Accessor, type Component, createSignal, createUniqueId, For, Show } from 'solid-js'
import type * as Y from 'yjs'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { CanvasRights } from '../../../shared/schema/canvasRights.ts'
import { ITEM_TEXT_MAX } from '../../../shared/schema/index.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { createKeyedList } from '../../state/createKeyedList.ts'
import { refusalText } from '../workspace/RefusalNotice.tsx'
import {
  deleteIdea,
  editIdea,
  type IdeaOutcome,
  type Layers,
  type MyIdea,
  myIdeas,
  PHONE_ORIGIN,
  type StepFrame,
  writeIdea,
} from './ideas.ts'

export interface ComposerProps {
  doc: Y.Doc
  privateDoc: Y.Doc | null
  canvasId: string
  canvasTitle: string
  /** What this person may do now on that canvas (`canvasRights`). */
  rights: CanvasRights
  /** The frames of the step's canvas (`stepFrames`): with two or more, this person chooses. */
  frames: readonly StepFrame[]
  /** The frame the idea goes to (`stepFrameId`, or the one chosen), or null: the canvas has none. */
  frameId: string | null
  onChooseFrame: (frameId: string) => void
  identity: { participantId: string; group: PartnerGroup }
  /** The canvas's two layers, live. */
  layers: Accessor<Layers>
}

/** What the composer says once an idea is written, or why it was not. */
const outcomeText = (
  t: Translate,
  outcome: IdeaOutcome,
  place: { frame: string | null; canvas: string },
): string => {
  if (outcome.ok) {
    const frame = outcome.frameId ? place.frame : null
    if (outcome.layer === 'private')
      return frame
        ? t('phone.compose.addedPrivateIn', { place: frame })
        : t('phone.compose.addedPrivate')
    return frame
      ? t('phone.compose.addedIn', { place: frame })
      : t('phone.compose.addedOn', { place: place.canvas })
  }
  if (outcome.reason === 'empty') return t('phone.compose.empty')
  if (outcome.reason === 'failed') return t('canvas.announce.failed')
  return refusalText(t, outcome.reason)
}

/**
 * A phone's writing step: "Écrire une idée" (the note lands in the step's frame, or the one
 * this person chooses among the canvas's frames, in the layer the phase says, and the field
 * stays focused for the next one), then this person's ideas, each to change or delete where
 * the rules allow.
 */
export const Composer: Component<ComposerProps> = (props) => {
  const { t, locale, plural } = useI18n()
  const ids = {
    field: createUniqueId(),
    where: createUniqueId(),
    mine: createUniqueId(),
    frames: createUniqueId(),
  }
  const [text, setText] = createSignal('')
  const [said, setSaid] = createSignal<{ text: string; ok: boolean } | null>(null)
  let field: HTMLTextAreaElement | undefined
  const privately = () => props.rights.layerFor('note') === 'private'
  const titleOf = (frame: StepFrame) => frame.title || t('outline.frame.untitled')
  const frameTitle = () => {
    const frame = props.frames.find((entry) => entry.id === props.frameId)
    return frame ? titleOf(frame) : null
  }
  const where = () => {
    const frame = frameTitle()
    if (privately())
      return frame
        ? t('phone.compose.wherePrivateFrame', { place: frame })
        : t('phone.compose.wherePrivate')
    return frame
      ? t('phone.compose.whereFrame', { place: frame })
      : t('phone.compose.whereCanvas', { place: props.canvasTitle })
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const outcome = writeIdea({
      doc: props.doc,
      privateDoc: props.privateDoc,
      canvasId: props.canvasId,
      canvasTitle: props.canvasTitle,
      rights: props.rights,
      frameId: props.frameId,
      author: { createdBy: props.identity.participantId, group: props.identity.group },
      text: text(),
      origin: PHONE_ORIGIN,
    })
    if (outcome.ok) setText('')
    setSaid({
      text: outcomeText(t, outcome, { frame: frameTitle(), canvas: props.canvasTitle }),
      ok: outcome.ok,
    })
    // Ready for the next idea: the keyboard stays up.
    field?.focus({ preventScroll: true })
  }
  // Keyed by id: another person's note, or the save of this one, keeps each row (and the focus).
  const mine = createKeyedList(() =>
    myIdeas(props.layers(), props.identity.participantId, props.rights, locale()),
  )

  return (
    <>
      <form class="phone-compose" onSubmit={submit} noValidate>
        <label for={ids.field} class="phone-compose__label">
          {t('phone.compose.label')}
        </label>
        <Show when={props.frames.length > 1}>
          <fieldset class="phone-frames">
            <legend class="phone-frames__legend">{t('phone.compose.frames')}</legend>
            <For each={props.frames}>
              {(frame) => (
                <label class="phone-frames__choice">
                  <input
                    type="radio"
                    name={ids.frames}
                    value={frame.id}
                    checked={frame.id === props.frameId}
                    onChange={() => props.onChooseFrame(frame.id)}
                  />
                  <span>{titleOf(frame)}</span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <p id={ids.where} class="phone-compose__where">
          {where()}
        </p>
        <textarea
          id={ids.field}
          ref={field}
          class="phone-compose__field"
          rows={3}
          maxLength={ITEM_TEXT_MAX}
          enterkeyhint="send"
          aria-describedby={ids.where}
          value={text()}
          onInput={(event) => {
            setText(event.currentTarget.value)
            setSaid(null)
          }}
          onKeyDown={(event) => {
            // Enter sends (the keyboard's "send" key); Shift+Enter starts a new line.
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
            event.preventDefault()
            event.currentTarget.form?.requestSubmit()
          }}
        />
        <div class="phone-compose__actions">
          <button
            type="submit"
            class="button button--primary phone-compose__submit"
            // A tap on it leaves the focus (and the keyboard) in the field.
            onMouseDown={(event) => event.preventDefault()}
          >
            {t('phone.compose.submit')}
          </button>
          <p
            class="phone-compose__said"
            classList={{ 'phone-compose__said--error': said()?.ok === false }}
            role="status"
          >
            {said()?.text ?? ''}
          </p>
        </div>
      </form>
      <section class="phone-mine" aria-labelledby={ids.mine}>
        <h2 id={ids.mine} class="phone-section-title">
          {plural('phone.mine.title', mine().length)}
        </h2>
        <Show when={mine().length > 0} fallback={<p class="muted">{t('phone.mine.empty')}</p>}>
          <ul class="phone-mine__list">
            <For each={mine()}>
              {(idea) => (
                <IdeaRow
                  idea={idea}
                  onEdit={(next) =>
                    editIdea(props.doc, props.privateDoc, props.canvasId, idea, next, PHONE_ORIGIN)
                  }
                  onDelete={() => {
                    deleteIdea(props.doc, props.privateDoc, props.canvasId, idea, PHONE_ORIGIN)
                    field?.focus({ preventScroll: true })
                  }}
                />
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  )
}

/** One of my ideas: its text, then "change" and "delete" where the rules allow them. */
const IdeaRow: Component<{
  idea: MyIdea
  onEdit: (text: string) => boolean
  onDelete: () => void
}> = (props) => {
  const { t } = useI18n()
  const fieldId = createUniqueId()
  const [mode, setMode] = createSignal<'read' | 'edit' | 'delete'>('read')
  const [draft, setDraft] = createSignal('')
  let editButton: HTMLButtonElement | undefined
  const back = () => {
    setMode('read')
    queueMicrotask(() => editButton?.focus())
  }
  return (
    <li class="phone-idea" data-layer={props.idea.layer}>
      <p class="phone-idea__text">{props.idea.text}</p>
      <Show when={props.idea.layer === 'private'}>
        <p class="phone-idea__private">{t('private.badge')}</p>
      </Show>
      <Show when={mode() === 'read'}>
        <div class="phone-idea__actions">
          <Show when={props.idea.editable}>
            <button
              ref={editButton}
              type="button"
              class="button button--secondary"
              aria-label={t('phone.mine.editLabel', { text: props.idea.text })}
              onClick={() => {
                setDraft(props.idea.text)
                setMode('edit')
              }}
            >
              {t('phone.mine.edit')}
            </button>
          </Show>
          <Show when={props.idea.removable}>
            <button
              type="button"
              class="button button--danger-outline"
              aria-label={t('phone.mine.deleteLabel', { text: props.idea.text })}
              onClick={() => setMode('delete')}
            >
              {t('phone.mine.delete')}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={mode() === 'edit'}>
        <form
          class="phone-idea__edit"
          onSubmit={(event) => {
            event.preventDefault()
            if (props.onEdit(draft())) back()
          }}
        >
          <label for={fieldId} class="visually-hidden">
            {t('phone.mine.editField')}
          </label>
          <textarea
            id={fieldId}
            class="phone-compose__field"
            rows={3}
            maxLength={ITEM_TEXT_MAX}
            value={draft()}
            ref={(element) => queueMicrotask(() => element.focus())}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <div class="phone-idea__actions">
            <button type="submit" class="button button--primary">
              {t('phone.mine.save')}
            </button>
            <button type="button" class="button button--secondary" onClick={back}>
              {t('phone.mine.cancel')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={mode() === 'delete'}>
        {/* biome-ignore lint/a11y/useSemanticElements: a question and its two buttons, not a form */}
        <div class="phone-idea__confirm" role="group" aria-label={t('phone.mine.deleteAsk')}>
          <p>{t('phone.mine.deleteAsk')}</p>
          <div class="phone-idea__actions">
            <button type="button" class="button button--danger" onClick={() => props.onDelete()}>
              {t('phone.mine.deleteYes')}
            </button>
            <button
              type="button"
              class="button button--secondary"
              ref={(element) => queueMicrotask(() => element.focus())}
              onClick={back}
            >
              {t('phone.mine.cancel')}
            </button>
          </div>
        </div>
      </Show>
    </li>
  )
}
