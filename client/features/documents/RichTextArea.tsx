import { type Component, createMemo, For, lazy, Show, Suspense } from 'solid-js'
import type * as Y from 'yjs'
import { readPlainText } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createDocTick } from '../../state/createArtefacts.ts'
import { OnScreen } from '../../ui/OnScreen.tsx'
import { useArtefacts } from '../artefacts/context.tsx'

// Tiptap (some 110 kB compressed) is its own chunk, loaded only when a document or a plan
// section is opened, that is, once its text comes on screen: the first document shows in the
// Documents tab by default, below the board, where a phone's person may never scroll. Once
// asked for, every later text shows its editor at once (going back to a tab, say).
let editorRequested = false
const RichTextEditor = lazy(() => {
  editorRequested = true
  return import('./RichTextEditor.tsx')
})

/**
 * A rich-text body: the collaborative editor (editable or not), or, for a stored version, its
 * text shown read-only without loading the editor.
 */
export const RichTextArea: Component<{ fragment: Y.XmlFragment; label: string }> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const loading = () => <p role="status">{t('documents.editorLoading')}</p>
  return (
    <Show
      when={!ctx.snapshot}
      fallback={<PlainText fragment={props.fragment} label={props.label} />}
    >
      <OnScreen placeholder={loading()} loaded={editorRequested}>
        <Suspense fallback={loading()}>
          {/* Re-created when the right to write changes (carets and editability are set at start). */}
          <Show when={ctx.writable() ? 'rw' : 'ro'} keyed>
            {(mode) => (
              <RichTextEditor
                fragment={props.fragment}
                label={props.label}
                editable={mode === 'rw'}
                awareness={ctx.awareness}
              />
            )}
          </Show>
        </Suspense>
      </OnScreen>
    </Show>
  )
}

/** The text of a fragment, one paragraph per block (for stored versions). */
export const PlainText: Component<{ fragment: Y.XmlFragment; label: string }> = (props) => {
  const ctx = useArtefacts()
  const tick = createDocTick(ctx.doc)
  const lines = createMemo(() => {
    tick()
    return readPlainText(props.fragment).split('\n')
  })
  return (
    <div class="plain-text" data-label={props.label}>
      <For each={lines()}>{(line) => <p>{line || '\u00a0'}</p>}</For>
    </div>
  )
}
