import { Editor } from '@tiptap/core'
import {
  type Component,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  onMount,
  Show,
} from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { caretAwareness } from '../../../shared/editor/caretAwareness.ts'
import { collaborativeExtensions, isAllowedLink } from '../../../shared/editor/extensions.ts'
import { isPartnerGroup } from '../../../shared/groups.ts'
import { isNamed, readPresence } from '../../../shared/presence.ts'
import { useI18n } from '../../app/i18n.tsx'
import './editor.css'
import { FieldError } from '../../ui/FieldError.tsx'

/**
 * Collaborative rich text (Tiptap 3 on a Y.XmlFragment): a formatting toolbar (one tab stop,
 * arrow keys move between its buttons, each with aria-pressed), Tiptap's keyboard shortcuts,
 * the others' live carets with their name and partner group. This module is its own chunk:
 * only people who open a document or a plan section download the editor.
 */
export interface RichTextEditorProps {
  fragment: Y.XmlFragment
  /** Accessible name of the editing area. */
  label: string
  editable: boolean
  /** Presence of the others; their carets are shown when given. */
  awareness?: Awareness | null
}

type Command =
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'bold'
  | 'italic'
  | 'bulletList'
  | 'orderedList'
  | 'taskList'
  | 'link'
  | 'undo'
  | 'redo'

const TOGGLES: Command[] = [
  'heading1',
  'heading2',
  'heading3',
  'bold',
  'italic',
  'bulletList',
  'orderedList',
  'taskList',
  'link',
]

/** Adds https:// to an address typed without its protocol ("example.org"). */
export const normaliseLink = (input: string): string => {
  const value = input.trim()
  if (!value) return ''
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `mailto:${value}`
  return `https://${value}`
}

