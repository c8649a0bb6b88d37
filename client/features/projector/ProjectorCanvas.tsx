import type { Component } from 'solid-js'
import type * as Y from 'yjs'
import { createParticipants } from '../../state/createParticipants.ts'
import { Board } from '../canvas/Board.tsx'
import '../canvas/canvas.css'

/** The step's canvas on the projector: the shared board, read-only, with no presence. */
export const ProjectorCanvas: Component<{ doc: Y.Doc; canvasId: string; canvasTitle: string }> = (
  props,
) => {
  const participants = createParticipants(props.doc)
  const origin = Object.freeze({ kind: 'fabrique:projector' })
  return (
    <div class="projector-canvas">
      <Board
        doc={props.doc}
        canvasId={props.canvasId}
        canvasTitle={props.canvasTitle}
        origin={origin}
        readOnly
        identity={{ participantId: 'projector', name: '', group: 'other' }}
        awareness={null}
        participants={participants}
      />
    </div>
  )
}

export default ProjectorCanvas
