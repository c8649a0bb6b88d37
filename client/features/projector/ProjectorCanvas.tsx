import { type Accessor, type Component, createEffect, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { type BoxItem, readCanvasContent } from '../../../shared/schema/index.ts'
import { createParticipants } from '../../state/createParticipants.ts'
import { Board, type BoardApi } from '../canvas/Board.tsx'
import { createDocVersion } from '../flow/docText.ts'
import { type Rect, stageFocus } from './stageFocus.ts'
import '../canvas/canvas.css'

export interface ProjectorCanvasProps {
  doc: Y.Doc
  canvasId: string
  canvasTitle: string
  /** The frame the facilitator put on the stage for this step, or null: the whole canvas. */
  frameId: Accessor<string | null>
  /** The spotlit item when it is on this canvas. */
  spotlightId: Accessor<string | null>
  /** The facilitator's size for the stage (1: fitted). */
  zoom: Accessor<number>
}

/** Room left around what is fitted, in screen pixels. */
const MARGIN = 24
/** The most a fitted view enlarges the board: one note does not fill the wall. */
const MOST = 2.5

/**
 * The step's canvas on the projector: the shared board, read-only, with no presence, always
 * fitted to what the step is about (see `stageFocus`): the spotlit item, the frame on the stage,
 * or what people wrote. Far out the board paints notes as boxes without text, so it is the
 * fitting that makes notes readable from the back of the room. It refits when the screen's size
 * changes (full screen), when what it frames grows, and when the facilitator resizes the stage.
 */
export const ProjectorCanvas: Component<ProjectorCanvasProps> = (props) => {
  const participants = createParticipants(props.doc)
  const origin = Object.freeze({ kind: 'fabrique:projector' })
  const version = createDocVersion(props.doc)
  let area!: HTMLDivElement
  let board: BoardApi | null = null
  let frame = 0

  const boxes = (): BoxItem[] => {
    version()
    try {
      return readCanvasContent(props.doc, props.canvasId).items.filter(
        (item): item is BoxItem => item.kind !== 'connector',
      )
    } catch {
      return []
    }
  }
  const fit = () => {
    frame = 0
    const size = area.querySelector('.canvas-board')?.getBoundingClientRect()
    const rect: Rect | null = stageFocus(boxes(), props.frameId(), props.spotlightId())
    if (!board || !size || !rect || size.width <= 0 || size.height <= 0) return
    const scale = Math.min(
      MOST,
      (size.width - 2 * MARGIN) / Math.max(rect.w, 1),
      (size.height - 2 * MARGIN) / Math.max(rect.h, 1),
    )
    board.setView({ x: rect.x + rect.w / 2, y: rect.y + rect.h / 2, zoom: scale * props.zoom() })
  }
  // After the board's own effects (it brings a new spotlight into view its way): ours wins.
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(fit)
  }
  createEffect(() => {
    boxes()
    props.frameId()
    props.spotlightId()
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

  return (
    <div ref={area} class="projector-canvas">
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