const RichTextEditor: Component<RichTextEditorProps> = (props) => {
  const { t } = useI18n()
  const id = createUniqueId()
  let host: HTMLDivElement | undefined
  let linkInput: HTMLInputElement | undefined
  const [editor, setEditor] = createSignal<Editor | null>(null)
  // Bumped on every editor transaction: the toolbar's pressed and disabled states follow it.
  const [tick, setTick] = createSignal(0)
  const [linkOpen, setLinkOpen] = createSignal(false)
  const [linkError, setLinkError] = createSignal('')
  const [focusIndex, setFocusIndex] = createSignal(0)

  onMount(() => {
    if (!host) return
    const awareness = props.editable ? props.awareness : null
    // Editable, so a facilitator or a participant: named.
    const local = awareness ? readPresence(awareness.getLocalState() ?? undefined) : null
    const presence = local && isNamed(local) ? local : null
    const instance = new Editor({
      element: host,
      editable: props.editable,
      extensions: collaborativeExtensions({
        fragment: props.fragment,
        taskLabel: (text) =>
          text.trim() ? t('editor.task', { text: text.trim() }) : t('editor.taskEmpty'),
        ...(awareness
          ? {
              carets: {
                awareness: caretAwareness(
                  awareness as unknown as Parameters<typeof caretAwareness>[0],
                ),
                user: {
                  name: presence?.name ?? '',
                  group: presence?.group ?? 'other',
                  color: '#000000',
                },
                render: (user: Record<string, unknown>) => {
                  const caret = document.createElement('span')
                  caret.className = 'caret'
                  caret.style.borderColor = String(user.color)
                  const label = document.createElement('span')
                  label.className = 'caret__label'
                  label.style.borderColor = String(user.color)
                  const group = isPartnerGroup(user.group) ? user.group : 'other'
                  label.textContent = t('editor.caret', {
                    name: String(user.name),
                    group: t(`group.${group}`),
                  })
                  caret.append(label)
                  return caret
                },
              },
            }
          : {}),
      }),
      editorProps: {
        attributes: {
          class: 'rich-text__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': props.label,
          'aria-describedby': `${id}-shortcuts`,
          ...(props.editable ? {} : { 'aria-readonly': 'true' }),
        },
      },
      onTransaction: () => setTick((n) => n + 1),
    })
    setEditor(instance)
  })
  onCleanup(() => editor()?.destroy())

  const isActive = (command: Command): boolean => {
    tick()
    const current = editor()
    if (!current) return false
    switch (command) {
      case 'heading1':
        return current.isActive('heading', { level: 1 })
      case 'heading2':
        return current.isActive('heading', { level: 2 })
      case 'heading3':
        return current.isActive('heading', { level: 3 })
      case 'undo':
      case 'redo':
        return false
      default:
        return current.isActive(command)
    }
  }

  const can = (command: Command): boolean => {
    tick()
    const current = editor()
    if (!current) return false
    if (command === 'undo') return current.can().undo()
    if (command === 'redo') return current.can().redo()
    return true
  }

  const run = (command: Command) => {
    const current = editor()
    if (!current) return
    const chain = current.chain().focus()
    switch (command) {
      case 'heading1':
      case 'heading2':
      case 'heading3':
        chain.toggleHeading({ level: Number(command.slice(-1)) as 1 | 2 | 3 }).run()
        return
      case 'bold':
        chain.toggleBold().run()
        return
      case 'italic':
        chain.toggleItalic().run()
        return
      case 'bulletList':
        chain.toggleBulletList().run()
        return
      case 'orderedList':
        chain.toggleOrderedList().run()
        return
      case 'taskList':
        chain.toggleTaskList().run()
        return
      case 'undo':
        chain.undo().run()
        return
      case 'redo':
        chain.redo().run()
        return
      case 'link':
        setLinkError('')
        setLinkOpen((open) => !open)
        if (linkOpen()) {
          queueMicrotask(() => {
            if (!linkInput) return
            linkInput.value = String(current.getAttributes('link').href ?? '')
            linkInput.focus()
          })
        }
        return
    }
  }

  const applyLink = (event: SubmitEvent) => {
    event.preventDefault()
    const current = editor()
    if (!current || !linkInput) return
    const href = normaliseLink(linkInput.value)
    if (href === '') {
      current.chain().focus().extendMarkRange('link').unsetLink().run()
      setLinkOpen(false)
      return
    }
    if (!isAllowedLink(href)) {
      setLinkError(t('editor.link.invalid'))
      linkInput.focus()
      return
    }
    current.chain().focus().extendMarkRange('link').setLink({ href }).run()
    setLinkOpen(false)
  }

  const commands: Command[] = [...TOGGLES, 'undo', 'redo']
  const buttons: HTMLButtonElement[] = []
  // Arrow keys move between the toolbar's buttons (one tab stop for the whole toolbar).
  const onToolbarKey = (event: KeyboardEvent) => {
    const count = commands.length
    const step: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % count,
      ArrowLeft: (i) => (i - 1 + count) % count,
      Home: () => 0,
      End: () => count - 1,
    }
    const move = step[event.key]
    if (!move) return
    event.preventDefault()
    const next = move(focusIndex())
    setFocusIndex(next)
    buttons[next]?.focus()
  }

  return (
    <div class="rich-text" data-editable={props.editable ? 'true' : 'false'}>
      <Show when={props.editable}>
        <div
          class="rich-text__toolbar"
          role="toolbar"
          aria-label={t('editor.toolbar')}
          onKeyDown={onToolbarKey}
        >
          <For each={commands}>
            {(command, index) => (
              <button
                ref={(element) => {
                  buttons[index()] = element
                }}
                type="button"
                class={`rich-text__button rich-text__button--${command}`}
                tabIndex={focusIndex() === index() ? 0 : -1}
                aria-pressed={
                  TOGGLES.includes(command) ? (isActive(command) ? 'true' : 'false') : undefined
                }
                aria-expanded={command === 'link' ? (linkOpen() ? 'true' : 'false') : undefined}
                disabled={!editor() || !can(command)}
                onFocus={() => setFocusIndex(index())}
                // Keep the text selection while clicking a button.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => run(command)}
              >
                {t(`editor.${command}`)}
              </button>
            )}
          </For>
        </div>
        <Show when={linkOpen()}>
          <form class="card card--info" onSubmit={applyLink}>
            <div class="field">
              <label for={`${id}-link`}>{t('editor.link.label')}</label>
              <p class="field__hint" id={`${id}-link-hint`}>
                {t('editor.link.hint')}
              </p>
              <input
                ref={(element) => {
                  linkInput = element
                }}
                id={`${id}-link`}
                type="text"
                inputMode="url"
                autocomplete="url"
                aria-invalid={linkError() ? 'true' : undefined}
                aria-describedby={`${id}-link-hint${linkError() ? ` ${id}-link-error` : ''}`}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    setLinkOpen(false)
                    editor()?.commands.focus()
                  }
                }}
              />
              <FieldError id={`${id}-link-error`} when={linkError()} alert>
                {linkError()}
              </FieldError>
            </div>
            <div class="form__actions">
              <button type="submit" class="button button--primary button--small">
                {t('editor.link.apply')}
              </button>
              <button
                type="button"
                class="button button--secondary button--small"
                onClick={() => {
                  editor()?.chain().focus().extendMarkRange('link').unsetLink().run()
                  setLinkOpen(false)
                }}
              >
                {t('editor.link.remove')}
              </button>
              <button
                type="button"
                class="button button--secondary button--small"
                onClick={() => {
                  setLinkOpen(false)
                  editor()?.commands.focus()
                }}
              >
                {t('artefacts.cancel')}
              </button>
            </div>
          </form>
        </Show>
      </Show>
      <Show when={!props.editable}>
        <p class="rich-text__readonly muted">{t('editor.readOnly')}</p>
      </Show>
      <div
        id={`${id}-content`}
        class="rich-text__host"
        ref={(element) => {
          host = element
        }}
      />
      <p
        id={`${id}-shortcuts`}
        class={props.editable ? 'field__hint rich-text__hint' : 'visually-hidden'}
      >
        {props.editable ? t('editor.shortcuts') : t('editor.readOnly')}
      </p>
    </div>
  )
}

export default RichTextEditor
