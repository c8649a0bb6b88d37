import { type Component, createSignal, lazy, Show, Suspense } from 'solid-js'
import type { DueTarget } from '../../../shared/schema/due.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { PanelTab } from './panelState.ts'
import { StepCard } from './StepCard.tsx'
import { STEP_CARD_ID } from './TopBar.tsx'
import type { WorkspaceState } from './workspaceState.ts'

// The canvas is its own chunk, loaded once the workspace is on screen.
const CanvasArea = lazy(() => import('../canvas/CanvasArea.tsx'))
// A participant's phone: what its screen shows instead of the board (the board comes on demand).
const PhoneMain = lazy(() => import('../phone/PhoneMain.tsx'))

export interface BoardOrPhoneProps {
  workspace: WorkspaceState
  /** A participant's (or an observer's) phone: the step and its action, the board on demand. */
  phone: boolean
  cardOpen: boolean
  onCloseCard: () => void
  /** Opens the side panel on a tab (the step's document or charter). */
  onOpen: (tab: PanelTab) => void
  /** Opens an action in the Plan tab, or a decision in the log (from what is due). */
  onReveal: (target: DueTarget) => void
}

/**
 * The phone/desktop switch: on a desktop, the board with the step card over its top-left; on a
 * participant's phone, the step and its action first (client/features/phone), the board on
 * demand ("Voir le tableau").
 */
export const BoardOrPhone: Component<BoardOrPhoneProps> = (props) => {
  const { t } = useI18n()
  const workspace = props.workspace
  const page = workspace.props
  // The step card lies over the board's top-left: the board shows the step beside it.
  const [card, setCard] = createSignal<HTMLElement>()
  const canvasArea = () => (
    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
      <CanvasArea
        doc={workspace.connection.doc}
        awareness={workspace.connection.awareness}
        role={page.session.role}
        identity={page.identity}
        writer={workspace.writer()}
        participants={workspace.participants}
        writable={workspace.writable()}
        ready={workspace.docKnown()}
        privateConnection={workspace.privateConnection}
        navigator={(nav) => workspace.setCanvasNavigator(() => nav)}
        cover={card}
      />
    </Suspense>
  )
  return (
    <Show
      when={props.phone}
      fallback={
        <section class="workspace-frame__board" aria-labelledby="canvas-title">
          <h2 id="canvas-title" class="visually-hidden">
            {t('workspace.board')}
          </h2>
          <StepCard
            id={STEP_CARD_ID}
            doc={workspace.connection.doc}
            flow={workspace.flow}
            open={props.cardOpen}
            takeFocus={page.joined}
            onClose={() => props.onCloseCard()}
            onOpenFocus={(tab) => props.onOpen(tab)}
            onReveal={(target) => props.onReveal(target)}
            ref={setCard}
          />
          <Show when={workspace.readOnly() && !workspace.ended()}>
            <p class="workspace-frame__read-only muted">{t('workshop.readOnly')}</p>
          </Show>
          {canvasArea()}
        </section>
      }
    >
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <PhoneMain
          doc={workspace.connection.doc}
          flow={workspace.flow}
          now={workspace.now}
          role={page.session.role}
          identity={page.identity}
          writer={workspace.writer()}
          writable={workspace.writable()}
          ready={workspace.docKnown()}
          privateConnection={workspace.privateConnection}
          artefacts={workspace.artefacts()}
          board={canvasArea}
          joined={page.joined}
          onOpen={(tab) => props.onOpen(tab)}
          onReveal={(target) => props.onReveal(target)}
        />
      </Suspense>
    </Show>
  )
}
