import { type Accessor, type Component, createSignal } from 'solid-js'
import type * as Y from 'yjs'
import type { FlowState } from '../../../shared/schema/flow.ts'
import { createParticipants } from '../../state/createParticipants.ts'
import { Board } from '../canvas/Board.tsx'
import { type CanvasNavigator, followFlow } from '../flow/canvasBridge.ts'
import '../canvas/canvas.css'

export interface ProjectorCanvasProps {
  doc: Y.Doc
  canvasId: string
  canvasTitle: string
  /** The workshop flow: the board follows "bring everyone to my view" and the spotlight. */
  flow?: Accessor<FlowState>
}

/**
 * The step's canvas on the projector: the shared board, read-only, with no presence. It opens
 * fitted to the content (and stays fitted, e.g. going full screen), until the facilitator
 * brings everyone to a view or puts an item in the spotlight on this canvas.
 */
export const ProjectorCanvas: Component<ProjectorCanvasProps> = (props) => {
  const participants = createParticipants(props.doc)
  const origin = Object.freeze({ kind: 'fabrique:projector' })
  const [spotlightId, setSpotlightId] = createSignal<string | null>(null)
  const [navigator, setNavigator] = createSignal<CanvasNavigator | null>(null)
  if (props.flow) followFlow(props.flow, navigator)
  return (
    <div class="projector-canvas">
      <Board
        doc={props.doc}
        canvasId={props.canvasId}
        canvasTitle={props.canvasTitle}
        origin={origin}
        readOnly
        fitOnMount
        spotlightId={spotlightId()}
        identity={{ participantId: 'projector', name: '', group: 'other' }}
        writer={{ role: 'observer', participantId: null }}
        awareness={null}
        participants={participants}
        ref={(api) =>
          setNavigator(() => ({
            currentView: () => ({ canvasId: props.canvasId, ...api.view() }),
            showView: (view) => {
              if (view.canvasId === props.canvasId) api.setView(view)
            },
            // The projector shows the step's canvas (ProjectorView chooses it).
            showCanvas: () => {},
            setSpotlight: (target) =>
              setSpotlightId(target?.canvasId === props.canvasId ? target.itemId : null),
          }))
        }
      />
    </div>
  )
}

export default ProjectorCanvas
