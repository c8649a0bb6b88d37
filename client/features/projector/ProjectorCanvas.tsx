import { type Accessor, type Component, createEffect, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { createParticipants } from '../../state/createParticipants.ts'
import { Board, type BoardApi } from '../canvas/Board.tsx'
import { type BoardView, fitScale } from './stageFocus.ts'
import '../canvas/canvas.css'

export interface ProjectorCanvasProps {
  doc: Y.Doc
  canvasId: string
  canvasTitle: string
  /** What to fit on the board and which items to draw (`boardFocus`, `readableFrame`). */
  view: Accessor<BoardView>
  /** The spotlit item when it is on this canvas. */
  spotlightId: Accessor<string | null>
  /** The facilitator's size for the stage (1: fitted). */
  zoom: Accessor<number>
}

/**
 * The step's canvas on the projector: the shared board, read-only, with no presence, always
 * fitted to what the stage chose (`view`): the spotlit item, the frame on the stage alone while
 * its notes are readable so, or the whole canvas. It refits when the screen's size changes (full
 * screen), when what it frames changes, and when the facilitator resizes the stage.
 */
export const ProjectorCanvas: Component<ProjectorCanvasProps> = (props) => {
  const participants = createParticipants(props.doc)
  const origin = Object.freeze({ kind: 'fabrique:projector' })
  let area!: HTMLDivElement
  let board: BoardApi | null = null
  let frame = 0

  const fit = () => {
    frame = 0
    const size = area.querySelector('.canvas-board')?.getBoundingClientRect()
    const { rect } = props.view()
    if (!board || !size || !rect || size.width <= 0 || size.height <= 0) return
    const scale = fitScale(rect, { w: size.width, h: size.height }, window.innerHeight)
    board.setView({ x: rect.x + rect.w / 2, y: rect.y + rect.h / 2, zoom: scale * props.zoom() })
  }
  // After the board's own effects (it brings a new spotlight into view its way): ours wins.
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(fit)
  }
  createEffect(() => {
    props.view()
    props.zoom()
    schedule()
  })
  onMount(() => {
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule)
    resized?.observe(area)
    onCleanup(() => {
      cancelAnimationFrame(frame)
      resized?.disconnect()
    })
  })

  /** Only the items the view draws: the others (and every link) are not shown. */
  const hidden = () => {
    const only = props.view().only
    if (!only) return ''
    const shown = only.map((id) => `[data-item-id="${CSS.escape(id)}"]`).join(',')
    const others = shown ? `.canvas-item:not(${shown})` : '.canvas-item'
    return `.projector-canvas :is(${others}, .canvas-connectors, .canvas-connector-label) { visibility: hidden; }`
  }

  return (
    <div ref={area} class="projector-canvas">
      <style>{hidden()}</style>
      <Board
        doc={props.doc}
        canvasId={props.canvasId}
        canvasTitle={props.canvasTitle}
        origin={origin}
        readOnly
        spotlightId={props.spotlightId()}
        identity={{ participantId: 'projector', name: '', group: 'other' }}
        writer={{ role: 'observer', participantId: null }}
        awareness={null}
        participants={participants}
        ref={(api) => {
          board = api
          schedule()
        }}
      />
    </div>
  )
}

export default ProjectorCanvas
