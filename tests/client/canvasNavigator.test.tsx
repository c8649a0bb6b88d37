import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { createRoot, createSignal } from 'solid-js'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  type CanvasNavigator,
  type CanvasView,
  followFlow,
} from '../../client/features/flow/canvasBridge.ts'
import type { Role } from '../../shared/roles.ts'
import { bringEveryoneTo, readFlow, setSpotlight } from '../../shared/schema/flow.ts'
import { addBox, createCanvas, listCanvases } from '../../shared/schema/index.ts'
import { renderCanvasArea, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const newDoc = () => newWorkshop({ locale: 'en' }).doc

withoutCanvas2d()

const renderArea = (doc: Y.Doc, role: Role) => {
  let nav: CanvasNavigator | null = null
  renderCanvasArea(doc, {
    role,
    locale: 'en',
    navigator: (given) => {
      nav = given
    },
  })
  const navigator = () => {
    if (!nav) throw new Error('the canvas area gave no navigator')
    return nav
  }
  return { navigator }
}

/** The board's camera, read from the world layer's transform. */
const camera = () => {
  const world = document.querySelector<HTMLElement>('.canvas-world')
  const match = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(
    world?.style.transform ?? '',
  )
  if (!match) throw new Error('no camera')
  return { x: Number(match[1]), y: Number(match[2]), scale: Number(match[3]) }
}

describe('the canvas navigator (what the flow asks of the canvas)', () => {
  it('reports the current view and shows a view, a canvas and a spotlight', async () => {
    const doc = newDoc()
    const first = listCanvases(doc)[0]?.id ?? ''
    const second = createCanvas(doc, { title: 'Risks' }, 'seed')
    const note = addBox(doc, second, { kind: 'note', x: 400, y: 300, text: 'Transport' }, 'seed')
    const { navigator } = renderArea(doc, 'participant')
    await screen.findByRole('listbox')

    const view = navigator().currentView()
    expect(view?.canvasId).toBe(first)
    expect(view?.zoom).toBeGreaterThan(0)

    navigator().showCanvas(second)
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Risks' })).toHaveAttribute('aria-selected', 'true'),
    )

    // Another canvas: the tab changes, then the new board opens at that view.
    navigator().showView({ canvasId: first, x: 100, y: 50, zoom: 2 })
    await waitFor(() => expect(navigator().currentView()?.canvasId).toBe(first))
    const shown = navigator().currentView() as CanvasView
    expect(shown.zoom).toBe(2)
    expect(shown.x).toBeCloseTo(100)
    expect(shown.y).toBeCloseTo(50)
    // The same canvas: only the camera moves.
    navigator().showView({ canvasId: first, x: -40, y: 10, zoom: 0.5 })
    expect(camera().scale).toBe(0.5)
    expect(navigator().currentView()?.x).toBeCloseTo(-40)

    // The spotlight (on another canvas, nobody working here): its canvas is shown, the item
    // is named "Spotlight" and marked, and the focus stays where it was.
    const before = document.activeElement
    setSpotlight(doc, { canvasId: second, itemId: note }, 'facilitator')
    navigator().setSpotlight({ canvasId: second, itemId: note })
    const option = await screen.findByRole('option', { name: /Transport\. Spotlight/ })
    expect(option).toHaveClass('is-spotlight')
    expect(screen.getByText('Spotlight', { selector: '.canvas-spotlight-label' })).toBeVisible()
    expect(document.activeElement).toBe(before)
    setSpotlight(doc, null, 'facilitator')
    navigator().setSpotlight(null)
    await waitFor(() => expect(option).not.toHaveClass('is-spotlight'))
  })

  it('gives the facilitator a Spotlight tool on the chosen item', async () => {
    const doc = newDoc()
    const canvasId = listCanvases(doc)[0]?.id ?? ''
    const note = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Repas' }, 'seed')
    renderArea(doc, 'facilitator')
    const tool = await screen.findByRole('button', { name: 'Spotlight' })
    expect(tool).toBeDisabled()
    const option = screen.getByRole('option', { name: /Repas/ })
    fireEvent.pointerDown(option, { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.pointerUp(option, { pointerId: 1, pointerType: 'mouse', button: 0 })
    expect(tool).toBeEnabled()
    fireEvent.click(tool)
    expect(readFlow(doc).spotlight).toEqual({ canvasId, itemId: note })
    await waitFor(() => expect(tool).toHaveAttribute('aria-pressed', 'true'))
    fireEvent.click(tool)
    expect(readFlow(doc).spotlight).toBeNull()
  })

  it('has no Spotlight tool for participants', async () => {
    const doc = newDoc()
    renderArea(doc, 'participant')
    await screen.findByRole('listbox')
    expect(screen.queryByRole('button', { name: 'Spotlight' })).toBeNull()
  })
})

describe('followFlow', () => {
  it('jumps once per new "bring everyone to me", never to one there before the content was known', () => {
    const doc = newDoc()
    const canvasId = listCanvases(doc)[0]?.id ?? ''
    bringEveryoneTo(doc, { canvasId, x: 1, y: 2, zoom: 1 }, 'facilitator', 1000)
    const shown: CanvasView[] = []
    const spotlights: unknown[] = []
    const nav: CanvasNavigator = {
      currentView: () => null,
      showView: (view) => shown.push(view),
      showCanvas: () => {},
      setSpotlight: (target) => spotlights.push(target),
    }
    const { setReady, dispose } = createRoot((dispose) => {
      const [flow, setFlow] = createSignal(readFlow(doc), { equals: false })
      doc.on('update', () => setFlow(readFlow(doc)))
      const [ready, setReady] = createSignal(false)
      followFlow(flow, () => nav, ready)
      return { setReady, dispose }
    })
    // A later one arrives before the content is known, then the content is known: not new.
    bringEveryoneTo(doc, { canvasId, x: 3, y: 4, zoom: 1 }, 'facilitator', 2000)
    setReady(true)
    expect(shown).toEqual([])
    bringEveryoneTo(doc, { canvasId, x: 5, y: 6, zoom: 2 }, 'facilitator', 3000)
    expect(shown).toMatchObject([{ canvasId, x: 5, y: 6, zoom: 2, at: 3000 }])
    // Another field of the flow changes: no second jump to the same `at`.
    setSpotlight(doc, { canvasId, itemId: 'x' }, 'facilitator')
    expect(shown).toHaveLength(1)
    expect(spotlights.at(-1)).toEqual({ canvasId, itemId: 'x' })
    dispose()
  })
})
