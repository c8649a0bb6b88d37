import type { AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import Link from '@tiptap/extension-link'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import StarterKit from '@tiptap/starter-kit'
import type * as Y from 'yjs'
import type { CaretAwareness, CaretUser } from './caretAwareness.ts'

/**
 * The rich-text editor's extensions, shared by the client's editor and the tests that check
 * that what the schema writes (`writePlainText`, shared/schema/richText.ts) loads in it.
 *
 * The node format is the one richText.ts documents and the exports render: paragraph, heading
 * (levels 1–3), bullet and numbered lists, checklists, blockquote, hard break; marks bold,
 * italic and link. StarterKit's other nodes and marks (code, code block, strike, underline,
 * horizontal rule) are left out so nothing typed in the editor is lost in an export; its
 * history is off (Yjs undo comes with Collaboration) and so is its trailing paragraph (two
 * people opening a document at once would each add one).
 */

/** Links may only point to the web or to an e-mail address. */
export const ALLOWED_LINK = /^(https?:\/\/|mailto:)/i

export const isAllowedLink = (href: string): boolean => ALLOWED_LINK.test(href.trim())

export interface RichTextOptions {
  /** Accessible name of a checklist item's checkbox (Tiptap's default is in English). */
  taskLabel?: (text: string, checked: boolean) => string
}

/** The extensions that define the document schema (no collaboration): for tests and exports. */
export const richTextExtensions = (options: RichTextOptions = {}): AnyExtension[] => [
  StarterKit.configure({
    undoRedo: false,
    heading: { levels: [1, 2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    trailingNode: false,
    // Configured on its own below (allowed protocols).
    link: false,
  }),
  TaskList,
  TaskItem.configure({
    nested: true,
    ...(options.taskLabel
      ? {
          a11y: {
            checkboxLabel: (node, checked) => options.taskLabel?.(node.textContent, checked) ?? '',
          },
        }
      : {}),
  }),
  Link.configure({
    openOnClick: false,
    autolink: true,
    defaultProtocol: 'https',
    isAllowedUri: (url) => isAllowedLink(url),
    shouldAutoLink: (url) => /^(https?:\/\/|mailto:|[\w-]+(\.[\w-]+)+)/i.test(url),
  }),
]

export interface CollaborativeOptions extends RichTextOptions {
  /** The Y.XmlFragment holding the text (documentBody / sectionBody). */
  fragment: Y.XmlFragment
  /** Live carets of the others (see caretAwareness.ts); none for a read-only view. */
  carets?: {
    awareness: CaretAwareness
    user: CaretUser
    render?: (user: Record<string, unknown>) => HTMLElement
  }
}

/** The editor's full list: the schema, Yjs binding (with its own undo) and live carets. */
export const collaborativeExtensions = (options: CollaborativeOptions): AnyExtension[] => [
  ...richTextExtensions(options),
  Collaboration.configure({ fragment: options.fragment }),
  ...(options.carets
    ? [
        CollaborationCaret.configure({
          provider: { awareness: options.carets.awareness },
          user: options.carets.user,
          ...(options.carets.render ? { render: options.carets.render } : {}),
        }),
      ]
    : []),
]
