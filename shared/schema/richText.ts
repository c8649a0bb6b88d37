import * as Y from 'yjs'

/**
 * Rich text lives in Y.XmlFragments in the node format of Tiptap's collaboration extension
 * (paragraph, heading with `level`, bulletList/orderedList > listItem, taskList > taskItem with
 * `checked`, blockquote; text marks bold, italic, link). These helpers write simple text into
 * that format and read it back as plain text or as sanitised HTML for exports.
 */

const paragraph = (text: string): Y.XmlElement => {
  const element = new Y.XmlElement('paragraph')
  if (text) element.insert(0, [new Y.XmlText(text)])
  return element
}

/**
 * Fills an empty fragment from plain text: `# ` / `## ` headings, `- ` bullet items, blank
 * lines between paragraphs.
 */
export const writePlainText = (fragment: Y.XmlFragment, text: string): void => {
  // Blocks are built before they are inserted: a type not yet in a document must not be read.
  const blocks: Array<Y.XmlElement | Y.XmlElement[]> = []
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    const heading = /^(#{1,3})\s+(.*)$/.exec(line)
    const item = /^[-*]\s+(.*)$/.exec(line)
    if (item) {
      const li = new Y.XmlElement('listItem')
      li.insert(0, [paragraph(item[1] ?? '')])
      const last = blocks.at(-1)
      if (Array.isArray(last)) last.push(li)
      else blocks.push([li])
    } else if (heading) {
      const element = new Y.XmlElement('heading')
      // Tiptap's heading keeps its level as a number.
      element.setAttribute('level', (heading[1] ?? '#').length as unknown as string)
      element.insert(0, [new Y.XmlText(heading[2] ?? '')])
      blocks.push(element)
    } else if (line.trim() !== '') {
      blocks.push(paragraph(line.trim()))
    }
  }
  const nodes = blocks.map((block) => {
    if (!Array.isArray(block)) return block
    const list = new Y.XmlElement('bulletList')
    list.insert(0, block)
    return list
  })
  fragment.insert(fragment.length, nodes)
}

/** Characters of a value's JSON (an attribute's, an embed's); one that has none counts as huge. */
const jsonLength = (value: unknown): number => {
  try {
    return JSON.stringify(value)?.length ?? 0
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

/**
 * How much a rich text holds, as the write policy bounds it: its characters, one for each
 * element (a paragraph, a list item…: what the person sees as a line break), and the
 * characters of every attribute, format mark and embed it stores (a link's address counts).
 * Read from its items, with a stack of its own however deep the elements are nested: four
 * times faster than through `toDelta`, for a check run at each keystroke.
 */
export const richTextSize = (fragment: Y.XmlFragment): number => {
  let size = 0
  const count = (attributes: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attributes)) size += key.length + jsonLength(value)
  }
  // biome-ignore lint/suspicious/noExplicitAny: Yjs itself types its shared types with YEvent<any>
  const pending: Array<Y.AbstractType<any>> = [fragment]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node instanceof Y.XmlElement) {
      size += 1
      count(node.getAttributes())
    } else if (node instanceof Y.XmlText) {
      count(node.getAttributes())
    } else if (!(node instanceof Y.XmlFragment)) {
      // A hook, or any other type: its entries, as JSON.
      size += jsonLength(node.toJSON())
      continue
    }
    for (let item = node._start; item !== null; item = item.right) {
      if (item.deleted) continue
      const content = item.content
      if (content instanceof Y.ContentString) size += content.str.length
      else if (content instanceof Y.ContentFormat)
        size += content.key.length + jsonLength(content.value)
      else if (content instanceof Y.ContentType) pending.push(content.type)
      else size += jsonLength(content.getContent())
    }
  }
  return size
}

/** The text of a fragment, one line per block, `- ` before list items. */
export const readPlainText = (fragment: Y.XmlFragment): string => {
  const lines: string[] = []
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment, prefix: string) => {
    if (node instanceof Y.XmlText) return
    const name = node instanceof Y.XmlElement ? node.nodeName : ''
    if (name === 'paragraph' || name === 'heading') {
      lines.push(
        prefix +
          node
            .toArray()
            .map((child) =>
              child instanceof Y.XmlText ? child.toString().replace(/<[^>]*>/g, '') : '',
            )
            .join(''),
      )
      return
    }
    const childPrefix = name === 'listItem' || name === 'taskItem' ? '- ' : prefix
    node.toArray().forEach((child, index) => {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText)
        walk(child, index === 0 ? childPrefix : prefix)
    })
  }
  walk(fragment, '')
  return lines.join('\n')
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

const safeHref = (href: unknown): string | null =>
  typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null

const TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  taskList: 'ul',
  taskItem: 'li',
  blockquote: 'blockquote',
}

const textToHtml = (text: Y.XmlText): string =>
  text
    .toDelta()
    .map((op: { insert?: unknown; attributes?: Record<string, unknown> }) => {
      if (typeof op.insert !== 'string') return ''
      let html = escapeHtml(op.insert)
      const marks = op.attributes ?? {}
      if (marks.bold) html = `<strong>${html}</strong>`
      if (marks.italic) html = `<em>${html}</em>`
      const link = marks.link as { href?: unknown } | undefined
      const href = safeHref(link?.href)
      if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`
      return html
    })
    .join('')

/** Sanitised HTML of one node (see `fragmentToHtml`). */
const nodeToHtml = (node: Y.XmlElement | Y.XmlText): string => {
  if (node instanceof Y.XmlText) return textToHtml(node)
  const inner = node
    .toArray()
    .map((child) =>
      child instanceof Y.XmlElement || child instanceof Y.XmlText ? nodeToHtml(child) : '',
    )
    .join('')
  if (node.nodeName === 'heading') {
    const level = headingLevel(node)
    return `<h${level}>${inner}</h${level}>`
  }
  if (node.nodeName === 'hardBreak') return '<br>'
  if (node.nodeName === 'taskItem') {
    const checked = String(node.getAttribute('checked')) === 'true'
    return `<li>${checked ? '☑' : '☐'} ${inner}</li>`
  }
  const tag = TAGS[node.nodeName]
  // An unknown node keeps its (escaped) text but none of its markup.
  return tag ? `<${tag}>${inner}</${tag}>` : inner
}

const headingLevel = (node: Y.XmlElement): number =>
  Math.min(Math.max(Number(node.getAttribute('level')) || 2, 1), 6)

const blocksOf = (fragment: Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> =>
  fragment.toArray().filter((child) => child instanceof Y.XmlElement || child instanceof Y.XmlText)

/**
 * Sanitised HTML of a fragment: only the known block and mark types are written, every text
 * is escaped, links keep only http(s) and mailto addresses. Anything else is dropped.
 */
export const fragmentToHtml = (fragment: Y.XmlFragment): string =>
  blocksOf(fragment).map(nodeToHtml).join('\n')

export interface DocumentSection {
  /** The heading's text ('' for what comes before the first heading). */
  title: string
  /** The section's sanitised HTML, its heading included. */
  html: string
}

/** Each block of a fragment with the section it starts or belongs to (`fragmentSections`). */
const sectioned = (fragment: Y.XmlFragment) => {
  const blocks = blocksOf(fragment)
  const headings = blocks.filter(
    (block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === 'heading',
  )
  const top = Math.min(...headings.map(headingLevel))
  let index = -1
  return blocks.map((block) => {
    const heading =
      block instanceof Y.XmlElement && block.nodeName === 'heading' && headingLevel(block) === top
        ? block
        : null
    if (heading || index < 0) index++
    return { block, heading, section: index }
  })
}

/**
 * A document cut at its headings of the highest level it uses (what comes before the first one
 * is a section of its own, with no heading): each section's heading and its other blocks.
 */
export const sectionBlocks = (
  fragment: Y.XmlFragment,
): Array<{ heading: Y.XmlElement | null; blocks: Array<Y.XmlElement | Y.XmlText> }> => {
  const sections: Array<{ heading: Y.XmlElement | null; blocks: Array<Y.XmlElement | Y.XmlText> }> =
    []
  for (const { block, heading, section } of sectioned(fragment)) {
    sections[section] ??= { heading, blocks: [] }
    if (!heading) sections[section].blocks.push(block)
  }
  return sections
}

/**
 * A document cut as `sectionBlocks` cuts it: what a projector shows one at a time. Empty for an
 * empty document.
 */
export const fragmentSections = (fragment: Y.XmlFragment): DocumentSection[] =>
  sectionBlocks(fragment).map(({ heading, blocks }) => ({
    title: heading ? readPlainText(heading) : '',
    html: (heading ? [heading, ...blocks] : blocks).map(nodeToHtml).join('\n'),
  }))

/**
 * The section (`fragmentSections`' index) holding `node`, a block of `fragment` or anything
 * inside one; null when it is not in the fragment's blocks (the fragment itself).
 */
export const sectionOf = (fragment: Y.XmlFragment, node: unknown): number | null => {
  let block = node as Y.AbstractType<unknown> | null
  while (block && block.parent !== fragment) {
    block = block.parent instanceof Y.AbstractType ? block.parent : null
  }
  if (!block) return null
  return sectioned(fragment).find((entry) => entry.block === block)?.section ?? null
}
