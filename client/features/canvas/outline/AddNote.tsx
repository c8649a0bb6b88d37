import { type Component, createSignal, createUniqueId } from 'solid-js'
import { type BoxItem, ITEM_TEXT_MAX } from '../../../../shared/schema/index.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { FieldError } from '../../../ui/FieldError.tsx'
import type { OutlineContext } from './outlineModel.ts'

/** A labelled textarea and a button that add a note in this frame (or outside frames). */
export const AddNote: Component<{
  frame: BoxItem | null
  place: string
  context: OutlineContext
}> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const [text, setText] = createSignal('')
  const [invalid, setInvalid] = createSignal(false)
  const submit = (event?: Event) => {
    event?.preventDefault()
    const value = text().trim()
    if (!value) {
      setInvalid(true)
      return
    }
    if (props.context.add(props.frame, value)) {
      setText('')
      setInvalid(false)
    }
  }
  return (
    <form class="outline__add" onSubmit={submit}>
      <div class="field">
        <label for={id}>{t('outline.add.label', { place: props.place })}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={ITEM_TEXT_MAX}
          value={text()}
          aria-invalid={invalid() ? 'true' : undefined}
          aria-describedby={`${id}-hint${invalid() ? ` ${id}-error` : ''}`}
          onInput={(event) => {
            setText(event.currentTarget.value)
            if (invalid() && event.currentTarget.value.trim()) setInvalid(false)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event)
          }}
        />
        <p id={`${id}-hint`} class="field__hint">
          {t('outline.add.hint')}
        </p>
        <FieldError id={`${id}-error`} when={invalid()}>
          {t('outline.add.empty')}
        </FieldError>
      </div>
      <button
        type="submit"
        class="button button--primary"
        aria-label={t('outline.add.submitLabel', { place: props.place })}
      >
        {t('outline.add.submit')}
      </button>
    </form>
  )
}
