import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { ExportMenu } from '../../client/features/canvas/export/ExportMenu.tsx'
import { addBox, canvasMap, connect } from '../../shared/schema/index.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'
import { renderWithI18n } from './helpers.tsx'

const build = () => {
  const { doc, canvasId } = newWorkshop()
  const a = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 0, y: 0, text: '<img src=x onerror=alert(1)> & "q"', group: 'patient' },
    'test',
  )
  const b = addBox(doc, canvasId, { kind: 'shape', x: 400, y: 0, text: 'B' }, 'test')
  connect(doc, canvasId, { from: a, to: b }, 'test')
  const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
  const broken = new Y.Map<unknown>()
  broken.set('id', 'broken')
  items.set('broken', broken)
  return { doc, canvasId }
}

/** jsdom's Blob has no `text()`: read it the older way. */
const readBlob = (blob: Blob | undefined) =>
  new Promise<string>((resolve, reject) => {
    if (!blob) return reject(new Error('no blob'))
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })

let blobs: Blob[]
let revoked: string[]
let downloads: Array<{ name: string; href: string }>

beforeEach(() => {
  blobs = []
  revoked = []
  downloads = []
  let next = 0
  // jsdom has no object URLs and does not download: record both instead.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob)
    return `blob:test/${next++}`
  })
  URL.revokeObjectURL = vi.fn((url: string) => {
    revoked.push(url)
  })
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, href: this.href })
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const renderMenu = (title = 'Atelier : Été 2026') => {
  const { doc, canvasId } = build()
  return renderWithI18n(
    () => <ExportMenu doc={doc} canvasId={canvasId} canvasTitle={title} />,
    'en',
  )
}

describe('ExportMenu', () => {
  it('offers three named buttons in a named group', () => {
    renderMenu()
    expect(screen.getByRole('group', { name: 'Export the canvas' })).toBeInTheDocument()
    for (const name of ['Export SVG', 'Export PNG', 'Export JSON']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    }
  })

  it('downloads a well-formed, escaped SVG named after the canvas, warning once about malformed items', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    renderMenu()
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('atelier-ete-2026.svg')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('1 malformed')

    const svg = await readBlob(blobs[0])
    expect(blobs[0]?.type).toBe('image/svg+xml;charset=utf-8')
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml')
    expect(parsed.querySelector('parsererror')).toBeNull()
    expect(parsed.querySelector('img')).toBeNull()
    expect(parsed.querySelector('title')?.textContent).toBe('Atelier : Été 2026')
    expect(parsed.querySelector('g.note title')?.textContent).toContain(
      '<img src=x onerror=alert(1)> & "q"',
    )
    expect(parsed.querySelectorAll('line')).toHaveLength(1)
    expect(screen.getByRole('status')).toHaveTextContent('File “atelier-ete-2026.svg” downloaded.')
    await waitFor(() => expect(revoked).toContain('blob:test/0'), { timeout: 2_000 })
  })

  it('downloads the JSON export', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    renderMenu('Plan')
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('plan.json')
    const data = JSON.parse(await readBlob(blobs[0]))
    expect(data).toMatchObject({ format: 'fabrique.canvas', version: 1 })
    expect(data.items.map((item: { kind: string }) => item.kind)).toEqual([
      'note',
      'shape',
      'connector',
    ])
  })

  it("writes the JSON in the reader's language: a French template's titles and notes in English", async () => {
    const template = shippedTemplate('modeliser-intervention')
    const [canvas] = template.content.canvases
    const { doc, canvasId } = newWorkshop({ templateId: template.id, locale: 'fr' }, template)
    renderWithI18n(
      () => <ExportMenu doc={doc} canvasId={canvasId} canvasTitle={canvas?.title.en ?? ''} />,
      'en',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    const data = JSON.parse(await readBlob(blobs[0]))
    expect(data.canvas.title).toBe(canvas?.title.en)
    const texts = data.items.map((item: { text: string }) => item.text)
    expect(texts).toContain(canvas?.frames[0]?.title.en)
    expect(texts).toContain(canvas?.notes[0]?.text.en)
    expect(texts).not.toContain(canvas?.notes[0]?.text.fr)
  })

  it('renders the PNG at twice the size and frees the SVG URL', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const drawn: Array<{ width: number; height: number }> = []
    // jsdom cannot decode images nor draw: a stand-in image that loads at once, and a canvas
    // that records its size and hands back a PNG blob.
    vi.stubGlobal(
      'Image',
      class {
        onload: (() => void) | null = null
        onerror: (() => void) | null = null
        set src(_url: string) {
          queueMicrotask(() => this.onload?.())
        }
      },
    )
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
      this: HTMLCanvasElement,
    ) {
      drawn.push({ width: this.width, height: this.height })
      return { fillRect() {}, drawImage() {}, fillStyle: '' } as unknown as ReturnType<
        HTMLCanvasElement['getContext']
      >
    } as HTMLCanvasElement['getContext'])
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback) =>
      callback(new Blob(['png'], { type: 'image/png' })),
    )
    renderMenu('Plan')
    fireEvent.click(screen.getByRole('button', { name: 'Export PNG' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]?.name).toBe('plan.png')
    // note 0..160 and shape 400..560 wide, 0..160 high, plus 40 on each side; at 2×
    expect(drawn).toEqual([{ width: 2 * 640, height: 2 * 240 }])
    expect(revoked).toContain('blob:test/0') // the SVG source, revoked at once
    expect(blobs[1]?.type).toBe('image/png')
  })

  it('announces a failure and still frees the SVG URL', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.stubGlobal(
      'Image',
      class {
        onload: (() => void) | null = null
        onerror: (() => void) | null = null
        set src(_url: string) {
          queueMicrotask(() => this.onerror?.())
        }
      },
    )
    renderMenu('Plan')
    fireEvent.click(screen.getByRole('button', { name: 'Export PNG' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The export did not work: the browser could not read the SVG image',
    )
    expect(downloads).toHaveLength(0)
    expect(revoked).toEqual(['blob:test/0'])
  })
})
